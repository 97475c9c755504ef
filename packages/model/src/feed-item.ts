import { toIsoDateTime } from "./dates";
import { DocumentSchema } from "./document";
import type { Document, DocumentKind } from "./document";
import { isRecord, snippet, textOf } from "./feed-item-fields";
import type { Loose } from "./feed-item-fields";
import {
  LIMITS,
  pickAuthors,
  pickContent,
  pickDate,
  pickGuid,
  pickKeywords,
  pickTitle,
  pickUrl,
  quote,
} from "./feed-item-parts";
import type { Issues } from "./feed-item-parts";
import { contentHash, documentId } from "./ids";
import { canonicalUrl } from "./url";

/** The feed an item came from. */
export interface FeedRef {
  /** Stable feed id: goes into `provenance.feeds` and scopes GUIDs. */
  id: string;
  /** The feed's own URL (stored as `provenance.sourceUrl`). */
  url?: string;
  title?: string;
  /** The site the feed describes; relative item links resolve against it, else against `url`. */
  link?: string;
}

export interface FromFeedItemOptions {
  /** When the feed was fetched (ISO 8601); the caller's clock, never read here. */
  fetchedAt?: string;
  /** False for feeds whose GUIDs are blank, repeated or unstable. @default true */
  trustGuid?: boolean;
  /** @default "news-item" */
  kind?: DocumentKind;
  /** Used when the item names no language of its own. @default "en" */
  language?: string;
  /** Longer full texts are cut, with an issue. @default 200000 */
  maxTextLength?: number;
}

export interface FromFeedItemResult {
  document: Document;
  /** Every field that was odd, cut or left out, as a sentence. Empty for a clean item. */
  issues: string[];
}

function languageOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const [primary = "", ...rest] = value.trim().replace(/_/g, "-").split("-");
  const tag = [primary.toLowerCase(), ...rest].join("-");
  return DocumentSchema.shape.language.safeParse(tag).success ? tag : undefined;
}

function buildDraft(item: Loose, feed: FeedRef, options: FromFeedItemOptions, issues: Issues): Record<string, unknown> {
  const guid = pickGuid(item, issues);
  const base = [feed.link, feed.url].find((candidate) => typeof candidate === "string" && canonicalUrl(candidate) !== undefined);
  const url = pickUrl(item, guid, base, issues);
  const publishedAt = pickDate(item, issues);
  const content = pickContent(item, options.maxTextLength ?? LIMITS.text, issues);
  let title = pickTitle(item, issues);
  if (title === undefined) {
    const fallback = content.summary ?? content.text;
    title = fallback === undefined ? "(untitled)" : snippet(fallback);
    issues.push(fallback === undefined ? "title missing; used \"(untitled)\"" : "title missing; used the start of the text");
  }

  const fetchedAt = options.fetchedAt === undefined ? undefined : toIsoDateTime(options.fetchedAt);
  if (options.fetchedAt !== undefined && fetchedAt === undefined) issues.push(`fetchedAt ${quote(options.fetchedAt)} is not a date; omitted`);
  const sourceUrl = feed.url !== undefined && canonicalUrl(feed.url) !== undefined ? feed.url.trim() : undefined;
  if (feed.url !== undefined && sourceUrl === undefined) issues.push(`feed url ${quote(feed.url)} is not an http(s) URL; omitted`);

  const itemLanguage = textOf(item.language) ?? textOf(item["dc:language"]);
  const language = languageOf(itemLanguage) ?? languageOf(options.language);
  if (itemLanguage !== undefined && languageOf(itemLanguage) === undefined) issues.push(`language ${quote(itemLanguage)} is not a language tag; omitted`);

  return {
    id: documentId(
      { feedId: feed.id, guid, url, title, publishedAt, source: feed.id },
      { trustGuid: options.trustGuid ?? true },
    ),
    kind: options.kind ?? "news-item",
    title,
    authors: pickAuthors(item, issues),
    ...(url !== undefined && { url }),
    ...(publishedAt !== undefined && { publishedAt }),
    ...(language !== undefined && { language }),
    ...content,
    keywords: pickKeywords(item, issues),
    identifiers: guid === undefined ? {} : { guid },
    provenance: {
      feeds: [feed.id],
      ...(fetchedAt !== undefined && { fetchedAt }),
      ...(sourceUrl !== undefined && { sourceUrl }),
    },
  };
}

/** A document that always parses, for input so broken that even reading it threw. */
function minimalDocument(feed: FeedRef, options: FromFeedItemOptions, reason: string): Document {
  const feedId: unknown = (feed as Partial<FeedRef> | null | undefined)?.id;
  const kind = DocumentSchema.shape.kind.safeParse(options?.kind);
  return DocumentSchema.parse({
    id: `h-${contentHash(["unreadable", String(feedId), reason])}`,
    kind: kind.success ? kind.data : "news-item",
    title: "(untitled)",
    provenance: { feeds: typeof feedId === "string" && feedId !== "" ? [feedId] : [] },
  });
}

/**
 * Turns one item parsed by rss-parser (or any similar parser) into a valid {@link Document}.
 *
 * The item is untrusted: titles may be objects or arrays, links relative or `javascript:`, dates in
 * any format. Nothing throws; whatever could not be used is left out and described in `issues`
 * (for example `pubDate "yesterday" is not a date; omitted`). The id comes from {@link documentId}
 * with the feed id as scope, so re-reading the same item gives the same id.
 *
 * @example
 * const { document, issues } = fromFeedItem(item, { id: "icmpd", url: "https://www.icmpd.org/rss" },
 *   { fetchedAt: now.toISOString() });
 */
export function fromFeedItem(item: unknown, feed: FeedRef, options: FromFeedItemOptions = {}): FromFeedItemResult {
  const issues: Issues = [];
  try {
    if (!isRecord(item)) issues.push(`item ${quote(item)} is not an object; nothing to read`);
    const draft = buildDraft(isRecord(item) ? item : {}, feed, options, issues);
    let parsed = DocumentSchema.safeParse(draft);
    if (!parsed.success) {
      // A field passed the pickers yet fails the schema: drop it rather than lose the item.
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        if (!["id", "kind", "title"].includes(field) && field in draft) {
          issues.push(`${field} rejected by the schema (${issue.message}); omitted`);
          delete draft[field];
        }
      }
      parsed = DocumentSchema.safeParse(draft);
    }
    if (parsed.success) return { document: parsed.data, issues };
    issues.push(`item could not be turned into a document: ${parsed.error.issues[0]?.message ?? "unknown reason"}`);
    return { document: minimalDocument(feed, options, JSON.stringify(issues)), issues };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    issues.push(`item could not be read (${reason}); kept an untitled placeholder`);
    return { document: minimalDocument(feed, options, reason), issues };
  }
}
