// Renders bench results as a Markdown table: library, natural baseline, ratio, target, met.

const int = (x) => Math.round(x).toLocaleString("en-US");
const fix = (x, d = 1) => x.toFixed(d);
const sec = (ms) => `${fix(ms / 1000, 2)} s`;
const mb = (bytes) => `${fix(bytes / 1e6, 1)} MB`;
const yes = (ok) => (ok ? "yes" : "**NO**");

function trainCell(r) {
  if (!r) return "n/a";
  if (r.stopped) return `> ${sec(r.wallMs[0])} (stopped after ${int(r.completedDocs)} of ${int(r.docs)} docs)`;
  return `${sec(r.medianWallMs)} (CPU ${sec(r.medianCpuMs)}; heap ${fix(r.heapUsedMB, 0)} MB)`;
}

/** @returns {string} the table plus the machine line and notes */
export function renderMarkdown(r) {
  const { classify: c, text: t, train: tr, model: m, import: im } = r;
  const rows = [];
  const row = (measure, lib, natural, ratio, target, met) => rows.push(`| ${measure} | ${lib} | ${natural} | ${ratio} | ${target} | ${met} |`);

  const speedup = c.lib.itemsPerSec / c.natural.itemsPerSec;
  row(
    `Classify, generated feed items (${int(c.lib.meanWords)} words, ${int(c.lib.meanBytes)} B mean), 16 themes, 1 core`,
    `${int(c.lib.itemsPerSec)} items/s (${int(c.lib.itemsPerCpuSec)}/CPU-s)`,
    `${int(c.natural.itemsPerSec)} items/s`,
    `${fix(speedup)}x`,
    ">= 20,000 items/s and >= 10x",
    yes(c.lib.itemsPerSec >= 20_000 && speedup >= 10),
  );
  const evalSpeedup = c.libEval.itemsPerSec / c.naturalEval.itemsPerSec;
  row(
    `Classify, real eval items cycled (${int(c.libEval.meanWords)} words, ${int(c.libEval.meanBytes)} B mean)`,
    `${int(c.libEval.itemsPerSec)} items/s`,
    `${int(c.naturalEval.itemsPerSec)} items/s`,
    `${fix(evalSpeedup)}x`,
    "(information)",
    "",
  );
  row(
    `Text pipeline: news text -> stemmed tokens + phrases (${mb(t.lib.bytes)}; natural on ${mb(t.natural.bytes)})`,
    `${fix(t.lib.mbPerSec)} MB/s`,
    `${fix(t.natural.mbPerSec)} MB/s (tokenizeAndStem)`,
    `${fix(t.lib.mbPerSec / t.natural.mbPerSec)}x`,
    ">= 40 MB/s",
    yes(t.lib.mbPerSec >= 40),
  );
  const words = int(tr.lib10k.meanWords);
  row(
    `Train, ${int(tr.lib10k.docs)} docs (~${words} words)`,
    trainCell(tr.lib10k),
    `${trainCell(tr.natural10k)}; with stemming ${trainCell(tr.naturalStem10k)}`,
    tr.natural10k.stopped ? "" : `${fix(tr.natural10k.medianWallMs / tr.lib10k.medianWallMs)}x`,
    "< 1 s",
    yes(tr.lib10k.medianWallMs < 1000),
  );
  row(
    `Train, ${int(tr.lib50k.docs)} docs`,
    trainCell(tr.lib50k),
    trainCell(tr.natural50k),
    tr.natural50k.stopped ? "" : `${fix(tr.natural50k.medianWallMs / tr.lib50k.medianWallMs)}x`,
    "< 5 s",
    yes(tr.lib50k.medianWallMs < 5000),
  );
  row(`Saved ${int(tr.lib10k.docs)}-doc model: file size`, mb(m.libFileBytes), m.naturalFileBytes ? `${mb(m.naturalFileBytes)} (TfIdf JSON)` : "n/a", "", "(information)", "");
  row(
    "Saved model: load time in a fresh process",
    sec(m.lib.loadMs),
    m.natural ? sec(m.natural.loadMs) : "n/a",
    m.natural ? `${fix(m.natural.loadMs / m.lib.loadMs)}x` : "",
    "< 0.5 s",
    yes(m.lib.loadMs < 500),
  );
  row(
    "Saved model: RSS of that process after loading",
    `${fix(m.lib.rssMB, 0)} MB (+${fix(m.lib.addedRssMB, 0)} MB for the model)`,
    m.natural ? `${fix(m.natural.rssMB, 0)} MB` : "n/a",
    "",
    "< 100 MB",
    yes(m.lib.rssMB < 100),
  );
  const nat = `${int(im.natural.importMs)} ms, +${fix(im.natural.addedRssMB, 0)} MB, ${int(im.natural.modules)} modules, ${im.natural.stdoutLines} lines on stdout`;
  for (const [label, x] of [["import('@corpus/classify')", im.esm], ["require('@corpus/classify')", im.cjs]]) {
    row(
      `Package import: ${label}, fresh process`,
      `${fix(x.importMs, 1)} ms, +${fix(x.addedRssMB, 1)} MB RSS`,
      `require('natural'): ${nat}`,
      `${fix(im.natural.importMs / x.importMs)}x`,
      "< 100 ms and < 20 MB",
      yes(x.importMs < 100 && x.addedRssMB < 20),
    );
  }
  row(
    "import + load default model + classify one item, fresh process",
    `${int(im.esm.firstClassifyMs)} ms, +${fix(im.esm.firstClassifyAddedRssMB, 0)} MB RSS`,
    "",
    "",
    "(information)",
    "",
  );

  return [
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.platform}; Node ${r.machine.node}; natural ${r.natural}; ${r.date.slice(0, 10)}${r.quick ? " (QUICK RUN: sizes / 10, one run; not a result)" : ""}`,
    "",
    "| Measure | @corpus/classify | natural-only baseline | Ratio | Target | Met |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `Empty Node process: ${fix(im.empty.rssMB, 0)} MB RSS, ${int(im.empty.processWallMs)} ms to spawn and exit. Medians of ${r.quick ? 1 : "3-5"} runs after a warm-up; total bench time ${int(r.totalSeconds)} s.`,
  ].join("\n");
}
