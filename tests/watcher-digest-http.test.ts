import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { parseConfig } from "../apps/watcher/src/config/load";
import { createHttpServer, type HttpServer } from "../apps/watcher/src/http/server";
import { createMetrics } from "../apps/watcher/src/metrics";
import { memoryLogger } from "./helpers/digest-services";
import { openTestRedis, type TestRedis } from "./helpers/redis";

let t: TestRedis;
const closers: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  t = await openTestRedis();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await t.close();
});

function context(extra: Record<string, unknown> = {}) {
  const config = parseConfig({ redis: t.url, prefix: t.prefix, http: { port: 0 }, ...extra }, "http-test");
  return { config, prefix: t.prefix, metrics: createMetrics(), logger: memoryLogger() };
}

async function serve(ctx: ReturnType<typeof context>, options: Parameters<typeof createHttpServer>[1] = { listenPort: 0 }): Promise<{ server: HttpServer; base: string }> {
  const server = createHttpServer(ctx, options);
  closers.push(() => server.close());
  const { port } = await server.start();
  return { server, base: `http://127.0.0.1:${port}` };
}

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

describe("http server", () => {
  it("answers /healthz 503 while no worker runs, 200 once one does", async () => {
    const { base } = await serve(context());
    const before = await get(`${base}/healthz`);
    expect(before.status).toBe(503);
    expect(JSON.parse(before.body)).toEqual({ status: "unavailable", redis: "up", workers: 0 });

    const connection = new Redis(t.url, { maxRetriesPerRequest: null });
    const worker = new Worker("digest", async () => undefined, { connection, prefix: t.prefix });
    closers.push(async () => {
      await worker.close();
      connection.disconnect();
    });
    await worker.waitUntilReady();
    const after = await get(`${base}/healthz`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toEqual({ status: "ok", redis: "up", workers: 1 });
  });

  it("answers /healthz 503 with redis down, quickly", async () => {
    const ctx = context({ redis: "redis://127.0.0.1:1" });
    const { base } = await serve(ctx, { listenPort: 0, workers: () => 2, redisTimeoutMs: 500 });
    const started = Date.now();
    const res = await get(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ status: "unavailable", redis: "down", workers: 0 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("serves Prometheus metrics with queue depths refreshed on scrape", async () => {
    const ctx = context();
    const { base } = await serve(ctx, { listenPort: 0, workers: () => 1 });
    ctx.metrics.digestsDelivered.inc({ subscriber: "analyst", channel: "email" });
    ctx.metrics.digestsFailed.inc({ subscriber: "analyst", channel: "webhook" });
    const queue = new Queue("digest", { connection: t.redis, prefix: t.prefix });
    closers.push(() => queue.close());
    await queue.add("digest", { subscriber: "analyst" });
    await queue.add("digest", { subscriber: "analyst" }, { delay: 60_000 });
    const res = await get(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.body).toContain('corpus_digests_delivered_total{subscriber="analyst",channel="email"} 1');
    expect(res.body).toContain('corpus_digests_failed_total{subscriber="analyst",channel="webhook"} 1');
    expect(res.body).toContain('corpus_queue_jobs{queue="digest",state="waiting"} 1');
    expect(res.body).toContain('corpus_queue_jobs{queue="digest",state="delayed"} 1');
    expect(res.body).toContain('corpus_queue_jobs{queue="poll",state="waiting"} 0');
    for (const name of ["corpus_feeds_polled_total", "corpus_feeds_failed_total", "corpus_items_seen_total", "corpus_alerts_total", "corpus_poll_duration_seconds"]) {
      expect(res.body).toContain(`# TYPE ${name}`);
    }
    await queue.add("digest", { subscriber: "analyst" });
    expect((await get(`${base}/metrics`)).body).toContain('corpus_queue_jobs{queue="digest",state="waiting"} 2');
    expect((await get(`${base}/nope`)).status).toBe(404);
  });

  it("stays off when http.port is 0 and no port is given", async () => {
    const server = createHttpServer(context());
    expect(await server.start()).toEqual({ port: 0 });
    await server.close();
    await server.close();
  });
});
