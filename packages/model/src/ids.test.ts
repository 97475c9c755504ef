import { describe, expect, it } from "vitest";
import { SafeIdSchema } from "./common";
import { contentHash, documentId, isTrustworthyGuid, urlKey } from "./ids";

const ID_SHAPE = /^[ghu]-[0-9a-f]{24}$/;

describe("isTrustworthyGuid", () => {
  it.each([
    ["a tag URI", "tag:example.org,2025:item-17"],
    ["a permalink", "https://www.unhcr.org/news/stories/item"],
    ["a number from a CMS", "123456"],
    ["a UUID", "3f2a9c1e-5d4b-4c3a-9e8f-1a2b3c4d5e6f"],
    ["padded", "  item-17  "],
    ["non-Latin", "статья-17"],
  ])("accepts %s", (_name, guid) => {
    expect(isTrustworthyGuid(guid)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["zero", "0"],
    ["minus one", "-1"],
    ["null", "null"],
    ["NULL", "NULL"],
    ["undefined", "undefined"],
    ["none", "None"],
    ["n/a", "N/A"],
    ["hash", "#"],
    ["slash", "/"],
    ["dashes", "---"],
    ["about:blank", "about:blank"],
    ["stringified object", "[object Object]"],
    ["unfilled template", "{guid}"],
    ["unfilled mustache", "{{ id }}"],
    ["unfilled shell template", "${id}"],
    ["unfilled percent template", "%GUID%"],
    ["absurdly long", "x".repeat(5000)],
    ["not a string", 42],
    ["an object", { _: "x" }],
    ["missing", undefined],
  ])("rejects %s", (_name, guid) => {
    expect(isTrustworthyGuid(guid)).toBe(false);
  });
});

describe("documentId", () => {
  const url = "https://www.icmpd.org//news-centre/item?utm_source=rss";

  it("uses a trustworthy GUID scoped to its feed", () => {
    const a = documentId({ feedId: "icmpd", guid: "item-17", url });
    expect(a).toMatch(/^g-/);
    expect(documentId({ feedId: "other-feed", guid: "item-17", url })).not.toBe(a);
    expect(documentId({ feedId: "icmpd", guid: " item-17 ", url: "https://elsewhere.example/" })).toBe(a);
  });

  it("treats a GUID that is a URL as a GUID, not as the item URL", () => {
    const id = documentId({ feedId: "f", guid: "https://example.org/a" });
    expect(id).toMatch(/^g-/);
    expect(id).not.toBe(urlKey("https://example.org/a"));
  });

  it("falls back to the canonical URL when the GUID is a placeholder or missing", () => {
    const expected = urlKey(url);
    expect(expected).toMatch(/^u-/);
    expect(documentId({ feedId: "icmpd", guid: "0", url })).toBe(expected);
    expect(documentId({ feedId: "icmpd", url })).toBe(expected);
    expect(documentId({ url: "https://www.icmpd.org/news-centre/item" })).toBe(expected);
  });

  it("ignores GUIDs when the caller distrusts the feed's GUIDs", () => {
    expect(documentId({ feedId: "f", guid: "item-17", url }, { trustGuid: false })).toBe(urlKey(url));
  });

  it("hashes title, date and source when there is neither GUID nor URL", () => {
    const base = { title: "New EU Pact  on Migration", publishedAt: "2025-11-25T09:00:00+01:00", source: "feed-a" };
    const id = documentId(base);
    expect(id).toMatch(/^h-/);
    expect(documentId({ ...base, title: "new eu pact on migration " })).toBe(id);
    expect(documentId({ ...base, publishedAt: "2025-11-25T08:00:00.000Z" })).toBe(id);
    expect(documentId({ ...base, source: "feed-b" })).not.toBe(id);
    expect(documentId({ ...base, publishedAt: "2025-11-26T08:00:00Z" })).not.toBe(id);
    expect(documentId({ ...base, url: "javascript:alert(1)" })).toBe(id);
  });

  it("is deterministic", () => {
    expect(documentId({ feedId: "f", guid: "x" })).toBe(documentId({ feedId: "f", guid: "x" }));
  });

  it.each([
    { feedId: "f", guid: "item:with:colons" },
    { url: "https://example.org/a:b?x=1:2" },
    { title: "Title: with colon", publishedAt: "12:00", source: "a:b" },
    { guid: "1234567890" },
    {},
  ])("gives a queue-safe id for %j", (identity) => {
    const id = documentId(identity);
    expect(id).toMatch(ID_SHAPE);
    expect(id).not.toContain(":");
    expect(id).not.toMatch(/^\d+$/);
    expect(SafeIdSchema.safeParse(id).success).toBe(true);
  });
});

describe("urlKey", () => {
  it("is the same for spellings of one link and undefined for unusable links", () => {
    expect(urlKey("HTTPS://Example.org:443/a?utm_medium=rss#x")).toBe(urlKey("https://example.org/a"));
    expect(urlKey("https://example.org/a")).not.toBe(urlKey("https://example.org/b"));
    expect(urlKey("javascript:alert(1)")).toBeUndefined();
    expect(urlKey("/relative")).toBeUndefined();
  });
});

describe("contentHash", () => {
  it("separates parts unambiguously", () => {
    expect(contentHash(["ab", "c"])).not.toBe(contentHash(["a", "bc"]));
    expect(contentHash(["a"])).toMatch(/^[0-9a-f]{24}$/);
  });
});
