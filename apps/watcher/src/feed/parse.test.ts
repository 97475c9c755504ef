import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FeedParseError } from "./errors";
import { parseFeed, type ParsedFeed } from "./parse";

const URL_ = "https://agency.example/news/feed";
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
type Item = Record<string, unknown>;
const items = (feed: ParsedFeed) => feed.items as Item[];

async function parseError(text: string): Promise<FeedParseError> {
  try {
    await parseFeed(text, { url: URL_ });
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error("expected a FeedParseError");
}

const rss = (items: string, rssAttrs = ' version="2.0"') => `<rss${rssAttrs}><channel><title>Feed</title><link>https://agency.example/</link>${items}</channel></rss>`;

describe("parseFeed: fixture feeds", () => {
  it("RSS 2.0 with content:encoded, dc:creator, media, entities, duplicate and missing GUIDs", async () => {
    const feed = await parseFeed(fixture("rss2-agency-news.xml"), { url: URL_ });
    expect(feed).toMatchObject({ format: "rss", title: "Asylum\u00a0Agency & Partners — News", link: "https://agency.example/news/" });
    expect(items(feed).map((i) => i.guid)).toEqual(["agency-2025-0113", "agency-2025-0112", "agency-2025-0112", undefined]);
    expect(items(feed)[0]).toMatchObject({
      title: "Quarterly asylum statistics published",
      link: "https://agency.example/news/2025/q3-statistics?lang=en&ref=rss",
      creator: "Press Office",
      categories: ["Statistics", "Asylum"],
      isoDate: "2025-11-25T08:30:00.000Z",
      content: "<p>Applications fell by 12&nbsp;% compared with Q2.</p>",
      "content:encoded": "<p>Applications fell by 12&nbsp;% compared with Q2.</p><p>Full tables attached.</p>",
      "media:content": [{ $: { url: "https://agency.example/img/q3.png", medium: "image", type: "image/png" } }],
    });
    expect(items(feed)[1]).toMatchObject({
      title: "Court ruling on Dublin transfers … what changes",
      link: "/news/2025/dublin-ruling",
      creator: "press@agency.example (Press Office)",
      content: "The court found that transfers must be suspended where ‘systemic flaws’ exist.",
    });
    expect(items(feed)[2]).not.toHaveProperty("isoDate"); // "Monday, 24 November 2025 17:00 CET" is no date JS reads
    expect(feed.warnings.join()).toMatch(/HTML entities/);
  });

  it("Atom with a bad date, a link written as text, a link without attributes, an xhtml title", async () => {
    const feed = await parseFeed(fixture("atom-broken-entries.xml"), { url: URL_ });
    expect(feed).toMatchObject({ format: "atom", title: "Ministry of the Interior: press releases", link: "https://ministry.example/press/" });
    expect(items(feed)).toHaveLength(4);
    expect(items(feed)[0]).toMatchObject({
      id: "tag:ministry.example,2025:press-101",
      isoDate: "2025-11-25T06:00:00.000Z",
      creator: "Press Office",
      categories: ["asylum-procedure", "borders"],
      summary: "<p>The regulation enters into force in June.</p>",
    });
    // "yesterday afternoon" is dropped; the valid <updated> takes its place.
    expect(items(feed)[1]).toMatchObject({ link: "https://ministry.example/press/2025/returns-agreement", isoDate: "2025-11-24T15:00:00.000Z" });
    // Only the enclosure link is left; relative hrefs resolve against xml:base.
    expect(items(feed)[2]).toMatchObject({ link: "https://ministry.example/press/2025/budget.pdf", id: "tag:ministry.example,2025:press-099" });
    expect(items(feed)[2]).not.toHaveProperty("isoDate");
    expect(items(feed)[3]).toMatchObject({ title: "Family <em>reunification</em> figures", link: "https://ministry.example/press/2025/family-reunification" });
    expect(feed.warnings).toEqual(expect.arrayContaining(["1 Atom links without href ignored", "2 unparseable Atom dates ignored"]));
  });

  it("RSS 1.0 (RDF) with Dublin Core dates and subjects", async () => {
    const feed = await parseFeed(fixture("rdf-rss1.xml"), { url: URL_ });
    expect(feed).toMatchObject({ format: "rdf", title: "Journal of Refugee Studies: latest articles", link: "https://journal.example/" });
    expect(items(feed)[0]).toMatchObject({
      title: "Temporary protection and labour market access",
      creator: "A. Author",
      pubDate: "2025-11-20T00:00:00Z",
      isoDate: "2025-11-20T00:00:00.000Z",
      categories: ["Temporary protection", "Labour"],
    });
    expect(items(feed)[1]).toMatchObject({ link: "https://journal.example/article/2", isoDate: "2025-11-18T00:00:00.000Z" });
  });

  it("Atom 0.3 with issued/modified dates", async () => {
    const feed = await parseFeed(fixture("atom03.xml"), { url: URL_ });
    expect(feed).toMatchObject({ format: "atom", title: "Old Blog on Migration Law", link: "https://oldblog.example/" });
    expect(items(feed)[0]).toMatchObject({
      link: "https://oldblog.example/2005/06/safe-third-countries",
      id: "tag:oldblog.example,2005:1",
      isoDate: "2005-06-01T10:00:00.000Z",
      content: "<p>A long post.</p>",
    });
  });

  it("RSS 0.91 with a DOCTYPE", async () => {
    const feed = await parseFeed(fixture("rss091.xml"), { url: URL_ });
    expect(feed.format).toBe("rss");
    expect(items(feed)).toEqual([expect.objectContaining({ title: "Question on detention of minors", content: "Asked on 20 November." })]);
  });

  it("JSON Feed 1.1", async () => {
    const feed = await parseFeed(fixture("jsonfeed-11.json"), { url: URL_ });
    expect(feed).toMatchObject({ format: "json", title: "Migration Policy Observatory", link: "https://observatory.example/" });
    expect(items(feed)[0]).toEqual({
      guid: "https://observatory.example/briefings/42",
      link: "https://observatory.example/briefings/42",
      title: "Briefing: the new pact in numbers",
      content: "<p>What the pact changes.</p>",
      contentSnippet: "What the pact changes.",
      summary: "Numbers behind the pact",
      pubDate: "2025-11-21T09:00:00+01:00",
      isoDate: "2025-11-21T08:00:00.000Z",
      creator: "Research Team",
      author: "Research Team",
      categories: ["pact", "statistics"],
      enclosure: { url: "https://observatory.example/briefings/42.pdf", type: "application/pdf", length: 48213 },
    });
    expect(items(feed)[1]).toMatchObject({ guid: "41", link: "https://news.example/story", content: "A linked story without a title." });
  });

  it("JSON Feed 1.0 with a single author", async () => {
    const feed = await parseFeed(fixture("jsonfeed-10.json"), { url: URL_ });
    expect(items(feed)[0]).toMatchObject({ guid: "la-7", creator: "Coordination Team", isoDate: "2025-11-19T12:00:00.000Z" });
  });
});

describe("parseFeed: what real feeds do", () => {
  it.each<[string, string, (feed: ParsedFeed) => void]>([
    ["<rss> without a version", rss("<item><title>A</title></item>", ""), (f) => expect(items(f)).toEqual([{ title: "A" }])],
    ["a BOM, whitespace and a stylesheet before the declaration", `\uFEFF \n\t<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?>${rss("<item><title>A</title></item>")}`, (f) => expect(items(f)).toHaveLength(1)],
    ["undefined HTML entities", rss("<item><title>Caf&eacute; &mdash; r&eacute;fugi&eacute;s&nbsp;&amp; more &hearts;</title></item>"), (f) => expect(items(f)[0]?.title).toBe("Café — réfugiés\u00a0& more ♥")],
    ["unknown entities and bare ampersands", rss("<item><title>Q&A: &madeup; 5 < 6 & 7</title><link>https://a.example/?a=1&b=2</link></item>"), (f) => expect(items(f)[0]).toMatchObject({ title: "Q&A: &madeup; 5 < 6 & 7", link: "https://a.example/?a=1&b=2" })],
    ["a title holding markup", rss("<item><title>Ruling <b>overturned</b> on appeal</title></item>"), (f) => expect(items(f)[0]?.title).toBe("Ruling <b>overturned</b> on appeal")],
    ["unescaped HTML in a description", rss("<item><title>A</title><description><p>First<br>second</p></description></item>"), (f) => expect(items(f)[0]?.content).toBe("<p>First<br/>second</p>")],
    ["unescaped HTML next to CDATA", rss("<item><description><p>One</p><![CDATA[<p>Two &amp; three</p>]]></description></item>"), (f) => expect(items(f)[0]?.content).toBe("<p>One</p><p>Two &amp; three</p>")],
    ["a mismatched end tag", rss("<item><title>A</titel></item><item><title>B</title></item>"), (f) => expect(items(f).map((i) => i.title)).toEqual(["A", "B"])],
    ["garbage after the root element", `${rss("<item><title>A</title></item>")}\n<!-- cache: hit -->\n<script>track()</script>`, (f) => expect(f.warnings).toContain("content after the root element ignored")],
    ["a truncated download", rss("<item><title>A</title></item><item><title>B</title><descr").replace(/<\/channel><\/rss>$/, ""), (f) => expect(items(f).map((i) => i.title)).toEqual(["A"])],
    ["control characters", rss("<item><title>A\u0001B\u000bC</title></item>"), (f) => expect(items(f)[0]?.title).toBe("ABC")],
    ["a prefixed Atom root", '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:title>E</a:title><a:link href="https://p.example/1"/></a:entry></a:feed>', (f) => expect(f).toMatchObject({ format: "atom", title: "P", items: [{ title: "E", link: "https://p.example/1" }] })],
    ["an Atom entry document", '<entry xmlns="http://www.w3.org/2005/Atom"><title>Only</title><id>urn:x:1</id></entry>', (f) => expect(items(f)).toEqual([expect.objectContaining({ title: "Only", id: "urn:x:1" })])],
    ["an Atom entry without any child element", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/></entry><entry><title>B</title></entry></feed>', (f) => expect(items(f).map((i) => i.title)).toEqual(["B"])],
    ["RSS without a channel", '<rss version="2.0"></rss>', (f) => expect(f).toMatchObject({ items: [], warnings: ["<rss> without a <channel>: no items"] })],
    ["an empty channel", rss(""), (f) => expect(f).toMatchObject({ title: "Feed", link: "https://agency.example/", items: [] })],
    ["an Atom category with label only, RSS categories with attributes", rss('<item><category domain="x">Returns</category><category>  </category></item>'), (f) => expect(items(f)[0]?.categories).toEqual(["Returns"])],
  ])("%s", async (_name, text, check) => {
    check(await parseFeed(text, { url: URL_ }));
  });

  it.each([
    ["Atom: against the document URL", '<feed xmlns="http://www.w3.org/2005/Atom"><link href="/"/><entry><link href="2025/a?x=1&amp;y=2"/></entry></feed>', "https://agency.example/", "https://agency.example/news/2025/a?x=1&y=2"],
    ["Atom: nested xml:base", '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/root/"><entry xml:base="sub/"><link href="page"/></entry></feed>', undefined, "https://b.example/root/sub/page"],
    ["Atom: a link written as text", '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/"><entry><link>p/1</link></entry></feed>', undefined, "https://b.example/p/1"],
    ["Atom: absolute links stay as written", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://c.example"/></entry></feed>', undefined, "https://c.example"],
    ["RSS: xml:base in scope", rss('<item xml:base="https://d.example/news/"><link>story-1</link></item>'), "https://agency.example/", "https://d.example/news/story-1"],
    ["RSS: no xml:base leaves the link to the reader", rss("<item><link>/story-2</link></item>"), "https://agency.example/", "/story-2"],
  ])("relative links, %s", async (_name, text, feedLink, itemLink) => {
    const feed = await parseFeed(text, { url: URL_ });
    expect(feed.link).toBe(feedLink);
    expect(items(feed)[0]?.link).toBe(itemLink);
  });

  it("one broken item costs only that item", async () => {
    const text = rss("<item><title>A</title></item><item><title>B</title><enclosure url=unquoted /></item><item><title>C</title></item>");
    const feed = await parseFeed(text, { url: URL_ });
    expect(items(feed).map((i) => i.title)).toEqual(["A", "C"]);
    expect(feed.warnings.join("\n")).toMatch(/item 2 skipped: Unquoted attribute value/);
  });
});

describe("parseFeed: errors", () => {
  it.each([
    ["", "empty"],
    [" \n\t ", "empty"],
    ["\uFEFF", "empty"],
    ["Service Unavailable", "not-a-feed"],
    ["<note><to>Tove</to></note>", "not-a-feed"],
    ['{"data": []}', "not-a-feed"],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed"],
    ['<rss version=2.0><channel><title>x</title></channel></rss>', "malformed"],
  ])("%j → %s", async (text, code) => {
    expect((await parseError(text)).code).toBe(code);
  });

  it("names the XML parser's complaint for malformed documents", async () => {
    const error = await parseError('<rss version=2.0><channel><title>x</title></channel></rss>');
    expect(error.message).toMatch(/cannot parse https:\/\/agency\.example\/news\/feed: Unquoted attribute value/);
    expect(error.url).toBe(URL_);
  });

  it("recognises an HTML page and names the feeds it announces", async () => {
    const error = await parseError(fixture("html-page.html"));
    expect(error.code).toBe("not-a-feed");
    expect(error.message).toMatch(/looks like an HTML page/);
    expect(error.feedLinks).toEqual(["https://agency.example/news/feed.xml", "https://council.example/press.atom"]);
    expect(error.message).toContain("https://agency.example/news/feed.xml");
  });

  it("recognises an XHTML page behind an XML declaration", async () => {
    const page = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' +
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><link rel="alternate" type="application/atom+xml" href="atom.xml"/></head><body/></html>';
    const error = await parseError(page);
    expect(error).toMatchObject({ code: "not-a-feed", feedLinks: ["https://agency.example/news/atom.xml"] });
  });

  it("skips any number of leading comments when looking for HTML", async () => {
    expect((await parseError(`${"<!-- x -->".repeat(5000)}<!DOCTYPE html><html></html>`)).message).toMatch(/HTML page/);
    expect((await parseError(`${"<!--a-->".repeat(5000)}plain text`)).message).toMatch(/neither RSS/);
  });

  it("recognises an HTML page without a doctype", async () => {
    const error = await parseError("<html><head><title>Moved</title></head><body>Gone</body></html>");
    expect(error).toMatchObject({ code: "not-a-feed", feedLinks: [] });
    expect(error.message).toMatch(/looks like an HTML page, not a feed$/);
  });
});
