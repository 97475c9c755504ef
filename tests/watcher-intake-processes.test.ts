import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { classify, loadDefaultModel } from "@corpus/classify";
import { urlKey } from "@corpus/model";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { ICMPD_NEW_ITEMS, readFixture, rssFeed, withItems, type RssItem } from "./helpers/feeds";
import { startFeedServer, type FeedServer } from "./helpers/feed-server";
import { openTestRedis, type TestRedis } from "./helpers/redis";
import { tempDir, writeConfig } from "./helpers/config";
import { spawnWatcher, waitFor, type Spawned } from "./helpers/process";
import { startTcpProxy } from "./helpers/tcp-proxy";

// The built CLI as child processes against the real Redis: a SIGKILL in the middle of writing
// alerts loses and duplicates nothing, and two processes share the feeds and alert once.

const fixture = readFixture("icmpd-news.xml");

/** `n` distinct stories in the ICMPD style (the two templates, each with its own link). */
function stories(tag: string, n: number): RssItem[] {
  return Array.from({ length: n }, (_, i) => {
    const template = ICMPD_NEW_ITEMS[i % ICMPD_NEW_ITEMS.length]!;
    return { ...template, title: `${template.title} (${tag} ${i})`, link: `https://www.icmpd.org/news-centre/news-detail/${tag}-${i}/` };
  });
}

/** Which subscribers each story should alert, from the classifier directly. */
async function expectedAlerts(items: RssItem[], desk: { theme: string; minScore: number }) {
  const model = await loadDefaultModel();
  const everyone: string[] = [];
  const trafficking: string[] = [];
  for (const item of items) {
    const { matches } = classify(model, { title: item.title, summary: item.description, text: item.html });
    const id = urlKey(item.link!)!;
    if (matches.some((m) => m.passed)) everyone.push(id);
    if (matches.some((m) => m.passed && m.theme === desk.theme && m.score >= desk.minScore)) trafficking.push(id);
  }
  return { everyone: everyone.sort(), desk: trafficking.sort() };
}

const subscribers = [
  { id: "everyone", themes: "all", minScore: 0, channels: [{ type: "file", dir: "./digests" }] },
  { id: "desk", themes: ["trafficking-smuggling"], minScore: 0.5, channels: [{ type: "file", dir: "./digests" }, { type: "email", to: "desk@example.org" }] },
];

describe("watcher processes", () => {
  let t: TestRedis;
  let server: FeedServer;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let queue: Queue;
  const running: Spawned[] = [];

  beforeEach(async () => {
    t = await openTestRedis();
    server = await startFeedServer();
    dir = await tempDir();
    queue = new Queue("poll", { connection: t.redis, prefix: t.prefix });
  });
  afterEach(async () => {
    for (const p of running.splice(0)) {
      p.kill("SIGKILL");
      await p.exited;
    }
    await queue.close();
    await server.close();
    await dir.remove();
    await t.close();
  });

  function start(file: string, env: Record<string, string> = {}): Spawned {
    const p = spawnWatcher(["start", "--config", file], { REDIS_URL: t.url, ...env });
    running.push(p);
    return p;
  }

  /** Alert ids -> document ids of a subscriber, and its pending counts. */
  async function alertsOf(sub: string, channels: string[]) {
    const keys = keyspace(t.prefix);
    const alerts = Object.values(await t.redis.hgetall(keys.alerts(sub))).map((json) => JSON.parse(json) as { documentId: string });
    const pending = await Promise.all(channels.map((c) => t.redis.zcard(keys.pending(sub, c))));
    return { documents: alerts.map((a) => a.documentId).sort(), pending };
  }

  it("loses and duplicates no alert when killed mid-poll and restarted", { timeout: 150_000 }, async () => {
    const keys = keyspace(t.prefix);
    server.route("/icmpd.xml", { body: fixture });
    const file = await writeConfig(dir.path, { prefix: t.prefix, feeds: [{ id: "icmpd", url: server.url("/icmpd.xml"), interval: "10s", maxItemAge: "20000d" }], subscribers });

    // A slow writer: 300 ms before each alert write, so the kill lands between two of them.
    const first = start(file, { CORPUS_TEST_DELAY_MS: "300" });
    await waitFor(async () => (await t.redis.hget(keys.feedState("icmpd"), "initialized")) === "1", { what: "the first poll", timeoutMs: 60_000 });

    const fresh = stories("crash", 8);
    const expected = await expectedAlerts(fresh, { theme: "trafficking-smuggling", minScore: 0.5 });
    expect(expected.everyone).toHaveLength(8);
    expect(expected.desk.length).toBeGreaterThan(0);
    const total = expected.everyone.length + expected.desk.length;
    server.route("/icmpd.xml", { body: withItems(fixture, fresh) });
    await queue.add("poll", { feedId: "icmpd", force: true }, { jobId: "crash-poll" });

    const countAlerts = async () => (await t.redis.hlen(keys.alerts("everyone"))) + (await t.redis.hlen(keys.alerts("desk")));
    await waitFor(async () => (await countAlerts()) >= 3, { what: "some alerts written", timeoutMs: 60_000, intervalMs: 20 });
    first.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const written = await countAlerts();
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);
    expect(await t.redis.zcard(keys.seenFeed("icmpd"))).toBe(10); // nothing marked seen yet

    // Restart without the delay. The interrupted poll is redone by a scheduled tick or the stalled
    // job once the dead process's feed lock expires; a manual poll then saves waiting for either.
    const second = start(file);
    await waitFor(async () => (await t.redis.exists(keys.feedLock("icmpd"))) === 0, { what: "the dead poll's lock to expire", timeoutMs: 30_000, intervalMs: 250 });
    await queue.add("poll", { feedId: "icmpd", force: true }, { jobId: "after-restart" });
    await waitFor(async () => (await t.redis.zcard(keys.seenFeed("icmpd"))) === 18, { what: "the new items marked seen", timeoutMs: 100_000, intervalMs: 250 });
    // The killed job stays "active" until BullMQ's stalled check (30 s lock + 30 s interval) gives it
    // back and it runs again: waiting for that shows the re-run records nothing twice either.
    await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: "an idle queue", timeoutMs: 90_000 });

    expect(await alertsOf("everyone", ["file"])).toEqual({ documents: expected.everyone, pending: [8] });
    expect(await alertsOf("desk", ["file", "email"])).toEqual({ documents: expected.desk, pending: [expected.desk.length, expected.desk.length] });

    second.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.json().some((l) => l.msg === "shut down cleanly")).toBe(true);
  });

  it("waits out a Redis outage and carries on", { timeout: 120_000 }, async () => {
    const keys = keyspace(t.prefix);
    const target = new URL(t.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    try {
      server.route("/icmpd.xml", { body: fixture });
      const file = await writeConfig(dir.path, { prefix: t.prefix, feeds: [{ id: "icmpd", url: server.url("/icmpd.xml"), interval: "10s", maxItemAge: "20000d" }], subscribers });
      const watcher = start(file, { REDIS_URL: proxy.url("redis") });
      await waitFor(async () => (await t.redis.hget(keys.feedState("icmpd"), "initialized")) === "1", { what: "the first poll", timeoutMs: 60_000 });

      await proxy.cut();
      await watcher.waitForLine((l) => l.includes("redis connection problem"), 20_000);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(watcher.child.exitCode).toBeNull();
      await proxy.restore();

      const fresh = stories("outage", 2);
      server.route("/icmpd.xml", { body: withItems(fixture, fresh) });
      await queue.add("poll", { feedId: "icmpd", force: true }, { jobId: "after-outage" });
      await waitFor(async () => (await t.redis.zcard(keys.seenFeed("icmpd"))) === 12, { what: "a poll after the outage", timeoutMs: 60_000, intervalMs: 250 });
      expect(await t.redis.hlen(keys.alerts("everyone"))).toBe(2);
      watcher.kill("SIGTERM");
      expect(await watcher.exited).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it("shares the feeds between two processes and records each alert once", { timeout: 150_000 }, async () => {
    const keys = keyspace(t.prefix);
    const feedIds = ["f1", "f2", "f3", "f4", "f5", "f6"];
    // Slow answers and one poll at a time per process, so neither can take every feed alone.
    for (const id of feedIds) server.route(`/${id}.xml`, { body: rssFeed([]), delayMs: 400 });
    const file = await writeConfig(dir.path, {
      prefix: t.prefix,
      feeds: feedIds.map((id) => ({ id, url: server.url(`/${id}.xml`), interval: "1h", maxItemAge: "20000d" })),
      subscribers,
      concurrency: { poll: 1 },
      network: { perHostConcurrency: 4 },
    });
    const a = start(file);
    const b = start(file);
    await Promise.all([a, b].map((p) => p.waitForLine((l) => l.includes('"watcher started"'), 60_000)));
    await waitFor(async () => {
      const states = await Promise.all(feedIds.map((id) => t.redis.hget(keys.feedState(id), "initialized")));
      return states.every((s) => s === "1");
    }, { what: "the first polls", timeoutMs: 60_000 });

    const fresh = new Map(feedIds.map((id) => [id, stories(id, 2)]));
    const expected = await expectedAlerts([...fresh.values()].flat(), { theme: "trafficking-smuggling", minScore: 0.5 });
    for (const id of feedIds) server.route(`/${id}.xml`, { body: rssFeed(fresh.get(id)!), delayMs: 400 });
    // Each feed polled twice at once: the two copies race, the alerts must still be single.
    await queue.addBulk(feedIds.flatMap((feedId) => [1, 2].map((n) => ({ name: "poll", data: { feedId, force: true }, opts: { jobId: `both-${feedId}-${n}` } }))));
    await waitFor(async () => (await queue.getCompletedCount()) >= 6 + feedIds.length * 2, { what: "all polls done", timeoutMs: 90_000, intervalMs: 250 });

    expect(await alertsOf("everyone", ["file"])).toEqual({ documents: expected.everyone, pending: [expected.everyone.length] });
    expect(await alertsOf("desk", ["file", "email"])).toEqual({ documents: expected.desk, pending: [expected.desk.length, expected.desk.length] });
    expect(expected.everyone).toHaveLength(12);

    const polledBy = (p: Spawned) => p.json().filter((l) => l.msg === "feed polled").length;
    expect(polledBy(a)).toBeGreaterThan(0);
    expect(polledBy(b)).toBeGreaterThan(0);
    a.kill("SIGTERM");
    b.kill("SIGTERM");
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });
});
