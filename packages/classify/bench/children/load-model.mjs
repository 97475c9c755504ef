// Fresh process: load a saved model and report the load time and this process's RSS right
// after loading (and, when run with --expose-gc, after a full garbage collection).
// `--impl lib`: @corpus/classify loadModelFile; `--impl natural`: JSON.parse + new TfIdf(json).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { childArgs, report } from "../lib/measure.mjs";

const args = childArgs();
let load;
if (args.impl === "lib") {
  const lib = await import("@corpus/classify");
  load = () => lib.loadModelFile(args.file);
} else {
  const { TfIdf } = await import("../lib/natural.mjs");
  load = () => new TfIdf(JSON.parse(readFileSync(args.file, "utf8")));
}
const rss0 = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const model = await load();
const loadMs = performance.now() - t0;
const c = process.cpuUsage(c0);
const rss1 = process.memoryUsage().rss;
const heap1 = process.memoryUsage().heapUsed;
// With --expose-gc: what the process keeps once the garbage of parsing is collected.
globalThis.gc?.();
globalThis.gc?.();
report({
  rssAfterGcMB: globalThis.gc ? process.memoryUsage().rss / 1e6 : undefined,
  heapAfterGcMB: globalThis.gc ? process.memoryUsage().heapUsed / 1e6 : undefined,
  loadMs,
  loadCpuMs: (c.user + c.system) / 1000,
  rssMB: rss1 / 1e6,
  addedRssMB: (rss1 - rss0) / 1e6,
  heapUsedMB: heap1 / 1e6,
  loaded: model !== undefined,
});
