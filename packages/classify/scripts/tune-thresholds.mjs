// Tunes the per-theme thresholds of data/themes.yaml on labelled files and cross-validates the
// tuning. Never pass a held-out file (eval/test2.jsonl) to this script: it is for the lead to run
// once with scripts/evaluate.mjs at the end.
//
// For each theme, the threshold that maximises the theme's F1 on the tuning items (with the
// 3-theme cap and the other themes' thresholds applied) is searched on a 0.01 grid in [0.2, 0.9];
// where several thresholds tie, the middle of the widest tied run is taken. Three rounds of this
// coordinate search are run, starting from 0.5 for every theme (not from the file's thresholds,
// so that cross-validation does not inherit thresholds tuned on the held-out fold). The model's
// other decision rules (context gate, minimum evidence, relative cut) apply as in classify.
//
// `--pick median` (the default) makes the procedure "stable": the thresholds are the per-theme
// median of the fold-optimal thresholds of an inner k-fold split (--inner, default 5) of the tuning
// items, instead of the optimum on all of them. Cross-validation evaluates whichever procedure is
// picked (with `median`, a nested split: the inner folds are drawn from the outer training part).
//
// Usage: node scripts/tune-thresholds.mjs [--tune a.jsonl,b.jsonl] [--check c.jsonl] [--folds k]
//          [--lofo] [--pick median|optimal] [--inner k] [--write] [--json out.json] [--themes file]
//          [--lib index.mjs]
//   --tune   the labelled files to tune on (default eval/dev.jsonl; several: comma-separated)
//   --check  also report the tuned thresholds on these files (and the off-topic look-alikes that fire)
//   --folds  k-fold cross-validation over all tuning items (item i in fold i % k); per-theme table
//   --lofo   leave-one-file-out: for each --tune file, tune on the others and measure on it
//   --write  rewrites the `threshold:` lines of data/themes.yaml (comments and layout are kept)
//   --themes a theme file to use instead of data/themes.yaml (--write then rewrites that file)
//   --json   writes every figure (per theme and micro/macro, per check) to a JSON file
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseCorpusJsonl } from "@corpus/model";

const args = process.argv.slice(2);
const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const opt = (name, dflt) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : dflt);
const lib = await import(args.includes("--lib") ? pathToFileURL(resolve(opt("--lib"))).href : "../dist/index.mjs");
const { train, withThemes, classify, evaluatePredictions, parseThemes } = lib;

const themesPath = args.includes("--themes") ? resolve(opt("--themes")) : join(pkg, "data", "themes.yaml");
const themesText = readFileSync(themesPath, "utf8");
const themes = parseThemes(themesText, themesPath);
const { documents } = parseCorpusJsonl(readFileSync(join(pkg, "..", "..", "corpus", "documents.jsonl"), "utf8"));
const splitList = (list) => list.split(",").filter(Boolean);
const readFile = (f) => {
  if (/test2/.test(f)) throw new Error(`${f} is the held-out set: it is not read by the tuning script`);
  return readFileSync(resolve(pkg, f), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
};
const tuneFiles = splitList(opt("--tune", "eval/dev.jsonl"));
const checkFiles = splitList(opt("--check", ""));
const folds = Number(opt("--folds", "0"));
const inner = Number(opt("--inner", "5"));
const pick = opt("--pick", "median");
if (pick !== "median" && pick !== "optimal") throw new Error("--pick median|optimal");
const perFile = tuneFiles.map(readFile);
const dev = perFile.flat();
const fileOf = perFile.flatMap((items, f) => items.map(() => f));

const MIN = 0.2;
const MAX = 0.9;
const START = 0.5;
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
  return { items, scores, open, gold: items.map((d) => d.themes) };
}
const all = scoreItems(dev);
const { gold } = all;

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
function optimal(idx) {
  const th = ids.map(() => START);
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
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 100) / 100;
};
// The tuning procedure on the items `idx`: optimum, or median of inner-fold optima.
function tune(idx) {
  if (pick === "optimal") return optimal(idx);
  const per = [];
  for (let k = 0; k < inner; k++) per.push(optimal(idx.filter((_, j) => j % inner !== k)));
  return ids.map((_, t) => median(per.map((th) => th[t])));
}

const fmt = (x) => x.toFixed(3);
const out = { tuneFiles, pick, inner, thresholdsBefore: Object.fromEntries(ids.map((id, t) => [id, before[t]])) };
function summary(ev) {
  return {
    micro: ev.micro,
    macro: ev.macro,
    perTheme: Object.fromEntries(ids.map((id) => [id, { support: ev.perTheme[id].support, precision: ev.perTheme[id].precision, recall: ev.perTheme[id].recall, f1: ev.perTheme[id].f1 }])),
  };
}
function lookalikes(set, pred, idx) {
  const pos = idx ?? set.items.map((_, i) => i);
  const la = pos.map((i, j) => [set.items[i], pred[j]]).filter(([it]) => it.lookalike && it.themes.length === 0);
  const fired = la.filter(([, p]) => p.length > 0);
  return { total: la.length, fired: fired.map(([it, p]) => ({ id: it.id, themes: p, title: it.title })) };
}
function table(label, ev, la) {
  process.stdout.write(`${label}\n`);
  for (const id of ids) {
    const r = ev.perTheme[id];
    process.stdout.write(`  ${id.padEnd(30)} P ${fmt(r.precision)} R ${fmt(r.recall)} F1 ${fmt(r.f1)} (support ${r.support})\n`);
  }
  process.stdout.write(`  micro P ${fmt(ev.micro.precision)} R ${fmt(ev.micro.recall)} F1 ${fmt(ev.micro.f1)}   macro F1 ${fmt(ev.macro.f1)}\n`);
  if (la) process.stdout.write(`  off-topic look-alikes with a predicted theme: ${la.fired.length}/${la.total}${la.fired.map((f) => `\n    ${f.id} ${f.themes.join(",")}: ${f.title}`).join("")}\n`);
}

const allIdx = dev.map((_, i) => i);
const th = tune(allIdx);
out.thresholds = Object.fromEntries(ids.map((id, t) => [id, th[t]]));
const evBefore = evaluatePredictions(gold, predictOn(all, before), ids);
const predAfter = predictOn(all, th);
const evAfter = evaluatePredictions(gold, predAfter, ids);
for (const [t, id] of ids.entries()) {
  process.stdout.write(`${id.padEnd(30)} ${fmt(before[t])} -> ${fmt(th[t])}   F1 ${fmt(evBefore.perTheme[id].f1)} -> ${fmt(evAfter.perTheme[id].f1)}\n`);
}
const laIn = lookalikes(all, predAfter);
process.stdout.write(
  `micro F1 ${fmt(evBefore.micro.f1)} -> ${fmt(evAfter.micro.f1)}   macro F1 ${fmt(evBefore.macro.f1)} -> ${fmt(evAfter.macro.f1)}   ` +
    `(${dev.length} items of ${tuneFiles.join(",")}, in-sample, thresholds: ${pick}); look-alikes firing ${laIn.fired.length}/${laIn.total}\n`,
);
out.inSample = { ...summary(evAfter), lookalikes: laIn };

for (const f of checkFiles) {
  const set = scoreItems(readFile(f));
  const pred = predictOn(set, th);
  const ev = evaluatePredictions(set.gold, pred, ids);
  const la = lookalikes(set, pred);
  table(`check on ${f} (${set.items.length} items), tuned thresholds:`, ev, la);
  (out.checks ??= {})[f] = { ...summary(ev), lookalikes: la };
}
if (args.includes("--lofo")) {
  out.lofo = {};
  perFile.forEach((_, f) => {
    const trainIdx = allIdx.filter((i) => fileOf[i] !== f);
    const testIdx = allIdx.filter((i) => fileOf[i] === f);
    const thf = tune(trainIdx);
    const pred = predictOn(all, thf, testIdx);
    const ev = evaluatePredictions(testIdx.map((i) => gold[i]), pred, ids);
    const la = lookalikes(all, pred, testIdx);
    const others = tuneFiles.filter((_, j) => j !== f).join(" + ");
    table(`leave-one-file-out: tune on ${others}, measure on ${tuneFiles[f]} (${testIdx.length} items):`, ev, la);
    out.lofo[tuneFiles[f]] = { tunedOn: others, thresholds: Object.fromEntries(ids.map((id, t) => [id, thf[t]])), ...summary(ev), lookalikes: la };
  });
}
if (folds > 1) {
  // deterministic fold assignment: item i goes to fold i % k
  const pred = new Array(dev.length);
  const foldTh = [];
  for (let k = 0; k < folds; k++) {
    const trainIdx = allIdx.filter((i) => i % folds !== k);
    const testIdx = allIdx.filter((i) => i % folds === k);
    const thk = tune(trainIdx);
    foldTh.push(thk);
    predictOn(all, thk, testIdx).forEach((p, j) => (pred[testIdx[j]] = p));
  }
  const cv = evaluatePredictions(gold, pred, ids);
  const la = lookalikes(all, pred);
  table(`${folds}-fold CV over ${tuneFiles.join(" + ")} (out of fold, thresholds: ${pick}):`, cv, la);
  process.stdout.write(
    `  fold thresholds (min-max): ${ids.map((id, t) => `${id} ${Math.min(...foldTh.map((x) => x[t]))}-${Math.max(...foldTh.map((x) => x[t]))}`).join(", ")}\n`,
  );
  out.cv = { folds, ...summary(cv), lookalikes: la, foldThresholds: foldTh.map((x) => Object.fromEntries(ids.map((id, t) => [id, x[t]]))) };
}
if (args.includes("--json")) writeFileSync(resolve(opt("--json")), `${JSON.stringify(out, null, 1)}\n`);

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
