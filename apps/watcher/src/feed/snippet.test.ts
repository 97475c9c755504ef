import { describe, expect, it } from "vitest";
import { parseFeed } from "./parse";
import { installLinearSnippet, stripHtml } from "./snippet";

/** rss-parser 3.13's `utils.stripHtml`, as written there: the reference `stripHtml` must match. */
function reference(str: string): string {
  str = str.replace(/([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm, "$1\n$3");
  str = str.replace(/<(?:.|\n)*?>/gm, "");
  return str;
}

/** A small deterministic generator (mulberry32), so the random cases are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["<", ">", "/", "\n", "\r", "\u2028", "\u2029", " ", "x", "<p>", "</p>", "<br>", "<br/>", "<h", "<hr>", "<b>", "<li", "<table", "<tr", "<td>", "<div", "<blockquote>", "<section", "<ul>", "<ol", "<span>", "&lt;", "&amp;", ">\n", "\n<", "é", "\ud83d\ude00"];

describe("stripHtml", () => {
  it("is in place of rss-parser's", () => {
    expect(installLinearSnippet()).toBe(true);
  });

  it("gives rss-parser's result on HTML as feeds write it", () => {
    const cases = [
      "",
      "plain text",
      "<p>Applications fell by 12&nbsp;% compared with Q2.</p><p>Full tables attached.</p>",
      "a<br>b<br/>\nc<p>d</p>e",
      "<div class=\"x\">one</div>\n<div>two</div>",
      "if a < b then <em>c</em> > d",
      "x<br>\nx<br>\nx<br>\n",
      "<ul><li>one</li><li>two</li></ul>",
      "a <img src=\"x.png\"\nalt=\"y\"> b",
      "a <p\r>b</p> c",
      "<h1>Title</h1>\r\n<p>Body</p>",
    ];
    for (const html of cases) expect(stripHtml(html), JSON.stringify(html)).toBe(reference(html));
  });

  it("gives rss-parser's result on random markup", () => {
    const next = random(20251125);
    for (let n = 0; n < 20000; n++) {
      const length = Math.floor(next() * 24);
      let html = "";
      for (let i = 0; i < length; i++) html += PIECES[Math.floor(next() * PIECES.length)];
      expect(stripHtml(html), JSON.stringify(html)).toBe(reference(html));
    }
  });
});

describe("parseFeed: content with many '<' that open no tag", () => {
  const N = 50_000;
  const text = "a<b ".repeat(N);

  it("keeps CDATA content:encoded and escaped descriptions, with their snippets", async () => {
    const xml =
      `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>` +
      `<item><title>One</title><content:encoded><![CDATA[${text}]]></content:encoded></item>` +
      `<item><title>Two</title><description>${"a&lt;b ".repeat(N)}</description></item>` +
      `<item><title>Three</title><description>${"x&lt;br&gt;\n".repeat(N)}</description></item>` +
      `</channel></rss>`;
    const feed = await parseFeed(xml, { url: "https://agency.example/feed" });
    const items = feed.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.title)).toEqual(["One", "Two", "Three"]);
    expect(items[0]?.["content:encoded"]).toBe(text);
    expect(items[0]?.["content:encodedSnippet"]).toBe(text.trim());
    expect(items[1]?.content).toBe(text);
    expect(items[1]?.contentSnippet).toBe(text.trim());
    expect(items[2]?.content).toBe("x<br>\n".repeat(N));
    expect(items[2]?.contentSnippet).toBe("x\n".repeat(N).trim());
  });

  it("keeps Atom CDATA content, with its snippet", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><entry><title>One</title><content type="html"><![CDATA[${text}]]></content></entry></feed>`;
    const feed = await parseFeed(xml, { url: "https://agency.example/feed" });
    const items = feed.items as Array<Record<string, unknown>>;
    expect(items[0]?.content).toBe(text);
    expect(items[0]?.contentSnippet).toBe(text.trim());
  });
});
