import { createHash } from "node:crypto";
import { FeedFetchError, FeedParseError } from "../feed/errors";
import type { Clock } from "../ports";
import { backoffDelay } from "./backoff";
import { processItems, type FeedRules, type ProcessDeps, type ProcessResult } from "./process-items";
import type { FeedLock, FeedReader, FeedState, FeedStateStore, FetchResult } from "./ports";
import type { Semaphore } from "./semaphore";

/** The feed settings a poll needs (a subset of FeedConfig). */
export interface PollFeedConfig extends FeedRules {
  url: string;
  name?: string | undefined;
  /** Milliseconds between scheduled polls. */
  interval: number;
}

export interface PollDeps extends ProcessDeps {
  reader: FeedReader;
  states: FeedStateStore;
  lock: FeedLock;
  clock: Clock;
  /** [0, 1) for backoff jitter; injected for deterministic tests. */
  random: () => number;
  /** How long a poll may hold the feed's lock (it is released as soon as the poll ends). */
  lockTtlMs: number;
  /**
   * Bounds how many fetched feeds are parsed and processed at once in this process (the CPU-bound
   * part), while more fetches wait on the network: fewer parse trees alive, lower peak memory.
   */
  processing?: Semaphore;
}

export interface PollOptions {
  /** A manual poll: ignores failure backoff (never the server's Retry-After). */
  force?: boolean;
  signal?: AbortSignal;
}

export type PollOutcome =
  | { status: "skipped"; reason: "backoff" | "retry-after" | "busy"; until?: string }
  | { status: "not-modified" }
  | ({ status: "changed"; warnings: string[] } & ProcessResult)
  | { status: "failed"; code: string; error: string; consecutiveFailures: number; nextPollAt: string };

/** Whether a scheduled poll at `now` should fetch. Ticks within half an interval of the end count. */
function backoffActive(state: FeedState, interval: number, now: Date): boolean {
  if (state.backoffUntil === undefined) return false;
  return now.getTime() < Date.parse(state.backoffUntil) - interval / 2;
}

function describeError(err: FeedFetchError | FeedParseError): string {
  return err.message.replace(/^\[watcher\] \[feed\] /, "");
}

/**
 * One poll of one feed: honour backoff and Retry-After, conditional GET with the stored
 * validators, parse, process the items, and record the feed's health. Feed errors (HTTP, parse)
 * are outcomes recorded in the feed state; anything else (Redis down, a bug) is thrown so the job
 * fails and is retried.
 */
export async function pollFeed(deps: PollDeps, feed: PollFeedConfig, options: PollOptions = {}): Promise<PollOutcome> {
  const now = deps.clock.now();
  const state = await deps.states.get(feed.id);
  if (state.retryAfterUntil !== undefined && now.getTime() < Date.parse(state.retryAfterUntil)) {
    return { status: "skipped", reason: "retry-after", until: state.retryAfterUntil };
  }
  if (!options.force && backoffActive(state, feed.interval, now)) {
    return { status: "skipped", reason: "backoff", until: state.backoffUntil! };
  }
  const release = await deps.lock.acquire(feed.id, deps.lockTtlMs);
  if (!release) return { status: "skipped", reason: "busy" };
  try {
    return await fetchAndProcess(deps, feed, state, now, options.signal);
  } finally {
    await release();
  }
}

async function fetchAndProcess(deps: PollDeps, feed: PollFeedConfig, state: FeedState, now: Date, signal?: AbortSignal): Promise<PollOutcome> {
  const sameUrl = state.url === feed.url;
  const validators = sameUrl ? { ...(state.etag && { etag: state.etag }), ...(state.lastModified && { lastModified: state.lastModified }) } : {};
  const healthy = {
    url: feed.url,
    lastPollAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    consecutiveFailures: 0,
    backoffUntil: undefined,
    retryAfterUntil: undefined,
    nextPollAt: new Date(now.getTime() + feed.interval).toISOString(),
  } satisfies Partial<FeedState>;
  try {
    const result = await deps.reader.fetch(feed.url, validators, signal);
    if (result.kind === "not-modified") {
      await deps.states.update(feed.id, { ...healthy, lastOutcome: "not-modified" });
      return { status: "not-modified" };
    }
    const bodyHash = createHash("sha1").update(result.body).digest("hex");
    if (sameUrl && state.initialized && state.bodyHash === bodyHash) {
      await deps.states.update(feed.id, { ...healthy, etag: result.etag, lastModified: result.lastModified, lastOutcome: "not-modified" });
      return { status: "not-modified" };
    }
    const slot = await deps.processing?.acquire();
    try {
      return await parseAndProcess(deps, feed, state, now, result, bodyHash, healthy);
    } finally {
      slot?.();
    }
  } catch (err) {
    if (!(err instanceof FeedFetchError) && !(err instanceof FeedParseError)) throw err;
    return recordFailure(deps, feed, state, now, sameUrl, err);
  }
}

async function parseAndProcess(
  deps: PollDeps,
  feed: PollFeedConfig,
  state: FeedState,
  now: Date,
  result: Extract<FetchResult, { kind: "ok" }>,
  bodyHash: string,
  healthy: Partial<FeedState>,
): Promise<PollOutcome> {
  const parsed = await deps.reader.read(result);
  const feedRef = {
    id: feed.id,
    url: result.finalUrl,
    ...(parsed.title !== undefined && { title: parsed.title }),
    ...(parsed.link !== undefined && { link: parsed.link }),
  };
  const processed = await processItems(deps, feed, feedRef, parsed.items, state, now);
  await deps.states.update(feed.id, {
    ...healthy,
    etag: result.etag,
    lastModified: result.lastModified,
    bodyHash,
    initialized: true,
    identity: processed.identity,
    itemCount: processed.items,
    lastNewItems: processed.newItems,
    lastOutcome: "changed",
  });
  return { status: "changed", warnings: parsed.warnings, ...processed };
}

async function recordFailure(deps: PollDeps, feed: PollFeedConfig, state: FeedState, now: Date, sameUrl: boolean, err: FeedFetchError | FeedParseError): Promise<PollOutcome> {
  const failures = state.consecutiveFailures + 1;
  const retryAfterMs = err instanceof FeedFetchError ? err.retryAfterMs : undefined;
  const delay = Math.max(backoffDelay(feed.interval, failures, deps.random()), retryAfterMs ?? 0);
  const nextPollAt = new Date(now.getTime() + delay).toISOString();
  const error = describeError(err);
  await deps.states.update(feed.id, {
    url: feed.url,
    ...(!sameUrl && { etag: undefined, lastModified: undefined }),
    lastPollAt: now.toISOString(),
    lastErrorAt: now.toISOString(),
    lastError: error,
    lastErrorCode: err.code,
    consecutiveFailures: failures,
    backoffUntil: nextPollAt,
    retryAfterUntil: retryAfterMs === undefined ? undefined : new Date(now.getTime() + retryAfterMs).toISOString(),
    nextPollAt,
    lastOutcome: "failed",
  });
  return { status: "failed", code: err.code, error, consecutiveFailures: failures, nextPollAt };
}
