import { readFileSync } from "node:fs";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { DocumentSchema } from "./document";
import { fromFeedItem } from "./feed-item";
import { documentId, urlKey } from "./ids";

/** The fixtures go through rss-parser first, so the test sees items exactly as the watcher does. */
async function itemsOf(file: string) {
  const xml = readFileSync(new URL(`./__fixtures__/${file}`, import.meta.url), "utf8");
  const feed = await new Parser().parseString(xml);
  return { link: feed.link, items: feed.items as unknown[] };
}

describe("fromFeedItem on parsed feeds", () => {
  it("RSS 2.0 with the usual defects", async () => {
    const { link, items } = await itemsOf("policy-news.rss");
    const source = { id: "policy-news", url: "https://policy.example.org/feed.rss", link };
    const [first, second, third] = items.map((item) => fromFeedItem(item, source, { fetchedAt: "2025-11-25T10:00:00Z" }));

    expect(first?.issues).toEqual([]);
    expect(first?.document).toMatchObject({
      id: documentId({ feedId: "policy-news", guid: "policy-2025-0117" }),
      kind: "news-item",
      title: "Council adopts & publishes the return regulation",
      url: "https://policy.example.org/news-centre/return-regulation",
      publishedAt: "2025-11-25T08:30:00.000Z",
      summary: "The Council’s position in brief.",
      text: "The Council’s position in brief.\n\nMember states agreed on return hubs.",
      keywords: ["Returns", "Readmission"],
      authors: [{ name: "Press Office" }],
      identifiers: { guid: "policy-2025-0117" },
      provenance: { feeds: ["policy-news"], fetchedAt: "2025-11-25T10:00:00.000Z", sourceUrl: "https://policy.example.org/feed.rss" },
    });

    expect(second?.document).toMatchObject({
      id: urlKey("https://policy.example.org/news-centre/relative-item"),
      url: "https://policy.example.org/news-centre/relative-item",
      summary: "Plain escaped markup",
    });
    expect(second?.document.publishedAt).toBeUndefined();
    expect(second?.issues).toEqual(['pubDate "yesterday" is not a date; omitted']);

    expect(third?.document.url).toBeUndefined();
    expect(third?.document.id).toMatch(/^h-/);
    expect(third?.document.title).toBe("Double-wrapped description of an item without a title or a usable link.");
    expect(third?.issues).toEqual(['link "javascript:alert(1)" is not a usable http(s) URL; omitted', "title missing; used the start of the text"]);

    for (const result of [first, second, third]) expect(DocumentSchema.safeParse(result?.document).success).toBe(true);
  });

  it("Atom with an xhtml title, several links and summary plus content", async () => {
    const { link, items } = await itemsOf("research.atom");
    const { document, issues } = fromFeedItem(items[0], { id: "research", link }, { kind: "working-paper" });
    expect(issues).toEqual([]);
    expect(document).toMatchObject({
      id: documentId({ feedId: "research", guid: "tag:research.example.net,2025:paper-41" }),
      kind: "working-paper",
      title: "Working paper: labour pathways",
      url: "https://research.example.net/papers/labour-pathways",
      publishedAt: "2025-11-24T23:00:00.000Z",
      summary: "Short abstract.",
      text: "Short abstract.\n\nFull text of the working paper.",
      authors: [{ name: "A. Researcher" }],
    });
  });
});
