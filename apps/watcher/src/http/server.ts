import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { AppContext, Runtime } from "../app-context";
import { DIGEST_QUEUE } from "../digest/runtime";
import { POLL_QUEUE } from "../queue/poll-queue";

/** Queues whose depth /metrics reports and whose workers /healthz counts. */
export const OBSERVED_QUEUES = [POLL_QUEUE, DIGEST_QUEUE] as const;
const STATES = ["waiting", "active", "delayed", "failed", "completed", "prioritized", "waiting-children"] as const;

export interface HttpServerOptions {
  /** Listen here instead of `config.http.port` (tests bind 0 for an ephemeral port). */
  listenPort?: number;
  /**
   * Workers running in this process. @default the BullMQ workers connected to the poll and digest
   * queues (CLIENT LIST, as BullMQ's getWorkers reports them)
   */
  workers?: () => number | Promise<number>;
  /** Budget for each Redis call made while answering. @default 2000 */
  redisTimeoutMs?: number;
}

export interface HttpServer {
  /** Listens (unless the port is 0 and no override is given) and returns the bound port (0 = off). */
  start(): Promise<{ port: number }>;
  close(): Promise<void>;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

/**
 * /healthz (200 `{status:"ok", redis:"up", workers:N}` when Redis answers PING and workers run,
 * 503 otherwise) and Prometheus /metrics (the app's registry; queue-depth gauges refreshed on each
 * scrape). Uses its own fail-fast Redis client, so a Redis outage turns into a 503 at once instead
 * of a request that waits for the reconnect.
 */
export function createHttpServer(ctx: Pick<AppContext, "config" | "prefix" | "metrics" | "logger">, options: HttpServerOptions = {}): HttpServer {
  const timeoutMs = options.redisTimeoutMs ?? 2_000;
  const log = ctx.logger.child({ component: "http" });
  let server: Server | undefined;
  let redis: Redis | undefined;
  let queues: Queue[] = [];
  let closing: Promise<void> | undefined;

  async function countWorkers(): Promise<number> {
    if (options.workers) return options.workers();
    const counts = await Promise.all(queues.map((q) => q.getWorkersCount()));
    return counts.reduce((a, b) => a + b, 0);
  }

  async function health(res: ServerResponse): Promise<void> {
    let redisUp = false;
    let workers = 0;
    try {
      redisUp = (await within(redis!.ping(), timeoutMs, "PING")) === "PONG";
      workers = await within(countWorkers(), timeoutMs, "counting workers");
    } catch (err) {
      log.debug({ err: (err as Error).message }, "health check failed");
    }
    const ok = redisUp && workers > 0;
    send(res, ok ? 200 : 503, "application/json", JSON.stringify({ status: ok ? "ok" : "unavailable", redis: redisUp ? "up" : "down", workers }));
  }

  async function refreshQueueDepths(): Promise<void> {
    await Promise.all(
      queues.map(async (queue) => {
        const counts = await within(queue.getJobCounts(...STATES), timeoutMs, `job counts of ${queue.name}`);
        for (const state of STATES) ctx.metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  }

  async function metrics(res: ServerResponse): Promise<void> {
    try {
      await refreshQueueDepths();
    } catch (err) {
      // Serve the other metrics anyway; stale depths are better than a failed scrape.
      log.warn({ err: (err as Error).message }, "queue depths not refreshed");
    }
    send(res, 200, ctx.metrics.registry.contentType, await ctx.metrics.registry.metrics());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n");
    if (path === "/healthz") return health(res);
    if (path === "/metrics") return metrics(res);
    send(res, 404, "text/plain", "not found: try /healthz or /metrics\n");
  }

  return {
    async start() {
      const port = options.listenPort ?? ctx.config.http.port;
      if (port === 0 && options.listenPort === undefined) {
        log.info({}, "http server off (http.port is 0)");
        return { port: 0 };
      }
      redis = new Redis(ctx.config.redis, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: "corpus-watcher:http", retryStrategy: (n) => Math.min(200 * n, 5_000) });
      redis.on("error", () => undefined); // reported as redis:"down" by /healthz
      // Connect now so the first probe does not race the connection; if Redis is down, serve 503s while it reconnects.
      await within(redis.connect(), timeoutMs, "connecting to Redis").catch(() => undefined);
      queues = OBSERVED_QUEUES.map((name) => {
        const queue = new Queue(name, { connection: redis!, prefix: ctx.prefix });
        queue.on("error", () => undefined);
        return queue;
      });
      const srv = createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
          log.error({ err: (err as Error).message }, "http request failed");
          if (!res.headersSent) send(res, 500, "text/plain", "internal error\n");
          else res.end();
        });
      });
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(port, ctx.config.http.host, () => resolve());
      });
      const bound = (srv.address() as AddressInfo).port;
      log.info({ host: ctx.config.http.host, port: bound }, "serving /healthz and /metrics");
      return { port: bound };
    },
    close() {
      closing ??= (async () => {
        const srv = server;
        if (srv) {
          srv.closeIdleConnections();
          await new Promise<void>((resolve) => srv.close(() => resolve()));
        }
        await Promise.allSettled(queues.map((q) => q.close()));
        redis?.disconnect();
      })();
      return closing;
    },
  };
}

/** The HTTP server as an app extension (`Runtime`: start resolves without the port). */
export function createHttpRuntime(ctx: AppContext, options: HttpServerOptions = {}): Runtime {
  const server = createHttpServer(ctx, options);
  return {
    async start() {
      await server.start();
    },
    close: () => server.close(),
  };
}
