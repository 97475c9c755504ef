import { createHash } from "node:crypto";
import { fromFeedItem, isTrustworthyGuid, urlKey, type Document, type FeedRef, type FromFeedItemOptions } from "@corpus/model";

/** Share of a poll's items whose GUIDs, when blank or repeated, make a feed switch to URL keys. */
export const GUID_PROBLEM_SHARE = 0.05;

/**
 * Share of items whose GUID is missing, a placeholder, or repeated within the poll (every copy of
 * a repeated GUID counts). 0 for an empty poll.
 */
export function guidProblemShare(guids: readonly (string | undefined)[]): number {
  if (guids.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const guid of guids) if (guid !== undefined) counts.set(guid.trim(), (counts.get(guid.trim()) ?? 0) + 1);
  const bad = guids.filter((guid) => !isTrustworthyGuid(guid) || (counts.get(guid!.trim()) ?? 0) > 1).length;
  return bad / guids.length;
}

/** A feed keyed by GUID whose GUIDs are no longer usable (FreshRSS's rule: more than 5% bad). */
export function shouldKeyByUrl(guids: readonly (string | undefined)[]): boolean {
  return guidProblemShare(guids) > GUID_PROBLEM_SHARE;
}

/** Fields fromFeedItem reads only for a document's content, never for its id (and rss-parser's `*Snippet` copies). */
const CONTENT_FIELDS = ["description", "summary", "content", "contentSnippet", "content:encoded", "categories", "category", "creator", "dc:creator", "author"];

/**
 * What the pipeline needs to recognise an item: its id (as `fromFeedItem` gives it), the
 * cross-feed key of its canonical URL, and a stand-in for its GUID ("" for an unusable one, a hash
 * of a usable one; equal GUIDs give equal hashes), small enough to cache for every listed item.
 */
export interface ItemKey {
  id: string;
  urlKey?: string;
  guidKey?: string;
}

function keyOf(doc: Document): ItemKey {
  const guid = doc.identifiers.guid;
  const url = doc.url === undefined ? undefined : urlKey(doc.url);
  return {
    id: doc.id,
    ...(url !== undefined && { urlKey: url }),
    ...(guid !== undefined && { guidKey: isTrustworthyGuid(guid) ? createHash("sha1").update(guid.trim()).digest("base64") : "" }),
  };
}

/** Remembers item keys by a hash of everything they derive from; bounded, least recently used out. */
export interface IdentityCache {
  get(key: string): ItemKey | undefined;
  set(key: string, value: ItemKey): void;
  readonly size: number;
}

export function createIdentityCache(max = 100_000): IdentityCache {
  const entries = new Map<string, ItemKey>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * The key of an item without converting its content from HTML: recognising the 45 seen items of a
 * 50-item feed should not cost 45 HTML conversions. With a cache, an item seen before costs a hash
 * of its fields (everything but its content, plus the feed and the GUID rule). An item without a
 * title (whose title, and so id, comes from its content) takes the full conversion.
 */
export function itemKey(item: unknown, feed: FeedRef, options: FromFeedItemOptions, cache?: IdentityCache): ItemKey {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return keyOf(fromFeedItem(item, feed, options).document);
  const bare: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const field of CONTENT_FIELDS) delete bare[field];
  for (const field of Object.keys(bare)) if (field.endsWith("Snippet")) delete bare[field];
  const hash = cache
    ? createHash("sha1").update(JSON.stringify([feed.id, feed.url ?? "", feed.link ?? "", options.trustGuid ?? true, bare])).digest("base64")
    : "";
  const cached = cache?.get(hash);
  if (cached !== undefined) return cached;
  let { document } = fromFeedItem(bare, feed, options);
  if (document.title === "(untitled)") document = fromFeedItem(item, feed, options).document;
  const key = keyOf(document);
  cache?.set(hash, key);
  return key;
}
