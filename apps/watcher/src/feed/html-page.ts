import { tagAttributes } from "./xml-scan";

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml|json)$|^(application|text)\/xml$/i;

/** True when text (from its first markup on) looks like an HTML page rather than a feed. */
export function looksLikeHtml(text: string): boolean {
  let at = 0;
  // Skip leading comments by search, not by a regex (nested lazy repeats backtrack exponentially).
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (!text.startsWith("<!--", at)) break;
    const end = text.indexOf("-->", at + 4);
    if (end < 0) return false;
    at = end + 3;
  }
  return /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(at, at + 32));
}

/**
 * Feed URLs an HTML page announces with `<link rel="alternate" type="application/rss+xml" href>`,
 * resolved against the page URL, in page order.
 */
export function findFeedLinks(html: string, pageUrl: string | undefined): string[] {
  const found: string[] = [];
  const head = html.slice(0, 200_000);
  let base = pageUrl;
  const baseHref = /<base\b[^>]*>/i.exec(head);
  if (baseHref) base = resolve(tagAttributes(baseHref[0]).get("href"), pageUrl) ?? pageUrl;
  for (const m of head.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = new Map([...tagAttributes(m[0])].map(([k, v]) => [k.toLowerCase(), v]));
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    if (!rel.includes("alternate") || !FEED_TYPES.test((attrs.get("type") ?? "").trim())) continue;
    const href = resolve(attrs.get("href")?.replace(/&amp;/g, "&"), base);
    if (href && !found.includes(href)) found.push(href);
  }
  return found;
}

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}
