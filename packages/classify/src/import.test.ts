import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Importing the package must print nothing and must not read the host's .env (a top-level
// `import natural from "natural"` does both). The source is bundled the way tsup does (dependencies
// external) into the repository's node_modules/.cache, so natural & co. resolve as for a consumer;
// the child process runs in a temporary directory holding a .env.
const pkg = fileURLToPath(new URL("..", import.meta.url));
const dist = join(pkg, "dist");
const out = join(pkg, "..", "..", "node_modules", ".cache", "classify-import-test");
const SECRET = "CORPUS_CLASSIFY_IMPORT_TEST_SECRET";
let cwd: string;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  for (const format of ["esm", "cjs"] as const) {
    await build({
      entryPoints: [join(pkg, "src", "index.ts")],
      bundle: true,
      platform: "node",
      target: "node20",
      format,
      packages: "external",
      outfile: join(out, format === "esm" ? "index.mjs" : "index.cjs"),
      // The loaders find data/ next to the module: give the bundle the package's layout.
      define: { "import.meta.url": "importMetaUrl" },
      banner: { js: `const importMetaUrl = ${JSON.stringify(pathToFileURL(join(pkg, "src", "index.js")).href)};` },
      logLevel: "silent",
    });
  }
  cwd = mkdtempSync(join(tmpdir(), "classify-import-"));
  writeFileSync(join(cwd, ".env"), `${SECRET}=leaked\n`);
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function run(code: string, type: "module" | "commonjs") {
  const file = join(cwd, type === "module" ? "probe.mjs" : "probe.cjs");
  writeFileSync(file, code);
  return spawnSync(process.execPath, [file], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
}

const probe = (load: string) => `
${load}
const model = await lib.loadDefaultModel();
const c = lib.classify(model, { title: "Smugglers charged migrants for boat crossings" });
process.stderr.write(JSON.stringify({ env: process.env.${SECRET} ?? null, themes: c.themes }));
`;

function check(result: ReturnType<typeof spawnSync>) {
  expect(result.status, String(result.stderr)).toBe(0);
  expect(result.stdout).toBe("");
  const report = JSON.parse(String(result.stderr)) as { env: string | null; themes: string[] };
  expect(report.env).toBeNull();
  expect(report.themes).toContain("trafficking-smuggling");
}

describe("importing @corpus/classify", () => {
  it("ESM: prints nothing, reads no .env, loads the default model", () => {
    check(run(probe(`const lib = await import(${JSON.stringify(join(out, "index.mjs"))});`), "module"));
  });

  it("CJS: prints nothing, reads no .env, loads the default model", () => {
    check(run(`(async () => {${probe(`const lib = require(${JSON.stringify(join(out, "index.cjs"))});`)}})();`, "commonjs"));
  });

  it("control: the probe does catch a package that loads all of natural", () => {
    const natural = join(pkg, "..", "..", "node_modules", "natural", "lib", "natural", "index.js");
    const r = run(`require(${JSON.stringify(natural)}); process.stderr.write(String(process.env.${SECRET}));`, "commonjs");
    expect(r.stdout !== "" || r.stderr.includes("leaked")).toBe(true);
  }, 20_000);

  it.skipIf(!existsSync(join(dist, "index.mjs")) || !existsSync(join(dist, "index.cjs")))("the built dist, both formats", () => {
    check(run(probe(`const lib = await import(${JSON.stringify(join(dist, "index.mjs"))});`), "module"));
    check(run(`(async () => {${probe(`const lib = require(${JSON.stringify(join(dist, "index.cjs"))});`)}})();`, "commonjs"));
  });

  it.skipIf(!existsSync(join(dist, "index.mjs")) || !existsSync(join(dist, "index.cjs")))(
    "the built dist loads zod, @corpus/model and html-to-text only when needed",
    () => {
      // Loading a model file written by serializeModel and classifying plain text need none of them;
      // an HTML field loads the converter (through @corpus/model).
      const loaded = `const cache = Object.keys(require("node:module").createRequire(${JSON.stringify(join(dist, "index.cjs"))}).cache);
const has = (name) => cache.some((f) => f.includes(name));`;
      const code = (load: string) => `(async () => {
${load}
const model = await lib.loadDefaultModel();
lib.classify(model, { title: "Smugglers charged migrants", description: "Boat crossings \u2013 arrests" });
{ ${loaded} process.stderr.write(JSON.stringify([has("/zod/"), has("/html-to-text/"), has("/packages/model/")])); }
lib.classify(model, { title: "<b>Smugglers</b> charged migrants &amp; refugees" });
{ ${loaded} process.stderr.write(" " + JSON.stringify([has("/html-to-text/"), has("/packages/model/")])); }
})();`;
      for (const load of [`const lib = require(${JSON.stringify(join(dist, "index.cjs"))});`, `const lib = await import(${JSON.stringify(join(dist, "index.mjs"))});`]) {
        const r = run(code(load), "commonjs");
        expect(r.status, String(r.stderr)).toBe(0);
        expect(r.stderr).toBe("[false,false,false] [true,true]");
      }
    },
  );
});
