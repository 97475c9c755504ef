import type { RenderedDigest } from "../digest/render";

/** Where a delivered digest went: file paths, a webhook URL, e-mail recipients. */
export interface DeliveryReceipt {
  where: string[];
}

/**
 * One delivery channel of one subscriber. `send` either delivers the whole digest or throws
 * ChannelError; it may be called again with the same digest (same id) after a failure or a crash,
 * and each channel makes that safe: files are overwritten atomically, webhook receivers and mail
 * clients deduplicate by the digest id / Message-ID.
 */
export interface DigestChannel {
  /** The channel id (config/channels.ts channelId), which keys its delivery state. */
  id: string;
  type: "file" | "webhook" | "email";
  /** Human-readable target ("file ./digests/analyst", "webhook https://...", "email a@b"). */
  describe(): string;
  send(rendered: RenderedDigest): Promise<DeliveryReceipt>;
}

/**
 * Delivering on a channel failed. `retryable` false means retrying cannot help until the
 * configuration or the environment changes (missing secret, refused address, 4xx): the digest stays
 * in flight and is re-sent on the next run, but BullMQ stops retrying this job.
 */
export class ChannelError extends Error {
  override name = "ChannelError";
  constructor(
    readonly channel: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`[corpus-watcher] [${channel}] ${message}`, options);
  }
}

/** Waits `ms` milliseconds; injected so retry tests never wait for real clocks. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
