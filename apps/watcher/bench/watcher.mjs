// Child process of bench/run.mjs: one watcher process (poll worker only, as `start` runs it, minus
// schedulers and digests), built from dist. Reports its CPU time and peak RSS on request.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createApp, createLogger, parseConfig } from "../dist/index.mjs";

const config = parseConfig(JSON.parse(process.argv[2]), "bench config");
const app = createApp(config, { logger: createLogger({ level: "warn", fd: 2 }), schedule: false, extensions: [] });
await app.start();

let peakRss = process.memoryUsage().rss;
let peakAt = process.memoryUsage();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) {
    peakRss = m.rss;
    peakAt = m;
  }
}, 50);

process.on("message", async (msg) => {
  if (msg.type === "usage") {
    if (globalThis.gc && process.env.BENCH_MEMORY) {
      globalThis.gc();
      const m = process.memoryUsage();
      console.error(`after full GC: heapUsed ${Math.round(m.heapUsed / 1e6)} MB, rss ${Math.round(m.rss / 1e6)} MB`);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    process.send({ type: "usage", cpu: process.cpuUsage(), peakRss, peakAt, maxRssKb: process.resourceUsage().maxRSS });
  } else if (msg.type === "profile-start") {
    // BENCH_PROFILE=<phase>: a CPU profile of one phase, for finding where the time goes.
    globalThis.benchSession = new Session();
    globalThis.benchSession.connect();
    await globalThis.benchSession.post("Profiler.enable");
    await globalThis.benchSession.post("Profiler.start");
    process.send({ type: "profile-started" });
  } else if (msg.type === "profile-stop") {
    const { profile } = await globalThis.benchSession.post("Profiler.stop");
    writeFileSync(msg.file, JSON.stringify(profile));
    process.send({ type: "profile-stopped" });
  } else if (msg.type === "close") {
    clearInterval(sampler);
    await app.close();
    process.send({ type: "closed" });
    process.exit(0);
  }
});
process.send({ type: "ready" });
