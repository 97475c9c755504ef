import type { Redis } from "ioredis";
import type { SeenLookup, SeenStore } from "../intake/ports";
import type { Keyspace } from "../redis/keys";
import { defineScript } from "../redis/script";

/**
 * KEYS: seenGlobal, seenGlobalOrder; ARGV: now, keep, then urlKey/documentId pairs.
 * HSETNX each pair (first claim wins), remember new claims in the order ZSET, trim the oldest
 * beyond `keep`, and return the owner of every URL key.
 */
const CLAIM = defineScript(`
local owners = {}
for i = 3, #ARGV, 2 do
  if redis.call("HSETNX", KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call("ZADD", KEYS[2], ARGV[1], ARGV[i])
  end
  owners[#owners + 1] = redis.call("HGET", KEYS[1], ARGV[i])
end
local excess = redis.call("ZCARD", KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  local old = redis.call("ZPOPMIN", KEYS[2], excess)
  for i = 1, #old, 2 do redis.call("HDEL", KEYS[1], old[i]) end
end
return owners
`);

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
      const owners = (await CLAIM.run(redis, [keys.seenGlobal(), keys.seenGlobalOrder()], [at.getTime(), globalKeep, ...args])) as string[];
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
