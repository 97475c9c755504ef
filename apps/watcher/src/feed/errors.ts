/** Why fetching or parsing a feed failed. */
export type FeedErrorCode =
  | "timeout"
  | "too-large"
  | "http-status"
  | "rate-limited"
  | "blocked-address"
  | "too-many-redirects"
  | "network"
  | "bad-url"
  | "empty"
  | "not-a-feed"
  | "malformed";

/**
 * Codes where trying the same request again later cannot help until someone changes the feed's URL
 * or the configuration. Every HTTP status stays retryable: the poll scheduler backs off, and a 404
 * or 410 is often temporary on institutional sites (check `status` to flag a 410).
 */
const PERMANENT: ReadonlySet<FeedErrorCode> = new Set(["bad-url", "blocked-address", "too-many-redirects"]);

export interface FeedFetchErrorOptions {
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Fetching a feed failed; `retryable` says whether the same request may succeed later. */
export class FeedFetchError extends Error {
  override readonly name = "FeedFetchError";
  readonly code: FeedErrorCode;
  readonly url: string;
  readonly status?: number;
  /** From Retry-After on 429/503, in milliseconds from when the response arrived. */
  readonly retryAfterMs?: number;
  readonly retryable: boolean;

  constructor(code: FeedErrorCode, url: string, message: string, options: FeedFetchErrorOptions = {}) {
    super(`[watcher] [feed] ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = url;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.retryable = !PERMANENT.has(code);
  }
}

export interface FeedParseErrorOptions {
  url?: string;
  /** Feed URLs announced by an HTML page (`<link rel="alternate">`), absolute when resolvable. */
  feedLinks?: string[];
  cause?: unknown;
}

/** The body is not a feed we can read ("empty", "not-a-feed" or "malformed"). */
export class FeedParseError extends Error {
  override readonly name = "FeedParseError";
  readonly code: FeedErrorCode;
  readonly url?: string;
  readonly feedLinks?: string[];

  constructor(code: "empty" | "not-a-feed" | "malformed", message: string, options: FeedParseErrorOptions = {}) {
    super(`[watcher] [feed] ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.url !== undefined) this.url = options.url;
    if (options.feedLinks !== undefined) this.feedLinks = options.feedLinks;
  }
}
