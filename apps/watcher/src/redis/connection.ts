import { Redis, type RedisOptions } from "ioredis";
import { RedisUnavailableError } from "../errors";
import type { Logger } from "../ports";

export { RedisUnavailableError };

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

/** Reconnect forever, backing off to 5 s between attempts: outages are waited out, not fatal. */
export const retryForever = (times: number): number => Math.min(200 * times, 5_000);

/**
 * Long-lived clients for the watcher: commands wait for a reconnect instead of failing
 * (maxRetriesPerRequest null, as BullMQ workers require), and every client has an error listener.
 */
export interface RedisConnections {
  /** The client the stores share. */
  readonly shared: Redis;
  /** A new client with the same settings (for BullMQ Queue/Worker/QueueEvents); closed by close(). */
  create(name: string, extra?: RedisOptions): Redis;
  /** Quits every client created here; safe to call twice. */
  close(): Promise<void>;
}

export function createRedisConnections(url: string, logger: Logger, options: RedisOptions = {}): RedisConnections {
  const clients: Redis[] = [];
  let lastErrorLog = 0;
  const create = (name: string, extra: RedisOptions = {}): Redis => {
    const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: retryForever, connectionName: `corpus-watcher:${name}`, ...options, ...extra });
    client.on("error", (err: Error) => {
      // One line per 10 s at most: a Redis outage should not flood the log.
      const now = Date.now();
      if (now - lastErrorLog < 10_000) return;
      lastErrorLog = now;
      logger.warn({ redis: redactRedisUrl(url), client: name, err: err.message }, "redis connection problem; reconnecting");
    });
    clients.push(client);
    return client;
  };
  // The stores issue many small commands concurrently (one per alert, per lookup...): pipelining
  // them per tick saves a syscall each.
  const shared = create("shared", { enableAutoPipelining: true });
  let closing: Promise<void> | undefined;
  return {
    shared,
    create,
    close() {
      closing ??= Promise.all(
        clients.map(async (c) => {
          try {
            await Promise.race([c.quit(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
          } catch {
            // Already closed.
          }
          c.disconnect();
        }),
      ).then(() => undefined);
      return closing;
    },
  };
}

/** Connects once with a short timeout and no retries; throws RedisUnavailableError on failure. */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new RedisUnavailableError(redactRedisUrl(url), { cause: err });
  } finally {
    client.disconnect();
  }
}
