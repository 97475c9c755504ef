import type { Job } from "bullmq";
import type { FeedConfig } from "../config/schema";
import { pollFeed, type PollDeps, type PollOutcome } from "../intake/poll-feed";
import type { Metrics } from "../metrics";
import { PollJobSchema } from "./poll-queue";

/** What a poll job returns (stored by BullMQ as the job's return value). */
export type PollJobResult = (PollOutcome | { status: "skipped"; reason: "not-configured" }) & { feedId: string; ms: number };

export interface PollProcessorOptions {
  deps: PollDeps;
  /** Enabled feeds by id; jobs for other ids (removed since the job was queued) are skipped. */
  feeds: ReadonlyMap<string, FeedConfig>;
  metrics?: Metrics;
  /** Aborted on forced shutdown: in-flight fetches stop. */
  signal?: AbortSignal;
}

/** The poll worker's processor: one job = one poll of one feed, logged with the job's context. */
export function createPollProcessor({ deps, feeds, metrics, signal }: PollProcessorOptions) {
  return async (job: Job): Promise<PollJobResult> => {
    const { feedId, force } = PollJobSchema.parse(job.data);
    const logger = deps.logger.child({ queue: job.queueName, job: job.id, feed: feedId });
    const feed = feeds.get(feedId);
    const started = performance.now();
    if (!feed) {
      logger.info({}, "feed no longer configured or disabled; skipped");
      return { status: "skipped", reason: "not-configured", feedId, ms: 0 };
    }
    const timer = metrics?.pollLatency.startTimer({ feed: feedId });
    const outcome = await pollFeed({ ...deps, logger }, feed, { ...(force !== undefined && { force }), ...(signal && { signal }) });
    timer?.();
    const ms = Math.round(performance.now() - started);
    if (outcome.status === "failed") {
      metrics?.feedsPolled.inc({ feed: feedId, outcome: "failed" });
      metrics?.feedsFailed.inc({ feed: feedId, reason: outcome.code });
      logger.warn({ code: outcome.code, error: outcome.error, failures: outcome.consecutiveFailures, nextPollAt: outcome.nextPollAt, ms }, "feed poll failed");
    } else if (outcome.status === "skipped") {
      logger.debug({ reason: outcome.reason, until: outcome.until }, "feed poll skipped");
    } else if (outcome.status === "not-modified") {
      metrics?.feedsPolled.inc({ feed: feedId, outcome: "not_modified" });
      logger.debug({ ms }, "feed not modified");
    } else {
      metrics?.feedsPolled.inc({ feed: feedId, outcome: "changed" });
      metrics?.itemsSeen.inc({ feed: feedId, new: "true" }, outcome.newItems);
      metrics?.itemsSeen.inc({ feed: feedId, new: "false" }, outcome.items - outcome.newItems);
      for (const [subscriber, n] of Object.entries(outcome.alertsBySubscriber)) metrics?.alerts.inc({ subscriber }, n);
      const { status: _status, warnings, alertsBySubscriber: _bySub, ...counts } = outcome;
      logger.info({ ...counts, warnings: warnings.length > 0 ? warnings.slice(0, 5) : undefined, ms }, "feed polled");
    }
    return { ...outcome, feedId, ms };
  };
}
