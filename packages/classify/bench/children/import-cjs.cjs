// Fresh process: cost of `require('@corpus/classify')` (the CommonJS build).
const { performance } = require("node:perf_hooks");

const rss0 = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const lib = require("@corpus/classify");
const importMs = performance.now() - t0;
const c1 = process.cpuUsage(c0);
const rss1 = process.memoryUsage().rss;
const result = {
  importMs,
  importCpuMs: (c1.user + c1.system) / 1000,
  rssBeforeMB: rss0 / 1e6,
  addedRssMB: (rss1 - rss0) / 1e6,
  exports: Object.keys(lib).length,
};
process.send(result, () => process.exit(0));
