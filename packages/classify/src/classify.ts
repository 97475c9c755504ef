import type { MatchedTerm, Theme, ThemeMatch } from "@corpus/model";
import { FIELDS, matchField, type Field, type TermRule } from "./matcher";
import { getInternals, type Exemplar } from "./model";
import { addToBag, bag, startBag } from "./bag";
import { idCounts, maintainMemo, memoEpoch, stemText } from "./text/memo";
import { tokenize, type TokenStream } from "./text/tokenize";
import type { ClassifierModel, ClassifyInput } from "./types";
import { sublinear } from "./vectors";

/** The evidence of a ThemeMatch, with what this classifier adds (ThemeMatch evidence is loose). */
export type ThemeEvidence = ThemeMatch["evidence"] & {
  /** The score is exactly parts.keywords + parts.centroid + parts.nearest. */
  parts: { keywords: number; centroid: number; nearest: number };
  /** Present when the theme cannot pass whatever its threshold. */
  gate?: "no-context" | "weak-evidence";
};

/** A ThemeMatch of @corpus/model; `passed` is true exactly for the themes in `themes`. */
export type ClassifiedMatch = ThemeMatch & { evidence: ThemeEvidence };

export interface Classification {
  /** Ids of the themes that passed their threshold, best first, at most `maxThemes`. */
  themes: string[];
  /** Every theme id -> score in [0, 1]. */
  scores: Record<string, number>;
  /** Every theme, best first, with the evidence for its score. */
  matches: ClassifiedMatch[];
}

export interface ClassifyOptions {
  /** Cap on `themes` (default: the model's `scoring.maxThemes`, 3). */
  maxThemes?: number;
  /** Entries in `evidence.topTerms` and `evidence.nearest` per theme (default 5 and 3). */
  topTerms?: number;
  nearest?: number;
  /**
   * Which matches get full evidence (matched terms, top terms, nearest exemplars): "all" (default),
   * "passed" (the returned themes only; faster when only they are shown) or "none". Scores, parts
   * and gates are always given.
   */
  explain?: "all" | "passed" | "none";
}

function joinFields(...parts: (string | undefined)[]): string {
  let out = "";
  for (const p of parts) if (p) out = out ? `${out}\n${p}` : p;
  return out;
}

/** The item's text per field: description is read as summary, content as text. */
export function itemFields(item: ClassifyInput): Record<Field, string> {
  return {
    title: item.title ?? "",
    summary: joinFields(item.summary, item.description),
    text: joinFields(item.text, item.content),
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;


/** Of the indices in `among`, the `top` with the largest positive values, largest first. */
function topOf(values: Float64Array, among: Int32Array, top: number): number[] {
  const best: number[] = [];
  for (const i of among) {
    const v = values[i] as number;
    if (v <= 0) continue;
    if (best.length === top && v <= (values[best[top - 1] as number] as number)) continue;
    let at = best.length < top ? best.length : top - 1;
    while (at > 0 && (values[best[at - 1] as number] as number) < v) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = i;
  }
  return best;
}

/** Indices (0..n-1) of the `top` largest positive values in values[offset .. offset+n), largest first. */
function topProducts(values: Float64Array, offset: number, n: number, top: number): number[] {
  const best: number[] = [];
  const bestV: number[] = [];
  let floor = 0;
  for (let k = 0; k < n; k++) {
    const v = values[offset + k] as number;
    if (v <= floor) continue;
    let at = best.length < top ? best.length : top - 1;
    while (at > 0 && (bestV[at - 1] as number) < v) {
      best[at] = best[at - 1] as number;
      bestV[at] = bestV[at - 1] as number;
      at--;
    }
    best[at] = k;
    bestV[at] = v;
    if (best.length === top) floor = bestV[top - 1] as number;
  }
  return best;
}

/**
 * Scores an item against every theme of the model:
 * score = w_k * (1 - exp(-keywords / scale)) + w_c * min(1, cos(centroid) / cap_c)
 *       + w_n * min(1, cos(nearest exemplar) / cap_n),
 * and a theme is returned when its score reaches its threshold and it has minimum evidence.
 */
export function classify(model: ClassifierModel, item: ClassifyInput, options: ClassifyOptions = {}): Classification {
  const { state, compiled } = getInternals(model);
  const s = state.scoring;
  const themes = state.themes;
  const T = themes.length;
  const maxThemes = options.maxThemes ?? s.maxThemes;
  const fieldText = itemFields(item);

  // Keyword and phrase rules, per field; field-weighted stem frequencies for the vector.
  maintainMemo();
  const streams = FIELDS.map((field) => tokenize(fieldText[field]));
  const epoch = memoEpoch();
  const ruleCounts: Map<number, number>[] = [];
  const contexts = new Set<number>();
  const scratch = compiled.scratch;
  const { stems: stemCount } = idCounts();
  if (scratch.epoch !== epoch || scratch.termOfStem.length < stemCount) {
    const next = new Int32Array(Math.max(1024, stemCount * 2)).fill(-2);
    if (scratch.epoch === epoch) next.set(scratch.termOfStem);
    scratch.termOfStem = next;
    scratch.epoch = epoch;
  }
  startBag();
  FIELDS.forEach((field, f) => {
    const counts = new Map<number, number>();
    ruleCounts.push(counts);
    const stream = streams[f] as TokenStream;
    if (stream.words.length === 0) return;
    matchField(compiled.matcher, stream, s.exclusionWindow, counts, contexts);
    const w = s.fieldWeights[field];
    addToBag(stream.stemIds, w);
  });

  // Item vector (ids in the fitted vocabulary; unknown terms still count in the norm).
  const ids: number[] = [];
  /** Memo stem id of each entry of `ids` (to show the item's own word for a term). */
  const sids: number[] = [];
  const ws: number[] = [];
  let norm = 0;
  const termOfStem = scratch.termOfStem;
  for (let k = 0; k < bag.size; k++) {
    const sid = bag.touched[k] as number;
    let id = termOfStem[sid] as number;
    if (id === -2) {
      id = compiled.termIndex.get(stemText(sid)) ?? -1;
      termOfStem[sid] = id;
    }
    const w = sublinear(bag.tf[sid] as number) * (id < 0 ? compiled.oovIdf : (compiled.idf[id] as number));
    norm += w * w;
    if (id >= 0) {
      ids.push(id);
      sids.push(sid);
      ws.push(w);
    }
  }
  norm = Math.sqrt(norm) || 1;
  const cen = scratch.cen.fill(0);
  const overlap = scratch.overlap.fill(0);
  const exSim = scratch.exSim.fill(0);
  // products[t * K + k]: item term k times centroid t (for topTerms), K = item terms in the vocabulary.
  const K = ids.length;
  if (scratch.products.length < T * K) scratch.products = new Float64Array(T * K * 2);
  const products = scratch.products.fill(0, 0, T * K);
  const cp = compiled.centroidPostings;
  const ep = compiled.exemplarPostings;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    const w = (ws[k] as number) / norm;
    const informative = (compiled.idf[id] as number) >= compiled.informativeIdf;
    for (let p = cp.offsets[id] as number, end = cp.offsets[id + 1] as number; p < end; p++) {
      const t = cp.targets[p] as number;
      const product = w * (cp.weights[p] as number);
      cen[t] = (cen[t] as number) + product;
      products[t * K + k] = product;
      if (informative) overlap[t] = (overlap[t] as number) + 1;
    }
    for (let p = ep.offsets[id] as number, end = ep.offsets[id + 1] as number; p < end; p++) {
      const e = ep.targets[p] as number;
      exSim[e] = (exSim[e] as number) + w * (ep.weights[p] as number);
    }
  }

  // Keyword evidence per theme, with per-field parts for the explanation.
  const kwRaw = scratch.kwRaw.fill(0);
  const parts: (FieldPart[] | undefined)[] = new Array<FieldPart[] | undefined>(T);
  const fired = new Set<number>();
  for (const counts of ruleCounts) for (const r of counts.keys()) fired.add(r);
  for (const r of fired) {
    const rule = compiled.matcher.rules[r] as TermRule;
    const n0 = (ruleCounts[0] as Map<number, number>).get(r) ?? 0;
    const n1 = (ruleCounts[1] as Map<number, number>).get(r) ?? 0;
    const n2 = (ruleCounts[2] as Map<number, number>).get(r) ?? 0;
    const fw = s.fieldWeights;
    const c = fw.title * n0 + fw.summary * n1 + fw.text * n2;
    const raw = (compiled.ruleStrength[r] as number) * (c / (c + s.saturation));
    kwRaw[rule.theme] = (kwRaw[rule.theme] as number) + raw;
    const list = (parts[rule.theme] ??= []);
    if (n0 > 0) list.push({ rule, field: "title", count: n0, raw: (raw * fw.title * n0) / c });
    if (n1 > 0) list.push({ rule, field: "summary", count: n1, raw: (raw * fw.summary * n1) / c });
    if (n2 > 0) list.push({ rule, field: "text", count: n2, raw: (raw * fw.text * n2) / c });
  }


  const topN = options.topTerms ?? 5;
  const nearN = options.nearest ?? 3;
  const explain = options.explain ?? "all";
  const { partK, partC, partN, score } = scratch;
  const gate: ThemeEvidence["gate"][] = [];
  const nearIdx: number[][] = [];
  let best = 0;
  for (let t = 0; t < T; t++) {
    const raw = kwRaw[t] as number;
    partK[t] = s.weights.keywords * (1 - Math.exp(-raw / s.keywordScale));
    const c = Math.min(1, Math.max(0, cen[t] as number));
    partC[t] = s.weights.centroid * Math.min(1, c / s.centroidCap);
    const near = topOf(exSim, compiled.themeExemplars[t] as Int32Array, Math.max(1, nearN));
    nearIdx.push(near);
    const nn = near.length > 0 ? Math.min(1, exSim[near[0] as number] as number) : 0;
    partN[t] = s.weights.nearest * Math.min(1, nn / s.nearestCap);
    const group = compiled.matcher.themeGroup[t] as number;
    let inContext = group < 0 || contexts.has(group);
    if (!inContext && s.contextFactor > 0) {
      // Soft gate: out-of-context themes keep a reduced score (parts scaled alike).
      partK[t] = (partK[t] as number) * s.contextFactor;
      partC[t] = (partC[t] as number) * s.contextFactor;
      partN[t] = (partN[t] as number) * s.contextFactor;
      inContext = true;
    }
    const sc = Math.min(1, Math.max(0, (partK[t] as number) + (partC[t] as number) + (partN[t] as number)));
    score[t] = sc;
    if (sc > best) best = sc;
    const enough = raw >= s.minKeywordEvidence || (c >= s.minCosine && (overlap[t] as number) >= s.minOverlap);
    // Why the theme cannot pass whatever its threshold: no domain term, or too little evidence.
    gate.push(!inContext ? "no-context" : !enough ? "weak-evidence" : undefined);
  }

  // Decision: threshold, gates, relative cut, cap.
  const floor = s.relativeCut * best;
  // Themes by score, best first (ties keep theme order): insertion sort, T is small.
  const order: number[] = [];
  for (let t = 0; t < T; t++) {
    let at = t;
    while (at > 0 && (score[order[at - 1] as number] as number) < (score[t] as number)) {
      order[at] = order[at - 1] as number;
      at--;
    }
    order[at] = t;
  }
  const passed = new Uint8Array(T);
  const selected: string[] = [];
  for (const t of order) {
    if (selected.length >= maxThemes) break;
    const sc = score[t] as number;
    if (gate[t] === undefined && sc >= (themes[t] as Theme).threshold && sc >= floor) {
      passed[t] = 1;
      selected.push((themes[t] as Theme).id);
    }
  }

  const scores: Record<string, number> = {};
  for (let t = 0; t < T; t++) scores[(themes[t] as Theme).id] = round(score[t] as number);
  // The item's first word for a stem, for readable topTerms ("smuggling", not "smuggl").
  const shown: (string | undefined)[] = new Array<string | undefined>(K);
  const display = (k: number): string => {
    let word = shown[k];
    if (word === undefined) {
      const sid = sids[k] as number;
      for (const st of streams) {
        const at = st.stemIds.indexOf(sid);
        if (at >= 0) {
          word = st.words[at] as string;
          break;
        }
      }
      word ??= compiled.terms[ids[k] as number] as string;
      shown[k] = word;
    }
    return word;
  };
  const matches: ClassifiedMatch[] = order.map((t) => {
    const theme = themes[t] as Theme;
    const full = explain === "all" || (explain === "passed" && passed[t] === 1);
    const partCT = partC[t] as number;
    const cenT = cen[t] as number;
    const evidence: ThemeEvidence = {
      matchedTerms: full ? matchedTermsOf(parts[t] ?? [], kwRaw[t] as number, partK[t] as number) : [],
      topTerms: full ? topTermsOf(compiled.terms, ids, display, products, t, K, cenT > 0 ? partCT / cenT : 0, topN) : [],
      nearest: full
        ? (nearIdx[t] as number[]).slice(0, nearN).map((e) => {
            const ex = compiled.exemplars[e] as Exemplar;
            return { id: ex.id, title: ex.title, similarity: round(Math.min(1, exSim[e] as number)) };
          })
        : [],
      // The score is exactly the sum of these three parts.
      parts: { keywords: round(partK[t] as number), centroid: round(partCT), nearest: round(partN[t] as number) },
    };
    const g = gate[t];
    if (g !== undefined) evidence.gate = g;
    return { theme: theme.id, score: round(score[t] as number), threshold: theme.threshold, passed: passed[t] === 1, evidence };
  });

  return { themes: selected, scores, matches };
}

/**
 * Per-term share of the centroid cosine, scaled to the centroid channel's part of the score; `term`
 * is the item's word, `stem` the TF-IDF feature.
 */
function topTermsOf(
  terms: readonly string[],
  ids: readonly number[],
  display: (k: number) => string,
  products: Float64Array,
  t: number,
  K: number,
  scale: number,
  topN: number,
): { term: string; stem: string; weight: number }[] {
  if (!(scale > 0)) return [];
  return topProducts(products, t * K, K, topN).map((k) => ({
    term: display(k),
    stem: terms[ids[k] as number] as string,
    weight: round((products[t * K + k] as number) * scale),
  }));
}

interface FieldPart {
  rule: TermRule;
  field: Field;
  count: number;
  raw: number;
}

/** Matched keywords/phrases per field; contributions split the keyword part by raw evidence. */
function matchedTermsOf(parts: readonly FieldPart[], raw: number, kwPart: number): MatchedTerm[] {
  return parts
    .map((p) => ({ term: p.rule.term, field: p.field, count: p.count, contribution: round(raw > 0 ? (kwPart * p.raw) / raw : 0) }))
    .sort((a, b) => b.contribution - a.contribution);
}
