import type { Redis } from "ioredis";
import type { FeedState, FeedStateStore } from "../intake/ports";
import type { Keyspace } from "../redis/keys";

const NUMBERS = new Set<keyof FeedState>(["consecutiveFailures", "itemCount", "lastNewItems"]);
const BOOLEANS = new Set<keyof FeedState>(["initialized"]);

/** A HASH field back to its typed value. */
function decode(hash: Record<string, string>): FeedState {
  const state: Record<string, unknown> = { initialized: false, identity: "guid", consecutiveFailures: 0, itemCount: 0 };
  for (const [field, value] of Object.entries(hash)) {
    const name = field as keyof FeedState;
    if (NUMBERS.has(name)) state[field] = Number(value);
    else if (BOOLEANS.has(name)) state[field] = value === "1";
    else state[field] = value;
  }
  return state as unknown as FeedState;
}

/** Reads the raw HASH (for status, which lists feeds no longer configured too). */
export function decodeFeedState(hash: Record<string, string>): FeedState {
  return decode(hash);
}

/** Per-feed health in `keys.feedState(feed)`: one HASH, one field per FeedState property. */
export function createRedisFeedStateStore({ redis, keys }: { redis: Redis; keys: Keyspace }): FeedStateStore {
  return {
    async get(feedId) {
      return decode(await redis.hgetall(keys.feedState(feedId)));
    },
    async update(feedId, patch) {
      const set: string[] = [];
      const remove: string[] = [];
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) remove.push(field);
        else set.push(field, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
      }
      const tx = redis.multi();
      if (set.length > 0) tx.hset(keys.feedState(feedId), ...set);
      if (remove.length > 0) tx.hdel(keys.feedState(feedId), ...remove);
      await tx.exec();
    },
  };
}
