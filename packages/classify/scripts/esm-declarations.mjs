// tsup 8 writes the ESM declarations of a "type": "module" package as index.d.ts (its declaration
// worker does not see outExtension); the exports map promises index.d.mts, so rename it.
import { existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const from = join(dist, "index.d.ts");
const to = join(dist, "index.d.mts");
if (existsSync(from)) renameSync(from, to);
if (!existsSync(to)) {
  process.stderr.write(`[classify] [esm-declarations] ${to} is missing after tsup\n`);
  process.exit(1);
}
