// Evaluates the built default model on a labelled JSONL file and prints a Markdown table.
// Usage: node scripts/evaluate.mjs eval/dev.jsonl   (run after `npm run build`)
// The CLI's `corpus-classify eval` does the same with more options; this script is what the
// README's figures were produced with. It also counts the off-topic look-alikes (items with a
// `lookalike` note and no gold theme) that get a theme.
import { readFileSync } from "node:fs";
import { classify, evaluate, loadDefaultModel } from "../dist/index.mjs";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node scripts/evaluate.mjs <items.jsonl>\n");
  process.exit(2);
}
const items = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const model = await loadDefaultModel();
const ev = evaluate(model, items);
const f = (x) => x.toFixed(2);
const lines = ["| theme | support | P | R | F1 |", "|---|---:|---:|---:|---:|"];
for (const t of model.themes) {
  const r = ev.perTheme[t.id];
  lines.push(`| ${t.id} | ${r.support} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} |`);
}
lines.push(`| **micro** | | ${f(ev.micro.precision)} | ${f(ev.micro.recall)} | **${f(ev.micro.f1)}** |`);
lines.push(`| **macro** | | ${f(ev.macro.precision)} | ${f(ev.macro.recall)} | **${f(ev.macro.f1)}** |`);
lines.push("");
lines.push(
  `${ev.items} items; no theme predicted for ${(ev.noThemeShare * 100).toFixed(1)}%; ` +
    `precision@1 ${f(ev.precisionAt1 ?? 0)}, recall@3 ${f(ev.recallAt3 ?? 0)}.`,
);
lines.push(`Most frequent confusions (gold -> predicted): ${ev.confusions.slice(0, 5).map((c) => `${c.gold} -> ${c.predicted} (${c.count})`).join("; ")}`);
const lookalikes = items.filter((it) => it.lookalike && Array.isArray(it.themes) && it.themes.length === 0);
const fired = lookalikes.filter((it) => classify(model, it).themes.length > 0);
lines.push(`Off-topic look-alikes with a predicted theme: ${fired.length}/${lookalikes.length}.`);
process.stdout.write(`${lines.join("\n")}\n`);
