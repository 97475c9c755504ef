// tsup 8 ignores `outExtension().dts` in its declaration worker (functions are not sent to the
// worker), so in a "type": "module" package the ESM declarations come out as index.d.ts. The exports
// map promises index.d.mts (a .d.ts next to .mjs would be read as CJS types by node16 resolution),
// so rename it. The bundle has no relative imports, so the content needs no change.
import { existsSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const from = `${dist}index.d.ts`;
const to = `${dist}index.d.mts`;
if (existsSync(from)) renameSync(from, to);
if (!existsSync(to)) {
  process.stderr.write(`[@corpus/model] [build] ${to} is missing after tsup\n`);
  process.exit(1);
}
