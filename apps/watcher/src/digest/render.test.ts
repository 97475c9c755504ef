import { describe, expect, it } from "vitest";
import { buildDigest } from "./build";
import { renderDigest, InvalidDigestError } from "./render";
import { escapeHtml, escapeMarkdown, stripControls } from "./escape";
import { THEMES, alert, match } from "./_test-alerts";

const base = { id: "20261125T080000Z-3f2a9c0000", subscriber: "analyst", channel: "email", createdAt: new Date("2026-11-25T08:00:00Z"), themes: THEMES };

const hostile = alert({
  title: `<script>window.__pwned=1</script><img src=x onerror="alert(1)"> [click](javascript:alert(2)) **bold**`,
  url: "javascript:alert(3)",
  sources: ["evil<feed>"],
  matches: [
    match("asylum-procedures", 0.7, {
      evidence: { matchedTerms: [{ term: "<b onmouseover=alert(4)>", count: 1 }], topTerms: [], nearest: [{ id: "n", title: `"><svg onload=alert(5)>`, similarity: 0.5 }] },
    }),
  ],
});

describe("renderDigest", () => {
  const good = alert({ title: "EU Pact: new asylum rules", url: "https://example.org/pact", matches: [match("asylum-procedures", 0.8), match("return-readmission", 0.6)] });
  const rendered = renderDigest(buildDigest({ ...base, alerts: [good], remaining: 3 }), { subscriberName: "Policy desk", timeZone: "Europe/Vienna", feedNames: { "icmpd-news": "ICMPD News" } });

  it("renders headings, items, why and 'also in' in every format", () => {
    const decode = (html: string) => html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");
    for (const text of [rendered.markdown.replace(/\\(.)/g, "$1"), decode(rendered.html), rendered.text]) {
      expect(text).toContain("Asylum procedures");
      expect(text).toContain("Return");
      expect(text).toContain("EU Pact: new asylum rules");
      expect(text).toContain("ICMPD News");
      expect(text).toContain("score 0.80");
      expect(text).toContain("Also in:");
      expect(text).toContain("3 more items are waiting");
      expect(text).toContain("25 Nov 2026, 09:00 CET");
    }
    expect(rendered.text).toContain("1 new item in 2 themes");
    expect(rendered.markdown).toContain("### [EU Pact: new asylum rules](<https://example.org/pact>)");
    expect(rendered.html).toContain(`<a href="https://example.org/pact"`);
    expect(JSON.parse(rendered.json)).toEqual(rendered.digest);
  });

  it("writes a subject with subscriber, counts and the largest themes", () => {
    expect(rendered.subject).toBe("[corpus] Policy desk: 1 new item in 2 themes (Asylum procedures & reception 1, Return & readmission 1) [+3 waiting]");
    const empty = renderDigest(buildDigest({ ...base, alerts: [] }));
    expect(empty.subject).toBe("[corpus] analyst: nothing new");
    expect(empty.text).toContain("Nothing new since the last digest.");
    expect(empty.html).toContain("Nothing new since the last digest.");
  });

  it("keeps hostile feed text out of the HTML: no tags, handlers or javascript: links", () => {
    const html = renderDigest(buildDigest({ ...base, alerts: [hostile] })).html;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<b /i);
    expect(html).not.toMatch(/\sonerror=/i);
    expect(html).not.toMatch(/\sonload=/i);
    expect(html).not.toMatch(/\sonmouseover=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toContain("evil<feed>");
    expect(html).toContain("&lt;script&gt;window.__pwned&#61;1&lt;/script&gt;");
    // only the digest's own markup carries attributes: every href is http(s)
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
  });

  it("keeps hostile feed text out of the Markdown: no raw HTML, no links from feed text", () => {
    const md = renderDigest(buildDigest({ ...base, alerts: [hostile] })).markdown;
    expect(md).not.toMatch(/(?<!\\)<script/i);
    expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]/);
    expect(md).toContain("\\<script\\>");
    expect(md).toContain("\\[click\\](javascript:alert(2))");
    expect(md).not.toContain("(<javascript:");
  });

  it("strips terminal escapes and bidi overrides from the plain text", () => {
    const text = renderDigest(buildDigest({ ...base, alerts: [alert({ title: "a\u001b[31mred\u202Eevil", matches: [match("asylum-procedures", 0.5)] })] })).text;
    expect(text).toContain("a[31mredevil");
    expect(text).not.toMatch(/[\u001b\u202E]/);
  });

  it("refuses a digest that breaks the schema", () => {
    const digest = buildDigest({ ...base, alerts: [] });
    expect(() => renderDigest({ ...digest, id: "not-an-id" })).toThrow(InvalidDigestError);
  });
});

describe("escaping helpers", () => {
  it("escape HTML, Markdown and controls", () => {
    expect(escapeHtml(`<a href='x' title="y">&`)).toBe("&lt;a href&#61;&#39;x&#39; title&#61;&quot;y&quot;&gt;&amp;");
    expect(escapeHtml("javascript:x `y`")).toBe("javascript&#58;x &#96;y&#96;");
    expect(escapeMarkdown("![img](x) *a* _b_ `c` | # ~ &\nnext")).toBe("\\!\\[img\\](x) \\*a\\* \\_b\\_ \\`c\\` \\| \\# \\~ \\& next");
    expect(stripControls("a\u0000b\tc\nd\u009be")).toBe("ab\tc\nde");
  });
});

describe("why line", () => {
  it("shows the first six matched terms and how many more there are", () => {
    const many = alert({ matches: [match("asylum-procedures", 0.5, { evidence: { matchedTerms: "a b c d e f g h".split(" ").map((term) => ({ term, count: 1 })), topTerms: [], nearest: [] } })] });
    const rendered = renderDigest(buildDigest({ ...base, alerts: [many] }));
    expect(rendered.text).toContain("Why: matched a, b, c, d, e, f and 2 more");
    expect(rendered.digest.sections[0]!.items[0]!.why.matchedTerms).toHaveLength(8);
  });
});
