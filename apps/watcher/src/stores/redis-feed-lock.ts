import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { FeedLock } from "../intake/ports";
import type { Keyspace } from "../redis/keys";
import { defineScript } from "../redis/script";

const RELEASE = defineScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0
`);

/** `keys.feedLock(feed)`: SET NX PX with a random token; released only by its holder. */
export function createRedisFeedLock({ redis, keys }: { redis: Redis; keys: Keyspace }): FeedLock {
  return {
    async acquire(feedId, ttlMs) {
      const token = randomUUID();
      const ok = await redis.set(keys.feedLock(feedId), token, "PX", Math.max(1, Math.round(ttlMs)), "NX");
      if (ok !== "OK") return undefined;
      return async () => {
        await RELEASE.run(redis, [keys.feedLock(feedId)], [token]);
      };
    },
  };
}
