import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** A function that gives a slot back; calling it more than once is harmless. */
export type ReleaseSlot = () => Promise<void>;

/**
 * Limits concurrent requests per host. `acquire` resolves with a release function once a slot is
 * free, and rejects with the signal's reason if `signal` aborts while waiting.
 */
export interface HostLimiter {
  acquire(host: string, signal?: AbortSignal): Promise<ReleaseSlot>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** Per-host limits inside one process (tests, single-process runs). */
export function createMemoryHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError("[watcher] [host-limiter] perHost must be an integer >= 1");
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();

  const release = (host: string) => {
    const next = waiting.get(host)?.shift();
    if (next) return next(); // hand the slot straight to the next waiter
    if (waiting.get(host)?.length === 0) waiting.delete(host);
    const n = (active.get(host) ?? 1) - 1;
    if (n <= 0) active.delete(host);
    else active.set(host, n);
  };

  const slot = (host: string): ReleaseSlot => {
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      release(host);
    };
  };

  return {
    acquire(host, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const n = active.get(host) ?? 0;
      if (n < perHost) {
        active.set(host, n + 1);
        return Promise.resolve(slot(host));
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const queue = waiting.get(host) ?? [];
        waiting.set(host, queue);
        const onAbort = () => {
          const i = queue.indexOf(grant);
          if (i >= 0) queue.splice(i, 1);
          reject(abortReason(signal as AbortSignal));
        };
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(slot(host));
        };
        queue.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}

// KEYS[1] = slots ZSET; ARGV = token, perHost, leaseMs. Scores are expiry times in ms by Redis's
// clock (TIME), so processes with skewed clocks agree. Returns 1, or the ms until the next expiry.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  return 1
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return -math.max(1, tonumber(first[2]) - now)
`;

// Extends a lease we still hold; a lease that already expired is not revived.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= now then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
return 1
`;

export interface RedisHostLimiterOptions {
  /**
   * How long a slot is held without renewal; a crashed process's slot frees itself after this.
   * Held slots are renewed every third of it. @default 60000
   */
  leaseMs?: number;
  /** Longest pause between attempts while waiting for a slot. @default 250 */
  maxPollMs?: number;
}

/**
 * Per-host limits shared by every watcher process: a ZSET per host of lease tokens scored by their
 * expiry, taken and renewed by Lua scripts. Waiters poll with a short backoff (and are woken at once
 * by releases in their own process).
 */
export function createRedisHostLimiter(
  redis: Redis,
  key: (host: string) => string,
  perHost: number,
  options: RedisHostLimiterOptions = {},
): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError("[watcher] [host-limiter] perHost must be an integer >= 1");
  const leaseMs = options.leaseMs ?? 60_000;
  const maxPollMs = options.maxPollMs ?? 250;
  const wakers = new Map<string, Set<() => void>>();

  const wake = (host: string) => {
    for (const w of wakers.get(host) ?? []) w();
  };

  const sleep = (host: string, ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const set = wakers.get(host) ?? new Set();
      wakers.set(host, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) wakers.delete(host);
        signal?.removeEventListener("abort", onAbort);
      };
      const timer = setTimeout(() => (done(), resolve()), ms);
      const onAbort = () => (done(), reject(abortReason(signal as AbortSignal)));
      set.add(() => (done(), resolve()));
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  const hold = (host: string, token: string): ReleaseSlot => {
    const slotKey = key(host);
    const renew = setInterval(() => {
      // A failed renewal only shortens the lease; the release below still runs.
      redis.eval(RENEW, 1, slotKey, token, leaseMs).catch(() => undefined);
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renew.unref();
    let released: Promise<void> | undefined;
    return () => {
      released ??= (async () => {
        clearInterval(renew);
        try {
          await redis.zrem(slotKey, token);
        } finally {
          wake(host);
        }
      })();
      return released;
    };
  };

  return {
    async acquire(host, signal) {
      const token = randomUUID();
      let pause = 10;
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        const result = Number(await redis.eval(ACQUIRE, 1, key(host), token, perHost, leaseMs));
        if (result === 1) {
          if (signal?.aborted) {
            await redis.zrem(key(host), token);
            throw abortReason(signal);
          }
          return hold(host, token);
        }
        const untilExpiry = -result;
        await sleep(host, Math.min(untilExpiry, pause, maxPollMs), signal);
        pause = Math.min(pause * 2, maxPollMs);
      }
    },
  };
}
