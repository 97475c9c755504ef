/** Assembles the digest stage on a test Redis prefix: config, alert store, delivery state, channels. */
import type { Redis } from "ioredis";
import { createRedisAlertStore } from "../../apps/watcher/src/alerts/redis-alert-store";
import { createChannels } from "../../apps/watcher/src/channels/create";
import type { Sleep } from "../../apps/watcher/src/channels/types";
import { parseConfig } from "../../apps/watcher/src/config/load";
import type { Config } from "../../apps/watcher/src/config/schema";
import { createDeliveryState } from "../../apps/watcher/src/delivery/state";
import type { DigestServices } from "../../apps/watcher/src/digest/run";
import type { Clock, Logger } from "../../apps/watcher/src/ports";
import { keyspace } from "../../apps/watcher/src/redis/keys";
import { TEST_THEMES } from "./digest-fixtures";

/** A logger that keeps what it is told (for assertions) and prints nothing. */
export function memoryLogger(lines: { level: string; msg?: string; obj: object }[] = []): Logger {
  const make = (bindings: Record<string, unknown>): Logger => {
    const log = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj: { ...bindings, ...obj }, ...(msg === undefined ? {} : { msg }) });
    return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), child: (more) => make({ ...bindings, ...more }) };
  };
  return make({});
}

/** A clock the test moves by hand. */
export function manualClock(start = "2026-11-25T08:00:00Z"): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso) => void (now = new Date(iso).getTime()), advance: (ms) => void (now += ms) };
}

export interface DigestHarnessOptions {
  redis: Redis;
  prefix: string;
  /** Raw config (YAML-shaped); `prefix` is set for you. */
  config: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  sleep?: Sleep;
  baseDir?: string;
  leaseMs?: number;
}

export function digestHarness(options: DigestHarnessOptions) {
  const config: Config = parseConfig({ ...options.config, prefix: options.prefix }, "test-config");
  const keys = keyspace(options.prefix);
  const store = createRedisAlertStore({ redis: options.redis, keys });
  const state = createDeliveryState({ redis: options.redis, keys, runsToKeep: config.retention.digestRuns });
  const logs: { level: string; msg?: string; obj: object }[] = [];
  const services: DigestServices = {
    config,
    state,
    themes: TEST_THEMES,
    clock: options.clock ?? { now: () => new Date() },
    logger: memoryLogger(logs),
    channels: (subscriber) =>
      createChannels(subscriber, {
        env: options.env ?? {},
        network: config.network,
        ...(options.baseDir ? { baseDir: options.baseDir } : {}),
        webhook: { tries: 1, sleep: options.sleep ?? (async () => undefined) },
      }),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  };
  return { config, keys, store, state, services, logs };
}
