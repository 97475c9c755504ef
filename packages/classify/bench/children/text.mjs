// Text pipeline throughput on plain English news text, one ~300-word paragraph at a time:
// `--impl lib` runs the library's `analyze` (normalised, stemmed tokens + its domain phrases
// matched on token boundaries), `--impl natural` runs `PorterStemmer.tokenizeAndStem`.
import { createGenerator } from "../lib/generate.mjs";
import { childArgs, report, timeRuns } from "../lib/measure.mjs";

const args = childArgs();
const text = createGenerator(Number(args.seed ?? 2)).newsText(Number(args.bytes));
const paragraphs = text.split("\n\n");
const bytes = Buffer.byteLength(text);
let run;
if (args.impl === "lib") {
  const { analyze } = await import("@corpus/classify");
  run = (p) => analyze(p).tokens.length;
} else {
  const { PorterStemmer } = await import("../lib/natural.mjs");
  run = (p) => PorterStemmer.tokenizeAndStem(p).length;
}
let tokens = 0;
for (const p of paragraphs) tokens += run(p);
const timing = timeRuns(() => {
  for (const p of paragraphs) run(p);
}, { runs: Number(args.runs ?? 5), warmup: 1, minMs: 500 });
report({
  bytes,
  paragraphs: paragraphs.length,
  tokens,
  mbPerSec: bytes / 1e6 / (timing.medianWallMs / 1000),
  mbPerCpuSec: bytes / 1e6 / (timing.medianCpuMs / 1000),
  ...timing,
});
