import { createHash } from "node:crypto";
import { canonicalUrl } from "./url";

/** Hex characters kept from the sha256 digest: 96 bits, plenty for a corpus and short in Redis keys. */
const HASH_LENGTH = 24;
/** Longer "GUIDs" are whole documents or base64 blobs pasted by a broken exporter, not identities. */
const MAX_GUID_LENGTH = 2048;

/** Values that feeds emit when they have no GUID; every item of such a feed would share one id. */
const PLACEHOLDER_GUIDS = new Set([
  "0",
  "-1",
  "null",
  "nil",
  "none",
  "undefined",
  "nan",
  "n/a",
  "na",
  "guid",
  "id",
  "true",
  "false",
  "about:blank",
  "[object object]",
]);

/**
 * The sha256 of `parts`, as 24 hex characters. The parts are JSON-encoded together, so
 * `["ab", "c"]` and `["a", "bc"]` differ. The digest alone is not a safe id (it can, rarely, be all
 * digits): ids add a letter prefix.
 *
 * @example contentHash(["Title", "2025-11-25T08:00:00.000Z"]) // "5d0c…" (24 hex characters)
 */
export function contentHash(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * Whether one GUID value can identify an item. Heuristics: a non-empty string after trimming, at
 * most 2048 characters, not a known placeholder ("0", "-1", "null", "undefined", "none", "n/a",
 * "about:blank", "[object Object]"...), not made only of punctuation ("#", "/", "-"), and not an
 * unfilled template ("{guid}", "{{id}}", "${id}", "%GUID%").
 *
 * Whether a whole feed's GUIDs can be trusted (blank or repeated across items) is not visible from
 * one value: the caller decides that and passes `trustGuid: false` to {@link documentId}.
 */
export function isTrustworthyGuid(guid: unknown): boolean {
  if (typeof guid !== "string") return false;
  const value = guid.trim();
  if (value === "" || value.length > MAX_GUID_LENGTH) return false;
  if (PLACEHOLDER_GUIDS.has(value.toLowerCase())) return false;
  if (!/[\p{L}\p{N}]/u.test(value)) return false;
  if (/^(?:\{\{?[^{}]*\}?\}|\$\{[^}]*\}|%[A-Za-z_]+%)$/.test(value)) return false;
  return true;
}

/**
 * The `u-` id of a link: the cross-feed identity of a story. `undefined` when the link is not a
 * usable http(s) URL. Equal to `documentId({ url })`.
 *
 * @example urlKey("HTTPS://Example.org:443/a?utm_medium=rss") === urlKey("https://example.org/a")
 */
export function urlKey(url: string): string | undefined {
  const canonical = canonicalUrl(url);
  return canonical === undefined ? undefined : `u-${contentHash([canonical])}`;
}

/** What {@link documentId} can build an id from; any field may be missing. */
export interface DocumentIdentity {
  /** The feed that carried the item; scopes its GUID. */
  feedId?: string;
  guid?: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  /** Where the item came from (feed id, publisher); scopes the title hash. */
  source?: string;
}

export interface DocumentIdOptions {
  /**
   * Set to false for a feed whose GUIDs are blank, repeated or regenerated on every fetch.
   * @default true
   */
  trustGuid?: boolean;
}

function normaliseTitle(title: string | undefined): string {
  return (title ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Dates are compared as instants, so "+01:00" and "Z" spellings of one moment give one id. */
function normaliseDate(date: string | undefined): string {
  const trimmed = (date ?? "").trim();
  const time = Date.parse(trimmed);
  return /^\d{4}-\d{2}-\d{2}T/.test(trimmed) && !Number.isNaN(time) ? new Date(time).toISOString() : trimmed;
}

/**
 * A deterministic id for an item, safe as a BullMQ job id and a Redis key part (no ':', never all
 * digits, matches `SafeIdSchema`). It uses the best identity available:
 *
 * 1. `g-<hash>`: a trustworthy GUID (see {@link isTrustworthyGuid}), scoped to `feedId`. A GUID that
 *    is a URL is still treated as a GUID;
 * 2. `u-<hash>`: the canonical URL (the same as {@link urlKey});
 * 3. `h-<hash>`: the normalised title, publication instant and source.
 *
 * @example documentId({ feedId: "unhcr", guid: "https://unhcr.org/?p=123" }) // "g-…"
 * @example documentId({ url: "https://example.org/a" }) === urlKey("https://example.org/a")
 */
export function documentId(identity: DocumentIdentity, options: DocumentIdOptions = {}): string {
  const trustGuid = options.trustGuid ?? true;
  if (trustGuid && isTrustworthyGuid(identity.guid)) {
    return `g-${contentHash([identity.feedId ?? "", (identity.guid ?? "").trim()])}`;
  }
  const byUrl = typeof identity.url === "string" ? urlKey(identity.url) : undefined;
  if (byUrl !== undefined) return byUrl;
  return `h-${contentHash([
    normaliseTitle(identity.title),
    normaliseDate(identity.publishedAt),
    (identity.source ?? "").trim(),
  ])}`;
}
