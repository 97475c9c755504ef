import { channelIds } from "../config/channels";
import type { Config } from "../config/schema";
import { createDeliveryState, type DigestRun } from "../delivery/state";
import { nextRun } from "../schedule/cron";
import type { StatusContext, StatusSection } from "../status/sections";
import { DIGEST_QUEUE } from "./runtime";

/** Runs shown per subscriber by `status`. */
export const STATUS_RUNS = 5;

function when(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  const abs = Math.abs(ms);
  const text = abs < 90_000 ? `${Math.round(abs / 1000)}s` : abs < 5_400_000 ? `${Math.round(abs / 60_000)}m` : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)}h` : `${Math.round(abs / 86_400_000)}d`;
  return ms >= 0 ? `${text} ago` : `in ${text}`;
}

/** "delivered 20261125T080000Z-3f2a9c51d0 on email: 12 items (+3 waiting), 2h ago" */
export function describeRun(run: DigestRun, now: Date): string {
  const what = run.outcome === "empty" ? "nothing new" : `${run.outcome} ${run.digestId ?? ""} on ${run.channel}: ${run.items} items${run.remaining > 0 ? ` (+${run.remaining} waiting)` : ""}`;
  const extra = [run.resumed ? "re-sent" : "", run.attempt && run.attempt > 1 ? `attempt ${run.attempt}` : "", run.error ? `error: ${run.error}` : ""].filter(Boolean).join("; ");
  return `${run.outcome === "empty" ? `${run.channel}: ${what}` : what}${extra ? ` [${extra}]` : ""}, ${when(run.at, now)}`;
}

function nextDigest(sub: Config["subscribers"][number], now: Date): string {
  try {
    return nextRun(sub.schedule, sub.timezone, now).toISOString();
  } catch {
    return "invalid schedule";
  }
}

/**
 * Lines for `corpus-watcher status`: per subscriber, its schedule and next digest, per channel what
 * is pending and in flight, and the last digest runs.
 */
export async function digestStatusLines(ctx: Pick<StatusContext, "config" | "keys" | "redis" | "clock">, runs = STATUS_RUNS): Promise<{ lines: string[]; json: Record<string, unknown> }> {
  const state = createDeliveryState({ redis: ctx.redis, keys: ctx.keys, runsToKeep: ctx.config.retention.digestRuns });
  const now = ctx.clock.now();
  const lines: string[] = [];
  const json: Record<string, unknown> = {};
  for (const sub of ctx.config.subscribers) {
    const next = nextDigest(sub, now);
    lines.push(`${sub.id}: "${sub.schedule}" ${sub.timezone}, next digest ${next === "invalid schedule" ? next : `${next} (${when(next, now)})`}`);
    const channels = [];
    for (const channel of channelIds(sub.channels)) {
      const pending = await ctx.redis.zcard(ctx.keys.pending(sub.id, channel));
      const inflight = await state.inflight(sub.id, channel);
      channels.push({ channel, pending, inflight: inflight ? { id: inflight.id, items: inflight.alertIds.length, attempts: inflight.attempts, createdAt: inflight.createdAt.toISOString() } : null });
      lines.push(`  ${channel}: ${pending} pending${inflight ? `; in flight ${inflight.id} (${inflight.alertIds.length} items, ${inflight.attempts} attempts so far)` : ""}`);
    }
    const recent = await state.runs(sub.id, runs);
    if (recent.length === 0) lines.push("  no digest runs yet");
    for (const run of recent) lines.push(`  ${describeRun(run, now)}`);
    json[sub.id] = { schedule: sub.schedule, timezone: sub.timezone, next, channels, runs: recent };
  }
  return { lines, json };
}

/** The `status` section of part 2: digest runs per subscriber and the digest queue. */
export const digestStatusSection: StatusSection = {
  id: "digests",
  async collect(ctx) {
    const { lines, json } = await digestStatusLines(ctx);
    const counts = await ctx.queue(DIGEST_QUEUE).getJobCounts("waiting", "active", "delayed", "failed", "completed");
    lines.push(`queue ${DIGEST_QUEUE}: ${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(", ")}`);
    return { title: `Digests (${ctx.config.subscribers.length} subscribers)`, lines, json: { subscribers: json, queue: counts } };
  },
};
