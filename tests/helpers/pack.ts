import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(REPO_ROOT, "node_modules", ".bin");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell and resolves with its exit code and output (never rejects on exit code). */
export function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): Promise<RunResult> {
  return new Promise((done) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      done({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== "number" ? error.message : "") });
    });
  });
}

/** A workspace tool (tsc, publint, attw) from the root node_modules/.bin. */
export function tool(name: string): string {
  return join(BIN, name);
}

/** Output of a failed command, for assertion messages. */
export function describeRun(result: RunResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

export async function readPackageJson(dir: string): Promise<{ name: string; version: string; peerDependencies?: Record<string, string> }> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
}

export interface PackedPackage {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the tarball, as npm reports them (`dist/index.mjs`, `package.json`...). */
  files: string[];
}

/** `npm pack` a workspace package into `destination`. */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  const result = await run("npm", ["pack", "--json", "--pack-destination", destination], packageDir);
  if (result.code !== 0) throw new Error(`[tests] [pack] npm pack failed in ${packageDir}\n${describeRun(result)}`);
  // npm may print lifecycle output before the JSON array.
  const start = result.stdout.startsWith("[") ? 0 : result.stdout.indexOf("\n[") + 1;
  const [info] = JSON.parse(result.stdout.slice(start)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!info) throw new Error(`[tests] [pack] npm pack printed no file name in ${packageDir}`);
  return { tarball: resolve(destination, info.filename), files: info.files.map((file) => file.path) };
}

/** A throw-away directory outside the workspace, so npm cannot see the workspace root. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

/** Writes a consumer project that installs the given tarballs (and peers) together in one npm install. */
export async function createConsumer(dir: string, tarballs: string[], extraDependencies: string[]): Promise<RunResult> {
  await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "corpus-packaging-consumer", version: "0.0.0", private: true }, null, 2)}\n`);
  return run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs, ...extraDependencies], dir, 300_000);
}
