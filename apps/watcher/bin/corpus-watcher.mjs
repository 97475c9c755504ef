#!/usr/bin/env node
// Committed shim: npm links workspace bins at install time, before dist/ exists.
import("../dist/cli.mjs").then((cli) => cli.main(process.argv.slice(2))).then(
  (code) => { if (typeof code === "number") process.exitCode = code; },
  (err) => { process.stderr.write(`corpus-watcher: ${err?.stack ?? err}\n`); process.exitCode = 2; },
);
