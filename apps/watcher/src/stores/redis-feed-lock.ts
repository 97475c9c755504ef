import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { FeedLock } from "../intake/ports";
import type { Keyspace } from "../redis/keys";
import { defineScript } from "../redis/script";

const RELEASE = defineScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0
`);

const RENEW = defineScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0
`);

/**
 * `keys.feedLock(feed)`: SET NX PX with a random token, renewed every third of its TTL while held
 * and released only by its holder. A process killed mid-poll leaves the lock to expire after the
 * TTL, so keep the TTL short (the renewal covers long polls).
 */
export function createRedisFeedLock({ redis, keys }: { redis: Redis; keys: Keyspace }): FeedLock {
  return {
    async acquire(feedId, ttlMs) {
      const key = keys.feedLock(feedId);
      const token = randomUUID();
      const ttl = Math.max(1, Math.round(ttlMs));
      const ok = await redis.set(key, token, "PX", ttl, "NX");
      if (ok !== "OK") return undefined;
      const renew = setInterval(() => {
        RENEW.run(redis, [key], [token, ttl]).catch(() => undefined);
      }, Math.max(1, Math.floor(ttl / 3)));
      renew.unref();
      let released: Promise<void> | undefined;
      return () => {
        released ??= (async () => {
          clearInterval(renew);
          await RELEASE.run(redis, [key], [token]);
        })();
        return released;
      };
    },
  };
}
