import type { ClassifierModel } from "@corpus/classify";
import type { Config } from "./config/schema";
import type { Classifier } from "./intake/ports";
import type { Metrics } from "./metrics";
import type { AlertStore, Clock, Logger } from "./ports";
import type { RedisConnections } from "./redis/connection";
import type { Keyspace } from "./redis/keys";

/**
 * What the composition root (app.ts) hands to the parts it starts: the digest runtime
 * (`createDigestRuntime(ctx)` in digest/runtime.ts) and the HTTP server (`createHttpServer(ctx)` in
 * http/server.ts). Everything here is created and closed by the app; a runtime closes only what it
 * created itself.
 */
export interface AppContext {
  config: Config;
  /** Directory of the config file: relative paths in the config are read from here. */
  configDir: string;
  /** BullMQ prefix and key prefix (config.prefix). Give it to every Queue/Worker: `{ prefix }`. */
  prefix: string;
  keys: Keyspace;
  /**
   * Redis clients that wait out outages (maxRetriesPerRequest null, reconnect forever):
   * `redis.shared` for commands, `redis.create(name)` for a BullMQ Queue/Worker/QueueEvents
   * connection (the app quits them on close).
   */
  redis: RedisConnections;
  alertStore: AlertStore;
  model: ClassifierModel;
  classifier: Classifier;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Aborted when shutdown is forced (deadline passed or second signal). */
  signal: AbortSignal;
  /**
   * The environment the command was started with (SMTP_URL, webhook secrets named by the config):
   * runtimes read secrets from here, not from process.env.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A long-running part of the app. `close` must be idempotent and wait for work in progress. */
export interface Runtime {
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a runtime from the context (digest runtime, HTTP server). */
export type RuntimeFactory = (ctx: AppContext) => Runtime | Promise<Runtime>;
