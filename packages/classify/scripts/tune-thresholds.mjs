// Tunes the per-theme thresholds of data/themes.yaml on eval/dev.jsonl (never on test.jsonl).
//
// For each theme, the threshold that maximises the theme's F1 on the dev items (with the 3-theme
// cap and the other themes' thresholds applied) is searched on a 0.01 grid; where several
// thresholds tie, the middle of the widest tied run is taken, to stay away from the edge of a
// plateau that a handful of dev items define. Three rounds of this coordinate search are run.
// The model's other decision rules (context, minimum evidence, relative cut) apply as in classify.
//
// Usage: node scripts/tune-thresholds.mjs [--write] [--lib path/to/index.mjs]
//   --write  rewrites the `threshold:` lines of data/themes.yaml (comments and layout are kept)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseCorpusJsonl } from "@corpus/model";

const args = process.argv.slice(2);
const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const libArg = args.indexOf("--lib");
const lib = await import(libArg >= 0 ? pathToFileURL(resolve(args[libArg + 1])).href : "../dist/index.mjs");
const { train, withThemes, classify, evaluatePredictions, parseThemes } = lib;

const themesPath = join(pkg, "data", "themes.yaml");
const themesText = readFileSync(themesPath, "utf8");
const themes = parseThemes(themesText, themesPath);
const { documents } = parseCorpusJsonl(readFileSync(join(pkg, "..", "..", "corpus", "documents.jsonl"), "utf8"));
const dev = readFileSync(join(pkg, "eval", "dev.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

const MIN = 0.2;
const MAX = 0.9;

const ids = themes.map((t) => t.id);
const model = withThemes(train(documents, themes), themes.map((t) => ({ ...t, threshold: 0 })));
// scores[i][t], open[i][t] (theme not blocked by context or minimum evidence)
const scores = [];
const open = [];
for (const item of dev) {
  const c = classify(model, item, { maxThemes: ids.length });
  const byId = new Map(c.matches.map((m) => [m.theme, m]));
  scores.push(ids.map((id) => byId.get(id).score));
  open.push(ids.map((id) => !byId.get(id).evidence.gate));
}
const gold = dev.map((d) => d.themes);

const relativeCut = model.scoring.relativeCut;
function predict(thresholds) {
  return dev.map((_, i) => {
    const floor = relativeCut * Math.max(...scores[i]);
    const cands = ids.map((id, t) => ({ id, s: scores[i][t], ok: open[i][t] && scores[i][t] >= thresholds[t] && scores[i][t] >= floor }));
    return cands.filter((c) => c.ok).sort((a, b) => b.s - a.s).slice(0, model.scoring.maxThemes).map((c) => c.id);
  });
}
function themeF1(pred, id) {
  let tp = 0, fp = 0, fn = 0;
  pred.forEach((p, i) => {
    const g = gold[i].includes(id);
    const q = p.includes(id);
    if (g && q) tp++;
    else if (q) fp++;
    else if (g) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const before = themes.map((t) => t.threshold);
const th = before.slice();
const grid = [];
for (let x = MIN; x <= MAX + 1e-9; x += 0.01) grid.push(Math.round(x * 100) / 100);
for (let round = 0; round < 3; round++) {
  ids.forEach((id, t) => {
    const f = grid.map((x) => {
      const trial = th.slice();
      trial[t] = x;
      return themeF1(predict(trial), id);
    });
    const best = Math.max(...f);
    let runStart = -1;
    let bestRun = [0, -1];
    f.forEach((v, k) => {
      if (v < best - 1e-9) {
        runStart = -1;
        return;
      }
      if (runStart < 0) runStart = k;
      if (k - runStart > bestRun[1] - bestRun[0]) bestRun = [runStart, k];
    });
    th[t] = grid[Math.floor((bestRun[0] + bestRun[1]) / 2)];
  });
}

const fmt = (x) => x.toFixed(3);
const evBefore = evaluatePredictions(gold, predict(before), ids);
const evAfter = evaluatePredictions(gold, predict(th), ids);
for (const [t, id] of ids.entries()) {
  process.stdout.write(
    `${id.padEnd(30)} ${fmt(before[t])} -> ${fmt(th[t])}   F1 ${fmt(evBefore.perTheme[id].f1)} -> ${fmt(evAfter.perTheme[id].f1)}\n`,
  );
}
process.stdout.write(
  `micro F1 ${fmt(evBefore.micro.f1)} -> ${fmt(evAfter.micro.f1)}   macro F1 ${fmt(evBefore.macro.f1)} -> ${fmt(evAfter.macro.f1)}   (${dev.length} dev items)\n`,
);

if (args.includes("--write")) {
  let text = themesText;
  ids.forEach((id, t) => {
    const re = new RegExp(`(^- id: ${id}\\n(?:(?!^- id:)[\\s\\S])*?^  threshold: )[0-9.]+`, "m");
    if (!re.test(text)) throw new Error(`no threshold line for ${id}`);
    text = text.replace(re, `$1${th[t]}`);
  });
  writeFileSync(themesPath, text);
  process.stdout.write(`wrote thresholds to ${themesPath}\n`);
}
