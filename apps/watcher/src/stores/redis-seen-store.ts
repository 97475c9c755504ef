import type { Redis } from "ioredis";
import type { SeenLookup, SeenStore } from "../intake/ports";
import type { Keyspace } from "../redis/keys";
import { BOUNDED_HSETNX } from "../redis/bounded-hash";

export interface RedisSeenStoreOptions {
  redis: Redis;
  keys: Keyspace;
  /** How many canonical-URL keys to remember across feeds (retention.seenGlobal). */
  globalKeep: number;
}

/**
 * Seen-sets bounded by count, not TTL: `keys.seenFeed(feed)` is a ZSET of item keys scored by
 * first-seen time (ms), trimmed to the newest `keep`; `keys.seenGlobal()` maps canonical-URL keys
 * to the document id that first carried them, ordered by `keys.seenGlobalOrder()`.
 */
export function createRedisSeenStore({ redis, keys, globalKeep }: RedisSeenStoreOptions): SeenStore {
  return {
    async lookup(feedId, items) {
      if (items.length === 0) return [];
      const withUrl = items.filter((i) => i.urlKey !== undefined).map((i) => i.urlKey as string);
      const [scores, owners] = await Promise.all([
        redis.zmscore(keys.seenFeed(feedId), ...items.map((i) => i.key)),
        withUrl.length > 0 ? redis.hmget(keys.seenGlobal(), ...withUrl) : Promise.resolve([] as (string | null)[]),
      ]);
      let u = 0;
      return items.map((item, i): SeenLookup => {
        const owner = item.urlKey === undefined ? null : owners[u++];
        return { seen: scores[i] !== null, ...(owner ? { urlOwner: owner } : {}) };
      });
    },

    async claimUrls(entries, at) {
      if (entries.length === 0) return [];
      const args = entries.flatMap((e) => [e.urlKey, e.documentId]);
      const owners = (await BOUNDED_HSETNX.run(redis, [keys.seenGlobal(), keys.seenGlobalOrder()], [at.getTime(), globalKeep, ...args])) as string[];
      return owners;
    },

    async markSeen(feedId, itemKeys, at, keep) {
      if (itemKeys.length === 0) return;
      const key = keys.seenFeed(feedId);
      const score = at.getTime();
      await redis
        .multi()
        .zadd(key, "NX", ...itemKeys.flatMap((k) => [score, k]))
        .zremrangebyrank(key, 0, -(keep + 1))
        .exec();
    },
  };
}
