// Training time on `--docs N` generated ~300-word documents. `--impl lib`: @corpus/classify
// `train` with the default themes; `--impl natural`: TfIdf.addDocument(title + text) (natural's
// own tokenizer, no stemming); `--impl natural-stem`: addDocument(tokenizeAndStem(title + text)).
// natural runs stop once `--budget` seconds are spent. `--save FILE` writes the last model.
// `--curated S`: share of documents with curator labels (exemplars the model keeps), default 0.1.
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createGenerator } from "../lib/generate.mjs";
import { childArgs, median, report } from "../lib/measure.mjs";
import { loadBenchThemes } from "../lib/themes.mjs";

const args = childArgs();
const n = Number(args.docs);
const runs = Number(args.runs ?? 3);
const budgetMs = Number(args.budget ?? 60) * 1000;
const generator = createGenerator(Number(args.seed ?? 3), { curatedShare: Number(args.curated ?? 0.1) });
const docs = Array.from({ length: n }, (_, i) => generator.document(i));
const words = docs.reduce((sum, d) => sum + d.text.split(" ").length, 0) / n;

let trainOnce;
let save;
if (args.impl === "lib") {
  const lib = await import("@corpus/classify");
  const themes = await loadBenchThemes();
  trainOnce = () => {
    const model = lib.train(docs, themes);
    save = () => lib.serializeModel(model);
    return { done: n };
  };
} else {
  const { PorterStemmer, TfIdf } = await import("../lib/natural.mjs");
  const stem = args.impl === "natural-stem";
  trainOnce = () => {
    const tfidf = new TfIdf();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const d = docs[i];
      tfidf.addDocument(stem ? PorterStemmer.tokenizeAndStem(`${d.title} ${d.text}`) : `${d.title} ${d.text}`, d.id);
      if (i % 500 === 499 && performance.now() - t0 > budgetMs) return { done: i + 1 };
    }
    save = () => JSON.stringify(tfidf);
    return { done: n };
  };
}

const wall = [];
const cpu = [];
let done = n;
// `--max-seconds`: no further runs once this much time is spent (slow cases get fewer runs).
const maxMs = Number(args["max-seconds"] ?? Infinity) * 1000;
const started = performance.now();
for (let r = 0; r < runs && performance.now() - started < maxMs; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  done = trainOnce().done;
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (done < n) break;
}
let savedBytes;
if (args.save && done === n) {
  const json = save();
  writeFileSync(args.save, json);
  savedBytes = Buffer.byteLength(json);
}
report({
  docs: n,
  runs: wall.length,
  curatedShare: docs.filter((d) => d.themes.some((t) => t.by === "curator")).length / n,
  meanWords: words,
  completedDocs: done,
  stopped: done < n,
  wallMs: wall,
  cpuMs: cpu,
  medianWallMs: median(wall),
  medianCpuMs: median(cpu),
  heapUsedMB: process.memoryUsage().heapUsed / 1e6,
  savedBytes,
});
