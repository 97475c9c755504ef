import type { JobSchedulerTemplateOptions } from "bullmq";
import type { Config, SubscriberConfig } from "../config/schema";

/** Name of the digest jobs in the digest queue. */
export const DIGEST_JOB = "digest";

/** Payload of a digest job (scheduled, resumed after a restart, or started by hand). */
export interface DigestJobData {
  subscriber: string;
  /** Only these channels (default: every channel of the subscriber). */
  channels?: string[];
  /** Only re-send digests already in flight; claim nothing new (used after a restart). */
  resumeOnly?: boolean;
}

/**
 * Attempts and backoff across BullMQ retries of one digest job (30 s, 1 min, 2 min ... about 1 h in
 * all); quick retries happen inside a channel. After the last attempt the digest still stays in
 * flight and the next scheduled run re-sends it.
 */
export function digestJobOptions(retention: Pick<Config["retention"], "completedJobs" | "failedJobs">) {
  return {
    attempts: 8,
    backoff: { type: "exponential" as const, delay: 30_000 },
    removeOnComplete: { count: retention.completedJobs },
    removeOnFail: { count: retention.failedJobs },
  } satisfies JobSchedulerTemplateOptions;
}

/** Scheduler ids are `digest-<subscriber>`, so schedulers of removed subscribers can be found. */
export const SCHEDULER_PREFIX = "digest-";

export function schedulerId(subscriber: string): string {
  return `${SCHEDULER_PREFIX}${subscriber}`;
}

/** Exactly what is handed to `queue.upsertJobScheduler(id, repeat, template)` for one subscriber. */
export interface DigestScheduler {
  id: string;
  repeat: { pattern: string; tz: string };
  template: { name: typeof DIGEST_JOB; data: DigestJobData; opts: JobSchedulerTemplateOptions };
}

/** The BullMQ job scheduler of one subscriber's digests. Pure. */
export function schedulerFor(
  subscriber: Pick<SubscriberConfig, "id" | "schedule" | "timezone">,
  retention: Pick<Config["retention"], "completedJobs" | "failedJobs"> = { completedJobs: 1000, failedJobs: 5000 },
): DigestScheduler {
  return {
    id: schedulerId(subscriber.id),
    repeat: { pattern: subscriber.schedule.trim(), tz: subscriber.timezone },
    template: { name: DIGEST_JOB, data: { subscriber: subscriber.id }, opts: digestJobOptions(retention) },
  };
}

/** Ids of existing digest schedulers that no configured subscriber owns any more. Pure. */
export function staleSchedulers(existing: readonly string[], subscribers: readonly Pick<SubscriberConfig, "id">[]): string[] {
  const wanted = new Set(subscribers.map((s) => schedulerId(s.id)));
  return existing.filter((id) => id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id));
}
