import type { JobSchedulerTemplateOptions } from "bullmq";
import type { SubscriberConfig } from "../config/schema";

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

/** Attempts and backoff across BullMQ retries of one digest job (quick retries happen inside a channel). */
export const DIGEST_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 30_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const satisfies JobSchedulerTemplateOptions;

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
export function schedulerFor(subscriber: Pick<SubscriberConfig, "id" | "schedule" | "timezone">): DigestScheduler {
  return {
    id: schedulerId(subscriber.id),
    repeat: { pattern: subscriber.schedule.trim(), tz: subscriber.timezone },
    template: { name: DIGEST_JOB, data: { subscriber: subscriber.id }, opts: { ...DIGEST_JOB_OPTIONS } },
  };
}

/** Ids of existing digest schedulers that no configured subscriber owns any more. Pure. */
export function staleSchedulers(existing: readonly string[], subscribers: readonly Pick<SubscriberConfig, "id">[]): string[] {
  const wanted = new Set(subscribers.map((s) => schedulerId(s.id)));
  return existing.filter((id) => id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id));
}
