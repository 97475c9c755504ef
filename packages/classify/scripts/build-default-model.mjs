// Trains the default model with the BUILT package (dist/) on corpus/documents.jsonl and
// data/themes.yaml, and writes data/default-model.json (shipped with the package).
// Run after tsup: `npm run build` does both. Usage: node scripts/build-default-model.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCorpusJsonl, formatRecordErrors } from "@corpus/model";
import { loadThemesFile, missingExemplars, serializeModel, train } from "../dist/index.mjs";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpusPath = join(pkg, "..", "..", "corpus", "documents.jsonl");
const themesPath = join(pkg, "data", "themes.yaml");
const outPath = join(pkg, "data", "default-model.json");

const { documents, errors } = parseCorpusJsonl(readFileSync(corpusPath, "utf8"));
if (errors.length > 0) {
  process.stderr.write(formatRecordErrors(errors, corpusPath));
  process.exit(1);
}
const themes = await loadThemesFile(themesPath);
const model = train(documents, themes);
const missing = missingExemplars(model);
if (missing.length > 0) {
  process.stderr.write(`build-default-model: exemplar ids not in the corpus: ${missing.map((m) => `${m.theme}:${m.id}`).join(", ")}\n`);
  process.exit(1);
}
const json = serializeModel(model);
if (process.argv.includes("--check")) {
  const current = readFileSync(outPath, "utf8");
  if (current.trim() !== json) {
    process.stderr.write("build-default-model: data/default-model.json is out of date; run npm run build\n");
    process.exit(1);
  }
} else {
  writeFileSync(outPath, `${json}\n`);
  process.stdout.write(
    `build-default-model: ${documents.length} documents, ${model.themes.length} themes, ${model.stats.exemplars} exemplars, ` +
      `${model.stats.vocabulary} terms -> data/default-model.json (${(json.length / 1024).toFixed(0)} KiB)\n`,
  );
}
