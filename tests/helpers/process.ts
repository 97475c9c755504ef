/**
 * Helpers for tests that run the built CLI as a child process (`node apps/watcher/bin/...`):
 * spawn, read its output line by line, wait for a line or a condition, stop it.
 * The dist must be built first (npm test builds before running tests/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const WATCHER_BIN = fileURLToPath(new URL("../../apps/watcher/bin/corpus-watcher.mjs", import.meta.url));

export interface Spawned {
  child: ChildProcess;
  /** Every stdout / stderr line so far. */
  stdout: string[];
  stderr: string[];
  /** stdout lines that parse as JSON (the watcher's logs under `start`). */
  json(): Record<string, unknown>[];
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
  kill(signal?: NodeJS.Signals): void;
}

/** Runs `corpus-watcher <args>` with extra environment variables. */
export function spawnWatcher(args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [WATCHER_BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (stream: NodeJS.ReadableStream, into: string[]) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      into.push(...lines);
      for (const l of listeners) l();
    });
    stream.on("end", () => {
      if (rest) into.push(rest);
      for (const l of listeners) l();
    });
  };
  collect(child.stdout!, stdout);
  collect(child.stderr!, stderr);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on("close", (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout,
    stderr,
    exited,
    json: () =>
      stdout.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    waitForLine(predicate, timeoutMs = 30_000) {
      return new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = [...stdout, ...stderr].find(predicate);
          if (found !== undefined) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching line within ${timeoutMs} ms; stdout tail:\n${stdout.slice(-10).join("\n")}\nstderr tail:\n${stderr.slice(-10).join("\n")}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    kill: (signal = "SIGTERM") => void child.kill(signal),
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runWatcher(args: string[], env: Record<string, string> = {}): Promise<{ code: number | NodeJS.Signals; stdout: string; stderr: string }> {
  const p = spawnWatcher(args, env);
  const code = await p.exited;
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: p.stdout.join("\n"), stderr: p.stderr.join("\n") };
}

/** Polls `check` until it returns a truthy value (returned) or the timeout passes. */
export async function waitFor<T>(check: () => Promise<T> | T, { timeoutMs = 30_000, intervalMs = 100, what = "condition" } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
