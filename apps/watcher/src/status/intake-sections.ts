import { formatDuration } from "../commands/args";
import type { FeedState } from "../intake/ports";
import { POLL_QUEUE } from "../queue/poll-queue";
import { decodeFeedState } from "../stores/redis-feed-state";
import type { StatusContext, StatusSection } from "./sections";

function ago(iso: string | undefined, now: Date): string {
  if (!iso) return "never";
  const ms = now.getTime() - Date.parse(iso);
  return ms >= 0 ? `${formatDuration(ms)} ago` : `in ${formatDuration(-ms)}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd());
}

/** Per-feed health: last success, failures, last error and why, next poll, items. */
export const feedHealthSection: StatusSection = {
  id: "feeds",
  async collect({ config, keys, redis, clock }: StatusContext) {
    const now = clock.now();
    const indexed = await redis.smembers(keys.feedIndex());
    const ids = [...new Set([...config.feeds.map((f) => f.id), ...indexed])];
    const states = await Promise.all(ids.map(async (id) => [id, decodeFeedState(await redis.hgetall(keys.feedState(id)))] as const));
    const rows = [["FEED", "STATE", "LAST SUCCESS", "FAILURES", "NEXT POLL", "ITEMS", "LAST ERROR"]];
    const json: Record<string, FeedState & { configured: boolean; enabled: boolean }> = {};
    for (const [id, state] of states) {
      const feed = config.feeds.find((f) => f.id === id);
      const health = !feed ? "removed" : !feed.enabled ? "disabled" : state.lastOutcome === undefined ? "new" : state.consecutiveFailures > 0 ? "failing" : "ok";
      json[id] = { ...state, configured: feed !== undefined, enabled: feed?.enabled ?? false };
      rows.push([
        id,
        health,
        ago(state.lastSuccessAt, now),
        String(state.consecutiveFailures),
        health === "ok" || health === "failing" ? ago(state.nextPollAt, now) : "-",
        String(state.itemCount),
        state.consecutiveFailures > 0 && state.lastError ? `${state.lastErrorCode ?? "error"}: ${state.lastError}` : "",
      ]);
    }
    return { title: `Feeds (${ids.length})`, lines: table(rows), json };
  },
};

/** Jobs per state in the poll queue. */
export const queueDepthSection: StatusSection = {
  id: "queues",
  async collect({ queue }: StatusContext) {
    const counts = await queue(POLL_QUEUE).getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized");
    const schedulers = await queue(POLL_QUEUE).getJobSchedulersCount();
    const line = Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(", ");
    return { title: "Queues", lines: [`${POLL_QUEUE}: ${line}; ${schedulers} schedulers`], json: { [POLL_QUEUE]: { ...counts, schedulers } } };
  },
};
