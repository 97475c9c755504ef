/**
 * The watcher's programmatic surface (private package): used by the bench and the integration
 * tests against the built dist. The CLI (cli.ts) is the supported interface.
 */
export { createApp, defaultExtensions } from "./app";
export type { App, AppOptions } from "./app";
export type { AppContext, Runtime, RuntimeFactory } from "./app-context";
export { loadConfig, parseConfig, ConfigError } from "./config/load";
export type { Config, ConfigInput } from "./config/schema";
export { keyspace } from "./redis/keys";
export type { Keyspace } from "./redis/keys";
export { createLogger } from "./logger";
export { toClassifier } from "./classifier";
export { POLL_QUEUE, POLL_JOB, schedulerId } from "./queue/poll-queue";
