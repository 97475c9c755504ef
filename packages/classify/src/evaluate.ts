import { classify } from "./classify";
import type { ClassifierModel, ClassifyInput } from "./types";

/** An item with its gold theme ids. */
export interface LabelledItem extends ClassifyInput {
  themes: string[];
}

export interface ThemeFigures {
  support: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  perTheme: Record<string, ThemeFigures>;
  micro: { precision: number; recall: number; f1: number };
  /** Means over the themes with support > 0 in the gold set. */
  macro: { precision: number; recall: number; f1: number };
  items: number;
  /** Share of items for which no theme was predicted. */
  noThemeShare: number;
  /** Gold theme missed while another was predicted, per pair, most frequent first. */
  confusions: Array<{ gold: string; predicted: string; count: number }>;
  /** Share of items with gold themes whose best-scored theme is a gold one (ranking, no threshold). */
  precisionAt1?: number;
  /** Mean share of gold themes among the 3 best-scored themes (divided by min(3, gold count)). */
  recallAt3?: number;
}

/**
 * Zero denominators: precision = 1 when a theme was never predicted and has no gold support
 * (nothing claimed, nothing missed), 0 when it was never predicted but has support; recall = 1
 * when a theme has no support and was never predicted, 0 when it has no support but was
 * predicted; F1 = 0 when precision + recall = 0. Micro figures follow the same rules on the sums.
 */
export function ratios(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const predicted = tp + fp;
  const support = tp + fn;
  const precision = predicted > 0 ? tp / predicted : support === 0 ? 1 : 0;
  const recall = support > 0 ? tp / support : predicted === 0 ? 1 : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Evaluation of given predictions against gold labels (pure; `evaluate` classifies first). */
export function evaluatePredictions(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  themeIds: readonly string[] = [],
  ranked?: readonly (readonly string[])[],
): Evaluation {
  if (gold.length !== predicted.length) throw new RangeError("[classify] gold and predicted lists differ in length");
  const ids = [...themeIds];
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number; predicted: number }>();
  const entry = (id: string) => {
    let e = counts.get(id);
    if (!e) {
      e = { tp: 0, fp: 0, fn: 0, support: 0, predicted: 0 };
      counts.set(id, e);
      if (!ids.includes(id)) ids.push(id);
    }
    return e;
  };
  for (const id of themeIds) entry(id);
  const confusions = new Map<string, number>();
  let none = 0;
  gold.forEach((g0, i) => {
    const g = new Set(g0);
    const p = new Set(predicted[i]);
    if (p.size === 0) none++;
    for (const id of g) {
      const e = entry(id);
      e.support++;
      if (p.has(id)) e.tp++;
      else e.fn++;
    }
    for (const id of p) {
      const e = entry(id);
      e.predicted++;
      if (!g.has(id)) e.fp++;
    }
    for (const gid of g) {
      if (p.has(gid)) continue;
      for (const pid of p) {
        if (g.has(pid)) continue;
        const key = `${gid}\u0000${pid}`;
        confusions.set(key, (confusions.get(key) ?? 0) + 1);
      }
    }
  });
  const perTheme: Record<string, ThemeFigures> = {};
  let TP = 0;
  let FP = 0;
  let FN = 0;
  const macroSum = { precision: 0, recall: 0, f1: 0 };
  let macroN = 0;
  for (const id of ids) {
    const e = counts.get(id) as { tp: number; fp: number; fn: number; support: number; predicted: number };
    const r = ratios(e.tp, e.fp, e.fn);
    perTheme[id] = { ...e, ...r };
    TP += e.tp;
    FP += e.fp;
    FN += e.fn;
    if (e.support > 0) {
      macroN++;
      macroSum.precision += r.precision;
      macroSum.recall += r.recall;
      macroSum.f1 += r.f1;
    }
  }
  const evaluation: Evaluation = {
    perTheme,
    micro: ratios(TP, FP, FN),
    macro:
      macroN > 0
        ? { precision: macroSum.precision / macroN, recall: macroSum.recall / macroN, f1: macroSum.f1 / macroN }
        : { precision: 1, recall: 1, f1: 1 },
    items: gold.length,
    noThemeShare: gold.length > 0 ? none / gold.length : 0,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [g, p] = key.split("\u0000") as [string, string];
        return { gold: g, predicted: p, count };
      })
      .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted)),
  };
  if (ranked) {
    let n = 0;
    let at1 = 0;
    let at3 = 0;
    gold.forEach((g, i) => {
      if (g.length === 0) return;
      n++;
      const r = ranked[i] ?? [];
      if (r[0] !== undefined && g.includes(r[0])) at1++;
      at3 += r.slice(0, 3).filter((id) => g.includes(id)).length / Math.min(3, g.length);
    });
    evaluation.precisionAt1 = n > 0 ? at1 / n : 0;
    evaluation.recallAt3 = n > 0 ? at3 / n : 0;
  }
  return evaluation;
}

/** Classifies every item and compares with its gold themes (see `ratios` for zero denominators). */
export function evaluate(
  model: ClassifierModel,
  items: readonly LabelledItem[],
  options: { maxThemes?: number } = {},
): Evaluation {
  const predicted: string[][] = [];
  const ranked: string[][] = [];
  for (const item of items) {
    const c = classify(model, item, options);
    predicted.push(c.themes);
    ranked.push(c.matches.map((m) => m.theme));
  }
  return evaluatePredictions(
    items.map((i) => i.themes),
    predicted,
    model.themes.map((t) => t.id),
    ranked,
  );
}
