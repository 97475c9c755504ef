import { afterAll, beforeAll, describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import type { Document } from "@corpus/model";
import { createApp, type App } from "../apps/watcher/src/app";
import { parseConfig } from "../apps/watcher/src/config/load";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { silentLogger, keywordClassifier } from "../apps/watcher/src/intake/testing";
import type { PollJobResult } from "../apps/watcher/src/queue/poll-processor";
import { readFixture, rssFeed, type RssItem } from "./helpers/feeds";
import { startFeedServer, type FeedServer } from "./helpers/feed-server";
import { openTestRedis, type TestRedis } from "./helpers/redis";

// Feeds that break in the ways real feeds do, polled together with a healthy one: each ends as a
// recorded feed error or as the right items, and the worker keeps going.

const clock = { now: () => new Date("2025-11-25T08:00:00Z") };
/** Items with links unique to `feed` (shared links would make them cross-feed duplicates). */
const items = (feed: string, n: number, extra: (i: number) => Partial<RssItem> = () => ({})): RssItem[] =>
  Array.from({ length: n }, (_, i) => ({ title: `Item ${i}`, link: `https://site.example.org/${feed}/${i}`, pubDate: "Mon, 24 Nov 2025 10:00:00 +0000", ...extra(i) }));

const latin1Feed = (encoding: string | null) =>
  iconv.encode(rssFeed([{ title: "Réfugiés: accès à la procédure d'asile", link: `https://site.example.org/fr/${encoding ?? "none"}` }], { encoding }), "windows-1252");

function truncatedFeed(): string {
  const full = rssFeed(items("truncated", 3));
  return full.slice(0, full.indexOf("Item 2") + 3);
}

interface Case {
  id: string;
  route: Parameters<FeedServer["route"]>[1];
  /** A feed error code, or the titles and links of the items the feed should yield (and a warning). */
  expect: { error: string } | { titles: string[]; links?: string[]; warning?: string };
}

const cases: Case[] = [
  { id: "healthy", route: { body: readFixture("icmpd-news.xml") }, expect: { titles: [] } },
  // Cut inside the third item: the complete items are kept, the cut one dropped (with a warning).
  { id: "truncated", route: { body: truncatedFeed() }, expect: { titles: ["Item 0", "Item 1"], warning: "truncated" } },
  { id: "unquoted-version", route: { body: '<rss version=2.0><channel><title>x</title><item><title>a</title></item></channel></rss>' }, expect: { error: "malformed" } },
  { id: "broken-json-feed", route: { body: '{"version": "https://jsonfeed.org/version/1.1", "items": [', contentType: "application/feed+json" }, expect: { error: "malformed" } },
  { id: "bad-entities", route: { body: rssFeed(items("bad-entities", 2)).replace("Item 0", "Item 0 &nbsp;&eacute; & more") }, expect: { titles: ["Item 0 é & more", "Item 1"] } },
  // The server says UTF-8, the document (rightly) says ISO-8859-1.
  { id: "wrong-header", route: { body: latin1Feed("ISO-8859-1"), contentType: "application/rss+xml; charset=utf-8" }, expect: { titles: ["Réfugiés: accès à la procédure d'asile"] } },
  // Both say UTF-8 and the bytes are not: read as browsers do (U+FFFD), with a warning.
  { id: "mislabelled", route: { body: latin1Feed("UTF-8"), contentType: "application/rss+xml; charset=utf-8" }, expect: { titles: ["R\uFFFDfugi\uFFFDs: acc\uFFFDs \uFFFD la proc\uFFFDdure d'asile"], warning: "not valid UTF-8" } },
  { id: "no-encoding", route: { body: latin1Feed(null), contentType: "application/rss+xml" }, expect: { titles: ["Réfugiés: accès à la procédure d'asile"] } },
  { id: "gzip", route: { body: rssFeed(items("gzip", 3)), gzip: true }, expect: { titles: ["Item 0", "Item 1", "Item 2"] } },
  { id: "huge", route: { body: rssFeed(items("huge", 1, () => ({ html: `<p>${"x".repeat(2_000_000)}</p>` }))) }, expect: { error: "too-large" } },
  { id: "slow", route: { body: rssFeed(items("slow", 2)), dripChunks: 6, dripMs: 1_000 }, expect: { error: "timeout" } },
  { id: "html-page", route: { body: "<!doctype html><html><head><title>News</title></head><body><h1>News</h1></body></html>", contentType: "text/html; charset=utf-8" }, expect: { error: "not-a-feed" } },
  { id: "empty", route: { body: "" }, expect: { error: "empty" } },
  { id: "server-error", route: { status: 500, body: "oops" }, expect: { error: "http-status" } },
  { id: "overloaded", route: { status: 503, body: "busy", headers: { "retry-after": "120" } }, expect: { error: "rate-limited" } },
  {
    id: "duplicate-guids",
    route: { body: rssFeed(items("same-guid", 6, () => ({ guid: "same-guid" }))) },
    expect: { titles: items("same-guid", 6).map((i) => i.title) },
  },
  {
    id: "relative-links",
    route: { body: rssFeed(items("relative-links", 2, (i) => ({ link: `/news/relative-${i}?utm_source=rss` })), { link: "https://relative.example.org/section/" }) },
    expect: { titles: ["Item 0", "Item 1"], links: ["https://relative.example.org/news/relative-0", "https://relative.example.org/news/relative-1"] },
  },
];

describe("torture feeds", () => {
  let t: TestRedis;
  let server: FeedServer;
  let app: App;
  let results: Map<string, PollJobResult>;

  beforeAll(async () => {
    t = await openTestRedis();
    server = await startFeedServer();
    for (const c of cases) server.route(`/${c.id}.xml`, c.route);
    const config = parseConfig(
      {
        redis: t.url,
        prefix: t.prefix,
        feeds: cases.map((c) => ({ id: c.id, url: server.url(`/${c.id}.xml`), interval: "1h" })),
        subscribers: [{ id: "ana", themes: "all", channels: [{ type: "file", dir: "/tmp/unused" }] }],
        network: { allowPrivateAddresses: true, timeout: "2s", maxBytes: "1MB", perHostConcurrency: 16 },
        concurrency: { poll: 16 },
      },
      "torture config",
    );
    const classifier = keywordClassifier({ "asylum-procedures": "asyl" });
    app = createApp(config, { logger: silentLogger, clock, schedule: false, extensions: [], classifier: { model: undefined as never, classifier, source: "keywords" } });
    await app.start();
    const polled = await Promise.all(cases.map((c) => app.pollNow(c.id)));
    results = new Map(polled.map((r) => [r.feedId, r]));
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
    await t?.close();
  });

  async function documentsOf(feedId: string): Promise<Document[]> {
    const all = Object.values(await t.redis.hgetall(keyspace(t.prefix).documents())).map((json) => JSON.parse(json) as Document);
    return all.filter((d) => d.provenance.feeds.includes(feedId));
  }

  for (const c of cases) {
    it(`${c.id}: ${"error" in c.expect ? `recorded as ${c.expect.error}` : "yields the right items"}`, async () => {
      const result = results.get(c.id)!;
      const state = await t.redis.hgetall(keyspace(t.prefix).feedState(c.id));
      if ("error" in c.expect) {
        expect(result).toMatchObject({ status: "failed", code: c.expect.error });
        expect(state).toMatchObject({ lastErrorCode: c.expect.error, consecutiveFailures: "1", lastOutcome: "failed" });
        expect(state.lastError?.length).toBeGreaterThan(0);
        expect(Date.parse(state.backoffUntil!)).toBeGreaterThan(clock.now().getTime());
      } else {
        expect(result).toMatchObject({ status: "changed" });
        const docs = await documentsOf(c.id);
        if (c.id === "healthy") expect(docs).toHaveLength(10);
        else expect(docs.map((d) => d.title).sort()).toEqual([...c.expect.titles].sort());
        if (c.expect.links) expect(docs.map((d) => d.url).sort()).toEqual(c.expect.links);
        if (c.expect.warning) expect(result.status === "changed" && result.warnings.join("\n")).toContain(c.expect.warning);
        expect(state).toMatchObject({ consecutiveFailures: "0", lastOutcome: "changed" });
      }
    });
  }

  it("switches the feed with repeated GUIDs to URL keys", () => {
    expect(results.get("duplicate-guids")).toMatchObject({ identity: "url", items: 6 });
  });

  it("honours the server's Retry-After", async () => {
    const state = await t.redis.hgetall(keyspace(t.prefix).feedState("overloaded"));
    expect(Date.parse(state.retryAfterUntil!) - clock.now().getTime()).toBe(120_000);
    expect(await app.pollNow("overloaded")).toMatchObject({ status: "skipped", reason: "retry-after" });
  });

  it("keeps working after all of that: the healthy feed polls again", async () => {
    server.route("/healthy.xml", { body: rssFeed([{ title: "Asylum news", link: "https://site.example.org/asylum" }]) });
    expect(await app.pollNow("healthy")).toMatchObject({ status: "changed", newItems: 1, alerts: 1 });
  });
});
