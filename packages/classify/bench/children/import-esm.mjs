// Fresh process: cost of `import('@corpus/classify')` (wall, CPU, added RSS), then of loading the
// default model and classifying one item, so lazily loaded parts are not hidden.
import { performance } from "node:perf_hooks";
import { report } from "../lib/measure.mjs";

const rss0 = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const lib = await import("@corpus/classify");
const importMs = performance.now() - t0;
const c1 = process.cpuUsage(c0);
const rss1 = process.memoryUsage().rss;
const model = await lib.loadDefaultModel();
lib.classify(model, { title: "Frontex deploys border guards as crossings from Belarus rise" });
const firstMs = performance.now() - t0;
const rss2 = process.memoryUsage().rss;
report({
  importMs,
  importCpuMs: (c1.user + c1.system) / 1000,
  rssBeforeMB: rss0 / 1e6,
  addedRssMB: (rss1 - rss0) / 1e6,
  firstClassifyMs: firstMs,
  firstClassifyAddedRssMB: (rss2 - rss0) / 1e6,
  exports: Object.keys(lib).length,
});
