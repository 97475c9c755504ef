/**
 * Durable delivery state per (subscriber, channel), on top of the alert store's layout
 * (alerts/redis-alert-store.ts). Keys (redis/keys.ts, all under the configured prefix):
 *
 * - `pending(sub, ch)`   ZSET  alert ids waiting for a digest on this channel (written by AlertStore.record).
 * - `inflight(sub, ch)`  STRING the id of the digest this channel is delivering; set by the claim,
 *                              deleted by the completion. While it exists, every run re-sends it.
 * - `digest(id)`         HASH  the frozen digest: id, subscriber, channel, createdAt, alertIds,
 *                              alerts (JSON snapshot), remaining, attempts, digest (built JSON, set once).
 * - `delivered(sub)`     ZSET  alert id -> time it was last delivered (bounded by `deliveredRetention`).
 * - `alerts(sub)`        HASH  alert JSON; an alert is deleted once no channel has it pending or in flight.
 * - `digestRuns(sub)`    LIST  run records, newest first, capped at `retention.digestRuns`.
 * - `inflight(sub, ch):lock` STRING a short lease (token, PX) so two processes never deliver the same
 *                              channel at once; renewed while delivering.
 *
 * State machine per channel: idle --claim--> in flight(id) --send ok + complete--> idle
 *                                              in flight(id) --send fails--> in flight(id) (kept; re-sent with the same id)
 * A crash anywhere leaves either "idle" (nothing claimed) or "in flight(id)", both of which the next
 * run handles; no step moves an alert anywhere but from pending into exactly one digest.
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { AlertSchema, type Alert } from "@corpus/model";
import { digestId } from "../digest/id";
import type { Keyspace } from "../redis/keys";
import { APPEND_RUN, CLAIM, COMPLETE, EXTEND_LOCK, FREEZE, RELEASE_LOCK } from "./scripts";

/** A digest claimed for one channel, as stored in Redis (frozen: re-sends use exactly this). */
export interface DigestRecord {
  id: string;
  subscriber: string;
  channel: string;
  createdAt: Date;
  alertIds: string[];
  alerts: Alert[];
  remaining: number;
  /** Send attempts so far, including the current one once prepared. */
  attempts: number;
  /** The built Digest JSON, once frozen. */
  digest?: string;
}

export type ClaimResult = { kind: "empty" } | { kind: "claimed" | "resumed"; record: DigestRecord };

/** One digest run on one channel, as kept in `digestRuns(sub)` and shown by `status`. */
export interface DigestRun {
  at: string;
  subscriber: string;
  channel: string;
  outcome: "delivered" | "failed" | "empty";
  digestId?: string;
  items: number;
  remaining: number;
  durationMs: number;
  attempt?: number;
  resumed?: boolean;
  where?: string[];
  error?: string;
}

export interface DeliveryStateOptions {
  redis: Redis;
  keys: Keyspace;
  /** Run records kept per subscriber (retention.digestRuns). */
  runsToKeep: number;
  /** Delivered alert ids kept per subscriber (0 = unbounded). @default 100000 */
  deliveredToKeep?: number;
}

export interface ClaimOptions {
  now: Date;
  maxItems: number;
  sendEmpty: boolean;
  /** Random by default; tests pass one to predict the id. */
  nonce?: string;
}

export interface Lease {
  /** Extends the lease; false when it was lost (expired and taken). */
  extend(): Promise<boolean>;
  release(): Promise<void>;
}

function parseRecord(hash: Record<string, string>): DigestRecord | undefined {
  if (!hash.id || !hash.subscriber || !hash.channel || !hash.createdAt) return undefined;
  const alerts = (JSON.parse(hash.alerts ?? "[]") as unknown[]).map((a) => AlertSchema.parse(a));
  return {
    id: hash.id,
    subscriber: hash.subscriber,
    channel: hash.channel,
    createdAt: new Date(hash.createdAt),
    alertIds: hash.alertIds ? hash.alertIds.split("\n") : [],
    alerts,
    remaining: Number(hash.remaining ?? 0),
    attempts: Number(hash.attempts ?? 0),
    ...(hash.digest ? { digest: hash.digest } : {}),
  };
}

export function createDeliveryState(options: DeliveryStateOptions) {
  const { redis, keys } = options;
  const deliveredToKeep = options.deliveredToKeep ?? 100_000;
  const lockKey = (sub: string, ch: string) => `${keys.inflight(sub, ch)}:lock`;

  async function load(id: string): Promise<DigestRecord | undefined> {
    return parseRecord(await redis.hgetall(keys.digest(id)));
  }

  return {
    /** The channel's in-flight digest, if any. */
    async inflight(subscriber: string, channel: string): Promise<DigestRecord | undefined> {
      const id = await redis.get(keys.inflight(subscriber, channel));
      return id ? load(id) : undefined;
    },

    /** Resumes the in-flight digest or claims pending alerts into a new one (one Lua script). */
    async claim(subscriber: string, channel: string, opts: ClaimOptions): Promise<ClaimResult> {
      const nonce = opts.nonce ?? randomBytes(8).toString("hex");
      const id = digestId({ subscriber, channel, createdAt: opts.now, nonce });
      const [kind, actual] = (await CLAIM.run(
        redis,
        [keys.inflight(subscriber, channel), keys.pending(subscriber, channel), keys.alerts(subscriber), keys.digest(id)],
        [id, opts.now.toISOString(), Math.max(1, opts.maxItems), opts.sendEmpty ? "1" : "0", subscriber, channel],
      )) as [string, string];
      if (kind === "empty") return { kind: "empty" };
      const record = await load(actual);
      if (!record) throw new Error(`[corpus-watcher] [delivery] ${subscriber}/${channel}: in-flight digest ${actual} has no record`);
      return { kind: kind === "resumed" ? "resumed" : "claimed", record };
    },

    /**
     * Stores the built digest JSON the first time (later calls get the stored one back, so every
     * re-send is byte-identical) and counts the attempt. Undefined when the digest was completed meanwhile.
     */
    async prepare(record: DigestRecord, digestJson: string): Promise<{ digest: string; attempt: number } | undefined> {
      const stored = (await FREEZE.run(redis, [keys.digest(record.id)], [digestJson])) as string | null;
      if (stored === null) return undefined;
      const attempt = Number(await redis.hget(keys.digest(record.id), "attempts"));
      return { digest: stored, attempt };
    },

    /**
     * Marks the digest delivered on its channel (one Lua script). `channels` lists every channel id
     * of the subscriber, so alerts still waiting elsewhere are kept. Returns false when the digest
     * was not in flight any more (completed already).
     */
    async complete(record: DigestRecord, channels: readonly string[], run: DigestRun): Promise<boolean> {
      const { subscriber, channel } = record;
      const others = channels.filter((c) => c !== channel);
      for (let attempt = 0; attempt < 10; attempt++) {
        const expected = await Promise.all(others.map(async (c) => (await redis.get(keys.inflight(subscriber, c))) ?? ""));
        const docKeys = record.alertIds.map((id) => {
          const alert = record.alerts.find((a) => a.id === id);
          return keys.alertsByDocument(alert?.documentId ?? `missing-${id}`);
        });
        const otherKeys = others.flatMap((c, j) => [keys.pending(subscriber, c), keys.inflight(subscriber, c), keys.digest(expected[j] || "none")]);
        const result = Number(
          await COMPLETE.run(
            redis,
            [keys.inflight(subscriber, channel), keys.digest(record.id), keys.delivered(subscriber), keys.alerts(subscriber), keys.digestRuns(subscriber), ...docKeys, ...otherKeys],
            [record.id, Date.parse(run.at), JSON.stringify(run), options.runsToKeep, deliveredToKeep, record.alertIds.length, others.length, subscriber, ...expected, ...record.alertIds],
          ),
        );
        if (result !== -1) return result === 1;
      }
      throw new Error(`[corpus-watcher] [delivery] ${subscriber}/${channel}: other channels kept changing; digest ${record.id} stays in flight`);
    },

    /** Appends a run record (failed or empty runs; delivered runs are appended by complete()). */
    async recordRun(run: DigestRun): Promise<void> {
      await APPEND_RUN.run(redis, [keys.digestRuns(run.subscriber)], [JSON.stringify(run), options.runsToKeep]);
    },

    /** The newest runs of a subscriber, newest first. */
    async runs(subscriber: string, limit = 10): Promise<DigestRun[]> {
      const items = await redis.lrange(keys.digestRuns(subscriber), 0, limit - 1);
      return items.map((json) => JSON.parse(json) as DigestRun);
    },

    /** Takes the channel's delivery lease, or returns the milliseconds until it frees up. */
    async lease(subscriber: string, channel: string, ttlMs: number): Promise<Lease | { busyMs: number }> {
      const key = lockKey(subscriber, channel);
      const token = randomBytes(12).toString("hex");
      const ok = await redis.set(key, token, "PX", ttlMs, "NX");
      if (ok !== "OK") return { busyMs: Math.max(0, await redis.pttl(key)) };
      return {
        extend: async () => Number(await EXTEND_LOCK.run(redis, [key], [token, ttlMs])) === 1,
        release: async () => void (await RELEASE_LOCK.run(redis, [key], [token])),
      };
    },
  };
}
export type DeliveryState = ReturnType<typeof createDeliveryState>;
