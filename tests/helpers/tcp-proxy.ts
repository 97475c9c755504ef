/**
 * A TCP proxy on loopback for outage tests: point a process at `proxy.url` instead of Redis, then
 * `cut()` to drop every connection and refuse new ones (Redis "goes down"), `restore()` to accept
 * again on the same port.
 *
 * @example
 * const proxy = await startTcpProxy("127.0.0.1", 6379);
 * spawnWatcher(["start", "--config", file], { REDIS_URL: proxy.url("redis") });
 * await proxy.cut(); ... await proxy.restore();
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface TcpProxy {
  port: number;
  /** `${scheme}://127.0.0.1:<port>` */
  url(scheme: string): string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const make = (): Server =>
    createServer((client) => {
      const upstream = createConnection(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  let server = make();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  let listening = true;
  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    async cut() {
      if (!listening) return;
      listening = false;
      await stop();
    },
    async restore() {
      if (listening) return;
      server = make();
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      listening = true;
    },
    async close() {
      if (listening) await stop();
      listening = false;
    },
  };
}
