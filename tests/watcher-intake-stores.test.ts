import { describeStores } from "../apps/watcher/src/stores/stores.suite";
import { createRedisDocumentStore } from "../apps/watcher/src/stores/redis-document-store";
import { createRedisFeedLock } from "../apps/watcher/src/stores/redis-feed-lock";
import { createRedisFeedStateStore } from "../apps/watcher/src/stores/redis-feed-state";
import { createRedisSeenStore } from "../apps/watcher/src/stores/redis-seen-store";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { openTestRedis } from "./helpers/redis";

describeStores("redis", async () => {
  const t = await openTestRedis();
  const keys = keyspace(t.prefix);
  return {
    seen: createRedisSeenStore({ redis: t.redis, keys, globalKeep: 3 }),
    states: createRedisFeedStateStore({ redis: t.redis, keys }),
    documents: createRedisDocumentStore({ redis: t.redis, keys, keep: 3 }),
    lock: createRedisFeedLock({ redis: t.redis, keys }),
    close: () => t.close(),
  };
});
