/**
 * The composition root: the one place that creates Redis connections, queues, workers, stores,
 * the fetcher, the model, logger, metrics and clock, and owns their lifetime.
 */
import { randomBytes } from "node:crypto";
import { dirname, resolve } from "node:path";
import { Queue, QueueEvents, Worker } from "bullmq";
import type { AppContext, Runtime, RuntimeFactory } from "./app-context";
import { createRedisAlertStore } from "./alerts/redis-alert-store";
import { createDigestRuntime } from "./digest/runtime";
import { createHttpRuntime } from "./http/server";
import { loadClassifierForConfig, unknownThemeProblems, type LoadedClassifier } from "./classifier";
import { channelIds } from "./config/channels";
import { ConfigError } from "./config/load";
import type { Config, FeedConfig } from "./config/schema";
import { createHttpFetcher, createRedisHostLimiter } from "./feed/index";
import { createFeedReader } from "./intake/feed-reader";
import { createIdentityCache } from "./intake/identity";
import { createSemaphore } from "./intake/semaphore";
import type { PollDeps } from "./intake/poll-feed";
import type { FeedReader } from "./intake/ports";
import { createLogger } from "./logger";
import { createMetrics, type Metrics } from "./metrics";
import { systemClock, type Clock, type Logger } from "./ports";
import { createPollProcessor, type PollJobResult } from "./queue/poll-processor";
import { POLL_JOB, POLL_QUEUE, pollJobOptions, syncSchedulers, type PollJob } from "./queue/poll-queue";
import { assertRedisReachable, createRedisConnections, redactRedisUrl } from "./redis/connection";
import { keyspace } from "./redis/keys";
import { createRedisDocumentStore } from "./stores/redis-document-store";
import { createRedisFeedLock } from "./stores/redis-feed-lock";
import { createRedisFeedStateStore } from "./stores/redis-feed-state";
import { createRedisSeenStore } from "./stores/redis-seen-store";

/**
 * Part 2 (digests) plugs in here, in this one call: return
 * `[createDigestRuntime, createHttpServer]` from ./digest/runtime and ./http/server. Each gets the
 * AppContext (app-context.ts); they start after the poll worker and close before it.
 */
export function defaultExtensions(): RuntimeFactory[] {
  return [(ctx) => createDigestRuntime(ctx), (ctx) => createHttpRuntime(ctx)];
}

export interface AppOptions {
  /** The config file (relative model/theme paths are read from its directory). */
  configFile?: string;
  logger?: Logger;
  clock?: Clock;
  metrics?: Metrics;
  /** A model already loaded (tests, bench); else loaded from the config at start. */
  classifier?: LoadedClassifier;
  /** Replaces HTTP fetching and parsing (tests). */
  reader?: FeedReader;
  /** Sync the per-feed schedulers at start. @default true */
  schedule?: boolean;
  /** Run a poll worker in this process. @default true */
  worker?: boolean;
  /** Digest runtime, HTTP server... @default defaultExtensions() */
  extensions?: RuntimeFactory[];
  /** Test hook (CORPUS_TEST_DELAY_MS): wait this long before each alert write. */
  testDelayMs?: number;
  /** The command's environment, handed to runtimes as `ctx.env` (secrets for channels). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface App {
  /** Connects, loads the model, starts the worker, schedulers and extensions. */
  start(): Promise<void>;
  /** Polls one feed now through the queue (a one-off job, ignoring backoff) and waits for the result. */
  pollNow(feedId: string, options?: { timeoutMs?: number }): Promise<PollJobResult>;
  /** Stops everything; waits for active polls unless `force`. Idempotent. */
  close(options?: { force?: boolean }): Promise<void>;
  /** Available after start(). */
  readonly context: AppContext | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger({ level: "info", fd: 1 });
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? createMetrics();
  const keys = keyspace(config.prefix);
  const abort = new AbortController();
  const feeds = new Map<string, FeedConfig>(config.feeds.filter((f) => f.enabled).map((f) => [f.id, f]));
  const cleanups: { name: string; run: (force: boolean) => Promise<void> }[] = [];
  let context: AppContext | undefined;
  let queue: Queue | undefined;
  let events: Promise<QueueEvents> | undefined;
  let closing: Promise<void> | undefined;

  async function start(): Promise<void> {
    if (context) throw new Error("[corpus-watcher] app already started");
    await assertRedisReachable(config.redis);
    const configDir = options.configFile ? dirname(resolve(options.configFile)) : process.cwd();
    const loaded = options.classifier ?? (await loadClassifierForConfig(config, options.configFile ?? "(config)", configDir));
    const problems = unknownThemeProblems(config, loaded.classifier.themeIds);
    if (problems.length > 0) throw new ConfigError(options.configFile ?? "(config)", problems);

    const redis = createRedisConnections(config.redis, logger);
    cleanups.push({ name: "redis", run: () => redis.close() });
    const alertStore = createRedisAlertStore({ redis: redis.shared, keys });
    context = {
      config,
      configDir,
      prefix: config.prefix,
      keys,
      redis,
      alertStore,
      model: loaded.model,
      classifier: loaded.classifier,
      logger,
      metrics,
      clock,
      signal: abort.signal,
      ...(options.env && { env: options.env }),
    };

    queue = new Queue(POLL_QUEUE, { connection: redis.create("poll-queue"), prefix: config.prefix });
    queue.on("error", (err) => logger.warn({ queue: POLL_QUEUE, err: err.message }, "queue error"));
    cleanups.unshift({ name: "poll queue", run: async () => queue?.close() });

    if (options.worker ?? true) {
      const fetcher = createHttpFetcher({
        timeoutMs: config.network.timeout,
        maxBytes: config.network.maxBytes,
        maxRedirects: config.network.maxRedirects,
        userAgent: config.network.userAgent,
        allowPrivateAddresses: config.network.allowPrivateAddresses,
        hostLimiter: createRedisHostLimiter(redis.shared, keys.hostSlots, config.network.perHostConcurrency),
      });
      cleanups.unshift({ name: "fetcher", run: () => fetcher.close() });
      const deps: PollDeps = {
        seen: createRedisSeenStore({ redis: redis.shared, keys, globalKeep: config.retention.seenGlobal }),
        documents: createRedisDocumentStore({ redis: redis.shared, keys, keep: config.retention.documents }),
        alerts: alertStore,
        classifier: loaded.classifier,
        subscribers: config.subscribers.map((s) => ({ id: s.id, themes: s.themes, minScore: s.minScore, ...(s.feeds && { feeds: s.feeds }), channels: channelIds(s.channels) })),
        seenPerFeed: config.retention.seenPerFeed,
        // About two feeds' worth of items per feed: every item currently listed stays cached.
        identityCache: createIdentityCache(Math.min(200_000, Math.max(5_000, feeds.size * 100))),
        logger,
        reader: options.reader ?? createFeedReader(fetcher),
        states: createRedisFeedStateStore({ redis: redis.shared, keys }),
        lock: createRedisFeedLock({ redis: redis.shared, keys }),
        clock,
        random: Math.random,
        lockTtlMs: 20_000,
        // Parsing is CPU-bound on one thread: a few at a time keep the CPU busy, more only hold memory.
        processing: createSemaphore(4),
        ...(options.testDelayMs && { beforeAlert: () => sleep(options.testDelayMs!) }),
      };
      if (options.testDelayMs) logger.warn({ delayMs: options.testDelayMs }, "test hook active: delaying every alert write");
      const worker = new Worker(POLL_QUEUE, createPollProcessor({ deps, feeds, metrics, signal: abort.signal }), {
        connection: redis.create("poll-worker"),
        prefix: config.prefix,
        concurrency: config.concurrency.poll,
      });
      worker.on("error", (err) => logger.warn({ queue: POLL_QUEUE, err: err.message }, "worker error"));
      worker.on("failed", (job, err) => logger.error({ queue: POLL_QUEUE, job: job?.id, feed: job?.data?.feedId, attempt: job?.attemptsMade, err: err.message }, "poll job failed"));
      cleanups.unshift({ name: "poll worker", run: (force) => worker.close(force) });
    }

    if (options.schedule ?? true) {
      const { scheduled } = await syncSchedulers(queue, redis.shared, keys, config, logger);
      logger.info({ feeds: scheduled.length }, "feed schedulers in place");
    }

    for (const factory of options.extensions ?? defaultExtensions()) {
      const runtime: Runtime = await factory(context);
      cleanups.unshift({ name: "extension", run: () => runtime.close() });
      await runtime.start();
    }
    logger.info({ redis: redactRedisUrl(config.redis), prefix: config.prefix, model: loaded.source, feeds: feeds.size, subscribers: config.subscribers.length }, "watcher started");
  }

  async function pollNow(feedId: string, { timeoutMs = 120_000 } = {}): Promise<PollJobResult> {
    if (!queue || !context) throw new Error("[corpus-watcher] start the app before polling");
    if (!feeds.has(feedId)) throw new Error(`[corpus-watcher] no enabled feed "${feedId}" in the config`);
    if (!events) {
      const created = new QueueEvents(POLL_QUEUE, { connection: context.redis.create("poll-events"), prefix: config.prefix });
      created.on("error", (err) => logger.warn({ queue: POLL_QUEUE, err: err.message }, "queue events error"));
      cleanups.unshift({ name: "poll events", run: () => created.close() });
      events = created.waitUntilReady().then(() => created);
    }
    const queueEvents = await events;
    const jobId = `manual-${feedId}-${clock.now().getTime()}-${randomBytes(3).toString("hex")}`;
    const job = await queue.add(POLL_JOB, { feedId, force: true } satisfies PollJob, { ...pollJobOptions(config.retention), attempts: 1, jobId });
    return (await job.waitUntilFinished(queueEvents, timeoutMs)) as PollJobResult;
  }

  async function close({ force = false } = {}): Promise<void> {
    if (force) abort.abort(new Error("forced shutdown"));
    closing ??= (async () => {
      const errors: unknown[] = [];
      for (const cleanup of cleanups) {
        try {
          await cleanup.run(force);
        } catch (err) {
          errors.push(err);
          logger.error({ step: cleanup.name, err: err instanceof Error ? err.message : String(err) }, "shutdown step failed");
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, "[corpus-watcher] shutdown incomplete");
    })();
    return closing;
  }

  return {
    start,
    pollNow,
    close,
    get context() {
      return context;
    },
  };
}
