import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { z } from "zod";
import type { Theme } from "@corpus/model";
import type { AppContext, Runtime } from "../app-context";
import { createChannels, type ChannelDeps } from "../channels/create";
import { ChannelError } from "../channels/types";
import { channelIds } from "../config/channels";
import { createDeliveryState } from "../delivery/state";
import { DIGEST_JOB, schedulerFor, staleSchedulers, type DigestJobData } from "../schedule/scheduler";
import { runSubscriber, type ChannelOutcome, type DigestServices } from "./run";

/** The digest queue's name (under the configured prefix). */
export const DIGEST_QUEUE = "digest";

/** Environment the channels read: SMTP_URL, SMTP_FROM and each webhook's `secretEnv`. */
export type DigestEnv = Readonly<Record<string, string | undefined>>;

/**
 * The app context plus what digests need beyond it. `env` is optional so the composition root can
 * add it when ready; until then the process environment is used.
 */
export type DigestContext = AppContext & { env?: DigestEnv };

export interface DigestServiceOverrides {
  env?: DigestEnv;
  /** Quick webhook retries (tests shorten them). */
  webhook?: ChannelDeps["webhook"];
  leaseMs?: number;
}

/** What the digest services read from the app context. */
export type DigestServicesContext = Pick<DigestContext, "config" | "configDir" | "redis" | "keys" | "model" | "clock" | "logger" | "metrics" | "env">;

/** The digest stage's services, built from the app context (shared by the runtime and the `digest` command). */
export function createDigestServices(ctx: DigestServicesContext, overrides: DigestServiceOverrides = {}): DigestServices {
  const { config } = ctx;
  // The one fallback to the process environment; the composition root can pass `env` instead.
  const env = overrides.env ?? ctx.env ?? process.env;
  const deps: ChannelDeps = { env, network: config.network, baseDir: ctx.configDir, ...(overrides.webhook ? { webhook: overrides.webhook } : {}) };
  return {
    config,
    state: createDeliveryState({
      redis: ctx.redis.shared,
      keys: ctx.keys,
      runsToKeep: config.retention.digestRuns,
      deliveredToKeep: config.retention.delivered,
    }),
    themes: ctx.model.themes.map((t: Theme) => ({ id: t.id, label: t.label, scopeNote: t.scopeNote })),
    clock: ctx.clock,
    logger: ctx.logger.child({ component: "digest" }),
    metrics: ctx.metrics,
    channels: (subscriber) => createChannels(subscriber, deps),
    ...(overrides.leaseMs ? { leaseMs: overrides.leaseMs } : {}),
  };
}

const DigestJobSchema = z.object({
  subscriber: z.string().min(1),
  channels: z.array(z.string()).optional(),
  resumeOnly: z.boolean().optional(),
});

/** One line per channel for job results and errors. */
function summarise(outcomes: readonly ChannelOutcome[]): string {
  return outcomes
    .map((o) => {
      const done = o.runs.map((r) => `${r.outcome}${r.digestId ? ` ${r.digestId}` : ""} (${r.items} items)`).join(", ") || (o.busyMs !== undefined ? "busy" : "nothing");
      return `${o.channel}: ${done}${o.error ? ` - ${o.error.message}` : ""}`;
    })
    .join("; ");
}

/**
 * The digest job: runs the subscriber's channels. Retries (attemptsMade > 0) only re-send digests
 * already in flight, so a channel that succeeded is not sent a second, early digest. A failing
 * channel fails the job (BullMQ backs off); when every failure is permanent, the job stops
 * retrying (UnrecoverableError) and the digest waits, in flight, for the next scheduled run. A
 * channel leased by another process delays the job until the lease frees.
 */
export function createDigestProcessor(services: DigestServices) {
  return async (job: Job, token?: string) => {
    const data = DigestJobSchema.parse(job.data) satisfies DigestJobData;
    if (!services.config.subscribers.some((s) => s.id === data.subscriber)) {
      throw new UnrecoverableError(`[corpus-watcher] [digest] subscriber "${data.subscriber}" is no longer configured`);
    }
    const outcomes = await runSubscriber(services, data.subscriber, { channels: data.channels, resumeOnly: data.resumeOnly || job.attemptsMade > 0 });
    const failed = outcomes.filter((o) => o.error);
    if (failed.length > 0) {
      const message = `[corpus-watcher] [digest] ${data.subscriber}: ${summarise(failed)}`;
      if (failed.every((o) => o.error instanceof ChannelError && !o.error.retryable)) throw new UnrecoverableError(message);
      throw new Error(message);
    }
    const busy = outcomes.filter((o) => o.busyMs !== undefined);
    if (busy.length > 0 && token) {
      const wait = Math.max(...busy.map((o) => o.busyMs ?? 0)) + 250;
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    return { subscriber: data.subscriber, summary: summarise(outcomes), digests: outcomes.flatMap((o) => o.runs.filter((r) => r.digestId).map((r) => r.digestId)) };
  };
}

/** Makes BullMQ's digest schedulers match the config: upsert one per subscriber, remove the rest. */
export async function syncDigestSchedulers(queue: Queue, services: Pick<DigestServices, "config" | "logger">): Promise<{ scheduled: string[]; removed: string[] }> {
  const { config, logger } = services;
  for (const subscriber of config.subscribers) {
    const s = schedulerFor(subscriber, config.retention);
    await queue.upsertJobScheduler(s.id, s.repeat, s.template);
  }
  const existing = (await queue.getJobSchedulers(0, -1)).map((s) => s.key);
  const removed = staleSchedulers(existing, config.subscribers);
  for (const id of removed) await queue.removeJobScheduler(id);
  if (removed.length > 0) logger.info({ schedulers: removed }, "removed digest schedules of subscribers no longer configured");
  return { scheduled: config.subscribers.map((s) => s.id), removed };
}

/** Queues a resume job for every digest in flight (after a crash or restart); returns how many. */
export async function resumeInflight(queue: Queue, services: DigestServices): Promise<number> {
  let queued = 0;
  for (const subscriber of services.config.subscribers) {
    for (const channel of channelIds(subscriber.channels)) {
      const record = await services.state.inflight(subscriber.id, channel);
      if (!record) continue;
      const data: DigestJobData = { subscriber: subscriber.id, channels: [channel], resumeOnly: true };
      // One job per in-flight digest: a second restart does not queue it twice while it waits.
      await queue.add(DIGEST_JOB, data, { jobId: `resume-${subscriber.id}-${channel}-${record.id}`, attempts: 8, backoff: { type: "exponential", delay: 30_000 }, removeOnComplete: true, removeOnFail: { count: services.config.retention.failedJobs } });
      services.logger.info({ subscriber: subscriber.id, channel, digestId: record.id, attempts: record.attempts }, "resuming digest in flight");
      queued += 1;
    }
  }
  return queued;
}

export interface DigestRuntime extends Runtime {
  /** Workers running (for /healthz). */
  workers(): number;
  /** The digest queue, once started (for queue-depth metrics). */
  queue(): Queue | undefined;
}

/**
 * The digest stage in the service: a BullMQ queue with one job scheduler per subscriber (cron +
 * time zone), a worker (`concurrency.digest`) and, at start, a resume job per digest in flight.
 */
export function createDigestRuntime(ctx: DigestContext, overrides: DigestServiceOverrides = {}): DigestRuntime {
  const services = createDigestServices(ctx, overrides);
  const log = services.logger;
  let queue: Queue | undefined;
  let worker: Worker | undefined;
  let closing: Promise<void> | undefined;

  return {
    async start() {
      queue = new Queue(DIGEST_QUEUE, { connection: ctx.redis.create("digest-queue"), prefix: ctx.prefix });
      queue.on("error", (err) => log.warn({ queue: DIGEST_QUEUE, err: err.message }, "queue error"));
      worker = new Worker(DIGEST_QUEUE, createDigestProcessor(services), {
        connection: ctx.redis.create("digest-worker"),
        prefix: ctx.prefix,
        concurrency: ctx.config.concurrency.digest,
      });
      worker.on("error", (err) => log.warn({ queue: DIGEST_QUEUE, err: err.message }, "worker error"));
      worker.on("failed", (job, err) => log.warn({ queue: DIGEST_QUEUE, job: job?.id, subscriber: job?.data?.subscriber, attempt: job?.attemptsMade, err: err.message }, "digest job failed"));
      const { scheduled } = await syncDigestSchedulers(queue, services);
      const resumed = await resumeInflight(queue, services);
      log.info({ subscribers: scheduled.length, resumed }, "digest schedules in place");
    },
    close() {
      closing ??= (async () => {
        const errors: unknown[] = [];
        for (const step of [() => worker?.close(), () => queue?.close()]) {
          try {
            await step();
          } catch (err) {
            errors.push(err);
          }
        }
        if (errors.length > 0) throw new AggregateError(errors, "[corpus-watcher] [digest] close incomplete");
      })();
      return closing;
    },
    workers: () => (worker && worker.isRunning() ? 1 : 0),
    queue: () => queue,
  };
}
