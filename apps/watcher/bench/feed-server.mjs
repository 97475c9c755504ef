// Child process of bench/run.mjs: serves the generated feeds on several loopback addresses
// (127.0.0.2, 127.0.0.3, ...: Linux routes all of 127/8 to lo), with ETags, so per-host limits and
// conditional GETs apply. Messages: {type: "version", version} switches every feed's content.
import { createServer } from "node:http";
import { feedXml } from "./feeds.mjs";

const { hosts, itemsPerFeed, newPerVersion, baseTime } = JSON.parse(process.argv[2]);
let version = 0;
let requests = 0;
let notModified = 0;

function handler(host) {
  return (req, res) => {
    requests++;
    const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? "");
    if (!match) return res.writeHead(404).end();
    const feed = Number(match[1]);
    const etag = `"${feed}-${version}"`;
    if (req.headers["if-none-match"] === etag) {
      notModified++;
      return res.writeHead(304, { etag }).end();
    }
    const body = feedXml({ feed, version, host: `site-${host}.example.org`, itemsPerFeed, newPerVersion, baseTime });
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag, "content-length": Buffer.byteLength(body) }).end(body);
  };
}

const ports = {};
await Promise.all(
  hosts.map(
    (host) =>
      new Promise((resolve, reject) => {
        const server = createServer({ keepAlive: true }, handler(host));
        server.once("error", reject);
        server.listen(0, host, () => {
          ports[host] = server.address().port;
          resolve();
        });
      }),
  ),
);
process.on("message", (msg) => {
  if (msg.type === "version") {
    version = msg.version;
    process.send({ type: "version-set", version });
  } else if (msg.type === "stats") {
    process.send({ type: "stats", requests, notModified, cpu: process.cpuUsage() });
  }
});
process.send({ type: "ready", ports });
