/**
 * AlertStore on Redis.
 *
 * Layout (every key under the configured prefix, see redis/keys.ts; with Redis Cluster the prefix
 * is a hash tag, so all of them share one slot and the scripts below may touch several):
 *
 * - `keys.alerts(sub)`            HASH  alertId -> Alert JSON. Written by record(); the `sources` of an
 *                                       undelivered alert grow through addSource(). The digest stage
 *                                       deletes the field once the alert is delivered on every channel.
 * - `keys.pending(sub, channel)`  ZSET  alertId scored by `createdAt` (ms). record() adds the alert to
 *                                       the pending ZSET of every channel of the subscriber; the digest
 *                                       stage moves ids out of it when a digest takes them.
 * - `keys.delivered(sub)`         ZSET  alertId -> delivery time (ms). Written and trimmed (to
 *                                       `retention.delivered`) by the digest stage. record() treats an id
 *                                       found here as existing, so an item re-processed after its
 *                                       alert was delivered and deleted is never alerted again.
 * - `keys.alertsByDocument(doc)`  HASH  `<sub>/<alertId>` -> JSON array of the channel ids the alert
 *                                       was queued on. addSource() reads it to find a document's
 *                                       alerts. Entries whose alert is gone are removed lazily by
 *                                       addSource(); the digest stage may HDEL the entry when it
 *                                       deletes the alert. The key expires ALERT_INDEX_TTL_S after the
 *                                       last record() as a safety net (it is an index, not state).
 *
 * Atomicity: record() is one Lua script (check-and-write of all keys), so a crash leaves either
 * nothing or everything. addSource() is a compare-and-set per alert (Lua), retried when the alert
 * changed in between, and only changes an alert that is not delivered and still pending on at
 * least one channel ("no digest has taken it yet" on that channel).
 */
import type { Redis } from "ioredis";
import { AlertSchema, type Alert } from "@corpus/model";
import type { AlertStore } from "../ports";
import type { Keyspace } from "../redis/keys";
import { defineScript } from "../redis/script";

/** 90 days: an alert still undelivered after that no longer gains sources. */
export const ALERT_INDEX_TTL_S = 90 * 86_400;

/** KEYS: alerts, delivered, byDocument, pending...; ARGV: id, json, score, indexField, channelsJson, ttl. */
const RECORD = defineScript(`
if redis.call("HEXISTS", KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call("ZSCORE", KEYS[2], ARGV[1]) then return 0 end
redis.call("HSET", KEYS[1], ARGV[1], ARGV[2])
for i = 4, #KEYS do redis.call("ZADD", KEYS[i], ARGV[3], ARGV[1]) end
redis.call("HSET", KEYS[3], ARGV[4], ARGV[5])
redis.call("EXPIRE", KEYS[3], ARGV[6])
return 1
`);

/**
 * KEYS: alerts, delivered, pending...; ARGV: id, expected json, new json.
 * Returns 1 changed, 0 not eligible (delivered or taken everywhere), -1 gone, -2 changed meanwhile.
 */
const REPLACE_IF_PENDING = defineScript(`
local current = redis.call("HGET", KEYS[1], ARGV[1])
if not current then return -1 end
if current ~= ARGV[2] then return -2 end
if redis.call("ZSCORE", KEYS[2], ARGV[1]) then return 0 end
for i = 3, #KEYS do
  if redis.call("ZSCORE", KEYS[i], ARGV[1]) then
    redis.call("HSET", KEYS[1], ARGV[1], ARGV[3])
    return 1
  end
end
return 0
`);

const MAX_CAS_ATTEMPTS = 10;

export interface RedisAlertStoreOptions {
  redis: Redis;
  keys: Keyspace;
}

function parseIndexEntry(field: string, value: string): { subscriber: string; id: string; channels: string[] } | undefined {
  const slash = field.indexOf("/");
  if (slash <= 0) return undefined;
  let channels: unknown;
  try {
    channels = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(channels)) return undefined;
  return { subscriber: field.slice(0, slash), id: field.slice(slash + 1), channels: channels.map(String) };
}

export function createRedisAlertStore({ redis, keys }: RedisAlertStoreOptions): AlertStore {
  async function addSourceTo(subscriber: string, id: string, channels: string[], feedId: string): Promise<number | "gone"> {
    const scriptKeys = [keys.alerts(subscriber), keys.delivered(subscriber), ...channels.map((c) => keys.pending(subscriber, c))];
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const json = await redis.hget(keys.alerts(subscriber), id);
      if (json === null) return "gone";
      const alert = AlertSchema.parse(JSON.parse(json));
      if (alert.sources.includes(feedId)) return 0;
      const updated = JSON.stringify({ ...alert, sources: [...alert.sources, feedId] });
      const result = Number(await REPLACE_IF_PENDING.run(redis, scriptKeys, [id, json, updated]));
      if (result === -1) return "gone";
      if (result !== -2) return result;
    }
    throw new Error(`[corpus-watcher] [alerts] alert ${subscriber}/${id} kept changing; source ${feedId} not added`);
  }

  return {
    async record(alert, channels) {
      const valid = AlertSchema.parse(alert);
      const created = await RECORD.run(
        redis,
        [keys.alerts(valid.subscriber), keys.delivered(valid.subscriber), keys.alertsByDocument(valid.documentId), ...channels.map((c) => keys.pending(valid.subscriber, c))],
        [valid.id, JSON.stringify(valid), Date.parse(valid.createdAt), `${valid.subscriber}/${valid.id}`, JSON.stringify(channels), ALERT_INDEX_TTL_S],
      );
      return Number(created) === 1 ? "created" : "exists";
    },

    async addSource(documentId, feedId) {
      const index = keys.alertsByDocument(documentId);
      const entries = await redis.hgetall(index);
      let changed = 0;
      for (const [field, value] of Object.entries(entries)) {
        const entry = parseIndexEntry(field, value);
        const result = entry === undefined ? "gone" : await addSourceTo(entry.subscriber, entry.id, entry.channels, feedId);
        if (result === "gone") await redis.hdel(index, field);
        else changed += result;
      }
      return changed;
    },

    async pending(subscriber, channel, limit = 1000) {
      const ids = await redis.zrange(keys.pending(subscriber, channel), 0, Math.max(0, limit) - 1);
      if (ids.length === 0 || limit <= 0) return [];
      const values = await redis.hmget(keys.alerts(subscriber), ...ids);
      const alerts: Alert[] = [];
      for (const value of values) if (value !== null) alerts.push(AlertSchema.parse(JSON.parse(value)));
      return alerts;
    },

    countPending(subscriber, channel) {
      return redis.zcard(keys.pending(subscriber, channel));
    },
  };
}
