import { describe, expect, it } from "vitest";
import { DocumentSchema } from "./document";
import { fromFeedItem } from "./feed-item";
import type { FeedRef } from "./feed-item";
import { documentId, urlKey } from "./ids";

const feed: FeedRef = { id: "icmpd", url: "https://www.icmpd.org/rss.xml", link: "https://www.icmpd.org/" };
const fetchedAt = "2025-11-25T08:00:00Z";

function convert(item: unknown, options = {}, source: FeedRef = feed) {
  const result = fromFeedItem(item, source, { fetchedAt, ...options });
  // Whatever the input, the output must be a valid document with a queue-safe id.
  expect(DocumentSchema.safeParse(result.document).success).toBe(true);
  expect(result.document.id).not.toContain(":");
  return result;
}

describe("fromFeedItem: titles", () => {
  it.each([
    ["a string", "EU Pact enters into force", "EU Pact enters into force"],
    ["an object with _", { _: "Object title", $: { type: "html" } }, "Object title"],
    ["an array", ["", { _: "Second entry" }], "Second entry"],
    ["a number", 2025, "2025"],
    ["HTML and entities", "<b>Returns</b> &amp; readmission &#8211; update", "Returns & readmission – update"],
    ["line breaks", "  Two\n  lines  ", "Two lines"],
    ["Atom xhtml markup parsed into elements", { $: { type: "xhtml" }, div: [{ $: { xmlns: "http://www.w3.org/1999/xhtml" }, p: ["Entry ", { _: "Title", $: {} }] }] }, "Entry Title"],
    ["naked markup", { p: ["Item Title"] }, "Item Title"],
  ])("reads %s", (_name, title, expected) => {
    const { document, issues } = convert({ title, link: "https://www.icmpd.org/a" });
    expect(document.title).toBe(expected);
    expect(issues).toEqual([]);
  });

  it("falls back to the start of the text, then to (untitled)", () => {
    const long = `${"Border procedures ".repeat(20)}end`;
    const withText = convert({ contentSnippet: long });
    expect(withText.document.title.endsWith("…")).toBe(true);
    expect(withText.document.title.length).toBeLessThanOrEqual(121);
    expect(withText.issues).toContain("title missing; used the start of the text");

    const bare = convert({ title: { $: { type: "text" } } });
    expect(bare.document.title).toBe("(untitled)");
    expect(bare.issues).toEqual([
      `title ${JSON.stringify('{"$":{"type":"text"}}')} has no text; omitted`,
      'title missing; used "(untitled)"',
    ]);
  });
});

describe("fromFeedItem: links", () => {
  it.each([
    ["relative, against feed.link", { link: "/news-centre/item-1" }, feed, "https://www.icmpd.org/news-centre/item-1"],
    ["relative, against feed.url when there is no link", { link: "item-1" }, { id: "f", url: "https://example.org/feeds/rss.xml" }, "https://example.org/feeds/item-1"],
    ["ICMPD double slash", { link: "https://www.icmpd.org//news-centre/item-1" }, feed, "https://www.icmpd.org/news-centre/item-1"],
    ["tracking and fragment", { link: "https://www.icmpd.org/a?utm_source=rss&id=3#top" }, feed, "https://www.icmpd.org/a?id=3"],
    ["Atom link object", { link: { $: { href: "https://example.org/a" } } }, feed, "https://example.org/a"],
    ["alternate among several", { link: [{ $: { rel: "self", href: "https://example.org/self" } }, { $: { rel: "alternate", href: "https://example.org/page" } }] }, feed, "https://example.org/page"],
    ["permalink GUID when there is no link", { guid: "https://example.org/p?id=7" }, feed, "https://example.org/p?id=7"],
    ["RSS 1.0 rdf:about", { "rdf:about": "https://example.org/rdf-item" }, feed, "https://example.org/rdf-item"],
  ])("%s", (_name, item, source, expected) => {
    const { document, issues } = convert({ title: "T", ...item }, {}, source);
    expect(document.url).toBe(expected);
    expect(issues).toEqual([]);
  });

  it.each([
    ["javascript:", "javascript:alert(document.cookie)", "is not a usable http(s) URL"],
    ["mailto:", "mailto:press@example.org", "is not a usable http(s) URL"],
    ["garbage", "http://", "is not a usable http(s) URL"],
  ])("rejects %s links", (_name, link, why) => {
    const { document, issues } = convert({ title: "T", link });
    expect(document.url).toBeUndefined();
    expect(issues).toEqual([`link ${JSON.stringify(link)} ${why}; omitted`]);
  });

  it("reports a relative link it cannot resolve", () => {
    const { document, issues } = convert({ title: "T", link: "/a" }, {}, { id: "f" });
    expect(document.url).toBeUndefined();
    expect(issues).toEqual(['link "/a" is relative and the feed has no link to resolve it against; omitted']);
  });
});

describe("fromFeedItem: dates", () => {
  it.each([
    ["RFC 822 with offset", { pubDate: "Tue, 25 Nov 2025 09:30:00 +0100" }, "2025-11-25T08:30:00.000Z"],
    ["ISO with offset", { pubDate: "2025-11-25T10:30:00+02:00" }, "2025-11-25T08:30:00.000Z"],
    ["Atom published", { published: "2025-11-25T08:30:00Z" }, "2025-11-25T08:30:00.000Z"],
    ["Atom updated only", { updated: "2025-11-25T08:30:00Z" }, "2025-11-25T08:30:00.000Z"],
    ["dc:date", { "dc:date": "2025-11-25" }, "2025-11-25T00:00:00.000Z"],
    ["isoDate alone", { isoDate: "2025-11-25T08:30:00.000Z" }, "2025-11-25T08:30:00.000Z"],
  ])("reads %s", (_name, item, expected) => {
    const { document, issues } = convert({ title: "T", ...item });
    expect(document.publishedAt).toBe(expected);
    expect(issues).toEqual([]);
  });

  it("omits an invalid date and says so", () => {
    const { document, issues } = convert({ title: "T", pubDate: "yesterday" });
    expect(document.publishedAt).toBeUndefined();
    expect(issues).toEqual(['pubDate "yesterday" is not a date; omitted']);
  });

  it("uses the next date field when the first is invalid", () => {
    const { document, issues } = convert({ title: "T", pubDate: "soon", updated: "2025-11-25T08:00:00Z" });
    expect(document.publishedAt).toBe("2025-11-25T08:00:00.000Z");
    expect(issues).toEqual(['pubDate "soon" is not a date; used updated']);
  });

  it("does not trust rss-parser's isoDate over a pubDate it derived leniently", () => {
    const { document } = convert({ title: "T", pubDate: "1", isoDate: "2001-01-01T00:00:00.000Z" });
    expect(document.publishedAt).toBeUndefined();
  });
});

describe("fromFeedItem: content", () => {
  it("RSS: description as summary, content:encoded as text", () => {
    const { document } = convert({
      title: "T",
      content: "<p>Short &amp; sweet</p>",
      contentSnippet: "Short & sweet",
      "content:encoded": "<p>Short &amp; sweet</p><p>And the <a href='/x'>whole story</a>.</p><script>track()</script>",
    });
    expect(document.summary).toBe("Short & sweet");
    expect(document.text).toBe("Short & sweet\n\nAnd the whole story.");
  });

  it("RSS: description only gives a summary and no text", () => {
    const { document } = convert({ title: "T", content: "<p>Only this</p>", contentSnippet: "Only this" });
    expect(document.summary).toBe("Only this");
    expect(document.text).toBeUndefined();
  });

  it("Atom: summary and content", () => {
    const { document } = convert({ title: "T", summary: "Brief.", content: "<div>Brief. Then much more detail.</div>" });
    expect(document.summary).toBe("Brief.");
    expect(document.text).toBe("Brief. Then much more detail.");
  });

  it("CDATA leftovers and entities", () => {
    const { document } = convert({ title: "T", content: "<![CDATA[<p>It&#8217;s&nbsp;here</p>]]>" });
    expect(document.summary).toBe("It’s here");
  });

  it("reads only the first 4,000,000 characters of a huge source", () => {
    const { document, issues } = convert({ title: "T", content: "a ".repeat(2_500_000) });
    expect(document.summary).toHaveLength(20_000);
    expect(issues).toEqual(["summary source is 5000000 characters; only the first 4000000 were read", "summary is 3999999 characters; cut to 20000"]);
  });

  it("caps an absurdly long text with an issue", () => {
    const { document, issues } = convert({ title: "T", summary: "s", "content:encoded": "word ".repeat(50_000) });
    expect(document.text).toHaveLength(200_000);
    expect(issues).toEqual(["text is 249999 characters; cut to 200000"]);
  });
});

describe("fromFeedItem: keywords, authors, identity, provenance", () => {
  it("reads categories of every shape, without duplicates", () => {
    const { document } = convert({ title: "T", categories: ["Asylum", { _: "Migration", $: { domain: "x" } }, { $: { term: "EU" } }, "asylum", " "] });
    expect(document.keywords).toEqual(["Asylum", "Migration", "EU"]);
  });

  it("reads creators and authors, keeping names out of RSS author emails", () => {
    const { document } = convert({ title: "T", creator: "Jane Doe", author: "press@example.org (UNHCR Press)", "dc:creator": ["Jane Doe", "John Roe"] });
    expect(document.authors).toEqual([{ name: "Jane Doe" }, { name: "John Roe" }, { name: "UNHCR Press" }]);
    expect(convert({ title: "T", author: "noreply@example.org" }).document.authors).toEqual([]);
    expect(convert({ title: "T", author: { name: ["Atom Author"] } }).document.authors).toEqual([{ name: "Atom Author" }]);
  });

  it("builds the id from GUID, URL or title as documentId does", () => {
    const item = { title: "T", guid: "item-17", link: "https://www.icmpd.org/a", pubDate: "2025-11-25T08:00:00Z" };
    const withGuid = convert(item).document;
    expect(withGuid.id).toBe(documentId({ feedId: "icmpd", guid: "item-17" }));
    expect(withGuid.identifiers.guid).toBe("item-17");
    expect(convert({ ...item, guid: undefined }).document.id).toBe(urlKey("https://www.icmpd.org/a"));
    expect(convert({ ...item, guid: "0" }).document.id).toBe(urlKey("https://www.icmpd.org/a"));
    expect(convert({ ...item, guid: { _: "atom-id" } }).document.identifiers.guid).toBe("atom-id");
    expect(convert(item, { trustGuid: false }).document.id).toBe(urlKey("https://www.icmpd.org/a"));
    expect(convert({ title: "T", pubDate: item.pubDate }).document.id).toMatch(/^h-/);
    expect(convert(item, {}, { ...feed, id: "other" }).document.id).not.toBe(withGuid.id);
  });

  it("records provenance and rejects a bad fetchedAt or feed url", () => {
    expect(convert({ title: "T" }).document.provenance).toEqual({ feeds: ["icmpd"], fetchedAt: "2025-11-25T08:00:00.000Z", sourceUrl: "https://www.icmpd.org/rss.xml" });
    const { document, issues } = fromFeedItem({ title: "T" }, { id: "f", url: "ftp://example.org/feed" }, { fetchedAt: "now" });
    expect(document.provenance).toEqual({ feeds: ["f"] });
    expect(issues).toEqual(['fetchedAt "now" is not a date; omitted', 'feed url "ftp://example.org/feed" is not an http(s) URL; omitted']);
  });

  it("applies kind and language options, preferring the item's language", () => {
    expect(convert({ title: "T" }, { kind: "policy-paper", language: "fr" }).document).toMatchObject({ kind: "policy-paper", language: "fr" });
    expect(convert({ title: "T", language: "DE_at" }, { language: "fr" }).document.language).toBe("de-at");
    expect(convert({ title: "T", language: "English" }).issues).toEqual(['language "English" is not a language tag; omitted']);
  });
});

describe("fromFeedItem: hostile input", () => {
  const cyclic: Record<string, unknown> = { title: "T" };
  cyclic.link = cyclic;
  cyclic.categories = [cyclic];
  const throwing = Object.defineProperty({}, "title", { get: () => { throw new Error("boom"); }, enumerable: true });

  it.each([
    ["null", null],
    ["a string", "<item>"],
    ["a number", 42],
    ["an array", [{ title: "T" }]],
    ["a cyclic object", cyclic],
    ["a throwing getter", throwing],
    ["every field the wrong type", { title: [[[[[["deep"]]]]]], link: 5, pubDate: {}, guid: [], categories: "one", creator: 7, content: {} }],
  ])("never throws on %s", (_name, item) => {
    const { document, issues } = convert(item);
    expect(document.title.length).toBeGreaterThan(0);
    expect(Array.isArray(issues)).toBe(true);
  });

  it("gives the same id for the same item each time", () => {
    const item = { title: "T", link: "/a", pubDate: "Tue, 25 Nov 2025 08:00:00 GMT" };
    expect(convert(item).document.id).toBe(convert({ ...item }).document.id);
  });
});
