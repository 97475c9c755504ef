import { describe, expect, it } from "vitest";
import { canonicalUrl } from "./url";

describe("canonicalUrl", () => {
  it.each([
    ["ICMPD double slash", "https://www.icmpd.org//news-centre/icmpd-at-the-summit", "https://www.icmpd.org/news-centre/icmpd-at-the-summit"],
    ["double slashes deeper in the path", "https://example.org/a///b//c/", "https://example.org/a/b/c/"],
    ["embedded URL in an archive path keeps its ://", "https://web.archive.org/web/2024/https://example.org/a", "https://web.archive.org/web/2024/https://example.org/a"],
    ["upper-case scheme and host", "HTTPS://WWW.Example.ORG/Path/Keeps/Case", "https://www.example.org/Path/Keeps/Case"],
    ["default http port", "http://example.org:80/a", "http://example.org/a"],
    ["default https port", "https://example.org:443/a", "https://example.org/a"],
    ["non-default port kept", "https://example.org:8443/a", "https://example.org:8443/a"],
    ["https on port 80 keeps it", "https://example.org:80/a", "https://example.org:80/a"],
    ["fragment dropped", "https://example.org/a#section-2", "https://example.org/a"],
    ["utm parameters dropped, others kept in order", "https://example.org/a?z=1&utm_source=rss&b=2&utm_medium=feed&a=3", "https://example.org/a?z=1&b=2&a=3"],
    ["upper-case tracking names", "https://example.org/a?UTM_Source=x&id=7", "https://example.org/a?id=7"],
    ["click ids dropped", "https://example.org/a?fbclid=x&gclid=y&msclkid=z&yclid=w&igshid=v", "https://example.org/a"],
    ["newsletter ids dropped", "https://example.org/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&ref_src=twsrc", "https://example.org/a"],
    ["European news-site trackers dropped", "https://www.heise.de/meldung/x.html?wt_mc=rss.beitrag.atom&xtor=RSS-3&page=2", "https://www.heise.de/meldung/x.html?page=2"],
    ["empty query removed", "https://example.org/a?", "https://example.org/a"],
    ["parameter encoding left as written", "https://example.org/search?q=asylum+seekers&lang=en", "https://example.org/search?q=asylum+seekers&lang=en"],
    ["percent escapes upper-cased", "https://example.org/a%2fb?q=%e2%82%ac", "https://example.org/a%2Fb?q=%E2%82%AC"],
    ["surrounding whitespace", "  \n https://example.org/a \t", "https://example.org/a"],
    ["IDN host to punycode", "https://bücher.example/a", "https://xn--bcher-kva.example/a"],
    ["user info dropped", "https://user:secret@example.org/a", "https://example.org/a"],
    ["host without path gets /", "https://example.org", "https://example.org/"],
    ["dot segments resolved", "https://example.org/a/../b/./c", "https://example.org/b/c"],
  ])("%s", (_name, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it.each([
    ["root-relative", "/news/2025/item-1", "https://www.example.org/feed.xml", "https://www.example.org/news/2025/item-1"],
    ["path-relative", "item-1.html", "https://www.example.org/news/feed.xml", "https://www.example.org/news/item-1.html"],
    ["protocol-relative", "//cdn.example.net/a", "https://www.example.org/", "https://cdn.example.net/a"],
    ["absolute link ignores base", "https://other.example/a", "https://www.example.org/", "https://other.example/a"],
    ["relative with tracking", "/a?utm_campaign=x#frag", "https://www.example.org/", "https://www.example.org/a"],
    ["base with double slash", "x", "https://www.icmpd.org//news-centre/", "https://www.icmpd.org/news-centre/x"],
  ])("resolves %s links against base", (_name, input, base, expected) => {
    expect(canonicalUrl(input, base)).toBe(expected);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["javascript: with spaces and case", "  JavaScript:void(0)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["mailto:", "mailto:press@example.org"],
    ["ftp:", "ftp://ftp.example.org/file"],
    ["file:", "file:///etc/passwd"],
    ["tel:", "tel:+3212345"],
    ["empty", ""],
    ["blank", "   "],
    ["relative without base", "/news/item-1"],
    ["bare host without scheme", "www.example.org/a"],
    ["garbage", "http://"],
    ["spaces in host", "https://exa mple.org/"],
  ])("rejects %s", (_name, input) => {
    expect(canonicalUrl(input)).toBeUndefined();
  });

  it("rejects a relative link when the base is unusable", () => {
    expect(canonicalUrl("/a", "not a url")).toBeUndefined();
    expect(canonicalUrl("javascript:alert(1)", "https://example.org/")).toBeUndefined();
  });

  it("never throws on non-string input", () => {
    for (const value of [undefined, null, 42, {}, [], Symbol("x")]) {
      expect(() => canonicalUrl(value as unknown as string)).not.toThrow();
      expect(canonicalUrl(value as unknown as string)).toBeUndefined();
    }
  });

  it("is idempotent", () => {
    const once = canonicalUrl("HTTP://Example.org:80//a//b?utm_source=x&k=v#f");
    expect(once).toBe("http://example.org/a/b?k=v");
    expect(canonicalUrl(once ?? "")).toBe(once);
  });
});
