import { toIsoDateTime } from "./dates";
import { authorName, linkOf, textOf, textsOf, uniqueTexts } from "./feed-item-fields";
import type { Loose } from "./feed-item-fields";
import { htmlToText, MAX_HTML_LENGTH } from "./html";
import { canonicalUrl } from "./url";

/** Field caps: past these, a value is a broken feed or an attack, not something to store whole. */
export const LIMITS = {
  title: 1_000,
  summary: 20_000,
  text: 200_000,
  keywords: 100,
  keyword: 200,
  authors: 50,
  author: 300,
  guid: 2_048,
} as const;

/** Collects what could not be used, in words a feed operator can act on. */
export type Issues = string[];

/** A value quoted for an issue message, shortened so one bad field cannot flood a log. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

export function cap(value: string, max: number, field: string, issues: Issues): string {
  if (value.length <= max) return value;
  issues.push(`${field} is ${value.length} characters; cut to ${max}`);
  return value.slice(0, max);
}

/** Item fields that carry a date, in order of preference. rss-parser's `isoDate` is derived from
 * `pubDate`/`date` with the machine's time zone, so it is only used when neither is present. */
const DATE_FIELDS = ["pubDate", "published", "updated", "dc:date", "date", "isoDate"] as const;

export function pickDate(item: Loose, issues: Issues): string | undefined {
  const rejected: string[] = [];
  for (const field of DATE_FIELDS) {
    if (field === "isoDate" && (item.pubDate !== undefined || item.date !== undefined)) continue;
    const raw = item[field] instanceof Date ? item[field] : textOf(item[field]);
    if (raw === undefined) continue;
    const iso = toIsoDateTime(raw);
    if (iso !== undefined) {
      for (const reason of rejected) issues.push(`${reason}; used ${field}`);
      return iso;
    }
    rejected.push(`${field} ${quote(raw)} is not a date`);
  }
  for (const reason of rejected) issues.push(`${reason}; omitted`);
  return undefined;
}

/** The item's link, resolved against the feed's site (or the feed URL) and canonicalised. */
export function pickUrl(item: Loose, guid: string | undefined, base: string | undefined, issues: Issues): string | undefined {
  const raw = linkOf(item.link) ?? textOf(item["rdf:about"]);
  if (raw !== undefined) {
    const url = canonicalUrl(raw, base);
    if (url !== undefined) return url;
    const why = /^\s*[a-z][a-z0-9+.-]*:/i.test(raw) || base !== undefined
      ? "is not a usable http(s) URL"
      : "is relative and the feed has no link to resolve it against";
    issues.push(`link ${quote(raw)} ${why}; omitted`);
  }
  // RSS allows a permalink GUID instead of <link>.
  if (guid !== undefined && /^https?:\/\//i.test(guid.trim())) return canonicalUrl(guid);
  return undefined;
}

export function pickTitle(item: Loose, issues: Issues): string | undefined {
  const raw = textOf(item.title) ?? textOf(item["dc:title"]);
  if (raw === undefined) {
    // An empty <title/> is simply missing; an object without text is worth naming.
    if (item.title !== undefined && typeof item.title !== "string") issues.push(`title ${quote(item.title)} has no text; omitted`);
    return undefined;
  }
  const title = htmlToText(raw).replace(/\s+/g, " ").trim();
  return title === "" ? undefined : cap(title, LIMITS.title, "title", issues);
}

/**
 * Summary and full text. RSS puts `<description>` in `content` and the full text in
 * `content:encoded`; Atom has `summary` and `content`. The text is kept only when it says more than
 * the summary.
 */
export function pickContent(item: Loose, maxText: number, issues: Issues): { summary?: string; text?: string } {
  const summaryRaw = textOf(item.description) ?? textOf(item.summary) ?? textOf(item.content) ?? textOf(item.contentSnippet);
  const textRaw = textOf(item["content:encoded"]) ?? textOf(item.content);
  for (const [field, raw] of [["summary", summaryRaw], ["text", textRaw === summaryRaw ? undefined : textRaw]] as const) {
    if (raw !== undefined && raw.length > MAX_HTML_LENGTH) issues.push(`${field} source is ${raw.length} characters; only the first ${MAX_HTML_LENGTH} were read`);
  }
  const summary = summaryRaw === undefined ? "" : htmlToText(summaryRaw);
  const text = textRaw === undefined || textRaw === summaryRaw ? "" : htmlToText(textRaw);
  return {
    ...(summary !== "" && { summary: cap(summary, LIMITS.summary, "summary", issues) }),
    ...(text.length > summary.length && { text: cap(text, maxText, "text", issues) }),
  };
}

export function pickKeywords(item: Loose, issues: Issues): string[] {
  const raw = [...textsOf(item.categories), ...textsOf(item.category)];
  const keywords = uniqueTexts(
    raw.map((keyword) => htmlToText(keyword).replace(/\s+/g, " ").trim()).filter((keyword) => keyword !== ""),
  ).map((keyword) => cap(keyword, LIMITS.keyword, "category", issues));
  if (keywords.length > LIMITS.keywords) issues.push(`${keywords.length} categories; kept the first ${LIMITS.keywords}`);
  return keywords.slice(0, LIMITS.keywords);
}

export function pickAuthors(item: Loose, issues: Issues): Array<{ name: string }> {
  const raw = [...textsOf(item.creator), ...textsOf(item["dc:creator"]), ...textsOf(item.author)];
  const names = uniqueTexts(
    raw.map((name) => authorName(htmlToText(name))).filter((name): name is string => name !== undefined),
  ).map((name) => cap(name, LIMITS.author, "author", issues));
  if (names.length > LIMITS.authors) issues.push(`${names.length} authors; kept the first ${LIMITS.authors}`);
  return names.slice(0, LIMITS.authors).map((name) => ({ name }));
}

export function pickGuid(item: Loose, issues: Issues): string | undefined {
  const raw = textOf(item.guid) ?? textOf(item.id);
  if (raw === undefined) return undefined;
  const guid = raw.trim();
  if (guid.length > LIMITS.guid) {
    issues.push(`guid is ${guid.length} characters; ignored`);
    return undefined;
  }
  return guid;
}
