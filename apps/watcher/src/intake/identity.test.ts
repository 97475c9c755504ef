import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromFeedItem, isTrustworthyGuid, urlKey } from "@corpus/model";
import { parseFeed } from "../feed/index";
import { createIdentityCache, guidProblemShare, itemKey, shouldKeyByUrl } from "./identity";

const feed = { id: "f", url: "https://www.icmpd.org/rss", link: "https://www.icmpd.org/" };
const options = { fetchedAt: "2025-11-25T08:00:00.000Z" };

describe("guidProblemShare", () => {
  it("counts missing, placeholder and repeated GUIDs (raw or as itemKey's guidKey)", () => {
    const keys = ["a", "a", " ", undefined].map((guid) => itemKey({ title: "t", link: "https://x.org/", ...(guid !== undefined && { guid }) }, { id: "f" }, options).guidKey);
    expect(guidProblemShare(keys)).toBe(1);
    expect(keys[0]).toBe(keys[1]);
    expect(guidProblemShare([])).toBe(0);
    expect(guidProblemShare(["a", "b", "c", "d"])).toBe(0);
    expect(guidProblemShare(["a", "a", "c", "d"])).toBe(0.5);
    expect(guidProblemShare([undefined, "null", " ", "d"])).toBe(0.75);
  });

  it("switches above 5%", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `g${i}`);
    expect(shouldKeyByUrl(twenty)).toBe(false);
    expect(shouldKeyByUrl([...twenty.slice(1), undefined])).toBe(false); // 1 of 20 = 5%
    expect(shouldKeyByUrl([...twenty.slice(2), "g2", undefined])).toBe(true); // 3 of 20
  });
});

describe("itemKey", () => {
  it("gives the id fromFeedItem gives, without converting content, cached or not", async () => {
    const xml = readFileSync(new URL("../../../../corpus/fixtures/icmpd-news.xml", import.meta.url), "utf8");
    const { items } = await parseFeed(xml, { url: feed.url });
    const tricky: unknown[] = [
      { content: "<p>No title here, only content that becomes the title</p>", link: "https://x.org/1" },
      { title: { _: "Object title" }, guid: "abc-123", "content:encoded": "<p>x</p>" },
      { title: "   ", description: "Whitespace title", pubDate: "Mon, 24 Nov 2025 10:00:00 +0000" },
      { title: "Relative", link: "/news/7?utm_source=x", contentSnippet: "snippet" },
      "not an item",
    ];
    const cache = createIdentityCache();
    for (const round of [1, 2]) {
      for (const item of [...items, ...tricky]) {
        for (const trustGuid of [true, false]) {
          const full = fromFeedItem(item, feed, { ...options, trustGuid }).document;
          const key = itemKey(item, feed, { ...options, trustGuid }, round === 1 ? undefined : cache);
          expect(key.id).toBe(full.id);
          expect(key.urlKey).toBe(full.url === undefined ? undefined : urlKey(full.url));
          const guid = full.identifiers.guid;
          expect(key.guidKey === undefined).toBe(guid === undefined);
          if (guid !== undefined) expect(key.guidKey !== "").toBe(isTrustworthyGuid(guid));
          // Cached the second time round: the same answer.
          if (round === 2) expect(itemKey(item, feed, { ...options, trustGuid }, cache)).toEqual(key);
        }
      }
    }
    expect(cache.size).toBe(2 * 14);
  });

  it("keys the cache by everything the id depends on", () => {
    const cache = createIdentityCache();
    const item = { title: "Same", link: "/a" };
    const a = itemKey(item, { id: "f", link: "https://a.example.org/" }, options, cache);
    const b = itemKey(item, { id: "f", link: "https://b.example.org/" }, options, cache);
    expect(a.urlKey).toBe(urlKey("https://a.example.org/a"));
    expect(b.urlKey).toBe(urlKey("https://b.example.org/a"));
    const g1 = itemKey({ title: "T", guid: "g" }, { id: "f1" }, options, cache);
    const g2 = itemKey({ title: "T", guid: "g" }, { id: "f2" }, options, cache);
    expect(g1.id).not.toBe(g2.id);
  });

  it("forgets the least recently used entries beyond its size", () => {
    const cache = createIdentityCache(2);
    for (const n of [1, 2, 3]) itemKey({ title: `T${n}`, link: `https://x.org/${n}` }, { id: "f" }, options, cache);
    expect(cache.size).toBe(2);
  });
});
