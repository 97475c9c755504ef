// Writes schema/<name>.schema.json from the built package (see jsonSchemas in src/json-schema.ts),
// so non-TypeScript tools (jq pipelines, editors, other languages) can validate corpus files,
// alerts and digests.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "../dist/index.mjs";

const outDir = fileURLToPath(new URL("../schema/", import.meta.url));
// Start clean so a schema that is no longer published does not linger in the package.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(`${outDir}${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
}
