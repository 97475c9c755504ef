import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FeedFetchError } from "./errors";
import { createHttpFetcher, FEED_ACCEPT, type FetchOutcome, type HttpFetcherOptions } from "./fetcher";
import { createMemoryHostLimiter } from "./host-limiter";
import { parseRetryAfter } from "./retry-after";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const requests: Array<{ path: string; headers: IncomingMessage["headers"] }> = [];
let server: Server;
let port: number;
let base: string;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const handler = routes.get(path.split("?")[0] ?? "/");
    if (handler) handler(req, res);
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const fetchers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  routes.clear();
  requests.length = 0;
  maxInFlight = 0;
});

function fetcher(options: Partial<HttpFetcherOptions> = {}) {
  const f = createHttpFetcher({
    timeoutMs: 5000,
    maxBytes: 100_000,
    maxRedirects: 5,
    userAgent: "corpus-watcher-test/1.0 (+https://example.invalid)",
    allowPrivateAddresses: true,
    ...options,
  });
  fetchers.push(f);
  return f;
}

async function failure(promise: Promise<FetchOutcome>): Promise<FeedFetchError> {
  try {
    const outcome = await promise;
    throw new Error(`expected a FeedFetchError, got ${outcome.kind}`);
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw error;
  }
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

describe("createHttpFetcher: responses", () => {
  it("returns the body with its validators, content type and size", async () => {
    routes.set("/feed", (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: '"v1"', "last-modified": "Tue, 25 Nov 2025 08:00:00 GMT" });
      res.end(FEED);
    });
    const outcome = await fetcher().fetch(`${base}/feed`);
    expect(outcome).toMatchObject({
      kind: "ok",
      url: `${base}/feed`,
      finalUrl: `${base}/feed`,
      status: 200,
      contentType: "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      lastModified: "Tue, 25 Nov 2025 08:00:00 GMT",
      bytes: Buffer.byteLength(FEED),
    });
    expect(outcome.kind === "ok" && outcome.body.toString()).toBe(FEED);
  });

  it("sends a User-Agent and the feed Accept header", async () => {
    routes.set("/feed", (_req, res) => res.end(FEED));
    await fetcher().fetch(`${base}/feed`);
    expect(requests[0]?.headers).toMatchObject({ "user-agent": "corpus-watcher-test/1.0 (+https://example.invalid)", accept: FEED_ACCEPT });
  });

  it("answers a conditional GET with not-modified without reading a body", async () => {
    routes.set("/feed", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"' || req.headers["if-modified-since"] === "Tue, 25 Nov 2025 08:00:00 GMT") {
        res.writeHead(304, { etag: '"v1"' }).end();
      } else res.writeHead(200, { etag: '"v1"' }).end(FEED);
    });
    const f = fetcher();
    expect(await f.fetch(`${base}/feed`, { etag: '"v1"' })).toEqual({ kind: "not-modified", url: `${base}/feed`, finalUrl: `${base}/feed`, status: 304, etag: '"v1"' });
    expect(await f.fetch(`${base}/feed`, { lastModified: "Tue, 25 Nov 2025 08:00:00 GMT" })).toMatchObject({ kind: "not-modified" });
    expect(await f.fetch(`${base}/feed`, { etag: '"v0"' })).toMatchObject({ kind: "ok", status: 200 });
    expect(requests.map((r) => r.headers["if-none-match"])).toEqual(['"v1"', undefined, '"v0"']);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body", async (encoding, compress) => {
    routes.set("/feed", (_req, res) => {
      res.writeHead(200, { "content-encoding": encoding, "content-type": "application/rss+xml" }).end(compress(Buffer.from(FEED)));
    });
    const outcome = await fetcher().fetch(`${base}/feed`);
    expect(outcome.kind === "ok" && outcome.body.toString()).toBe(FEED);
    expect(requests[0]?.headers["accept-encoding"]).toMatch(/gzip/);
  });
});

describe("createHttpFetcher: redirects", () => {
  it("follows a chain of redirects, relative ones included", async () => {
    routes.set("/old", (_req, res) => res.writeHead(301, { location: "/moved" }).end());
    routes.set("/moved", (_req, res) => res.writeHead(302, { location: `${base}/feeds/current` }).end());
    routes.set("/feeds/current", (_req, res) => res.writeHead(307, { location: "../feed?v=2" }).end());
    routes.set("/feed", (_req, res) => res.end(FEED));
    const outcome = await fetcher().fetch(`${base}/old`);
    expect(outcome).toMatchObject({ kind: "ok", url: `${base}/old`, finalUrl: `${base}/feed?v=2` });
    expect(requests.map((r) => r.path)).toEqual(["/old", "/moved", "/feeds/current", "/feed?v=2"]);
  });

  it("stops a redirect loop", async () => {
    routes.set("/a", (_req, res) => res.writeHead(302, { location: "/b" }).end());
    routes.set("/b", (_req, res) => res.writeHead(302, { location: "/a" }).end());
    const error = await failure(fetcher().fetch(`${base}/a`));
    expect(error).toMatchObject({ code: "too-many-redirects", retryable: false });
    expect(error.message).toMatch(/redirect loop/);
  });

  it("stops after maxRedirects", async () => {
    for (let i = 0; i < 4; i++) routes.set(`/r${i}`, (_req, res) => res.writeHead(308, { location: `/r${i + 1}` }).end());
    routes.set("/r4", (_req, res) => res.end(FEED));
    expect(await failure(fetcher({ maxRedirects: 3 }).fetch(`${base}/r0`))).toMatchObject({ code: "too-many-redirects" });
    expect(await fetcher({ maxRedirects: 4 }).fetch(`${base}/r0`)).toMatchObject({ kind: "ok", finalUrl: `${base}/r4` });
  });

  it("rejects a redirect without Location or to another scheme", async () => {
    routes.set("/nowhere", (_req, res) => res.writeHead(302).end());
    routes.set("/ftp", (_req, res) => res.writeHead(302, { location: "ftp://files.example/feed" }).end());
    expect(await failure(fetcher().fetch(`${base}/nowhere`))).toMatchObject({ code: "http-status", status: 302 });
    expect(await failure(fetcher().fetch(`${base}/ftp`))).toMatchObject({ code: "bad-url" });
  });
});

/** Resolves test names; `answers` may change between calls (DNS rebinding). */
function lookupFrom(answers: (hostname: string, call: number) => string | undefined): LookupFunction {
  let calls = 0;
  return (hostname, options, callback) => {
    const address = answers(hostname, calls++);
    if (!address) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 4);
    if ((options as { all?: boolean }).all) return callback(null, [{ address, family: 4 }]);
    callback(null, address, 4);
  };
}

describe("createHttpFetcher: private addresses", () => {
  it("refuses loopback by literal and by name unless private addresses are allowed", async () => {
    routes.set("/feed", (_req, res) => res.end(FEED));
    const strict = fetcher({ allowPrivateAddresses: false });
    expect(await failure(strict.fetch(`${base}/feed`))).toMatchObject({ code: "blocked-address", retryable: false });
    expect(await failure(strict.fetch(`http://localhost:${port}/feed`))).toMatchObject({ code: "blocked-address" });
    expect(requests).toHaveLength(0);
    expect(await fetcher({ allowPrivateAddresses: true }).fetch(`http://localhost:${port}/feed`)).toMatchObject({ kind: "ok" });
  });

  // 127.0.0.1 plays the public internet here; every other private address stays blocked.
  const onlyTestServer = (ip: string) => ip !== "127.0.0.1";

  it("checks every redirect hop: a literal private address", async () => {
    routes.set("/r", (_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${port}/feed` }).end());
    const error = await failure(fetcher({ allowPrivateAddresses: false, isBlockedAddress: onlyTestServer }).fetch(`${base}/r`));
    expect(error).toMatchObject({ code: "blocked-address", url: `http://127.0.0.2:${port}/feed` });
    expect(requests.map((r) => r.path)).toEqual(["/r"]);
  });

  it("checks every redirect hop: a name that resolves to a private address", async () => {
    routes.set("/r", (_req, res) => res.writeHead(302, { location: `http://intranet.test:${port}/feed` }).end());
    const lookup = lookupFrom((host) => (host === "intranet.test" ? "10.0.0.5" : undefined));
    const error = await failure(fetcher({ allowPrivateAddresses: false, isBlockedAddress: onlyTestServer, lookup }).fetch(`${base}/r`));
    expect(error).toMatchObject({ code: "blocked-address" });
    expect(error.message).toMatch(/intranet\.test \(10\.0\.0\.5\)/);
  });

  it("checks the address actually connected to (DNS rebinding after the check)", async () => {
    routes.set("/feed", (_req, res) => res.end(FEED));
    const lookup = lookupFrom((host, call) => (host === "feeds.test" ? (call === 0 ? "127.0.0.1" : "10.0.0.5") : undefined));
    const error = await failure(fetcher({ allowPrivateAddresses: false, isBlockedAddress: onlyTestServer, lookup }).fetch(`http://feeds.test:${port}/feed`));
    expect(error).toMatchObject({ code: "blocked-address", url: `http://feeds.test:${port}/feed` });
    expect(requests).toHaveLength(0);
  });

  it("connects through the guarded lookup when the answer stays public", async () => {
    routes.set("/feed", (_req, res) => res.end(FEED));
    const lookup = lookupFrom((host) => (host === "feeds.test" ? "127.0.0.1" : undefined));
    const outcome = await fetcher({ allowPrivateAddresses: false, isBlockedAddress: onlyTestServer, lookup }).fetch(`http://feeds.test:${port}/feed`);
    expect(outcome).toMatchObject({ kind: "ok" });
    expect(requests[0]?.headers.host).toBe(`feeds.test:${port}`);
  });
});

describe("createHttpFetcher: limits", () => {
  it("times out a server that dribbles its body", async () => {
    routes.set("/slow", (req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const timer = setInterval(() => res.write(" "), 20);
      req.on("close", () => clearInterval(timer));
    });
    const error = await failure(fetcher({ timeoutMs: 300 }).fetch(`${base}/slow`));
    expect(error).toMatchObject({ code: "timeout", retryable: true });
  });

  it("times out a server that never answers", async () => {
    routes.set("/silent", () => undefined);
    expect(await failure(fetcher({ timeoutMs: 200 }).fetch(`${base}/silent`))).toMatchObject({ code: "timeout" });
  });

  it.each([
    ["a Content-Length over the limit", (res: ServerResponse) => res.writeHead(200, { "content-length": 5000 }).end("x".repeat(5000))],
    ["no Content-Length (chunked)", (res: ServerResponse) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write("x".repeat(1000));
      res.end();
    }],
    ["a small compressed body that inflates past the limit", (res: ServerResponse) => {
      res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(50_000, 0x20)));
    }],
  ])("refuses a body over maxBytes: %s", async (_name, send) => {
    routes.set("/big", (_req, res) => send(res));
    expect(await failure(fetcher({ maxBytes: 4096 }).fetch(`${base}/big`))).toMatchObject({ code: "too-large" });
  });

  it("accepts a body of exactly maxBytes", async () => {
    routes.set("/exact", (_req, res) => res.end("x".repeat(4096)));
    expect(await fetcher({ maxBytes: 4096 }).fetch(`${base}/exact`)).toMatchObject({ kind: "ok", bytes: 4096 });
  });

  it("takes a host slot around each request", async () => {
    routes.set("/held", (_req, res) => setTimeout(() => res.end(FEED), 50));
    const f = fetcher({ hostLimiter: createMemoryHostLimiter(1) });
    const outcomes = await Promise.all([1, 2, 3].map(() => f.fetch(`${base}/held`)));
    expect(outcomes.map((o) => o.kind)).toEqual(["ok", "ok", "ok"]);
    expect(maxInFlight).toBe(1);
  });

  it("lets a failing host limiter's error through as it is (not the feed's fault)", async () => {
    routes.set("/feed", (_req, res) => res.end(FEED));
    const broken = { acquire: () => Promise.reject(new Error("redis down")) };
    const error = await fetcher({ hostLimiter: broken }).fetch(`${base}/feed`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(FeedFetchError);
    expect((error as Error).message).toBe("redis down");
  });

  it("releases the host slot after each hop, also when the hop fails", async () => {
    routes.set("/r", (_req, res) => res.writeHead(302, { location: "/gone" }).end());
    const taken: string[] = [];
    const limiter = createMemoryHostLimiter(1);
    const tracking = {
      acquire: async (host: string) => {
        const release = await limiter.acquire(host);
        taken.push(`+${host}`);
        return async () => (taken.push(`-${host}`), release());
      },
    };
    const f = fetcher({ hostLimiter: tracking });
    expect(await failure(f.fetch(`${base}/r`))).toMatchObject({ code: "http-status", status: 404 });
    expect(taken).toEqual(["+127.0.0.1", "-127.0.0.1", "+127.0.0.1", "-127.0.0.1"]);
  });

  it("does not count time spent waiting for a host slot against the timeout", async () => {
    routes.set("/held", (_req, res) => setTimeout(() => res.end(FEED), 150));
    const f = fetcher({ timeoutMs: 1000, hostLimiter: createMemoryHostLimiter(1) });
    // Eight requests in a row take about 1.2 s; each one alone takes 150 ms.
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => f.fetch(`${base}/held`)));
    expect(outcomes.every((o) => o.kind === "ok")).toBe(true);
    expect(maxInFlight).toBe(1);
  });
});

describe("createHttpFetcher: failures", () => {
  it.each([
    [429, { "retry-after": "120" }, { code: "rate-limited", status: 429, retryAfterMs: 120_000 }],
    [429, { "retry-after": "Tue, 25 Nov 2025 09:00:30 GMT" }, { code: "rate-limited", status: 429, retryAfterMs: 30_000 }],
    [503, { "retry-after": "Tue, 25 Nov 2025 08:00:00 GMT" }, { code: "rate-limited", status: 503, retryAfterMs: 0 }],
    [503, {}, { code: "rate-limited", status: 503, retryAfterMs: undefined }],
    [404, {}, { code: "http-status", status: 404, retryable: true }],
    [410, {}, { code: "http-status", status: 410 }],
    [500, {}, { code: "http-status", status: 500 }],
  ] as const)("%i %j", async (status, headers, expected) => {
    routes.set("/feed", (_req, res) => res.writeHead(status, headers).end("nope"));
    const now = () => Date.parse("2025-11-25T09:00:00Z");
    expect(await failure(fetcher({ now }).fetch(`${base}/feed`))).toMatchObject({ ...expected, url: `${base}/feed` });
  });

  it("reports refused connections as network errors", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(fetcher().fetch(`http://127.0.0.1:${closedPort}/feed`));
    expect(error).toMatchObject({ code: "network", retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("rejects URLs it cannot fetch", async () => {
    expect(await failure(fetcher().fetch("ftp://files.example/feed"))).toMatchObject({ code: "bad-url", retryable: false });
    expect(await failure(fetcher().fetch("not a url"))).toMatchObject({ code: "bad-url" });
  });

  it("rejects with the caller's abort reason", async () => {
    routes.set("/silent", () => undefined);
    const controller = new AbortController();
    const pending = fetcher().fetch(`${base}/silent`, {}, controller.signal);
    setTimeout(() => controller.abort(new Error("shutting down")), 50);
    await expect(pending).rejects.toThrow("shutting down");
  });

  it("sends credentials from the URL as Basic auth, only to the same origin", async () => {
    routes.set("/private", (_req, res) => res.writeHead(302, { location: `http://localhost:${port}/feed` }).end());
    routes.set("/feed", (_req, res) => res.end(FEED));
    await fetcher().fetch(`http://reader:s%40cret@127.0.0.1:${port}/private`);
    expect(requests.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from("reader:s@cret").toString("base64")}`, undefined]);
  });

  it("closes idempotently", async () => {
    const f = fetcher();
    await f.close();
    await f.close();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-11-25T09:00:00Z");
  it.each([
    ["0", 0],
    ["3600", 3_600_000],
    [" 30 ", 30_000],
    ["Tue, 25 Nov 2025 09:01:00 GMT", 60_000],
    ["Tue, 25 Nov 2025 08:00:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j → %j", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
