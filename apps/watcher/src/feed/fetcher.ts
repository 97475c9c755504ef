import type { LookupFunction } from "node:net";
import { Agent, fetch, type Response } from "undici";
import { assertPublicUrl, createGuardedLookup, isPrivateAddress, parseHttpUrl, type AddressPolicy } from "./address-guard";
import { abortable, createDeadline } from "./deadline";
import { FeedFetchError } from "./errors";
import type { HostLimiter } from "./host-limiter";
import { parseRetryAfter } from "./retry-after";

/** HTTP validators from the previous successful fetch, for a conditional GET. */
export interface FetchValidators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | { kind: "not-modified"; url: string; finalUrl: string; status: 304; etag?: string; lastModified?: string }
  | {
      kind: "ok";
      url: string;
      /** The URL after redirects. */
      finalUrl: string;
      status: number;
      /** The body after content decoding (gzip, deflate, br), at most `maxBytes`. */
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      bytes: number;
    };

export interface FeedFetcher {
  /**
   * Fetches a feed. Throws FeedFetchError for every failure the feed causes; an abort through
   * `signal` rejects with the signal's reason.
   */
  fetch(url: string, validators?: FetchValidators, signal?: AbortSignal): Promise<FetchOutcome>;
}

export interface HttpFetcherOptions {
  /** Budget for the whole fetch (DNS, every redirect hop, headers and body), not counting waits for a host slot. */
  timeoutMs: number;
  /** Largest body accepted (after content decoding), whatever Content-Length says. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Allow loopback, private and reserved addresses (off in production: SSRF). */
  allowPrivateAddresses: boolean;
  /** Taken around each request (each redirect hop), by URL hostname. */
  hostLimiter?: HostLimiter;
  /** Replaces the blocked-address check when private addresses are not allowed. @default isPrivateAddress */
  isBlockedAddress?: (ip: string) => boolean;
  /** DNS lookup (`dns.lookup` signature). @default dns.lookup */
  lookup?: LookupFunction;
  /** Clock for Retry-After dates. @default Date.now */
  now?: () => number;
}

export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

/** Reads at most `maxBytes` of a body, cancelling the stream as soon as it is exceeded. */
async function readLimited(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedFetchError("too-large", url, `${url} is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** The innermost useful error: undici wraps network failures as TypeError("fetch failed", { cause }). */
function rootCause(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 5 && e instanceof Error && !(e instanceof FeedFetchError) && e.cause !== undefined; i++) e = e.cause;
  return e;
}

function toFetchError(error: unknown, url: string, timeoutMs: number): FeedFetchError {
  const cause = rootCause(error);
  if (cause instanceof FeedFetchError) {
    return cause.url === url ? cause : new FeedFetchError(cause.code, url, cause.message.replace(/^\[watcher\] \[feed\] /, ""), { cause });
  }
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && TIMEOUT_CODES.has(code)) {
    return new FeedFetchError("timeout", url, `${url} did not answer within ${timeoutMs} ms`, { cause });
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return new FeedFetchError("network", url, `fetching ${url} failed: ${typeof code === "string" ? `${code} ` : ""}${message}`, { cause });
}

/** Moves credentials out of the URL into a Basic Authorization value (fetch refuses them in URLs). */
function takeBasicAuth(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = url.password = "";
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

function redirectTarget(res: Response, at: URL): URL {
  const location = res.headers.get("location");
  if (!location) throw new FeedFetchError("http-status", at.href, `${at.href} redirected (${res.status}) without a Location`, { status: res.status });
  try {
    return parseHttpUrl(new URL(location, at).href);
  } catch {
    throw new FeedFetchError("bad-url", at.href, `${at.href} redirected to an invalid or non-http URL: ${location}`, { status: res.status });
  }
}

/**
 * An HTTP feed fetcher on undici: conditional GET, gzip/deflate/br, redirects followed by hand so
 * each hop passes the address guard (checked again on the address actually connected to), one
 * timeout over the whole fetch including the body, a body size cap, per-host limits.
 */
export function createHttpFetcher(options: HttpFetcherOptions): FeedFetcher & { close(): Promise<void> } {
  const { timeoutMs, maxBytes, maxRedirects, userAgent, allowPrivateAddresses, hostLimiter } = options;
  const now = options.now ?? Date.now;
  const policy: AddressPolicy = {
    isBlocked: allowPrivateAddresses ? () => false : (options.isBlockedAddress ?? isPrivateAddress),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
  const agent = new Agent({
    connect: { lookup: createGuardedLookup(policy), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  let closing: Promise<void> | undefined;

  async function fetchFeed(url: string, validators: FetchValidators, signal: AbortSignal | undefined): Promise<FetchOutcome> {
    let current = parseHttpUrl(url);
    const authorization = takeBasicAuth(current);
    const origin = current.origin;
    const visited = new Set<string>();
    const deadline = createDeadline(timeoutMs);
    const requestSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const fail = (error: unknown, at: string): never => {
      if (signal?.aborted) throw signal.reason;
      if (deadline.signal.aborted) throw new FeedFetchError("timeout", at, `${at} did not finish within ${timeoutMs} ms`, { cause: error });
      throw toFetchError(error, at, timeoutMs);
    };
    const headers: Record<string, string> = { "user-agent": userAgent, accept: FEED_ACCEPT };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;

    deadline.resume();
    try {
      for (let hop = 0; ; hop++) {
        const at = current.href;
        visited.add(at);
        try {
          await abortable(assertPublicUrl(at, allowPrivateAddresses, policy), requestSignal);
        } catch (error) {
          return fail(error, at);
        }
        let release: (() => Promise<void>) | undefined;
        if (hostLimiter) {
          // Waiting for a slot is other requests' time, not ours. A limiter failure (Redis down) is
          // not the feed's fault: it propagates as it is.
          deadline.pause();
          release = await hostLimiter.acquire(current.hostname, signal);
          deadline.resume();
        }
        try {
          const hopHeaders = authorization && current.origin === origin ? { ...headers, authorization } : headers;
          let res: Response;
          try {
            res = await fetch(current, { dispatcher: agent, redirect: "manual", headers: hopHeaders, signal: requestSignal });
          } catch (error) {
            return fail(error, at);
          }
          const etag = res.headers.get("etag") ?? undefined;
          const lastModified = res.headers.get("last-modified") ?? undefined;
          const cached = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };

          if (REDIRECTS.has(res.status)) {
            await discard(res);
            const next = redirectTarget(res, current);
            if (visited.has(next.href)) throw new FeedFetchError("too-many-redirects", url, `redirect loop at ${next.href}`, { status: res.status });
            if (hop >= maxRedirects) throw new FeedFetchError("too-many-redirects", url, `more than ${maxRedirects} redirects from ${url}`, { status: res.status });
            current = next;
            continue;
          }
          if (res.status === 304) {
            await discard(res);
            return { kind: "not-modified", url, finalUrl: at, status: 304, ...cached };
          }
          if (res.status === 429 || res.status === 503) {
            await discard(res);
            const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), now());
            const after = retryAfterMs === undefined ? "" : ` (retry after ${retryAfterMs} ms)`;
            throw new FeedFetchError("rate-limited", at, `${at} answered ${res.status}${after}`, {
              status: res.status,
              ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            });
          }
          if (res.status < 200 || res.status > 299) {
            await discard(res);
            throw new FeedFetchError("http-status", at, `${at} answered ${res.status} ${res.statusText}`.trim(), { status: res.status });
          }
          // A declared length only decides early when there is no content coding (compressed sizes say little).
          const declared = Number(res.headers.get("content-length") ?? Number.NaN);
          if (declared > maxBytes && !res.headers.get("content-encoding")) {
            await discard(res);
            throw new FeedFetchError("too-large", at, `${at} is ${declared} bytes, more than ${maxBytes}`);
          }
          let body: Buffer;
          try {
            body = await readLimited(res, maxBytes, at);
          } catch (error) {
            return fail(error, at);
          }
          const contentType = res.headers.get("content-type") ?? undefined;
          return { kind: "ok", url, finalUrl: at, status: res.status, body, bytes: body.byteLength, ...(contentType ? { contentType } : {}), ...cached };
        } finally {
          await release?.();
        }
      }
    } finally {
      deadline.pause();
    }
  }

  return {
    fetch: (url, validators = {}, signal) => fetchFeed(url, validators, signal),
    close: () => (closing ??= agent.close()),
  };
}
