import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classify, loadDefaultModel } from "@corpus/classify";
import { createApp, type App } from "../apps/watcher/src/app";
import { toClassifier } from "../apps/watcher/src/classifier";
import { parseConfig } from "../apps/watcher/src/config/load";
import { createHttpFetcher } from "../apps/watcher/src/feed/index";
import { createFeedReader } from "../apps/watcher/src/intake/feed-reader";
import type { FeedReader } from "../apps/watcher/src/intake/ports";
import { silentLogger } from "../apps/watcher/src/intake/testing";
import { POLL_QUEUE } from "../apps/watcher/src/queue/poll-queue";
import { createRedisAlertStore } from "../apps/watcher/src/alerts/redis-alert-store";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { Queue } from "bullmq";
import { ICMPD_NEW_ITEMS, readFixture, rssFeed, withItems } from "./helpers/feeds";
import { startFeedServer, type FeedServer } from "./helpers/feed-server";
import { openTestRedis, type TestRedis } from "./helpers/redis";

const fixture = readFixture("icmpd-news.xml");
/** The fixture is from August 2019: with today's date every item would be past maxItemAge. */
const clock = { now: () => new Date("2019-08-21T08:00:00Z") };

/** The real fetcher and parser, counting how often a body is parsed. */
function countingReader(): FeedReader & { reads: number } {
  const fetcher = createHttpFetcher({ timeoutMs: 5_000, maxBytes: 5_000_000, maxRedirects: 5, userAgent: "corpus-test", allowPrivateAddresses: true });
  const inner = createFeedReader(fetcher);
  const reader = {
    reads: 0,
    fetch: inner.fetch,
    read(result: Parameters<FeedReader["read"]>[0]) {
      reader.reads++;
      return inner.read(result);
    },
  };
  return reader;
}

describe("polling the ICMPD feed through the queue (real Redis, real model)", () => {
  let t: TestRedis;
  let server: FeedServer;
  let app: App | undefined;

  beforeEach(async () => {
    t = await openTestRedis();
    server = await startFeedServer();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await server.close();
    await t.close();
  });

  function config(feeds: { id: string; path: string }[], extra: Record<string, unknown> = {}) {
    return parseConfig(
      {
        redis: t.url,
        prefix: t.prefix,
        feeds: feeds.map((f) => ({ id: f.id, url: server.url(f.path), interval: "1h" })),
        subscribers: [
          { id: "everyone", themes: "all", minScore: 0, channels: [{ type: "file", dir: "/tmp/unused" }] },
          { id: "trafficking-desk", themes: ["trafficking-smuggling"], minScore: 0.5, channels: [{ type: "file", dir: "/tmp/unused" }, { type: "webhook", url: "https://hooks.example.org/x", secretEnv: "X" }] },
        ],
        network: { allowPrivateAddresses: true },
        ...extra,
      },
      "test config",
    );
  }

  it("records the first poll, alerts exactly the two new items for the right subscribers, and does not parse a 304", async () => {
    const model = await loadDefaultModel();
    // What each subscriber should get, from the classifier directly.
    const expected = { everyone: [] as string[], "trafficking-desk": [] as string[] };
    for (const item of ICMPD_NEW_ITEMS) {
      const { matches } = classify(model, { title: item.title, summary: item.description, text: item.html });
      if (matches.some((m) => m.passed)) expected.everyone.push(item.title);
      if (matches.some((m) => m.passed && m.theme === "trafficking-smuggling" && m.score >= 0.5)) expected["trafficking-desk"].push(item.title);
    }
    expect(expected.everyone).toHaveLength(2);
    expect(expected["trafficking-desk"]).toEqual([ICMPD_NEW_ITEMS[0]!.title]);

    server.route("/icmpd.xml", { body: fixture, etag: '"v1"' });
    const reader = countingReader();
    app = createApp(config([{ id: "icmpd", path: "/icmpd.xml" }]), { logger: silentLogger, clock, schedule: false, extensions: [], reader, classifier: { model, classifier: toClassifier(model), source: "default" } });
    await app.start();
    const keys = keyspace(t.prefix);
    const store = createRedisAlertStore({ redis: t.redis, keys });

    const first = await app.pollNow("icmpd");
    expect(first).toMatchObject({ status: "changed", items: 10, newItems: 10, alerts: 0, firstPoll: true, identity: "url" });
    expect(await t.redis.hlen(keys.alerts("everyone"))).toBe(0);
    expect(await t.redis.hlen(keys.documents())).toBe(10);

    server.route("/icmpd.xml", { body: withItems(fixture, ICMPD_NEW_ITEMS), etag: '"v2"' });
    const second = await app.pollNow("icmpd");
    expect(second).toMatchObject({ status: "changed", items: 12, newItems: 2, alerts: 3, firstPoll: false });
    expect(server.requestsTo("/icmpd.xml")[1]!.headers["if-none-match"]).toBe('"v1"');
    const everyone = await store.pending("everyone", "file");
    expect(everyone.map((a) => a.title).sort()).toEqual([...expected.everyone].sort());
    const desk = await store.pending("trafficking-desk", "webhook");
    expect(desk.map((a) => a.title)).toEqual(expected["trafficking-desk"]);
    expect(await store.countPending("trafficking-desk", "file")).toBe(1);
    expect(desk[0]!.matches.map((m) => m.theme)).toEqual(["trafficking-smuggling"]);
    expect(desk[0]!.url).toBe("https://www.icmpd.org/news-centre/news-detail/training-on-identifying-victims-of-trafficking-for-border-guards/");
    expect(desk[0]!.sources).toEqual(["icmpd"]);

    const readsBefore = reader.reads;
    const third = await app.pollNow("icmpd");
    expect(third).toMatchObject({ status: "not-modified", feedId: "icmpd" });
    expect(server.requestsTo("/icmpd.xml")[2]).toMatchObject({ status: 304, headers: { "if-none-match": '"v2"' } });
    expect(reader.reads).toBe(readsBefore);
    const state = await t.redis.hgetall(keys.feedState("icmpd"));
    expect(state).toMatchObject({ etag: '"v2"', lastOutcome: "not-modified", consecutiveFailures: "0", itemCount: "12", initialized: "1", identity: "url" });
    expect(await t.redis.zcard(keys.seenFeed("icmpd"))).toBe(12);
  });

  it("gives the pending alert a second source when another feed carries the same story", async () => {
    const story = ICMPD_NEW_ITEMS[0]!;
    server.route("/icmpd.xml", { body: fixture });
    server.route("/mirror.xml", { body: rssFeed([]) });
    app = createApp(config([{ id: "icmpd", path: "/icmpd.xml" }, { id: "mirror", path: "/mirror.xml" }]), { logger: silentLogger, clock, schedule: false, extensions: [] });
    await app.start();
    await Promise.all([app.pollNow("icmpd"), app.pollNow("mirror")]);
    server.route("/icmpd.xml", { body: withItems(fixture, [story]) });
    expect(await app.pollNow("icmpd")).toMatchObject({ newItems: 1 });
    server.route("/mirror.xml", { body: rssFeed([{ ...story, link: `${story.link!.replace("//news", "/news")}?utm_source=newsletter`, guid: "mirror-1" }]) });
    expect(await app.pollNow("mirror")).toMatchObject({ newItems: 0, alerts: 0, duplicates: 1 });
    const store = createRedisAlertStore({ redis: t.redis, keys: keyspace(t.prefix) });
    for (const sub of ["everyone", "trafficking-desk"]) {
      const alerts = await store.pending(sub, "file");
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.sources).toEqual(["icmpd", "mirror"]);
    }
  });

  it("keeps one scheduler per enabled feed and removes those of feeds removed or disabled", async () => {
    for (const path of ["/a.xml", "/b.xml", "/c.xml"]) server.route(path, { body: rssFeed([]) });
    const feeds = [{ id: "a", path: "/a.xml" }, { id: "b", path: "/b.xml" }, { id: "c", path: "/c.xml" }];
    const queue = new Queue(POLL_QUEUE, { connection: t.redis, prefix: t.prefix });
    try {
      app = createApp(config(feeds), { logger: silentLogger, worker: false, extensions: [] });
      await app.start();
      await app.close();
      app = createApp(config(feeds), { logger: silentLogger, worker: false, extensions: [] });
      await app.start();
      await app.close();
      expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(["poll-a", "poll-b", "poll-c"]);
      expect((await queue.getJobSchedulers()).every((s) => s.every === 3_600_000)).toBe(true);

      const changed = config(feeds);
      changed.feeds = changed.feeds.filter((f) => f.id !== "a").map((f) => (f.id === "b" ? { ...f, enabled: false } : f));
      app = createApp(changed, { logger: silentLogger, worker: false, extensions: [] });
      await app.start();
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(["poll-c"]);
      expect(await t.redis.smembers(keyspace(t.prefix).feedIndex())).toEqual(["c"]);
    } finally {
      await queue.close();
    }
  });
});
