import type { MatchedTerm, Theme, ThemeMatch } from "@corpus/model";
import { clearRuleCounts, matchField, type Field, type TermRule } from "./matcher";
import { getInternals, type Compiled, type Exemplar } from "./model";
import { addToBag, bag, startBag } from "./bag";
import { maintainMemo, memoEpoch, stemCount as memoStemCount, stemText } from "./text/memo";
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
   * Which matches get full evidence (matched terms, top terms, nearest exemplars): "passed"
   * (default: the returned themes, the ones an explanation is about), "all" (every theme, e.g. to
   * show why a theme did not pass; slower) or "none". Scores, thresholds, parts and gates are
   * always given for every theme.
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
  const fw = s.fieldWeights;
  const themes = state.themes;
  const T = themes.length;
  const maxThemes = options.maxThemes ?? s.maxThemes;
  const fieldText = itemFields(item);
  const matcher = compiled.matcher;

  // Keyword and phrase rules, per field; field-weighted stem frequencies for the vector.
  maintainMemo();
  const streams = [tokenize(fieldText.title), tokenize(fieldText.summary), tokenize(fieldText.text)];
  const epoch = memoEpoch();
  const scratch = compiled.scratch;
  const stemCount = memoStemCount();
  if (scratch.epoch !== epoch || scratch.termOfStem.length < stemCount) {
    const next = new Int32Array(Math.max(1024, stemCount * 2)).fill(-2);
    if (scratch.epoch === epoch) next.set(scratch.termOfStem);
    scratch.termOfStem = next;
    scratch.epoch = epoch;
  }
  const rc = scratch.rules;
  const contexts = scratch.contexts;
  clearRuleCounts(rc);
  if (contexts.size > 0) contexts.clear();
  startBag();
  for (let f = 0; f < 3; f++) {
    const stream = streams[f] as TokenStream;
    if (stream.words.length === 0) continue;
    matchField(matcher, stream, s.exclusionWindow, f, rc, contexts);
    addToBag(stream.stemIds, f === 0 ? fw.title : f === 1 ? fw.summary : fw.text);
  }

  // Item vector (ids in the fitted vocabulary; unknown terms still count in the norm).
  if (scratch.ids.length < bag.size) {
    scratch.ids = new Int32Array(bag.size * 2);
    scratch.sids = new Int32Array(bag.size * 2);
    scratch.ws = new Float64Array(bag.size * 2);
  }
  /** Term ids; memo stem ids (to show the item's own word for a term); weights. */
  const { ids, sids, ws } = scratch;
  let K = 0;
  let norm = 0;
  const termOfStem = scratch.termOfStem;
  const idf = compiled.idf;
  for (let k = 0; k < bag.size; k++) {
    const sid = bag.touched[k] as number;
    let id = termOfStem[sid] as number;
    if (id === -2) {
      id = compiled.termIndex.get(stemText(sid)) ?? -1;
      termOfStem[sid] = id;
    }
    const w = sublinear(bag.tf[sid] as number) * (id < 0 ? compiled.oovIdf : (idf[id] as number));
    norm += w * w;
    if (id >= 0) {
      ids[K] = id;
      sids[K] = sid;
      ws[K] = w;
      K++;
    }
  }
  norm = Math.sqrt(norm) || 1;
  const cen = scratch.cen.fill(0);
  const overlap = scratch.overlap.fill(0);
  const exSim = scratch.exSim.fill(0);
  const cp = compiled.centroidPostings;
  const ep = compiled.exemplarPostings;
  const informativeIdf = compiled.informativeIdf;
  // products[t * K + k]: item term k times centroid t (for topTerms).
  if (scratch.products.length < T * K) scratch.products = new Float64Array(T * K * 2);
  const products = scratch.products.fill(0, 0, T * K);
  for (let k = 0; k < K; k++) {
    const id = ids[k] as number;
    const w = (ws[k] as number) / norm;
    const informative = (idf[id] as number) >= informativeIdf;
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

  // Keyword evidence per theme.
  const kwRaw = scratch.kwRaw.fill(0);
  const fired = rc.fired;
  const ruleRaw = scratch.ruleRaw.length >= fired.length ? scratch.ruleRaw : (scratch.ruleRaw = new Float64Array(fired.length * 2));
  for (let j = 0; j < fired.length; j++) {
    const r = fired[j] as number;
    const theme = (matcher.rules[r] as TermRule).theme;
    const c = fw.title * (rc.counts[r * 3] as number) + fw.summary * (rc.counts[r * 3 + 1] as number) + fw.text * (rc.counts[r * 3 + 2] as number);
    const raw = (compiled.ruleStrength[r] as number) * (c / (c + s.saturation));
    ruleRaw[j] = raw;
    kwRaw[theme] = (kwRaw[theme] as number) + raw;
  }

  const topN = options.topTerms ?? 5;
  const nearN = options.nearest ?? 3;
  const explain = options.explain ?? "passed";
  const { partK, partC, partN, score, gate } = scratch;
  let best = 0;
  for (let t = 0; t < T; t++) {
    const raw = kwRaw[t] as number;
    partK[t] = s.weights.keywords * (1 - Math.exp(-raw / s.keywordScale));
    const c = Math.min(1, Math.max(0, cen[t] as number));
    partC[t] = s.weights.centroid * Math.min(1, c / s.centroidCap);
    // The nearest exemplar: the largest positive similarity among the theme's exemplars.
    let nn = 0;
    for (const e of compiled.themeExemplars[t] as Int32Array) {
      const v = exSim[e] as number;
      if (v > nn) nn = v;
    }
    partN[t] = s.weights.nearest * Math.min(1, Math.min(1, nn) / s.nearestCap);
    const group = matcher.themeGroup[t] as number;
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
    gate[t] = !inContext ? NO_CONTEXT : !enough ? WEAK_EVIDENCE : 0;
  }

  // Decision: threshold, gates, relative cut, cap.
  const floor = s.relativeCut * best;
  // Themes by score, best first (ties keep theme order): insertion sort, T is small.
  const order = scratch.order;
  for (let t = 0; t < T; t++) {
    let at = t;
    while (at > 0 && (score[order[at - 1] as number] as number) < (score[t] as number)) {
      order[at] = order[at - 1] as number;
      at--;
    }
    order[at] = t;
  }
  const passed = scratch.passed.fill(0);
  const selected: string[] = [];
  for (let i = 0; i < T; i++) {
    if (selected.length >= maxThemes) break;
    const t = order[i] as number;
    const sc = score[t] as number;
    if (gate[t] === 0 && sc >= (themes[t] as Theme).threshold && sc >= floor) {
      passed[t] = 1;
      selected.push((themes[t] as Theme).id);
    }
  }

  const scores: Record<string, number> = {};
  const rounded = scratch.rounded;
  for (let t = 0; t < T; t++) {
    rounded[t] = round(score[t] as number);
    scores[(themes[t] as Theme).id] = rounded[t] as number;
  }
  const evidenceFor = (t: number): Pick<ThemeEvidence, "matchedTerms" | "topTerms" | "nearest"> => {
    // Matched keywords/phrases per field, in the order they fired.
    const parts: FieldPart[] = [];
    for (let j = 0; j < fired.length; j++) {
      const r = fired[j] as number;
      const rule = matcher.rules[r] as TermRule;
      if (rule.theme !== t) continue;
      const raw = ruleRaw[j] as number;
      const n0 = rc.counts[r * 3] as number;
      const n1 = rc.counts[r * 3 + 1] as number;
      const n2 = rc.counts[r * 3 + 2] as number;
      const c = fw.title * n0 + fw.summary * n1 + fw.text * n2;
      if (n0 > 0) parts.push({ rule, field: "title", count: n0, raw: (raw * fw.title * n0) / c });
      if (n1 > 0) parts.push({ rule, field: "summary", count: n1, raw: (raw * fw.summary * n1) / c });
      if (n2 > 0) parts.push({ rule, field: "text", count: n2, raw: (raw * fw.text * n2) / c });
    }
    const partCT = partC[t] as number;
    const cenT = cen[t] as number;
    const near = topOf(exSim, compiled.themeExemplars[t] as Int32Array, Math.max(1, nearN));
    return {
      matchedTerms: matchedTermsOf(parts, kwRaw[t] as number, partK[t] as number),
      topTerms: topTermsOf(compiled, streams, ids, sids, products, K, t, cenT > 0 ? partCT / cenT : 0, topN),
      nearest: near.slice(0, nearN).map((e) => {
        const ex = compiled.exemplars[e] as Exemplar;
        return { id: ex.id, title: ex.title, similarity: round(Math.min(1, exSim[e] as number)) };
      }),
    };
  };
  const matches: ClassifiedMatch[] = new Array<ClassifiedMatch>(T);
  for (let i = 0; i < T; i++) {
    const t = order[i] as number;
    const theme = themes[t] as Theme;
    const full = explain === "all" || (explain === "passed" && passed[t] === 1);
    const ev = full ? evidenceFor(t) : { matchedTerms: [], topTerms: [], nearest: [] };
    const evidence: ThemeEvidence = {
      matchedTerms: ev.matchedTerms,
      topTerms: ev.topTerms,
      nearest: ev.nearest,
      // The score is exactly the sum of these three parts.
      parts: { keywords: round(partK[t] as number), centroid: round(partC[t] as number), nearest: round(partN[t] as number) },
    };
    const g = gate[t];
    if (g === NO_CONTEXT) evidence.gate = "no-context";
    else if (g === WEAK_EVIDENCE) evidence.gate = "weak-evidence";
    matches[i] = { theme: theme.id, score: rounded[t] as number, threshold: theme.threshold, passed: passed[t] === 1, evidence };
  }

  return { themes: selected, scores, matches };
}

const NO_CONTEXT = 1;
const WEAK_EVIDENCE = 2;

/**
 * Per-term share of the centroid cosine, scaled to the centroid channel's part of the score; `term`
 * is the item's word, `stem` the TF-IDF feature.
 */
function topTermsOf(
  compiled: Compiled,
  streams: readonly TokenStream[],
  ids: Int32Array,
  sids: Int32Array,
  products: Float64Array,
  K: number,
  t: number,
  scale: number,
  topN: number,
): { term: string; stem: string; weight: number }[] {
  if (!(scale > 0)) return [];
  return topProducts(products, t * K, K, topN).map((k) => ({
    term: displayWord(compiled, streams, ids, sids, k),
    stem: compiled.terms[ids[k] as number] as string,
    weight: round((products[t * K + k] as number) * scale),
  }));
}

/** The item's first word for a stem, for readable topTerms ("smuggling", not "smuggl"). */
function displayWord(compiled: Compiled, streams: readonly TokenStream[], ids: Int32Array, sids: Int32Array, k: number): string {
  const sid = sids[k] as number;
  for (const st of streams) {
    const at = st.stemIds.indexOf(sid);
    if (at >= 0) return st.words[at] as string;
  }
  return compiled.terms[ids[k] as number] as string;
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
