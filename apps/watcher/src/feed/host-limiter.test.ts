import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMemoryHostLimiter, createRedisHostLimiter, type HostLimiter, type ReleaseSlot } from "./host-limiter";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a promise settles within a short grace period (it is expected to keep waiting). */
async function settlesSoon(promise: Promise<unknown>, ms = 60): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await tick(ms);
  return settled;
}

/** Behaviour every HostLimiter must have; run against each implementation. */
function hostLimiterSuite(name: string, make: (perHost: number) => HostLimiter) {
  describe(`${name}: HostLimiter conformance`, () => {
    it("grants perHost slots at once and makes the next acquirer wait for a release", async () => {
      const limiter = make(2);
      const a = await limiter.acquire("feeds.example");
      await limiter.acquire("feeds.example");
      const third = limiter.acquire("feeds.example");
      expect(await settlesSoon(third)).toBe(false);
      await a();
      const release = await third;
      expect(typeof release).toBe("function");
    });

    it("keeps hosts apart", async () => {
      const limiter = make(1);
      await limiter.acquire("a.example");
      const other = limiter.acquire("b.example");
      expect(await settlesSoon(other)).toBe(true);
    });

    it("frees one slot however often release is called", async () => {
      const limiter = make(1);
      const release = await limiter.acquire("feeds.example");
      const second = limiter.acquire("feeds.example");
      const third = limiter.acquire("feeds.example");
      await release();
      await release();
      await second;
      expect(await settlesSoon(third)).toBe(false);
      await (await second)();
      await third;
    });

    it("stops waiting when the signal aborts, without taking a slot", async () => {
      const limiter = make(1);
      const release = await limiter.acquire("feeds.example");
      const controller = new AbortController();
      const waiting = limiter.acquire("feeds.example", controller.signal);
      controller.abort(new Error("poll cancelled"));
      await expect(waiting).rejects.toThrow("poll cancelled");
      await release();
      const next = limiter.acquire("feeds.example");
      expect(await settlesSoon(next)).toBe(true);
    });

    it("rejects at once with an already aborted signal", async () => {
      const limiter = make(1);
      await expect(limiter.acquire("feeds.example", AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    });
  });
}

hostLimiterSuite("memory", (perHost) => createMemoryHostLimiter(perHost));

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:feed-host-limiter:${randomUUID()}`;
let redis: Redis;
const extraClients: Redis[] = [];
const held: ReleaseSlot[] = [];
const key = (host: string) => `${prefix}:${host}`;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
});
afterEach(async () => {
  await Promise.all(held.splice(0).map((release) => release().catch(() => undefined)));
  await redis.del(...["feeds.example", "a.example", "b.example"].map(key));
});
afterAll(async () => {
  extraClients.forEach((c) => c.disconnect());
  await redis.quit();
});

hostLimiterSuite("redis", (perHost) => {
  const limiter = createRedisHostLimiter(redis, key, perHost, { leaseMs: 10_000, maxPollMs: 20 });
  // Slots the suite leaves held are released after each test.
  return {
    async acquire(host, signal) {
      const release = await limiter.acquire(host, signal);
      held.push(release);
      return release;
    },
  };
});

describe("redis: shared between processes", () => {
  it("two limiters on separate connections share the limit", async () => {
    const other = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    extraClients.push(other);
    const one = createRedisHostLimiter(redis, key, 1, { maxPollMs: 20 });
    const two = createRedisHostLimiter(other, key, 1, { maxPollMs: 20 });
    const release = await one.acquire("feeds.example");
    const waiting = two.acquire("feeds.example");
    expect(await settlesSoon(waiting)).toBe(false);
    await release();
    held.push(await waiting);
    expect(await redis.zcard(key("feeds.example"))).toBe(1);
  });

  it("frees the slot of a holder that crashed once its lease expires", async () => {
    const crashed = new Redis(redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    extraClients.push(crashed);
    await createRedisHostLimiter(crashed, key, 1, { leaseMs: 300 }).acquire("feeds.example");
    crashed.disconnect(); // no release, no renewals: the process is gone

    const survivor = createRedisHostLimiter(redis, key, 1, { leaseMs: 10_000, maxPollMs: 20 });
    const waiting = survivor.acquire("feeds.example");
    expect(await settlesSoon(waiting, 100)).toBe(false);
    held.push(await waiting);
    expect(await redis.zcard(key("feeds.example"))).toBe(1);
  });

  it("renews the lease of a slot still in use", async () => {
    const holder = createRedisHostLimiter(redis, key, 1, { leaseMs: 150 });
    const release = await holder.acquire("feeds.example");
    const waiting = createRedisHostLimiter(redis, key, 1, { maxPollMs: 20 }).acquire("feeds.example");
    expect(await settlesSoon(waiting, 500)).toBe(false); // three lease lengths later, still held
    await release();
    held.push(await waiting);
  });

  it("leaves no key behind once every slot is released", async () => {
    const limiter = createRedisHostLimiter(redis, key, 2);
    const releases = [await limiter.acquire("feeds.example"), await limiter.acquire("feeds.example")];
    expect(await redis.zcard(key("feeds.example"))).toBe(2);
    expect(await redis.pttl(key("feeds.example"))).toBeGreaterThan(0);
    await Promise.all(releases.map((r) => r()));
    expect(await redis.exists(key("feeds.example"))).toBe(0);
  });
});
