import type { Evaluation } from "../index";

/** Confusion pairs shown under the tables. */
const TOP_CONFUSIONS = 10;

const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");

/**
 * A plain-text table with an underlined header.
 * @param textColumns how many leading columns hold text (left-aligned); the rest are numbers
 *   (right-aligned). @default 1
 */
export function formatTable(header: string[], rows: string[][], textColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The human-readable report of `corpus-classify eval`. */
export function formatEvaluation(e: Evaluation): string {
  const perTheme = Object.entries(e.perTheme).map(([theme, m]) => [
    theme,
    String(m.support),
    String(m.predicted),
    String(m.tp),
    num(m.precision),
    num(m.recall),
    num(m.f1),
  ]);
  const header = ["theme", "support", "predicted", "tp", "precision", "recall", "F1"];
  const averages = formatTable(
    ["average", "precision", "recall", "F1"],
    [
      ["micro", num(e.micro.precision), num(e.micro.recall), num(e.micro.f1)],
      ["macro", num(e.macro.precision), num(e.macro.recall), num(e.macro.f1)],
    ],
  );
  const confusions = e.confusions.slice(0, TOP_CONFUSIONS);
  const confusionText =
    confusions.length === 0
      ? "Top confusions: none"
      : `Top confusions (gold theme -> predicted instead, count):\n${formatTable(
          ["gold", "predicted", "count"],
          confusions.map((c) => [c.gold, c.predicted, String(c.count)]),
          2,
        )}`;
  const ranking = [
    e.precisionAt1 === undefined ? "" : `; precision@1: ${num(e.precisionAt1)}`,
    e.recallAt3 === undefined ? "" : `; recall@3: ${num(e.recallAt3)}`,
  ].join("");
  return [
    `Items: ${e.items}; no theme predicted: ${(e.noThemeShare * 100).toFixed(1)}%${ranking}`,
    "",
    formatTable(header, perTheme),
    "",
    averages,
    "",
    confusionText,
  ].join("\n");
}
