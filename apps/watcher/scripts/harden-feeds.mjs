#!/usr/bin/env node
// Runs the feed parser over a directory of real-world feeds and reports crashes, parse errors and
// item counts against the goldens: node scripts/harden-feeds.mjs /work/shared/feeds [report.json]
// The checks live in src/feed/harden.corpus.ts, which plain `vitest run` never collects.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [feeds = process.env.CORPUS_FEEDS_DIR, report] = process.argv.slice(2);
if (!feeds || !existsSync(feeds)) {
  process.stderr.write("usage: node scripts/harden-feeds.mjs <feeds-dir> [report.json]\n");
  process.exit(2);
}
process.env.CORPUS_FEEDS_DIR = resolve(feeds);
if (report) process.env.CORPUS_HARDEN_REPORT = resolve(report);

const vitest = await startVitest("test", [], {
  root,
  run: true,
  watch: false,
  include: ["src/feed/harden.corpus.ts"],
});
const failed = !vitest || vitest.state.getCountOfFailedTests() > 0 || process.exitCode;
await vitest?.close();
process.exit(failed ? 1 : 0);
