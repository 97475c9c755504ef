/**
 * Redis helpers for integration tests. The Redis at REDIS_URL (default redis://127.0.0.1:6379) is
 * shared with other engineers' tests: every test works under its own random prefix and deletes
 * exactly the keys under it (SCAN + DEL), never FLUSHALL/FLUSHDB.
 *
 * @example
 * const t = await openTestRedis();      // t.prefix is e.g. "t-3f2a9c1b"
 * const keys = keyspace(t.prefix);      // the watcher's keyspace under that prefix
 * ...
 * await t.close();                      // deletes every key under t.prefix and disconnects
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A fresh prefix such as "t-3f2a9c1b"; pass `hashTag` for a Redis Cluster style "{t-…}". */
export function randomPrefix(hashTag = false): string {
  const prefix = `t-${randomBytes(4).toString("hex")}`;
  return hashTag ? `{${prefix}}` : prefix;
}

/** Deletes every key that starts with `${prefix}:` (and returns how many). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}:*`;
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** Every key under the prefix (for assertions about what a test left behind). */
export async function listKeys(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== "0");
  return out.sort();
}

export interface TestRedis {
  redis: Redis;
  prefix: string;
  url: string;
  /** Deletes the prefix's keys and disconnects; safe to call twice. */
  close(): Promise<void>;
}

export async function openTestRedis(options: { prefix?: string } = {}): Promise<TestRedis> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const prefix = options.prefix ?? randomPrefix();
  let closed = false;
  return {
    redis,
    prefix,
    url: TEST_REDIS_URL,
    async close() {
      if (closed) return;
      closed = true;
      await deleteKeys(redis, prefix);
      redis.disconnect();
    },
  };
}
