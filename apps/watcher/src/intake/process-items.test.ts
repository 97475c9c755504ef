import { describe, expect, it } from "vitest";
import { urlKey } from "@corpus/model";
import { pollFeed, type PollFeedConfig } from "./poll-feed";
import type { SubscriberRule } from "./match";
import { createTestPipeline, type TestItem } from "./testing";

const DAY = 86_400_000;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

function feedConfig(id: string, overrides: Partial<PollFeedConfig> = {}): PollFeedConfig {
  return { id, url: `https://${id}.example.org/rss`, interval: 30 * 60_000, backfill: false, maxItemAge: 30 * DAY, ...overrides };
}

function item(n: number, title: string, overrides: TestItem = {}): TestItem {
  return { title, link: `https://news.example.org/story-${n}`, isoDate: "2025-11-24T10:00:00.000Z", content: `<p>Story ${n}</p>`, ...overrides };
}

const baseline = [item(1, "Asylum reform agreed"), item(2, "Labour migration statistics"), item(3, "Weather report")];

const ana: SubscriberRule = { id: "ana", themes: "all", minScore: 0, channels: ["file"] };
const bob: SubscriberRule = { id: "bob", themes: ["asylum-procedures"], minScore: 0.5, channels: ["email", "file"] };

describe("processItems through pollFeed (in-memory stores)", () => {
  it("records the first poll without alerting, then alerts only the new items for the right subscribers", async () => {
    const p = createTestPipeline([ana, bob]);
    const feed = feedConfig("unhcr");
    p.reader.respond(feed.url, { items: baseline });
    const first = await pollFeed(p.deps, feed);
    expect(first).toMatchObject({ status: "changed", items: 3, newItems: 3, alerts: 0, recordedOnly: 3, firstPoll: true });
    expect(await p.documents.count()).toBe(3);

    // Story 4 passes asylum in its title (0.9); story 5 mentions asylum only in its text (0.4 < bob's minScore).
    const more = [item(4, "New asylum procedures"), item(5, "Border report", { content: "asylum seekers at the border" }), ...baseline];
    p.reader.respond(feed.url, { items: more });
    p.clock.advance(feed.interval);
    const second = await pollFeed(p.deps, feed);
    expect(second).toMatchObject({ status: "changed", items: 5, newItems: 2, alerts: 3, firstPoll: false });
    expect(p.alerts.alerts("ana").map((a) => a.title).sort()).toEqual(["Border report", "New asylum procedures"]);
    expect(p.alerts.alerts("bob").map((a) => a.title)).toEqual(["New asylum procedures"]);
    const bobAlert = p.alerts.alerts("bob")[0]!;
    expect(bobAlert.matches.map((m) => m.theme)).toEqual(["asylum-procedures"]);
    expect(bobAlert.matches[0]!.evidence.matchedTerms[0]!.term).toBe("asylum");
    expect(bobAlert.sources).toEqual(["unhcr"]);
    expect(await p.alerts.countPending("bob", "email")).toBe(1);

    // The same body again is not even parsed; the same items in a new order find nothing new.
    p.clock.advance(feed.interval);
    expect(await pollFeed(p.deps, feed)).toEqual({ status: "not-modified" });
    p.reader.respond(feed.url, { items: [...more].reverse() });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "changed", newItems: 0, alerts: 0 });
  });

  it("alerts on the first poll when the feed asks for a backfill", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("iom", { backfill: true });
    p.reader.respond(feed.url, { items: baseline });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ alerts: 2, recordedOnly: 0 });
  });

  it("records items older than maxItemAge without alerting", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("iom", { maxItemAge: 7 * DAY });
    p.reader.respond(feed.url, { items: baseline });
    await pollFeed(p.deps, feed);
    const old = item(9, "Asylum archive item", { isoDate: "2025-10-01T00:00:00.000Z" });
    const undated = item(10, "Asylum news without a date", { isoDate: undefined });
    p.reader.respond(feed.url, { items: [old, undated, ...baseline] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ newItems: 2, alerts: 1, recordedOnly: 1 });
    expect(p.alerts.alerts("ana").map((a) => a.title)).toEqual(["Asylum news without a date"]);
    expect(await p.documents.count()).toBe(5);
  });

  it("applies a subscriber's feed filter", async () => {
    const onlyIom: SubscriberRule = { id: "cem", themes: "all", minScore: 0, feeds: ["iom"], channels: ["file"] };
    const p = createTestPipeline([onlyIom]);
    for (const id of ["iom", "unhcr"]) {
      p.reader.respond(feedConfig(id).url, { items: [] });
      await pollFeed(p.deps, feedConfig(id));
    }
    p.reader.respond(feedConfig("unhcr").url, { items: [item(20, "Asylum in unhcr")] });
    p.reader.respond(feedConfig("iom").url, { items: [item(21, "Asylum in iom")] });
    await pollFeed(p.deps, feedConfig("unhcr"));
    await pollFeed(p.deps, feedConfig("iom"));
    expect(p.alerts.alerts("cem").map((a) => a.title)).toEqual(["Asylum in iom"]);
  });

  it("stores classified documents with their themes and provenance", async () => {
    const p = createTestPipeline([]);
    const feed = feedConfig("unhcr");
    p.reader.respond(feed.url, { items: [item(1, "Asylum and trafficking")] });
    await pollFeed(p.deps, feed);
    const docs = await collect(p.documents.list());
    expect(docs).toHaveLength(1);
    expect(docs[0]!.id).toBe(urlKey("https://news.example.org/story-1"));
    expect(docs[0]!.themes).toEqual([
      { theme: "asylum-procedures", by: "classifier", score: 0.9 },
      { theme: "human-trafficking", by: "classifier", score: 0.9 },
    ]);
    expect(docs[0]!.provenance.feeds).toEqual(["unhcr"]);
  });
});

describe("cross-feed duplicates", () => {
  it("merges the same story from a second feed into the pending alert, and alerts no one once delivered", async () => {
    const p = createTestPipeline([ana, bob]);
    const feeds = ["a", "b", "c"].map((id) => feedConfig(id));
    for (const feed of feeds) {
      p.reader.respond(feed.url, { items: [] });
      await pollFeed(p.deps, feed);
    }
    const story = item(7, "Asylum ruling", { guid: "a-7" });
    p.reader.respond(feeds[0]!.url, { items: [story] });
    expect(await pollFeed(p.deps, feeds[0]!)).toMatchObject({ alerts: 2 });

    // Feed b carries the same link with tracking parameters and its own GUID.
    p.reader.respond(feeds[1]!.url, { items: [{ ...story, guid: "b-99", link: `${story.link}?utm_source=rss` }] });
    expect(await pollFeed(p.deps, feeds[1]!)).toMatchObject({ newItems: 0, alerts: 0, duplicates: 1 });
    expect(p.alerts.alerts("ana")).toHaveLength(1);
    expect(p.alerts.alerts("ana")[0]!.sources).toEqual(["a", "b"]);
    expect(p.alerts.alerts("bob")[0]!.sources).toEqual(["a", "b"]);
    const [doc] = await collect(p.documents.list());
    expect(doc!.provenance.feeds).toEqual(["a", "b"]);

    // Delivered: a third copy changes nothing and alerts no one.
    const delivered = p.alerts.alerts("ana")[0]!;
    p.alerts.markDelivered("ana", delivered.id);
    p.alerts.markDelivered("bob", p.alerts.alerts("bob")[0]!.id);
    p.reader.respond(feeds[2]!.url, { items: [{ ...story, guid: "c-1" }] });
    expect(await pollFeed(p.deps, feeds[2]!)).toMatchObject({ alerts: 0, duplicates: 1 });
    expect(p.alerts.alerts("ana")).toEqual([]);
    expect(await p.alerts.countPending("ana", "file")).toBe(0);
  });
});

describe("identity", () => {
  it("switches a feed with repeated GUIDs to URL keys, re-keying without alerts, and keeps it", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("cms");
    const good = Array.from({ length: 20 }, (_, i) => item(100 + i, `Asylum item ${i}`, { guid: `guid-${i}` }));
    p.reader.respond(feed.url, { items: good });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ identity: "guid", switchedIdentity: false });

    // The CMS now sends the same GUID for two items (2 of 20 = 10% > 5%), plus one new story.
    const broken = good.map((it, i) => (i === 1 ? { ...it, guid: "guid-0" } : it));
    const fresh = item(200, "Asylum story during the switch", { guid: "guid-new" });
    p.reader.respond(feed.url, { items: [fresh, ...broken] });
    const switched = await pollFeed(p.deps, feed);
    expect(switched).toMatchObject({ identity: "url", switchedIdentity: true, alerts: 0, newItems: 1 });
    expect((await p.deps.states.get("cms")).identity).toBe("url");

    // Keyed by URL from now on: the old items are not new, a genuinely new one alerts once.
    const later = item(201, "Asylum story after the switch", { guid: "guid-later" });
    p.reader.respond(feed.url, { items: [later, fresh, ...broken] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ identity: "url", switchedIdentity: false, newItems: 1, alerts: 1 });
    p.reader.respond(feed.url, { items: [later, fresh, ...good] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ identity: "url", newItems: 0, alerts: 0 });
    expect(p.alerts.alerts("ana").map((a) => a.title)).toEqual(["Asylum story after the switch"]);
  });

  it("keys a feed with good GUIDs by GUID, so a changed link is not a new item", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("wp");
    const items = Array.from({ length: 30 }, (_, i) => item(300 + i, `Asylum ${i}`, { guid: `https://wp.example.org/?p=${i}` }));
    p.reader.respond(feed.url, { items });
    await pollFeed(p.deps, feed);
    p.reader.respond(feed.url, { items: items.map((it) => ({ ...it, link: `${it.link}-renamed` })) });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ identity: "guid", newItems: 0, alerts: 0 });
  });

  it("alerts the first item of a GUID-less feed that was empty at its first poll", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("quiet");
    p.reader.respond(feed.url, { items: [] });
    await pollFeed(p.deps, feed);
    p.reader.respond(feed.url, { items: [item(400, "Asylum: first news in months")] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ identity: "url", switchedIdentity: true, alerts: 1 });
  });

  it("counts an item listed twice in one poll once", async () => {
    const p = createTestPipeline([ana]);
    const feed = feedConfig("dup", { backfill: true });
    const story = item(1, "Asylum twice");
    p.reader.respond(feed.url, { items: [story, story] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ items: 1, newItems: 1, alerts: 1 });
  });
});

describe("crash safety and retention", () => {
  it("re-processing after a crash between the alert writes and the seen marks records nothing twice", async () => {
    const p = createTestPipeline([ana, bob]);
    const feed = feedConfig("unhcr");
    p.reader.respond(feed.url, { items: baseline });
    await pollFeed(p.deps, feed);
    p.reader.respond(feed.url, { items: [item(4, "Asylum A"), item(5, "Asylum B"), ...baseline] });
    const markSeen = p.deps.seen.markSeen;
    p.deps.seen.markSeen = async () => {
      throw new Error("killed");
    };
    await expect(pollFeed(p.deps, feed)).rejects.toThrow("killed");
    expect(p.alerts.alerts("ana")).toHaveLength(2);
    p.deps.seen.markSeen = markSeen;
    expect(await pollFeed(p.deps, feed)).toMatchObject({ newItems: 2, alerts: 0 });
    expect(p.alerts.alerts("ana")).toHaveLength(2);
    expect(p.alerts.alerts("bob")).toHaveLength(2);
    expect(await p.alerts.countPending("bob", "email")).toBe(2);
    p.reader.respond(feed.url, { items: [item(5, "Asylum B"), item(4, "Asylum A"), ...baseline] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ newItems: 0 });
  });

  it("keeps at least ten times the feed's items in its seen-set whatever the configured size", async () => {
    const p = createTestPipeline([ana], { seenPerFeed: 100 });
    const feed = feedConfig("big");
    const page = (from: number) => Array.from({ length: 40 }, (_, i) => item(from + i, `Item ${from + i}`));
    for (let from = 0; from < 600; from += 40) {
      p.reader.respond(feed.url, { items: page(from) });
      await pollFeed(p.deps, feed);
      p.clock.advance(1000);
    }
    expect(p.seen.size("big")).toBe(400);
  });
});
