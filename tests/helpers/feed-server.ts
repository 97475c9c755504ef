/**
 * A local HTTP server for feed tests, on loopback only. Each path gets a route that says what to
 * answer; the server records every request so tests can check conditional GETs and politeness.
 *
 * @example
 * const server = await startFeedServer();
 * server.route("/icmpd.xml", { body: readFixture("icmpd-news.xml"), etag: '"v1"' });
 * const url = server.url("/icmpd.xml");          // http://127.0.0.1:<port>/icmpd.xml
 * ...                                           // a request with If-None-Match: "v1" gets a 304
 * server.requestsTo("/icmpd.xml").length;
 * await server.close();
 *
 * Routes can be changed at any time (a new body = new items on the next poll). Listening on
 * another loopback address (127.0.0.2 ...) works on Linux, where all of 127/8 is routed to lo.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export interface FeedRoute {
  /** The response body (a string is sent as UTF-8). */
  body?: string | Buffer;
  /** @default "application/rss+xml; charset=utf-8" (pass null for no Content-Type header) */
  contentType?: string | null;
  /** @default 200 */
  status?: number;
  /** Sent as ETag; a request with a matching If-None-Match gets 304 with no body. */
  etag?: string;
  /** Sent as Last-Modified; a request with the same If-Modified-Since gets 304. */
  lastModified?: string;
  /** Compress the body and send Content-Encoding: gzip. */
  gzip?: boolean;
  /** Wait this long before sending the headers. */
  delayMs?: number;
  /** Send the body in this many pieces, `dripMs` apart (a slow server). */
  dripChunks?: number;
  dripMs?: number;
  /** Extra headers (e.g. Retry-After). */
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** What the server answered. */
  status: number;
  at: number;
}

export interface FeedServer {
  /** Origin such as http://127.0.0.1:43210. */
  origin: string;
  url(path: string): string;
  route(path: string, route: FeedRoute): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Resolves when a request to `path` has been answered in full (body sent). */
  served(path: string, count?: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function send(res: ServerResponse, route: FeedRoute, body: Buffer): Promise<void> {
  const chunks = Math.max(1, route.dripChunks ?? 1);
  const size = Math.ceil(body.length / chunks);
  for (let i = 0; i < chunks; i++) {
    if (res.destroyed) return;
    res.write(body.subarray(i * size, (i + 1) * size));
    if (i < chunks - 1 && route.dripMs) await sleep(route.dripMs);
  }
  res.end();
}

export async function startFeedServer(options: { host?: string; port?: number } = {}): Promise<FeedServer> {
  const host = options.host ?? "127.0.0.1";
  const routes = new Map<string, FeedRoute>();
  const requests: RecordedRequest[] = [];
  const waiters: { path: string; count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) {
      if (requests.filter((r) => r.path === w.path && r.status !== 0).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route = routes.get(path);
    const record: RecordedRequest = { path, method: req.method ?? "GET", headers: req.headers, status: 0, at: Date.now() };
    requests.push(record);
    res.on("close", () => {
      if (record.status === 0) record.status = -1;
    });
    if (!route) {
      record.status = 404;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      notify();
      return;
    }
    if (route.delayMs) await sleep(route.delayMs);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...route.headers };
    if (route.contentType !== null) headers["content-type"] = route.contentType ?? "application/rss+xml; charset=utf-8";
    if (route.etag) headers.etag = route.etag;
    if (route.lastModified) headers["last-modified"] = route.lastModified;
    const notModified =
      (route.etag !== undefined && req.headers["if-none-match"] === route.etag) ||
      (route.lastModified !== undefined && req.headers["if-modified-since"] === route.lastModified);
    if (notModified) {
      record.status = 304;
      res.writeHead(304, headers).end();
      notify();
      return;
    }
    let body = typeof route.body === "string" ? Buffer.from(route.body, "utf8") : (route.body ?? Buffer.alloc(0));
    if (route.gzip) {
      body = gzipSync(body);
      headers["content-encoding"] = "gzip";
    }
    if (!route.dripChunks) headers["content-length"] = String(body.length);
    const status = route.status ?? 200;
    res.writeHead(status, headers);
    await send(res, route, body);
    record.status = res.destroyed && !res.writableFinished ? -1 : status;
    notify();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, route) => void routes.set(path, route),
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    served(path, count = 1) {
      return new Promise<void>((resolve) => {
        waiters.push({ path, count, resolve });
        notify();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
