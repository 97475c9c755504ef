import { describeAlertStore } from "../apps/watcher/src/alerts/alert-store.suite";
import { createRedisAlertStore } from "../apps/watcher/src/alerts/redis-alert-store";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { listKeys, openTestRedis } from "./helpers/redis";
import { expect } from "vitest";

// The same suite as the in-memory store, against the real Redis; the harness plays the digest
// stage's moves with plain commands on the documented layout.
for (const hashTag of [false, true]) {
  describeAlertStore(`redis${hashTag ? " (hash-tag prefix)" : ""}`, async () => {
    const t = await openTestRedis({ prefix: hashTag ? `{t-${Math.random().toString(16).slice(2, 10)}}` : undefined });
    const keys = keyspace(t.prefix);
    const store = createRedisAlertStore({ redis: t.redis, keys });
    return {
      store,
      async take(subscriber, channel, id) {
        await t.redis.zrem(keys.pending(subscriber, channel), id);
        await t.redis.zadd(keys.inflight(subscriber, channel), Date.now(), id);
      },
      async markDelivered(subscriber, id) {
        const pending = await listKeys(t.redis, keys.pending(subscriber, "").slice(0, -1));
        for (const key of pending) await t.redis.zrem(key, id);
        await t.redis.zadd(keys.delivered(subscriber), Date.now(), id);
        await t.redis.hdel(keys.alerts(subscriber), id);
      },
      async close() {
        // Everything the store wrote is under the prefix.
        for (const key of await listKeys(t.redis, t.prefix)) expect(key.startsWith(`${t.prefix}:w:`)).toBe(true);
        await t.close();
      },
    };
  });
}
