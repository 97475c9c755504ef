// Fresh process, run with a temporary cwd (natural's dependencies read ./.env): the cost of a
// top-level `require('natural')`. argv[2] is the resolved path of natural's entry point.
const { performance } = require("node:perf_hooks");

const entry = process.argv[2];
const rss0 = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const before = Object.keys(require.cache).length;
require(entry);
const importMs = performance.now() - t0;
const c1 = process.cpuUsage(c0);
const rss1 = process.memoryUsage().rss;
const result = {
  importMs,
  importCpuMs: (c1.user + c1.system) / 1000,
  rssBeforeMB: rss0 / 1e6,
  addedRssMB: (rss1 - rss0) / 1e6,
  modules: Object.keys(require.cache).length - before,
};
process.send(result, () => process.exit(0));
