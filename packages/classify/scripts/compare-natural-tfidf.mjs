// Quick comparison on the default corpus: natural's TfIdf vs this package's sparse TF-IDF.
// Usage (after `npm run build`): node scripts/compare-natural-tfidf.mjs [copies]
// `copies` replicates the 19 corpus documents (with new ids) to show how each scales.
// The formal benchmark is bench/ (npm run bench); this only backs the README's remark.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCorpusJsonl } from "@corpus/model";
import { analyze, loadThemesFile, train } from "../dist/index.mjs";

const require = createRequire(import.meta.url);
const TfIdf = require("natural/lib/natural/tfidf/tfidf");
const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const { documents } = parseCorpusJsonl(readFileSync(join(pkg, "..", "..", "corpus", "documents.jsonl"), "utf8"));
const themes = await loadThemesFile(join(pkg, "data", "themes.yaml"));
const copies = Number(process.argv[2] ?? 1);
const docs = [];
for (let c = 0; c < copies; c++) for (const d of documents) docs.push({ ...d, id: `${d.id}-${c}` });
const textOf = (d) => [d.title, d.abstract, d.summary, d.text].filter(Boolean).join("\n");
const ms = (f) => {
  const t = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
};

// natural: build, then idf of every distinct term (what a centroid/cosine needs).
const [nBuild, tfidf] = ms(() => {
  const t = new TfIdf();
  for (const d of docs) t.addDocument(textOf(d));
  return t;
});
const vocab = new Set();
for (const d of documents) for (const w of analyze(textOf(d)).words) vocab.add(w);
const [nIdf] = ms(() => {
  let s = 0;
  for (const w of vocab) s += tfidf.idf(w);
  return s;
});
const [nScore] = ms(() => {
  let s = 0;
  for (let i = 0; i < 100; i++) tfidf.tfidfs("secondary movements of asylum seekers", (_, v) => (s += v));
  return s;
});

// this package: train (tokenise, count, fit idf, exemplar vectors, centroids, postings).
const [oTrain, model] = ms(() => train(docs, themes));
process.stdout.write(
  `${docs.length} documents, ${vocab.size} distinct words\n` +
    `natural TfIdf: build ${nBuild.toFixed(0)} ms; idf of the vocabulary ${nIdf.toFixed(0)} ms (O(N) per term); ` +
    `100 tfidfs() queries against every document ${nScore.toFixed(0)} ms\n` +
    `@corpus/classify train: ${oTrain.toFixed(0)} ms (${model.stats.vocabulary} terms; idf for all terms included)\n`,
);
