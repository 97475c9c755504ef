/**
 * The published contract of each library, checked the way a user meets it: pack the built package,
 * install the tarball in a project outside the workspace, then import it, require it, type-check
 * against its declarations, and run publint and attw on it. Runs after turbo has built every package.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, describeRun, makeTempDir, packPackage, readPackageJson, removeDir, REPO_ROOT, run, tool } from "./helpers/pack";
import type { PackedPackage } from "./helpers/pack";
import { CONSUMER_TSCONFIG, cjsProbe, esmProbe, LIBRARIES, WORKSPACE_LIBRARIES } from "./helpers/packaging-specs";

const INSTALL_TIMEOUT = 300_000;
const STEP_TIMEOUT = 120_000;

/** The zod the workspace builds against: already in npm's cache, so --prefer-offline finds it. */
async function zodVersion(): Promise<string> {
  return (await readPackageJson(join(REPO_ROOT, "node_modules", "zod"))).version;
}

describe.each(LIBRARIES)("$name as published", (spec) => {
  const packageDir = join(REPO_ROOT, spec.dir);
  let tempDir: string | undefined;
  let consumerDir = "";
  let packed: PackedPackage | undefined;

  beforeAll(async () => {
    tempDir = await makeTempDir("corpus-packaging");
    const manifest = (await readPackageJson(packageDir)) as { dependencies?: Record<string, string> };
    // Internal dependencies (classify → model) are not on the registry: pack and install them together.
    const internal = Object.keys(manifest.dependencies ?? {}).filter((name) => name in WORKSPACE_LIBRARIES);
    const tarballs: string[] = [];
    for (const name of internal) tarballs.push((await packPackage(join(REPO_ROOT, WORKSPACE_LIBRARIES[name] ?? ""), tempDir)).tarball);
    packed = await packPackage(packageDir, tempDir);
    tarballs.push(packed.tarball);

    consumerDir = join(tempDir, "consumer");
    await mkdir(consumerDir);
    const install = await createConsumer(consumerDir, tarballs, [`zod@${await zodVersion()}`]);
    if (install.code !== 0) throw new Error(`[tests] [packaging] npm install of ${spec.name} failed\n${describeRun(install)}`);
  }, INSTALL_TIMEOUT);

  afterAll(async () => {
    await removeDir(tempDir);
  });

  it("packs its built files and nothing from src", () => {
    const files = packed?.files ?? [];
    for (const required of spec.requiredFiles) expect(files, `${required} missing from the tarball`).toContain(required);
    expect(files.filter((file) => file.startsWith("src/") || /\.test\.[cm]?[jt]s$/.test(file))).toEqual([]);
  });

  it("works through import (ESM) and require (CJS) with the same exports", async () => {
    await writeFile(join(consumerDir, "probe.mjs"), esmProbe(spec));
    await writeFile(join(consumerDir, "probe.cjs"), cjsProbe(spec));
    const esm = await run(process.execPath, ["probe.mjs"], consumerDir, STEP_TIMEOUT);
    const cjs = await run(process.execPath, ["probe.cjs"], consumerDir, STEP_TIMEOUT);
    expect(esm.code, describeRun(esm)).toBe(0);
    expect(cjs.code, describeRun(cjs)).toBe(0);
    expect(esm.stderr).toBe("");
    const fromEsm = JSON.parse(esm.stdout) as Record<string, unknown>;
    const fromCjs = JSON.parse(cjs.stdout) as Record<string, unknown>;
    expect(fromEsm).toMatchObject(spec.expected);
    expect(fromCjs).toEqual(fromEsm);
    expect((fromEsm.exports as string[]).length).toBeGreaterThan(0);
  }, STEP_TIMEOUT);

  it("type-checks a consumer against the published .d.mts and .d.cts", async () => {
    await writeFile(join(consumerDir, "consumer.mts"), spec.consumer);
    await writeFile(join(consumerDir, "consumer.cts"), spec.consumer);
    await writeFile(join(consumerDir, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
    const tsc = await run(tool("tsc"), ["-p", "tsconfig.json", "--listFiles"], consumerDir, STEP_TIMEOUT);
    expect(tsc.code, describeRun(tsc)).toBe(0);
    // Make sure each format really read its own declarations.
    const installed = join("node_modules", ...spec.name.split("/"), "dist");
    expect(tsc.stdout).toContain(join(installed, "index.d.mts"));
    expect(tsc.stdout).toContain(join(installed, "index.d.cts"));
  }, STEP_TIMEOUT);

  it("passes publint --strict", async () => {
    const result = await run(tool("publint"), ["--strict", packageDir], REPO_ROOT, STEP_TIMEOUT);
    expect(result.code, describeRun(result)).toBe(0);
  }, STEP_TIMEOUT);

  // attw analyses the packed tarball locally with its bundled TypeScript; --no-definitely-typed
  // keeps it from looking up @types packages on the registry, so it runs offline.
  it("passes attw --pack (are the types wrong)", async () => {
    const result = await run(tool("attw"), ["--pack", packageDir, "--no-definitely-typed", "--format", "ascii", "--no-emoji", "--no-color"], REPO_ROOT, STEP_TIMEOUT);
    expect(result.code, describeRun(result)).toBe(0);
  }, STEP_TIMEOUT);
});
