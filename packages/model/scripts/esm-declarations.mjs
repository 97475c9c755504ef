// tsup 8 ignores `outExtension().dts` in its declaration worker (functions are not sent to the
// worker), so in a "type": "module" package the ESM declarations come out as index.d.ts. The exports
// map promises index.d.mts (a .d.ts next to .mjs would be read as CJS types by node16 resolution),
// so rename it. The bundle has no relative imports, so the content needs no change.
// Works on ./dist of the current directory, so any package built with the shared tsup base can run it.
import { existsSync, renameSync } from "node:fs";
import { resolve } from "node:path";

const dist = resolve(process.cwd(), "dist");
const from = resolve(dist, "index.d.ts");
const to = resolve(dist, "index.d.mts");
if (existsSync(from)) renameSync(from, to);
if (!existsSync(to)) {
  process.stderr.write(`[build] [esm-declarations] ${to} is missing after tsup\n`);
  process.exit(1);
}
