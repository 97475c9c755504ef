import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { SafeIdSchema } from "@corpus/model";
import type { Config, FeedConfig } from "../config/schema";
import type { Logger } from "../ports";
import type { Keyspace } from "../redis/keys";

/** The poll queue's name (under the configured prefix). */
export const POLL_QUEUE = "poll";
export const POLL_JOB = "poll";

/** A poll job's data, parsed at the worker (jobs outlive config changes and code versions). */
export const PollJobSchema = z.object({
  feedId: SafeIdSchema,
  /** Manual poll: ignores failure backoff. */
  force: z.boolean().optional(),
});
export type PollJob = z.infer<typeof PollJobSchema>;

/** One scheduler per feed; no ':' (BullMQ builds job ids from it). */
export const schedulerId = (feedId: string) => `poll-${feedId}`;
const feedOfScheduler = (id: string) => (id.startsWith("poll-") ? id.slice(5) : undefined);

/** Retries cover unexpected errors (Redis blips); feed errors are outcomes, not failures. */
export function pollJobOptions(retention: Config["retention"]) {
  return {
    attempts: 3,
    backoff: { type: "exponential" as const, delay: 5_000 },
    removeOnComplete: { count: retention.completedJobs },
    removeOnFail: { count: retention.failedJobs },
  };
}

/**
 * Makes BullMQ's schedulers match the config: one `every: interval` scheduler per enabled feed
 * (upsert, so restarts do not pile schedules up) and none for feeds removed or disabled. The
 * schedulers are listed from BullMQ itself, and the set of scheduled feed ids is kept in
 * `keys.feedIndex()` for `status`.
 */
export async function syncSchedulers(
  queue: Queue,
  redis: Redis,
  keys: Keyspace,
  config: Pick<Config, "feeds" | "retention">,
  logger: Logger,
): Promise<{ scheduled: string[]; removed: string[] }> {
  const enabled = config.feeds.filter((f: FeedConfig) => f.enabled);
  const wanted = new Set(enabled.map((f) => f.id));
  const existing = await queue.getJobSchedulers(0, -1);
  const removed: string[] = [];
  for (const scheduler of existing) {
    const feedId = feedOfScheduler(scheduler.key);
    if (feedId === undefined || wanted.has(feedId)) continue;
    await queue.removeJobScheduler(scheduler.key);
    removed.push(feedId);
  }
  const indexed = await redis.smembers(keys.feedIndex());
  for (const id of indexed) if (!wanted.has(id) && !removed.includes(id)) removed.push(id);
  for (const feed of enabled) {
    await queue.upsertJobScheduler(
      schedulerId(feed.id),
      { every: feed.interval },
      { name: POLL_JOB, data: { feedId: feed.id } satisfies PollJob, opts: pollJobOptions(config.retention) },
    );
  }
  const tx = redis.multi().del(keys.feedIndex());
  if (wanted.size > 0) tx.sadd(keys.feedIndex(), ...wanted);
  await tx.exec();
  if (removed.length > 0) logger.info({ feeds: removed }, "stopped polling feeds no longer configured or disabled");
  return { scheduled: [...wanted], removed };
}
