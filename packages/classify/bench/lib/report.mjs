// Renders bench results as a Markdown table: library, natural baseline, ratio, target, met.
// Every in-process figure is given twice: wall clock (what a user waits) and CPU time of the
// process (what one core spends; immune to other processes on a shared machine, and it counts
// V8's helper threads too, so it is no flattering figure). A target counts as met when both pass.

const int = (x) => Math.round(x).toLocaleString("en-US");
const fix = (x, d = 1) => x.toFixed(d);
const sec = (ms) => `${fix(ms / 1000, 2)} s`;
const mb = (bytes) => `${fix(bytes / 1e6, 1)} MB`;

function verdict(wallOk, cpuOk) {
  if (wallOk && cpuOk) return "yes";
  if (cpuOk) return "**NO** (wall); yes in CPU time";
  return "**NO**";
}

function trainCell(r) {
  if (!r) return "n/a";
  if (r.stopped) return `> ${sec(r.wallMs[0])} (stopped after ${int(r.completedDocs)} of ${int(r.docs)} docs)`;
  return `${sec(r.medianWallMs)} wall, ${sec(r.medianCpuMs)} CPU (heap ${fix(r.heapUsedMB, 0)} MB${r.runs > 1 ? "" : ", 1 run"})`;
}

const rate = (r, unit, f = int) => `${f(r.wall)} ${unit} wall, ${f(r.cpu)} CPU`;
const itemsRate = (x) => ({ wall: x.itemsPerSec, cpu: x.itemsPerCpuSec });
const mbRate = (x) => ({ wall: x.mbPerSec, cpu: x.mbPerCpuSec });
const ratio = (a, b) => `${fix(a.wall / b.wall)}x wall, ${fix(a.cpu / b.cpu)}x CPU`;

/** @returns {string} the machine line, the table and notes */
export function renderMarkdown(r) {
  const { classify: c, text: t, train: tr, model: m, import: im } = r;
  const rows = [];
  const row = (...cells) => rows.push(`| ${cells.join(" | ")} |`);

  const lib = itemsRate(c.lib);
  const nat = itemsRate(c.natural);
  row(
    `Classify feed items (title + description, ${int(c.lib.meanWords)} words / ${int(c.lib.meanBytes)} B mean, generated), 16 default themes, 1 core`,
    rate(lib, "items/s"),
    rate(nat, "items/s"),
    ratio(lib, nat),
    ">= 20,000 items/s and >= 10x",
    verdict(lib.wall >= 20_000 && lib.wall / nat.wall >= 10, lib.cpu >= 20_000 && lib.cpu / nat.cpu >= 10),
  );
  const libP = itemsRate(c.libPassed);
  row("Classify feed items with `{explain: \"passed\"}` (evidence for returned themes only, as the CLI does)", rate(libP, "items/s"), rate(nat, "items/s"), ratio(libP, nat), "(information)", "");
  const libE = itemsRate(c.libEval);
  const natE = itemsRate(c.naturalEval);
  row(`Classify the real eval items, cycled (${int(c.libEval.meanWords)} words mean)`, rate(libE, "items/s"), rate(natE, "items/s"), ratio(libE, natE), "(information)", "");

  const tl = mbRate(t.lib);
  const tn = mbRate(t.natural);
  row(
    `Text pipeline, news text (${mb(t.lib.bytes)}): \`analyze(text)\`, normalised stemmed tokens + domain phrases matched`,
    rate(tl, "MB/s", fix),
    `${rate(tn, "MB/s", fix)} (\`PorterStemmer.tokenizeAndStem\`)`,
    ratio(tl, tn),
    ">= 40 MB/s",
    verdict(tl.wall >= 40, tl.cpu >= 40),
  );

  const share = `${fix(tr.lib10k.curatedShare * 100, 0)}% curator-labelled`;
  row(
    `Train, ${int(tr.lib10k.docs)} generated docs (~${int(tr.lib10k.meanWords)} words, ${share})`,
    trainCell(tr.lib10k),
    `addDocument: ${trainCell(tr.natural10k)}; tokenizeAndStem + addDocument: ${trainCell(tr.naturalStem10k)}`,
    tr.natural10k.stopped ? "" : `${fix(tr.natural10k.medianWallMs / tr.lib10k.medianWallMs)}x wall`,
    "< 1 s",
    verdict(tr.lib10k.medianWallMs < 1000, tr.lib10k.medianCpuMs < 1000),
  );
  row(
    `Train, ${int(tr.lib50k.docs)} docs`,
    trainCell(tr.lib50k),
    `addDocument: ${trainCell(tr.natural50k)}`,
    tr.natural50k.stopped ? "" : `${fix(tr.natural50k.medianWallMs / tr.lib50k.medianWallMs)}x wall`,
    "< 5 s",
    verdict(tr.lib50k.medianWallMs < 5000, tr.lib50k.medianCpuMs < 5000),
  );
  row(`Train, ${int(tr.libAllCurated10k.docs)} docs, all curator-labelled (every doc an exemplar)`, trainCell(tr.libAllCurated10k), "", "", "(information)", "");
  row(
    `Saved ${int(tr.lib10k.docs)}-doc model: file size`,
    `${mb(m.libFileBytes)} (all curator-labelled: ${mb(m.libAllCuratedFileBytes)})`,
    m.naturalFileBytes ? `${mb(m.naturalFileBytes)} (TfIdf as JSON)` : "n/a",
    "",
    "(information)",
    "",
  );
  row(
    "Saved model: load time in a fresh process (`loadModelFile`)",
    `${sec(m.lib.loadMs)} wall, ${sec(m.lib.loadCpuMs)} CPU (all curator-labelled: ${sec(m.libAllCurated.loadMs)})`,
    m.natural ? `${sec(m.natural.loadMs)} wall (\`new TfIdf(JSON.parse(...))\`)` : "n/a",
    "",
    "< 0.5 s",
    verdict(m.lib.loadMs < 500, m.lib.loadCpuMs < 500),
  );
  row(
    "Saved model: RSS of that process after loading",
    `${fix(m.lib.rssMB, 0)} MB (+${fix(m.lib.addedRssMB, 0)} MB by the load; heap ${fix(m.lib.heapUsedMB, 0)} MB); after a full GC ${fix(m.lib.rssAfterGcMB, 0)} MB, heap ${fix(m.lib.heapAfterGcMB, 0)} MB. All curator-labelled: ${fix(m.libAllCurated.rssMB, 0)} MB`,
    m.natural ? `${fix(m.natural.rssMB, 0)} MB (after a full GC ${fix(m.natural.rssAfterGcMB, 0)} MB)` : "n/a",
    "",
    "< 100 MB",
    m.lib.rssMB < 100 ? "yes" : "**NO**",
  );
  const natImport = `${int(im.natural.importMs)} ms, +${fix(im.natural.addedRssMB, 0)} MB, ${int(im.natural.modules)} modules, ${im.natural.stdoutLines} lines printed on stdout`;
  for (const [label, x] of [["`import('@corpus/classify')`", im.esm], ["`require('@corpus/classify')`", im.cjs]]) {
    row(
      `Package import, fresh process: ${label}`,
      `${fix(x.importMs, 0)} ms wall, ${fix(x.importCpuMs, 0)} ms CPU, +${fix(x.addedRssMB, 1)} MB RSS`,
      `\`require('natural')\`: ${natImport}`,
      `${fix(im.natural.importMs / x.importMs)}x wall`,
      "< 100 ms and < 20 MB",
      verdict(x.importMs < 100 && x.addedRssMB < 20, x.importCpuMs < 100 && x.addedRssMB < 20),
    );
  }
  row("Fresh process: import + `loadDefaultModel()` + classify one item", `${int(im.esm.firstClassifyMs)} ms, +${fix(im.esm.firstClassifyAddedRssMB, 0)} MB RSS`, "", "", "(information)", "");

  return [
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores (shared), ${r.machine.platform}; Node ${r.machine.node}; natural ${r.natural}; ${r.date.slice(0, 10)}${r.quick ? " (QUICK RUN: sizes / 10, one run; not a result)" : ""}`,
    "",
    "| Measure | @corpus/classify | natural-only baseline | Ratio | Target | Met |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `Medians of ${r.quick ? 1 : "3-5"} runs after a warm-up (fresh-process probes: medians of 3-5 processes). ` +
      `An empty Node process: ${fix(im.empty.rssMB, 0)} MB RSS, ${int(im.empty.processWallMs)} ms to spawn and exit. Total bench time ${int(r.totalSeconds)} s.`,
  ].join("\n");
}
