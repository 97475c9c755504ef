// corpus-watcher bench: `npm run bench` in apps/watcher (after a build).
//
// Serves generated feeds (default 1,000 feeds x 50 items, realistic HTML) from a child process
// listening on several loopback addresses, runs the watcher's poll worker in another child
// process (the built dist), and polls every feed through the queue three times:
//   1. first poll (everything recorded and classified, no alerts), in fresh watcher processes,
//   2. every feed changed (5 new items each), in fresh processes again (cold per-process caches),
//   3. every feed changed again (steady state),
//   4. every feed unchanged (304 Not Modified).
// Peak RSS is per watcher process: of phase 1, and of phases 2-4 together.
// Redis is the one at REDIS_URL (default redis://127.0.0.1:6379), under a fresh prefix deleted at
// the end. Prints a Markdown table.
//
// Environment: BENCH_FEEDS (1000), BENCH_ITEMS (50), BENCH_NEW (5), BENCH_HOSTS (10),
// BENCH_WORKERS (watcher processes, 1), BENCH_CONCURRENCY (polls per process, 16),
// BENCH_PER_HOST (per-host concurrency across processes, 8), BENCH_PROFILE (a phase name: write a
// CPU profile of that phase to /tmp), BENCH_NODE_FLAGS (V8/Node flags for the watcher processes,
// e.g. "--max-old-space-size=128"), BENCH_MEMORY (report the heap at the RSS peak).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const FEEDS = env("BENCH_FEEDS", 1000);
const ITEMS = env("BENCH_ITEMS", 50);
const NEW = env("BENCH_NEW", 5);
const HOSTS = env("BENCH_HOSTS", 10);
const WORKERS = env("BENCH_WORKERS", 1);
const CONCURRENCY = env("BENCH_CONCURRENCY", 16);
const PER_HOST = env("BENCH_PER_HOST", 8);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const prefix = `bench-${randomBytes(4).toString("hex")}`;
const hosts = Array.from({ length: HOSTS }, (_, i) => `127.0.0.${i + 2}`);
const baseTime = Date.now();

function child(file, arg) {
  const execArgv = file.includes("watcher") ? [...(process.env.BENCH_MEMORY ? ["--expose-gc"] : []), ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [])] : [];
  const proc = fork(here(file), [JSON.stringify(arg)], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
  const waiting = [];
  proc.on("message", (msg) => {
    const i = waiting.findIndex((w) => w.type === msg.type);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(msg);
  });
  const next = (type) => new Promise((resolve) => waiting.push({ type, resolve }));
  return { proc, next, ask: (msg, reply) => (proc.send(msg), next(reply)) };
}

async function deleteKeys(redis) {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
const server = child("./feed-server.mjs", { hosts, itemsPerFeed: ITEMS, newPerVersion: NEW, baseTime });
const { ports } = await server.next("ready");
const feeds = Array.from({ length: FEEDS }, (_, i) => ({ id: `f${i}`, url: `http://${hosts[i % HOSTS]}:${ports[hosts[i % HOSTS]]}/feed/${i}.xml`, interval: "1h" }));
const config = {
  redis: REDIS_URL,
  prefix,
  feeds,
  subscribers: [
    { id: "everyone", themes: "all", minScore: 0, channels: [{ type: "file", dir: "./digests" }] },
    { id: "desk", themes: ["trafficking-smuggling", "border-management"], minScore: 0.5, channels: [{ type: "file", dir: "./digests" }, { type: "email", to: "desk@example.org" }] },
  ],
  network: { allowPrivateAddresses: true, perHostConcurrency: PER_HOST, timeout: "30s" },
  concurrency: { poll: CONCURRENCY },
  retention: { completedJobs: FEEDS * 4, documents: FEEDS * (ITEMS + NEW * 3) },
  http: { port: 0 },
  logLevel: "warn",
};

// Fresh watcher processes (phase 1 has its own peak RSS; phases 2-4 share theirs).
let workers = [];
async function startWorkers() {
  await Promise.all(workers.map((w) => w.ask({ type: "close" }, "closed").catch(() => undefined)));
  workers = Array.from({ length: WORKERS }, () => child("./watcher.mjs", config));
  await Promise.all(workers.map((w) => w.next("ready")));
}
const queue = new Queue("poll", { connection: redis, prefix });
const events = new QueueEvents("poll", { connection: { url: REDIS_URL }, prefix });
await events.waitUntilReady();

const alertCount = async () => (await redis.hlen(`${prefix}:w:alerts:everyone`)) + (await redis.hlen(`${prefix}:w:alerts:desk`));
const usage = () => Promise.all(workers.map((w) => w.ask({ type: "usage" }, "usage")));

let lastUsage;
async function phase(name, version, { fresh = false } = {}) {
  if (fresh) await startWorkers();
  await server.ask({ type: "version", version }, "version-set");
  const before = { usage: await usage(), alerts: await alertCount(), server: await server.ask({ type: "stats" }, "stats") };
  let done = 0;
  let failed = 0;
  const outcomes = {};
  const finished = new Promise((resolve) => {
    const onDone = ({ jobId, returnvalue }) => {
      if (!jobId.startsWith(`${name}-`)) return;
      done++;
      const status = typeof returnvalue === "string" ? JSON.parse(returnvalue).status : returnvalue?.status;
      outcomes[status] = (outcomes[status] ?? 0) + 1;
      if (done + failed === FEEDS) resolve();
    };
    events.on("completed", onDone);
    events.on("failed", ({ jobId }) => {
      if (!jobId.startsWith(`${name}-`)) return;
      failed++;
      if (done + failed === FEEDS) resolve();
    });
  });
  const profiling = process.env.BENCH_PROFILE === name;
  if (profiling) await workers[0].ask({ type: "profile-start" }, "profile-started");
  const start = performance.now();
  await queue.addBulk(feeds.map((f) => ({ name: "poll", data: { feedId: f.id, force: true }, opts: { jobId: `${name}-${f.id}`, removeOnComplete: { count: FEEDS * 4 } } })));
  await finished;
  const seconds = (performance.now() - start) / 1000;
  if (profiling) {
    const file = `/tmp/corpus-watcher-bench-${name}.cpuprofile`;
    await workers[0].ask({ type: "profile-stop", file }, "profile-stopped");
    console.error(`CPU profile of the ${name} phase (first watcher process): ${file}`);
  }
  lastUsage = await usage();
  const after = { usage: lastUsage, alerts: await alertCount(), server: await server.ask({ type: "stats" }, "stats") };
  const cpuMs = after.usage.reduce((sum, u, i) => sum + (u.cpu.user + u.cpu.system - before.usage[i].cpu.user - before.usage[i].cpu.system) / 1000, 0);
  const serverCpuMs = (after.server.cpu.user + after.server.cpu.system - before.server.cpu.user - before.server.cpu.system) / 1000;
  const alerts = after.alerts - before.alerts;
  return { name, seconds, feedsPerSecond: FEEDS / seconds, cpuMsPerPoll: cpuMs / FEEDS, alerts, alertsPerSecond: alerts / seconds, failed, outcomes, serverCpuMs, peakRssMb: Math.max(...after.usage.map((u) => u.peakRss)) / 1e6 };
}

let results;
try {
  // The first poll in fresh processes (a new deployment's onboarding burst); then fresh processes
  // again: one round of changes after the restart (cold caches), one in steady state, one of 304s.
  results = [
    await phase("first", 0, { fresh: true }),
    await phase("restart", 1, { fresh: true }),
    await phase("changed", 2),
    await phase("unchanged", 2),
  ];
} finally {
  await Promise.all(workers.map((w) => w.ask({ type: "close" }, "closed").catch(() => undefined)));
  server.proc.kill();
  await events.close();
  await queue.close();
  await deleteKeys(redis);
  redis.disconnect();
}

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const label = {
  first: `first poll (record ${ITEMS} items each, no alerts)`,
  restart: `every feed changed, just after a restart (${NEW} new items)`,
  changed: `every feed changed (${NEW} new items), steady state`,
  unchanged: "every feed unchanged (304)",
};
console.log(`\ncorpus-watcher bench, ${new Date().toISOString().slice(0, 10)}: ${FEEDS} feeds x ${ITEMS} items on ${HOSTS} loopback hosts, ${WORKERS} watcher process(es) x ${CONCURRENCY} concurrent polls, ${PER_HOST} per host; Node ${process.version}\n`);
console.log("| phase | feeds/s | wall s | watcher CPU ms/poll | alerts | alerts/s | failed | peak RSS so far, per watcher process (MB) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(`| ${label[r.name]} | ${fmt(r.feedsPerSecond)} | ${fmt(r.seconds, 1)} | ${fmt(r.cpuMsPerPoll, 2)} | ${fmt(r.alerts)} | ${fmt(r.alertsPerSecond)} | ${r.failed} | ${fmt(r.peakRssMb)} |`);
}
console.log(`\noutcomes: ${results.map((r) => `${r.name} ${JSON.stringify(r.outcomes)}`).join("; ")}`);
if (process.env.BENCH_MEMORY) console.log("memory at peak RSS (MB):", JSON.stringify(Object.fromEntries(Object.entries((await Promise.resolve(lastUsage))[0].peakAt).map(([k, v]) => [k, Math.round(v / 1e6)]))));
console.log(`feed server CPU ms: ${results.map((r) => `${r.name} ${fmt(r.serverCpuMs)}`).join(", ")}`);
console.log(`load average at the end (1/5/15 min, ${availableParallelism()} cores shared with other work): ${loadavg().map((l) => l.toFixed(1)).join(" / ")}${process.env.BENCH_NODE_FLAGS ? `; watcher flags: ${process.env.BENCH_NODE_FLAGS}` : ""}`);
process.exit(results.some((r) => r.failed > 0) ? 1 : 0);
