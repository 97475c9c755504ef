import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script run with EVALSHA, loaded on first use or after a Redis restart (NOSCRIPT). */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

export function defineScript(lua: string): LuaScript {
  const sha = createHash("sha1").update(lua).digest("hex");
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
