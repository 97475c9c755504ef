import type { ThemeMatch } from "@corpus/model";
import { FIELDS, matchField, type Field, type TermRule } from "./matcher";
import { getInternals } from "./model";
import { tokenize, type TokenStream } from "./text/analyze";
import type { ClassifierModel, ClassifyInput } from "./types";
import { sublinear } from "./vectors";

export interface Classification {
  /** Ids of the themes that passed their threshold, best first, at most `maxThemes`. */
  themes: string[];
  /** Every theme id -> score in [0, 1]. */
  scores: Record<string, number>;
  /** Every theme, best first, with the evidence for its score. */
  matches: ThemeMatch[];
}

export interface ClassifyOptions {
  /** Cap on `themes` (default: the model's `scoring.maxThemes`, 3). */
  maxThemes?: number;
  /** Entries in `evidence.topTerms` and `evidence.nearest` per theme (default 5 and 3). */
  topTerms?: number;
  nearest?: number;
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
  const ruleCounts: Map<number, number>[] = [];
  const contexts = new Set<number>();
  const bag = new Map<string, number>();
  FIELDS.forEach((field, f) => {
    const counts = new Map<number, number>();
    ruleCounts.push(counts);
    const text = fieldText[field];
    if (!text) return;
    const stream: TokenStream = tokenize(text);
    matchField(compiled.matcher, stream, s.exclusionWindow, counts, contexts);
    const w = s.fieldWeights[field];
    for (const st of stream.stems) if (st) bag.set(st, (bag.get(st) ?? 0) + w);
    void f;
  });

  // Item vector (ids in the fitted vocabulary; unknown terms still count in the norm).
  const ids: number[] = [];
  const ws: number[] = [];
  let norm = 0;
  for (const [stem, tf] of bag) {
    const id = compiled.termIndex.get(stem);
    const w = sublinear(tf) * (id === undefined ? compiled.oovIdf : (compiled.idf[id] as number));
    norm += w * w;
    if (id !== undefined) {
      ids.push(id);
      ws.push(w);
    }
  }
  norm = Math.sqrt(norm) || 1;
  const cen = new Float64Array(T);
  const overlap = new Int32Array(T);
  const exSim = new Float64Array(compiled.exemplars.length);
  const cp = compiled.centroidPostings;
  const ep = compiled.exemplarPostings;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    const w = (ws[k] as number) / norm;
    ws[k] = w;
    const informative = (compiled.idf[id] as number) >= compiled.informativeIdf;
    for (let p = cp.offsets[id] as number, end = cp.offsets[id + 1] as number; p < end; p++) {
      const t = cp.targets[p] as number;
      cen[t] = (cen[t] as number) + w * (cp.weights[p] as number);
      if (informative) overlap[t] = (overlap[t] as number) + 1;
    }
    for (let p = ep.offsets[id] as number, end = ep.offsets[id + 1] as number; p < end; p++) {
      const e = ep.targets[p] as number;
      exSim[e] = (exSim[e] as number) + w * (ep.weights[p] as number);
    }
  }

  // Keyword evidence per theme, with per-field parts for the explanation.
  const kwRaw = new Float64Array(T);
  const parts: { theme: number; rule: TermRule; field: Field; count: number; raw: number }[] = [];
  const fired = new Set<number>();
  for (const counts of ruleCounts) for (const r of counts.keys()) fired.add(r);
  for (const r of fired) {
    const rule = compiled.matcher.rules[r] as TermRule;
    let c = 0;
    FIELDS.forEach((field, f) => {
      c += s.fieldWeights[field] * ((ruleCounts[f] as Map<number, number>).get(r) ?? 0);
    });
    const raw = (compiled.ruleStrength[r] as number) * (c / (c + s.saturation));
    kwRaw[rule.theme] = (kwRaw[rule.theme] as number) + raw;
    FIELDS.forEach((field, f) => {
      const n = (ruleCounts[f] as Map<number, number>).get(r) ?? 0;
      if (n > 0) parts.push({ theme: rule.theme, rule, field, count: n, raw: (raw * s.fieldWeights[field] * n) / c });
    });
  }

  const nearestBest = new Float64Array(T);
  compiled.exemplars.forEach((ex, e) => {
    const sim = exSim[e] as number;
    for (const t of ex.themes) if (sim > (nearestBest[t] as number)) nearestBest[t] = sim;
  });

  const topN = options.topTerms ?? 5;
  const nearN = options.nearest ?? 3;
  const matches: ThemeMatch[] = [];
  const scores: Record<string, number> = {};
  const eligible: boolean[] = [];
  for (let t = 0; t < T; t++) {
    const theme = themes[t] as (typeof themes)[number];
    const raw = kwRaw[t] as number;
    const kwPart = s.weights.keywords * (1 - Math.exp(-raw / s.keywordScale));
    const c = Math.min(1, Math.max(0, cen[t] as number));
    const cenPart = s.weights.centroid * Math.min(1, c / s.centroidCap);
    const nn = Math.min(1, Math.max(0, nearestBest[t] as number));
    const nnPart = s.weights.nearest * Math.min(1, nn / s.nearestCap);
    const score = Math.min(1, Math.max(0, kwPart + cenPart + nnPart));
    const group = compiled.matcher.themeGroup[t] as number;
    const inContext = group < 0 || contexts.has(group);
    const enough = raw >= s.minKeywordEvidence || (c >= s.minCosine && (overlap[t] as number) >= s.minOverlap);
    eligible.push(inContext && enough && score >= theme.threshold);
    scores[theme.id] = round(score);

    const matchedTerms = parts
      .filter((p) => p.theme === t)
      .map((p) => ({
        term: p.rule.term,
        field: p.field,
        count: p.count,
        contribution: round(raw > 0 ? (kwPart * p.raw) / raw : 0),
      }))
      .sort((a, b) => b.contribution - a.contribution);

    // Per-term share of the centroid cosine, scaled to the centroid channel's part of the score.
    const centroid = compiled.centroids[t];
    const termParts: { term: string; weight: number }[] = [];
    if (centroid && c > 0) {
      const scale = cenPart / (cen[t] as number);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        for (let p = cp.offsets[id] as number, end = cp.offsets[id + 1] as number; p < end; p++) {
          if (cp.targets[p] !== t) continue;
          termParts.push({ term: compiled.terms[id] as string, weight: round((ws[k] as number) * (cp.weights[p] as number) * scale) });
        }
      }
      termParts.sort((a, b) => b.weight - a.weight);
    }

    const nearest: { id: string; title: string; similarity: number }[] = [];
    compiled.exemplars.forEach((ex, e) => {
      const sim = exSim[e] as number;
      if (sim > 0 && ex.themes.includes(t)) nearest.push({ id: ex.id, title: ex.title, similarity: round(Math.min(1, sim)) });
    });
    nearest.sort((a, b) => b.similarity - a.similarity);

    const evidenceOut: ThemeMatch["evidence"] & { parts: Record<string, number>; gate?: string } = {
      matchedTerms,
      topTerms: termParts.slice(0, topN),
      nearest: nearest.slice(0, nearN),
      // The score is exactly the sum of these three parts.
      parts: { keywords: round(kwPart), centroid: round(cenPart), nearest: round(nnPart) },
    };
    // Why the theme cannot pass whatever its threshold: no domain term, or too little evidence.
    if (!inContext) evidenceOut.gate = "no-context";
    else if (!enough) evidenceOut.gate = "weak-evidence";
    matches.push({ theme: theme.id, score: round(score), threshold: theme.threshold, passed: false, evidence: evidenceOut });
  }

  let best = 0;
  for (const m of matches) if (m.score > best) best = m.score;
  const floor = s.relativeCut * best;
  const order = matches.map((_, i) => i).sort((a, b) => (matches[b] as ThemeMatch).score - (matches[a] as ThemeMatch).score || a - b);
  const selected: string[] = [];
  for (const i of order) {
    if (selected.length >= maxThemes) break;
    if (eligible[i] && (matches[i] as ThemeMatch).score >= floor) {
      const m = matches[i] as ThemeMatch;
      m.passed = true;
      selected.push(m.theme);
    }
  }
  return { themes: selected, scores, matches: order.map((i) => matches[i] as ThemeMatch) };
}
