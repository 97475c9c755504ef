// Classify throughput on feed-size items (title + ~100-word description) against the default
// themes, one core: `--impl lib` (@corpus/classify, built dist) or `--impl natural` (baseline).
import { createGenerator } from "../lib/generate.mjs";
import { childArgs, report, timeRuns } from "../lib/measure.mjs";
import { loadBenchThemes } from "../lib/themes.mjs";

const args = childArgs();
const n = Number(args.items);
const runs = Number(args.runs ?? 5);
const source = args.source ?? "generated";
const generator = createGenerator(Number(args.seed ?? 1));
let list;
if (source === "eval") {
  // The real labelled items, cycled to `n`: realistic wording, but repeats favour any cache.
  const { loadSources } = await import("../lib/sources.mjs");
  const pool = loadSources().evalItems;
  list = Array.from({ length: n }, (_, i) => pool[i % pool.length]);
} else {
  list = Array.from({ length: n }, (_, i) => generator.item(i));
}
const texts = list.map((it) => `${it.title} ${it.description ?? ""} ${it.text ?? ""}`.trim());
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
const words = texts.reduce((sum, text) => sum + text.split(/\s+/).length, 0);
let classifyOne;
let withTheme = 0;
if (args.impl === "lib") {
  const lib = await import("@corpus/classify");
  const model = await lib.loadDefaultModel();
  // `--explain passed|none`: full evidence for fewer themes (default: the library's default, all).
  const options = args.explain ? { explain: args.explain } : {};
  classifyOne = (item) => lib.classify(model, item, options);
  for (const item of list) if (classifyOne(item).themes.length > 0) withTheme += 1;
} else {
  const { buildThemeIndex, classifyWithNatural } = await import("../lib/natural.mjs");
  const tfidf = buildThemeIndex(await loadBenchThemes());
  classifyOne = (item) => classifyWithNatural(tfidf, item);
}
const timing = timeRuns(() => {
  for (const item of list) classifyOne(item);
}, { runs, warmup: 1, minMs: 500 });
report({
  explain: args.impl === "lib" ? (args.explain ?? "default") : undefined,
  items: list.length,
  meanBytes: bytes / list.length,
  meanWords: words / list.length,
  itemsPerSec: list.length / (timing.medianWallMs / 1000),
  itemsPerCpuSec: list.length / (timing.medianCpuMs / 1000),
  withThemeShare: args.impl === "lib" ? withTheme / list.length : undefined,
  ...timing,
});
