import type { Digest } from "@corpus/model";
import type { DigestChannel } from "../channels/types";
import { channelIds } from "../config/channels";
import type { Config, SubscriberConfig } from "../config/schema";
import type { DeliveryState, DigestRecord, DigestRun } from "../delivery/state";
import type { Metrics } from "../metrics";
import type { Clock, Logger } from "../ports";
import { buildDigest, type DigestTheme } from "./build";
import type { RenderOptions } from "./format";
import { renderDigest } from "./render";

/** What running digests needs; the runtime, the `digest` command and tests each assemble one. */
export interface DigestServices {
  config: Config;
  state: DeliveryState;
  themes: readonly DigestTheme[];
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, "digestsDelivered" | "digestsFailed"> | undefined;
  /** The delivery channels of a subscriber (channels/create.ts createChannels). */
  channels(subscriber: SubscriberConfig): DigestChannel[];
  /** Lease on one channel while delivering; renewed every third of it. @default 10000 */
  leaseMs?: number;
}

/** What one run did on one channel. */
export interface ChannelOutcome {
  channel: string;
  target: string;
  /** Digests delivered, failed or found empty in this run, in order (a resumed one comes first). */
  runs: DigestRun[];
  /** Another process holds the channel's lease; try again after this many ms. */
  busyMs?: number;
  /** The failure that stopped this channel (its digest stays in flight). */
  error?: Error;
}

export interface RunOptions {
  /** Only these channel ids. @default every channel */
  channels?: readonly string[] | undefined;
  /** Re-send digests already in flight, claim nothing new (retries, restart). @default false */
  resumeOnly?: boolean | undefined;
}

export function renderOptionsFor(config: Config, subscriber: SubscriberConfig): RenderOptions {
  return {
    subscriberName: subscriber.name,
    timeZone: subscriber.timezone,
    feedNames: Object.fromEntries(config.feeds.map((f) => [f.id, f.name ?? f.id])),
  };
}

function digestFor(services: DigestServices, subscriber: SubscriberConfig, record: DigestRecord): Digest {
  return buildDigest({
    id: record.id,
    subscriber: subscriber.id,
    channel: record.channel,
    createdAt: record.createdAt,
    alerts: record.alerts,
    themes: services.themes,
    follows: subscriber.themes,
    minScore: subscriber.minScore,
    remaining: record.remaining,
  });
}

/** Keeps the lease alive while `work` runs. */
async function withLease<T>(services: DigestServices, subscriber: string, channel: string, work: () => Promise<T>): Promise<T | { busyMs: number }> {
  const ttl = services.leaseMs ?? 10_000;
  const lease = await services.state.lease(subscriber, channel, ttl);
  if ("busyMs" in lease) return lease;
  const timer = setInterval(() => {
    lease.extend().then(
      (ok) => ok || services.logger.warn({ subscriber, channel }, "digest lease lost while delivering"),
      (err: unknown) => services.logger.warn({ subscriber, channel, err }, "digest lease not renewed"),
    );
  }, Math.max(100, Math.floor(ttl / 3)));
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await lease.release().catch((err: unknown) => services.logger.warn({ subscriber, channel, err }, "digest lease not released"));
  }
}

/**
 * One run on one channel: re-send the in-flight digest if there is one; then (unless resumeOnly)
 * claim what is pending into a new digest and send it. A failure keeps the digest in flight and
 * stops this channel; other channels are unaffected.
 */
export async function runChannel(services: DigestServices, subscriber: SubscriberConfig, channel: DigestChannel, options: RunOptions = {}): Promise<ChannelOutcome> {
  const { config, state, clock, metrics } = services;
  const log = services.logger.child({ subscriber: subscriber.id, channel: channel.id });
  const outcome: ChannelOutcome = { channel: channel.id, target: channel.describe(), runs: [] };
  const allChannels = channelIds(subscriber.channels);
  const maxItems = subscriber.maxItems ?? config.digest.maxItems;
  const sendEmpty = subscriber.sendEmpty ?? config.digest.sendEmpty;

  const leased = await withLease(services, subscriber.id, channel.id, async () => {
    for (let round = 0; round < 2; round++) {
      const started = clock.now();
      const existing = await state.inflight(subscriber.id, channel.id);
      if (options.resumeOnly && !existing) return;
      const claim = existing ? { kind: "resumed" as const, record: existing } : await state.claim(subscriber.id, channel.id, { now: started, maxItems, sendEmpty });
      if (claim.kind === "empty") {
        if (round === 0) {
          const run: DigestRun = { at: started.toISOString(), subscriber: subscriber.id, channel: channel.id, outcome: "empty", items: 0, remaining: 0, durationMs: 0 };
          await state.recordRun(run);
          outcome.runs.push(run);
        }
        return;
      }
      const { record } = claim;
      const resumed = claim.kind === "resumed";
      const base = { subscriber: subscriber.id, channel: channel.id, digestId: record.id, remaining: record.remaining, resumed };
      let items = record.alertIds.length;
      try {
        const built = digestFor(services, subscriber, record);
        const prepared = await state.prepare(record, JSON.stringify(built));
        if (!prepared) continue; // completed by someone else meanwhile: nothing to re-send
        const digest = JSON.parse(prepared.digest) as Digest;
        items = digest.counts.items;
        const rendered = renderDigest(digest, renderOptionsFor(config, subscriber));
        log.info({ digestId: record.id, items, attempt: prepared.attempt, resumed }, "sending digest");
        const receipt = await channel.send(rendered);
        const run: DigestRun = { ...base, at: clock.now().toISOString(), outcome: "delivered", items, attempt: prepared.attempt, durationMs: clock.now().getTime() - started.getTime(), where: receipt.where };
        await state.complete(record, allChannels, run);
        metrics?.digestsDelivered.inc({ subscriber: subscriber.id, channel: channel.id });
        log.info({ digestId: record.id, items, where: receipt.where }, "digest delivered");
        outcome.runs.push(run);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        const run: DigestRun = { ...base, at: clock.now().toISOString(), outcome: "failed", items, durationMs: clock.now().getTime() - started.getTime(), error: error.message };
        await state.recordRun(run).catch((e: unknown) => log.error({ err: e }, "digest run not recorded"));
        metrics?.digestsFailed.inc({ subscriber: subscriber.id, channel: channel.id });
        log.warn({ digestId: record.id, err: error.message }, "digest delivery failed; it stays in flight and is re-sent with the same id");
        outcome.runs.push(run);
        outcome.error = error;
        return;
      }
      if (!resumed || options.resumeOnly) return;
    }
  });
  if (leased && typeof leased === "object" && "busyMs" in leased) outcome.busyMs = leased.busyMs;
  return outcome;
}

/** Runs every (or the chosen) channel of one subscriber, independently and concurrently. */
export async function runSubscriber(services: DigestServices, subscriberId: string, options: RunOptions = {}): Promise<ChannelOutcome[]> {
  const subscriber = services.config.subscribers.find((s) => s.id === subscriberId);
  if (!subscriber) throw new Error(`[corpus-watcher] [digest] no subscriber "${subscriberId}" in the config`);
  const channels = services.channels(subscriber).filter((c) => !options.channels || options.channels.includes(c.id));
  return Promise.all(channels.map((channel) => runChannel(services, subscriber, channel, options)));
}
