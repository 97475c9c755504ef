/**
 * The small interfaces the poll pipeline works through. Redis implementations live in stores/,
 * in-memory ones (for unit tests and `scan`) next to them; HTTP and parsing are the feed module's.
 */
import type { Document, ThemeMatch } from "@corpus/model";

/** How a feed's items are keyed: by GUID (scoped to the feed) or by canonical URL / content hash. */
export type IdentityMode = "guid" | "url";

/** One feed's health and HTTP validators, as kept in Redis (keys.feedState). */
export interface FeedState {
  /** The URL the validators below belong to (a changed URL drops them). */
  url?: string;
  /** The first successful poll has recorded the feed's items. */
  initialized: boolean;
  identity: IdentityMode;
  etag?: string;
  lastModified?: string;
  /** sha1 of the last body processed: an identical body is not parsed again (servers without validators). */
  bodyHash?: string;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  /** Why the last failed poll failed, as a sentence. */
  lastError?: string;
  lastErrorCode?: string;
  consecutiveFailures: number;
  /** No scheduled poll fetches before this (failure backoff). */
  backoffUntil?: string;
  /** No poll at all fetches before this (the server's Retry-After). */
  retryAfterUntil?: string;
  /** When the next fetch is expected (for status). */
  nextPollAt?: string;
  /** Items in the feed at the last successful poll. */
  itemCount: number;
  lastOutcome?: "changed" | "not-modified" | "failed";
  /** New items found by the last poll that changed something. */
  lastNewItems?: number;
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState>;
  /** Writes the given fields; `undefined` removes a field. */
  update(feedId: string, patch: Partial<FeedState>): Promise<void>;
}

/** What the seen-sets know about one item. */
export interface SeenLookup {
  /** Its key is in this feed's seen-set. */
  seen: boolean;
  /** The document id its canonical URL was first recorded under, by any feed. */
  urlOwner?: string;
}

export interface SeenStore {
  lookup(feedId: string, items: readonly { key: string; urlKey?: string }[]): Promise<SeenLookup[]>;
  /**
   * Claims canonical-URL keys for documents (first claim wins) and returns, for each, the
   * document id the URL belongs to now (the caller's own id, or an earlier claimant's).
   */
  claimUrls(entries: readonly { urlKey: string; documentId: string }[], at: Date): Promise<string[]>;
  /** Adds keys to the feed's seen-set and trims it to its newest `keep` keys. */
  markSeen(feedId: string, keys: readonly string[], at: Date, keep: number): Promise<void>;
}

export interface DocumentStore {
  /** Stores documents not stored yet (an existing id keeps its first version). */
  putMany(documents: readonly Document[], at: Date): Promise<void>;
  /** Adds a feed to a stored document's provenance. */
  addFeed(documentId: string, feedId: string): Promise<void>;
}

/** Takes a per-feed lock so two polls of one feed never overlap; undefined when held elsewhere. */
export interface FeedLock {
  acquire(feedId: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** The classifier as the pipeline uses it (wraps @corpus/classify's model). */
export interface Classifier {
  /** Every theme id the model knows (what "themes: all" means). */
  readonly themeIds: readonly string[];
  classify(input: { title: string; summary?: string; text?: string }): {
    themes: string[];
    scores: Record<string, number>;
    matches: ThemeMatch[];
  };
}

/** Validators sent with a conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** The feed module's fetch result (feed/http-fetcher.ts). */
export type FetchResult =
  | { kind: "not-modified"; etag?: string; lastModified?: string }
  | { kind: "ok"; body: Buffer; contentType?: string; etag?: string; lastModified?: string; finalUrl: string; status: number; bytes: number };

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: unknown[];
  warnings: string[];
}

/** HTTP and parsing: fetch throws FeedFetchError, read throws FeedParseError (feed/errors.ts). */
export interface FeedReader {
  fetch(url: string, validators: Validators, signal?: AbortSignal): Promise<FetchResult>;
  read(result: Extract<FetchResult, { kind: "ok" }>): Promise<ParsedFeed>;
}
