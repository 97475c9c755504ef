// Tunes the per-theme thresholds of data/themes.yaml on eval/dev.jsonl (never on test.jsonl).
//
// For each theme, the threshold that maximises the theme's F1 on the dev items (with the 3-theme
// cap and the other themes' thresholds applied) is searched on a 0.01 grid; where several
// thresholds tie, the middle of the widest tied run is taken, to stay away from the edge of a
// plateau that a handful of dev items define. Three rounds of this coordinate search are run.
// The model's other decision rules (context, minimum evidence, relative cut) apply as in classify.
//
// Usage: node scripts/tune-thresholds.mjs [--tune a.jsonl,b.jsonl] [--check c.jsonl] [--folds k]
//                                         [--write] [--lib path/to/index.mjs]
//   --tune   the labelled files to tune on (default eval/dev.jsonl; several: comma-separated)
//   --check  also report the tuned thresholds on these files (never pass eval/test.jsonl while tuning)
//   --folds  k-fold cross-validation of the threshold search on the tuning items (out-of-fold figures)
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
const opt = (name, dflt) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : dflt);
const readItems = (list) =>
  list
    .split(",")
    .filter(Boolean)
    .flatMap((f) => readFileSync(resolve(pkg, f), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)));
const tuneFiles = opt("--tune", "eval/dev.jsonl");
const checkFiles = opt("--check", "");
const folds = Number(opt("--folds", "0"));
const dev = readItems(tuneFiles);
const check = checkFiles ? readItems(checkFiles) : [];

const MIN = 0.2;
const MAX = 0.9;

const ids = themes.map((t) => t.id);
const model = withThemes(train(documents, themes), themes.map((t) => ({ ...t, threshold: 0 })));
// scores[i][t], open[i][t] (theme not blocked by context or minimum evidence)
function scoreItems(items) {
  const scores = [];
  const open = [];
  for (const item of items) {
    const c = classify(model, item, { maxThemes: ids.length });
    const byId = new Map(c.matches.map((m) => [m.theme, m]));
    scores.push(ids.map((id) => byId.get(id).score));
    open.push(ids.map((id) => !byId.get(id).evidence.gate));
  }
  return { scores, open, gold: items.map((d) => d.themes) };
}
const all = scoreItems(dev);
const { scores, open, gold } = all;
const checkSet = scoreItems(check);

const relativeCut = model.scoring.relativeCut;
function predictOn(set, thresholds, idx) {
  return (idx ?? set.scores.map((_, i) => i)).map((i) => {
    const floor = relativeCut * Math.max(...set.scores[i]);
    const cands = ids.map((id, t) => ({ id, s: set.scores[i][t], ok: set.open[i][t] && set.scores[i][t] >= thresholds[t] && set.scores[i][t] >= floor }));
    return cands.filter((c) => c.ok).sort((a, b) => b.s - a.s).slice(0, model.scoring.maxThemes).map((c) => c.id);
  });
}
function themeF1(pred, id, g) {
  let tp = 0, fp = 0, fn = 0;
  pred.forEach((p, i) => {
    const gi = g[i].includes(id);
    const q = p.includes(id);
    if (gi && q) tp++;
    else if (q) fp++;
    else if (gi) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const before = themes.map((t) => t.threshold);
const grid = [];
for (let x = MIN; x <= MAX + 1e-9; x += 0.01) grid.push(Math.round(x * 100) / 100);
// Coordinate search on the items `idx` of the tuning set.
function search(idx) {
  const th = before.slice();
  const g = idx.map((i) => gold[i]);
  for (let round = 0; round < 3; round++) {
    ids.forEach((id, t) => {
      const f = grid.map((x) => {
        const trial = th.slice();
        trial[t] = x;
        return themeF1(predictOn(all, trial, idx), id, g);
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
  return th;
}
const allIdx = dev.map((_, i) => i);
const th = search(allIdx);
const predict = (thresholds) => predictOn(all, thresholds);

const fmt = (x) => x.toFixed(3);
const evBefore = evaluatePredictions(gold, predict(before), ids);
const evAfter = evaluatePredictions(gold, predict(th), ids);
for (const [t, id] of ids.entries()) {
  process.stdout.write(
    `${id.padEnd(30)} ${fmt(before[t])} -> ${fmt(th[t])}   F1 ${fmt(evBefore.perTheme[id].f1)} -> ${fmt(evAfter.perTheme[id].f1)}\n`,
  );
}
process.stdout.write(
  `micro F1 ${fmt(evBefore.micro.f1)} -> ${fmt(evAfter.micro.f1)}   macro F1 ${fmt(evBefore.macro.f1)} -> ${fmt(evAfter.macro.f1)}   (${dev.length} items of ${tuneFiles}, in-sample)\n`,
);
if (check.length) {
  const evCheck = evaluatePredictions(checkSet.gold, predictOn(checkSet, th), ids);
  const evCheckBefore = evaluatePredictions(checkSet.gold, predictOn(checkSet, before), ids);
  process.stdout.write(`check on ${checkFiles} (${check.length} items), tuned thresholds:\n`);
  for (const id of ids) {
    const r = evCheck.perTheme[id];
    process.stdout.write(`  ${id.padEnd(30)} P ${fmt(r.precision)} R ${fmt(r.recall)} F1 ${fmt(r.f1)} (support ${r.support})\n`);
  }
  process.stdout.write(
    `  micro P ${fmt(evCheck.micro.precision)} R ${fmt(evCheck.micro.recall)} F1 ${fmt(evCheck.micro.f1)}   macro F1 ${fmt(evCheck.macro.f1)}` +
      `   (file thresholds: micro F1 ${fmt(evCheckBefore.micro.f1)}, macro F1 ${fmt(evCheckBefore.macro.f1)})\n`,
  );
  const la = check.map((it, i) => [it, i]).filter(([it]) => it.lookalike && it.themes.length === 0);
  const pred = predictOn(checkSet, th);
  const fired = la.filter(([, i]) => pred[i].length > 0);
  process.stdout.write(`  off-topic look-alikes with a predicted theme: ${fired.length}/${la.length}${fired.map(([it, i]) => `\n    ${it.id} ${pred[i].join(",")}: ${it.title}`).join("")}\n`);
}
if (folds > 1) {
  // deterministic fold assignment: item i goes to fold i % k
  const pred = new Array(dev.length);
  for (let k = 0; k < folds; k++) {
    const trainIdx = allIdx.filter((i) => i % folds !== k);
    const testIdx = allIdx.filter((i) => i % folds === k);
    const thk = search(trainIdx);
    predictOn(all, thk, testIdx).forEach((p, j) => (pred[testIdx[j]] = p));
  }
  const cv = evaluatePredictions(gold, pred, ids);
  process.stdout.write(`${folds}-fold CV (out of fold): micro P ${fmt(cv.micro.precision)} R ${fmt(cv.micro.recall)} F1 ${fmt(cv.micro.f1)}   macro F1 ${fmt(cv.macro.f1)}\n`);
  const weak = ids.map((id) => [id, cv.perTheme[id].f1]).sort((a, b) => a[1] - b[1]).slice(0, 6);
  process.stdout.write(`  weakest: ${weak.map(([id, f]) => `${id} ${fmt(f)}`).join(", ")}\n`);
}

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
