// `npm run bench`: measures the built @corpus/classify (dist/) side by side with natural-only
// baselines in the same run, prints a Markdown table and writes bench/results.json.
// Every measurement runs in its own child process, one at a time. `--quick` runs small sizes
// once to check the harness (results go to bench/results.quick.json and mean nothing).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { median, runChild } from "./lib/measure.mjs";
import { renderMarkdown } from "./lib/report.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const packageDir = join(benchDir, "..");
const quick = process.argv.includes("--quick");
const scale = (n) => (quick ? Math.max(1, Math.round(n / 10)) : n);
const repeat = (n) => (quick ? 1 : n);
const child = (name) => join(benchDir, "children", name);

if (!existsSync(join(packageDir, "dist", "index.mjs")) || !existsSync(join(packageDir, "dist", "index.cjs"))) {
  process.stderr.write("bench: dist/ is missing; run `npm run build` first\n");
  process.exit(1);
}

const started = performance.now();
const tmp = mkdtempSync(join(tmpdir(), "corpus-classify-bench-"));
const log = (message) => process.stderr.write(`bench: ${message}\n`);

async function section(label, script, args, options) {
  const t0 = performance.now();
  const { result } = await runChild(child(script), args.map(String), options);
  log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs a fresh-process probe `times` times; medians of every numeric field, plus stdout lines. */
async function probe(label, script, args, times, options) {
  const t0 = performance.now();
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await runChild(child(script), args, options));
  log(`${label} x${times}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const out = { runs: runs.length, stdoutLines: runs[0].stdout.split("\n").filter(Boolean).length, processWallMs: median(runs.map((r) => r.wallMs)) };
  for (const key of Object.keys(runs[0].result)) {
    const values = runs.map((r) => r.result[key]);
    out[key] = typeof values[0] === "number" ? median(values) : values[0];
  }
  return out;
}

try {
  const naturalEntry = createRequire(join(packageDir, "package.json")).resolve("natural");
  const naturalVersion = JSON.parse(readFileSync(join(dirname(naturalEntry), "..", "..", "package.json"), "utf8")).version;
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, platform: `${process.platform}-${process.arch}` },
    natural: naturalVersion,
  };

  // Sizes keep the whole run near three minutes on a shared 2-core machine; fast workloads are
  // repeated inside each run (timeRuns minMs) rather than made bigger.
  const items = scale(5_000);
  const naturalItems = scale(2_000);
  results.classify = {
    lib: await section("classify, library", "classify.mjs", ["--impl", "lib", "--items", items, "--runs", repeat(3)]),
    libPassed: await section("classify, library, explain passed", "classify.mjs", ["--impl", "lib", "--explain", "passed", "--items", items, "--runs", repeat(3)]),
    natural: await section("classify, natural", "classify.mjs", ["--impl", "natural", "--items", naturalItems, "--runs", repeat(3)]),
    libEval: await section("classify eval items, library", "classify.mjs", ["--impl", "lib", "--source", "eval", "--items", items, "--runs", repeat(3)]),
    naturalEval: await section("classify eval items, natural", "classify.mjs", ["--impl", "natural", "--source", "eval", "--items", naturalItems, "--runs", repeat(3)]),
  };

  const textBytes = scale(500_000);
  results.text = {
    lib: await section("text pipeline, library", "text.mjs", ["--impl", "lib", "--bytes", textBytes, "--runs", repeat(3)]),
    natural: await section("text pipeline, natural", "text.mjs", ["--impl", "natural", "--bytes", textBytes, "--runs", repeat(3)]),
  };

  const small = scale(10_000);
  const large = scale(50_000);
  const libModel = join(tmp, "model-10k.json");
  const naturalModel = join(tmp, "natural-10k.json");
  results.train = {
    lib10k: await section(`train ${small}, library`, "train.mjs", ["--impl", "lib", "--docs", small, "--runs", repeat(3), "--max-seconds", 15, "--save", libModel]),
    lib50k: await section(`train ${large}, library`, "train.mjs", ["--impl", "lib", "--docs", large, "--runs", repeat(3), "--max-seconds", 12]),
    libAllCurated10k: await section(`train ${small} all curator-labelled, library`, "train.mjs", ["--impl", "lib", "--docs", small, "--curated", 1, "--runs", 1, "--save", join(tmp, "model-10k-all.json")]),
    natural10k: await section(`train ${small}, natural`, "train.mjs", ["--impl", "natural", "--docs", small, "--runs", repeat(3), "--max-seconds", 15, "--save", naturalModel, "--budget", 60]),
    natural50k: await section(`train ${large}, natural`, "train.mjs", ["--impl", "natural", "--docs", large, "--runs", 1, "--budget", 60]),
    naturalStem10k: await section(`train ${small}, natural + stemming`, "train.mjs", ["--impl", "natural-stem", "--docs", small, "--runs", 1, "--budget", 30]),
  };

  results.model = {
    libFileBytes: statSync(libModel).size,
    libAllCuratedFileBytes: statSync(join(tmp, "model-10k-all.json")).size,
    naturalFileBytes: existsSync(naturalModel) ? statSync(naturalModel).size : undefined,
    lib: await probe("load 10k model, library", "load-model.mjs", ["--impl", "lib", "--file", libModel], repeat(5), { execArgv: ["--expose-gc"] }),
    libAllCurated: await probe("load 10k all-curated model, library", "load-model.mjs", ["--impl", "lib", "--file", join(tmp, "model-10k-all.json")], repeat(3), { execArgv: ["--expose-gc"] }),
    natural: existsSync(naturalModel)
      ? await probe("load 10k model, natural", "load-model.mjs", ["--impl", "natural", "--file", naturalModel], repeat(3), { execArgv: ["--expose-gc"] })
      : undefined,
  };

  results.import = {
    empty: await probe("empty process", "empty.mjs", [], repeat(5)),
    esm: await probe("import('@corpus/classify')", "import-esm.mjs", [], repeat(5)),
    cjs: await probe("require('@corpus/classify')", "import-cjs.cjs", [], repeat(5)),
    // A temporary cwd: natural's dependencies load ./.env from wherever the process runs.
    natural: await probe("require('natural')", "require-natural.cjs", [naturalEntry], repeat(5), { cwd: tmp }),
  };

  results.totalSeconds = (performance.now() - started) / 1000;
  const markdown = renderMarkdown(results);
  process.stdout.write(`${markdown}\n`);
  writeFileSync(join(benchDir, quick ? "results.quick.json" : "results.json"), `${JSON.stringify({ ...results, markdown }, null, 2)}\n`);
  log(`done in ${results.totalSeconds.toFixed(0)} s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
