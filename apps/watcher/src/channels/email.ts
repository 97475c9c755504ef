import { createTransport } from "nodemailer";
import type { RenderedDigest } from "../digest/render";
import { ChannelError, type DigestChannel } from "./types";

/** Used when neither the channel's `from` nor SMTP_FROM is set. */
export const DEFAULT_FROM = "corpus watcher <corpus-watcher@localhost>";

/** The Message-ID of a digest: derived from its id, so every retry carries the same one. */
export function digestMessageId(digestId: string): string {
  return `<${digestId}@corpus.local>`;
}

export interface EmailChannelOptions {
  id: string;
  to: string | string[];
  /** channel.from, else SMTP_FROM, else {@link DEFAULT_FROM}. */
  from?: string | undefined;
  unsubscribeUrl?: string | undefined;
  /** SMTP_URL, e.g. smtp://user:pass@host:587 or smtps://...; undefined fails every send, permanently. */
  smtpUrl: string | undefined;
  /** Connection, greeting and socket timeout. */
  timeoutMs: number;
}

/** Error codes from nodemailer that a later attempt cannot fix (configuration problems). */
const PERMANENT_CODES = new Set(["EAUTH", "EENVELOPE", "EMESSAGE", "ECONFIG"]);

function isPermanent(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  if (e.code && PERMANENT_CODES.has(e.code)) return true;
  // 5xx replies are permanent SMTP failures (RFC 5321 4.2.1), 4xx transient.
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

/** Where a URL's secrets (password) must not go: logs and error messages. */
function redact(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    if (url.password) url.password = "***";
    return url.href;
  } catch {
    return "(unparseable SMTP_URL)";
  }
}

/**
 * Sends the digest as multipart/alternative (text + HTML) through SMTP. Message-ID and Date come
 * from the digest, so a re-send after a failure or crash is the same message to the mail client.
 */
export function createEmailChannel(options: EmailChannelOptions): DigestChannel {
  const to = Array.isArray(options.to) ? options.to : [options.to];
  return {
    id: options.id,
    type: "email",
    describe: () => `email ${to.join(", ")}`,
    async send(rendered: RenderedDigest) {
      if (!options.smtpUrl) throw new ChannelError(options.id, "SMTP_URL is not set (e.g. smtp://user:pass@mail.example.org:587); cannot send e-mail", false);
      const transport = createTransport({
        url: options.smtpUrl,
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      try {
        await transport.sendMail({
          from: options.from ?? DEFAULT_FROM,
          to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: digestMessageId(rendered.digest.id),
          date: new Date(rendered.digest.createdAt),
          headers: { "X-Corpus-Digest-Id": rendered.digest.id },
          ...(options.unsubscribeUrl ? { list: { unsubscribe: options.unsubscribeUrl } } : {}),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new ChannelError(options.id, `sending to ${to.join(", ")} via ${redact(options.smtpUrl)} failed: ${message}`, !isPermanent(err), { cause: err });
      } finally {
        transport.close();
      }
      return { where: to.map((address) => `mailto:${address}`) };
    },
  };
}
