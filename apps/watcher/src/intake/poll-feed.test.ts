import { describe, expect, it } from "vitest";
import { FeedFetchError, FeedParseError } from "../feed/errors";
import { backoffDelay, MAX_BACKOFF_MS } from "./backoff";
import { pollFeed, type PollFeedConfig } from "./poll-feed";
import { createTestPipeline } from "./testing";

const MIN = 60_000;
const feed: PollFeedConfig = { id: "unhcr", url: "https://unhcr.example.org/rss", interval: 30 * MIN, backfill: false, maxItemAge: 30 * 86_400_000 };
const items = [{ title: "Asylum news", link: "https://unhcr.example.org/1" }];

describe("backoffDelay", () => {
  it("doubles per failure from the interval, with at most 20% jitter", () => {
    expect(backoffDelay(30 * MIN, 1, 0)).toBe(30 * MIN);
    expect(backoffDelay(30 * MIN, 2, 0)).toBe(60 * MIN);
    expect(backoffDelay(30 * MIN, 3, 0)).toBe(120 * MIN);
    expect(backoffDelay(30 * MIN, 3, 0.5)).toBe(132 * MIN);
  });

  it("caps at 24 h and never stops retrying", () => {
    expect(backoffDelay(30 * MIN, 10, 0)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(30 * MIN, 10_000, 0.999)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(7 * 86_400_000, 3, 0)).toBe(7 * 86_400_000);
  });
});

describe("pollFeed", () => {
  it("sends the stored validators and does not parse a 304", async () => {
    const p = createTestPipeline([]);
    p.reader.respond(feed.url, { items, etag: '"v1"' });
    await pollFeed(p.deps, feed);
    p.reader.respond(feed.url, { notModified: true });
    expect(await pollFeed(p.deps, feed)).toEqual({ status: "not-modified" });
    expect(p.reader.calls.validators[1]).toEqual({ etag: '"v1"' });
    expect(p.reader.calls).toMatchObject({ fetch: 2, read: 1 });
    const state = await p.deps.states.get(feed.id);
    expect(state).toMatchObject({ etag: '"v1"', lastOutcome: "not-modified", consecutiveFailures: 0, itemCount: 1 });
  });

  it("does not parse a body identical to the last one (a server without validators)", async () => {
    const p = createTestPipeline([]);
    p.reader.respond(feed.url, { items });
    await pollFeed(p.deps, feed);
    expect(await pollFeed(p.deps, feed)).toEqual({ status: "not-modified" });
    expect(p.reader.calls).toMatchObject({ fetch: 2, read: 1 });
    p.reader.respond(feed.url, { items: [...items, { title: "More", link: "https://unhcr.example.org/2" }] });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "changed", newItems: 1 });
  });

  it("drops the validators when the feed's URL changed", async () => {
    const p = createTestPipeline([]);
    p.reader.respond(feed.url, { items, etag: '"v1"' });
    await pollFeed(p.deps, feed);
    const moved = { ...feed, url: "https://unhcr.example.org/new-rss" };
    p.reader.respond(moved.url, { items });
    await pollFeed(p.deps, moved);
    expect(p.reader.calls.validators[1]).toEqual({});
  });

  it("records failures, backs off, skips scheduled polls until due, and recovers", async () => {
    const p = createTestPipeline([], { random: 0 });
    p.reader.respond(feed.url, { items });
    await pollFeed(p.deps, feed);
    p.reader.respond(feed.url, { error: new FeedFetchError("http-status", feed.url, "HTTP 500 from unhcr.example.org", { status: 500 }) });

    for (const failures of [1, 2, 3]) {
      p.clock.advance(feed.interval * 2 ** (failures - 1));
      expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "failed", code: "http-status", consecutiveFailures: failures });
    }
    const state = await p.deps.states.get(feed.id);
    expect(state).toMatchObject({ consecutiveFailures: 3, lastErrorCode: "http-status", lastError: "HTTP 500 from unhcr.example.org", lastOutcome: "failed" });
    expect(Date.parse(state.backoffUntil!) - p.clock.now().getTime()).toBe(4 * feed.interval);

    // The next scheduled ticks inside the backoff do not fetch.
    const fetches = p.reader.calls.fetch;
    p.clock.advance(feed.interval);
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "skipped", reason: "backoff" });
    p.clock.advance(feed.interval);
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "skipped", reason: "backoff" });
    expect(p.reader.calls.fetch).toBe(fetches);

    // A manual poll goes through (the body is the one already processed); a success resets the failures.
    p.reader.respond(feed.url, { items });
    expect(await pollFeed(p.deps, feed, { force: true })).toEqual({ status: "not-modified" });
    expect(await p.deps.states.get(feed.id)).toMatchObject({ consecutiveFailures: 0, lastOutcome: "not-modified" });
    expect((await p.deps.states.get(feed.id)).backoffUntil).toBeUndefined();
  });

  it("honours Retry-After, even for a manual poll", async () => {
    const p = createTestPipeline([], { random: 0 });
    p.reader.respond(feed.url, { error: new FeedFetchError("rate-limited", feed.url, "HTTP 429", { status: 429, retryAfterMs: 6 * 3_600_000 }) });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "failed", code: "rate-limited" });
    const until = (await p.deps.states.get(feed.id)).retryAfterUntil!;
    expect(Date.parse(until) - p.clock.now().getTime()).toBe(6 * 3_600_000);
    p.clock.advance(5 * 3_600_000);
    expect(await pollFeed(p.deps, feed, { force: true })).toEqual({ status: "skipped", reason: "retry-after", until });
    p.clock.advance(3_600_000);
    p.reader.respond(feed.url, { items });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "changed" });
  });

  it("records a parse error and keeps going", async () => {
    const p = createTestPipeline([]);
    p.reader.respond(feed.url, { error: new FeedParseError("not-a-feed", "the response is an HTML page, not a feed") });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "failed", code: "not-a-feed", error: "the response is an HTML page, not a feed" });
  });

  it("throws what is not a feed error (the job fails and is retried)", async () => {
    const p = createTestPipeline([]);
    p.reader.respond(feed.url, { error: new Error("Connection is closed.") });
    await expect(pollFeed(p.deps, feed)).rejects.toThrow("Connection is closed.");
    expect((await p.deps.states.get(feed.id)).consecutiveFailures).toBe(0);
  });

  it("skips a poll while another holds the feed's lock", async () => {
    const p = createTestPipeline([]);
    const release = await p.deps.lock.acquire(feed.id, 1000);
    expect(await pollFeed(p.deps, feed)).toEqual({ status: "skipped", reason: "busy" });
    await release!();
    p.reader.respond(feed.url, { items });
    expect(await pollFeed(p.deps, feed)).toMatchObject({ status: "changed" });
  });
});
