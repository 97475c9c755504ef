// Timing helpers: medians of several runs after a warm-up, wall and CPU time, and child
// processes that report one JSON result over IPC (stdout stays free for whatever they print).
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` measured runs; returns wall and CPU ms per call
 * of `fn`. With `minMs`, each run repeats `fn` enough times (judged from the last warm-up) to
 * last at least that long, so fast workloads are not lost in timer noise.
 */
export function timeRuns(fn, { runs = 5, warmup = 1, minMs = 0 } = {}) {
  let lastMs = 0;
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    fn();
    lastMs = performance.now() - t0;
  }
  const reps = minMs > 0 && lastMs > 0 ? Math.max(1, Math.ceil(minMs / lastMs)) : 1;
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    wall.push((performance.now() - t0) / reps);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / reps);
  }
  return { repsPerRun: reps, wallMs: wall, cpuMs: cpu, medianWallMs: median(wall), medianCpuMs: median(cpu) };
}

/** Parses `--name value` pairs of a child's argv. */
export function childArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

/** Sends the result to the parent and leaves (children are forked with an IPC channel). */
export function report(result) {
  process.send(result, () => process.exit(0));
}

/**
 * Forks `script` with `args`, collects its stdout/stderr and the one message it sends.
 * @returns {{result, stdout, stderr, code, wallMs}}
 */
export function runChild(script, args = [], { cwd, env, execArgv, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = fork(script, args, { cwd, env, execArgv, silent: true, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    let result;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("message", (m) => (result = m));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - t0;
      if (result === undefined) reject(new Error(`${script} ${args.join(" ")} exited ${code ?? signal} without a result:\n${stderr}`));
      else resolve({ result, stdout, stderr, code, wallMs });
    });
  });
}
