import type { DocumentInput, Theme, ThemeInput } from "@corpus/model";
import { compileMatcher, type Matcher, type RuleCounts } from "./matcher";
import { addToBag, bag, startBag } from "./bag";
import { idCounts, maintainMemo, memoEpoch, stemText } from "./text/memo";
import { tokenize, type TokenStream } from "./text/tokenize";
import { normalizeThemes } from "./themes";
import type { ClassifierModel, ScoringSettings, TrainOptions } from "./types";
import { Accumulator, invert, sublinear, type Postings, type Sparse } from "./vectors";

/** 2: numeric arrays as base64 (see codec.ts), vocabulary as one string. */
export const FORMAT_VERSION = 2;

export const DEFAULT_SCORING: Readonly<ScoringSettings> = Object.freeze({
  fieldWeights: { title: 2.5, summary: 1.2, text: 0.5 },
  saturation: 1,
  keywordScale: 1.5,
  weights: { keywords: 0.6, centroid: 0.25, nearest: 0.15 },
  centroidCap: 0.4,
  nearestCap: 0.5,
  pseudoDocWeight: 0.5,
  minKeywordEvidence: 0.3,
  minCosine: 0.12,
  minOverlap: 2,
  relativeCut: 0.6,
  contextFactor: 0,
  exclusionWindow: 3,
  maxThemes: 3,
});

/** A corpus document whose term counts the model keeps (exemplar candidates). */
export interface PoolDoc {
  readonly id: string;
  readonly title: string;
  /** Curator theme labels. */
  readonly labels: readonly string[];
  /** Ids into `ModelState.vocab`, with field-weighted term frequencies (multiples of 0.001). */
  readonly terms: ArrayLike<number>;
  readonly tf: ArrayLike<number>;
}

/** What a model keeps (and serialises): corpus statistics, exemplar candidates, themes. */
export interface ModelState {
  readonly scoring: ScoringSettings;
  readonly keepDocuments: "labelled" | "all";
  readonly themes: readonly Theme[];
  /** Corpus vocabulary (stems) and document frequencies over corpus documents. */
  readonly vocab: readonly string[];
  readonly df: readonly number[];
  /** Ids of the corpus documents counted, in order. */
  readonly docIds: readonly string[];
  readonly pool: readonly PoolDoc[];
}

export interface Exemplar {
  readonly id: string;
  readonly title: string;
  /** Theme indices this exemplar stands for. */
  readonly themes: readonly number[];
  readonly vector: Sparse;
}

/** Derived from the state when a model is built or loaded; never serialised. */
export interface Compiled {
  readonly termIndex: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  readonly idf: Float64Array;
  /** idf of a term no document has. */
  readonly oovIdf: number;
  /** Terms at or above this idf count as informative overlap. */
  readonly informativeIdf: number;
  readonly exemplars: readonly Exemplar[];
  readonly centroids: readonly Sparse[];
  readonly centroidPostings: Postings;
  readonly exemplarPostings: Postings;
  readonly matcher: Matcher;
  /** Per rule: weight x idf factor (keywords) or weight (phrases). */
  readonly ruleStrength: Float64Array;
  /** Exemplar ids named by a theme but not found among the kept documents. */
  readonly missingExemplars: readonly { theme: string; id: string }[];
  /** Per theme, indices into `exemplars`. */
  readonly themeExemplars: readonly Int32Array[];
  /** Buffers reused by `classify` (synchronous, so never shared by two calls at once). */
  readonly scratch: Scratch;
}

export interface Scratch {
  /** Memo stem id -> term id (-1 not in the vocabulary, -2 not looked up), for `epoch`. */
  epoch: number;
  termOfStem: Int32Array;
  cen: Float64Array;
  overlap: Int32Array;
  kwRaw: Float64Array;
  exSim: Float64Array;
  /** Item term k times one centroid (topTerms). */
  products: Float64Array;
  partK: Float64Array;
  partC: Float64Array;
  partN: Float64Array;
  score: Float64Array;
  /** Scores rounded for output. */
  rounded: Float64Array;
  /** Per theme: 0, or why it cannot pass (1 no context, 2 weak evidence). */
  gate: Uint8Array;
  passed: Uint8Array;
  /** Theme indices by score, best first. */
  order: Int32Array;
  /** Rule counts per field and fired rules of the current item. */
  rules: RuleCounts;
  /** Raw keyword evidence per fired rule (parallel to `rules.fired`). */
  ruleRaw: Float64Array;
  /** Context groups present in the current item. */
  contexts: Set<number>;
  /** The item vector: term ids, memo stem ids and weights of its first K entries. */
  ids: Int32Array;
  sids: Int32Array;
  ws: Float64Array;
}

interface Internals {
  readonly state: ModelState;
  readonly compiled: Compiled;
}

const internals = new WeakMap<ClassifierModel, Internals>();

export function getInternals(model: ClassifierModel): Internals {
  const found = internals.get(model);
  if (!found) throw new TypeError("[classify] not a classifier model: create one with train() or deserializeModel()");
  return found;
}

function idfOf(df: number, n: number): number {
  const idf = Math.log((1 + n) / (1 + df)) + 1;
  // Terms in more than half of the documents say little about a theme.
  return df > n / 2 ? idf * 0.5 : idf;
}

/** Field-weighted stem frequencies of a document or exemplar text into the shared bag (see bag.ts). */
function countDocument(doc: DocumentInput, fw: ScoringSettings["fieldWeights"]): void {
  maintainMemo();
  const streams: [TokenStream, number][] = [[tokenize(doc.title), fw.title]];
  for (const f of [doc.abstract, doc.summary]) if (f) streams.push([tokenize(f), fw.summary]);
  if (doc.keywords && doc.keywords.length > 0) streams.push([tokenize(doc.keywords.join(" ; ")), fw.summary]);
  if (doc.text) streams.push([tokenize(doc.text), fw.text]);
  startBag();
  for (const [stream, w] of streams) addToBag(stream.stemIds, w);
}

/** countDocument into a Map stem -> frequency. */
function countToMap(doc: DocumentInput, fw: ScoringSettings["fieldWeights"]): Map<string, number> {
  countDocument(doc, fw);
  const out = new Map<string, number>();
  for (let k = 0; k < bag.size; k++) {
    const sid = bag.touched[k] as number;
    out.set(stemText(sid), bag.tf[sid] as number);
  }
  return out;
}

function curatorLabels(doc: DocumentInput): string[] {
  const out: string[] = [];
  for (const t of doc.themes ?? []) if (t.by === "curator" && !out.includes(t.theme)) out.push(t.theme);
  return out;
}

function mergeScoring(options: TrainOptions["scoring"] = {}): ScoringSettings {
  return {
    ...DEFAULT_SCORING,
    ...options,
    fieldWeights: { ...DEFAULT_SCORING.fieldWeights, ...options.fieldWeights },
    weights: { ...DEFAULT_SCORING.weights, ...options.weights },
  };
}

/** Adds documents to (copies of) the corpus statistics. Documents already counted are skipped. */
function addToState(state: ModelState, docs: readonly DocumentInput[]): ModelState {
  const vocab = state.vocab.slice();
  const df = state.df.slice();
  const docIds = state.docIds.slice();
  const pool = state.pool.slice();
  const index = new Map<string, number>();
  vocab.forEach((t, i) => index.set(t, i));
  const seen = new Set(docIds);
  const exemplarIds = new Set(state.themes.flatMap((t) => t.exemplarIds));
  // memo stem id -> vocabulary id (-1: not looked up), for the memo epoch `cacheEpoch`.
  let vocabOf = new Int32Array(0);
  let cacheEpoch = -1;
  for (const doc of docs) {
    if (typeof doc.id !== "string" || typeof doc.title !== "string") {
      throw new TypeError("[classify] every corpus document needs a string `id` and `title`");
    }
    if (seen.has(doc.id)) continue;
    seen.add(doc.id);
    docIds.push(doc.id);
    countDocument(doc, state.scoring.fieldWeights);
    const epoch = memoEpoch();
    const stems = idCounts().stems;
    if (epoch !== cacheEpoch || vocabOf.length < stems) {
      const next = new Int32Array(Math.max(1024, stems * 2)).fill(-1);
      if (epoch === cacheEpoch) next.set(vocabOf);
      vocabOf = next;
      cacheEpoch = epoch;
    }
    const terms: number[] = [];
    const tf: number[] = [];
    for (let k = 0; k < bag.size; k++) {
      const sid = bag.touched[k] as number;
      let id = vocabOf[sid] as number;
      if (id < 0) {
        const stem = stemText(sid);
        id = index.get(stem) ?? -1;
        if (id < 0) {
          id = vocab.length;
          vocab.push(stem);
          df.push(0);
          index.set(stem, id);
        }
        vocabOf[sid] = id;
      }
      df[id] = (df[id] as number) + 1;
      terms.push(id);
      tf.push(Math.round((bag.tf[sid] as number) * 1000) / 1000);
    }
    const labels = curatorLabels(doc);
    if (state.keepDocuments === "all" || labels.length > 0 || exemplarIds.has(doc.id)) {
      pool.push({ id: doc.id, title: doc.title, labels, terms, tf });
    }
  }
  return { ...state, vocab, df, docIds, pool };
}

/** Builds the scoring structures from the state: idf, exemplar vectors, centroids, postings. */
export function compile(state: ModelState): Compiled {
  const { themes, scoring } = state;
  const fw = scoring.fieldWeights;
  const themeIndex = new Map(themes.map((t, i) => [t.id, i]));
  const terms = state.vocab.slice();
  const termIndex = new Map<string, number>();
  terms.forEach((t, i) => termIndex.set(t, i));
  const dfAll = state.df.slice();
  const intern = (stem: string): number => {
    let id = termIndex.get(stem);
    if (id === undefined) {
      id = terms.length;
      terms.push(stem);
      dfAll.push(0);
      termIndex.set(stem, id);
    }
    return id;
  };

  // Exemplar texts from the themes count as documents of the fitted collection.
  const textBags: { theme: number; id: string; title: string; bag: Map<number, number> }[] = [];
  themes.forEach((theme, t) => {
    for (const ex of theme.exemplarTexts) {
      const counts = countToMap({ id: ex.id, kind: "other", title: ex.title, text: ex.text }, fw);
      const ids = new Map<number, number>();
      for (const [stem, f] of counts) {
        const id = intern(stem);
        dfAll[id] = (dfAll[id] as number) + 1;
        ids.set(id, f);
      }
      textBags.push({ theme: t, id: ex.id, title: ex.title, bag: ids });
    }
  });
  const matcher = compileMatcher(themes);
  for (const rule of matcher.rules) for (const u of rule.kind === "keyword" ? rule.units : []) intern(u);

  const n = state.docIds.length + textBags.length;
  const idf = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) idf[i] = idfOf(dfAll[i] as number, n);
  const oovIdf = idfOf(0, n);
  const informativeIdf = idfOf(Math.max(1, Math.floor(n * 0.2)), n);

  // One buffer for every vector built below (no Map or tuple per term).
  const acc = new Accumulator(terms.length);
  const weigh = (bag: Iterable<[number, number]>): Sparse => {
    for (const [id, f] of bag) acc.set(id, sublinear(f) * (idf[id] as number));
    return acc.toSparse();
  };
  const weighDoc = (d: PoolDoc): Sparse => {
    for (let k = 0; k < d.terms.length; k++) {
      const id = d.terms[k] as number;
      acc.set(id, sublinear(d.tf[k] as number) * (idf[id] as number));
    }
    return acc.toSparse();
  };

  // Exemplars: kept corpus documents labelled with (or named by) a theme, and exemplar texts.
  const exemplars: Exemplar[] = [];
  const missingExemplars: { theme: string; id: string }[] = [];
  const poolById = new Map(state.pool.map((d) => [d.id, d]));
  const docThemes = new Map<string, number[]>();
  for (const d of state.pool) {
    for (const label of d.labels) {
      const t = themeIndex.get(label);
      if (t !== undefined) docThemes.set(d.id, [...(docThemes.get(d.id) ?? []), t]);
    }
  }
  themes.forEach((theme, t) => {
    for (const id of theme.exemplarIds) {
      if (!poolById.has(id)) {
        missingExemplars.push({ theme: theme.id, id });
        continue;
      }
      const list = docThemes.get(id) ?? [];
      if (!list.includes(t)) docThemes.set(id, [...list, t]);
    }
  });
  for (const [id, ts] of docThemes) {
    const d = poolById.get(id) as PoolDoc;
    exemplars.push({
      id,
      title: d.title,
      themes: ts.sort((a, b) => a - b),
      vector: weighDoc(d),
    });
  }
  for (const tb of textBags) exemplars.push({ id: tb.id, title: tb.title, themes: [tb.theme], vector: weigh(tb.bag) });

  // Centroids: mean of the theme's exemplar vectors plus the keyword pseudo-document (Rocchio).
  const centroids: Sparse[] = themes.map((_, t) => {
    let count = 0;
    for (const ex of exemplars) {
      if (!ex.themes.includes(t)) continue;
      count++;
      const { ids, values } = ex.vector;
      for (let k = 0; k < ids.length; k++) acc.add(ids[k] as number, values[k] as number);
    }
    const mean = count > 0 ? acc.toSparse() : undefined;
    for (const rule of matcher.rules) {
      if (rule.theme !== t) continue;
      for (const s of rule.stems) {
        if (!s) continue;
        const id = intern(s);
        acc.add(id, rule.weight * (idf[id] ?? oovIdf));
      }
    }
    const p = acc.size > 0 ? acc.toSparse() : undefined;
    if (mean) for (let k = 0; k < mean.ids.length; k++) acc.set(mean.ids[k] as number, mean.values[k] as number);
    const beta = mean ? scoring.pseudoDocWeight : 1;
    if (p) for (let k = 0; k < p.ids.length; k++) acc.add(p.ids[k] as number, beta * (p.values[k] as number));
    return acc.toSparse();
  });

  // Phrase words may have added terms after idf was sized: extend.
  const idfFull = new Float64Array(terms.length);
  idfFull.set(idf);
  for (let i = idf.length; i < terms.length; i++) idfFull[i] = oovIdf;

  const maxIdf = oovIdf;
  const ruleStrength = new Float64Array(matcher.rules.length);
  matcher.rules.forEach((rule, r) => {
    if (rule.kind === "phrase") {
      ruleStrength[r] = rule.weight;
    } else {
      const id = termIndex.get(rule.units[0] as string);
      const f = id === undefined ? 1 : (idfFull[id] as number) / maxIdf;
      ruleStrength[r] = rule.weight * (0.5 + 0.5 * Math.min(1, f));
    }
  });

  const themeExemplars = themes.map((_, t) => Int32Array.from(exemplars.flatMap((ex, e) => (ex.themes.includes(t) ? [e] : []))));
  const T = themes.length;
  return {
    themeExemplars,
    scratch: {
      epoch: -1,
      termOfStem: new Int32Array(0),
      cen: new Float64Array(T),
      overlap: new Int32Array(T),
      kwRaw: new Float64Array(T),
      exSim: new Float64Array(exemplars.length),
      products: new Float64Array(256),
      partK: new Float64Array(T),
      partC: new Float64Array(T),
      partN: new Float64Array(T),
      score: new Float64Array(T),
      rounded: new Float64Array(T),
      gate: new Uint8Array(T),
      passed: new Uint8Array(T),
      order: new Int32Array(T),
      rules: { counts: new Int32Array(matcher.rules.length * 3), fired: [] },
      ruleRaw: new Float64Array(64),
      contexts: new Set(),
      ids: new Int32Array(256),
      sids: new Int32Array(256),
      ws: new Float64Array(256),
    },
    termIndex,
    terms,
    idf: idfFull,
    oovIdf,
    informativeIdf,
    exemplars,
    centroids,
    centroidPostings: invert(centroids, terms.length),
    exemplarPostings: invert(exemplars.map((e) => e.vector), terms.length),
    matcher,
    ruleStrength,
    missingExemplars,
  };
}

/** Wraps a state into a frozen public model object. */
export function makeModel(state: ModelState): ClassifierModel {
  const compiled = compile(state);
  const model: ClassifierModel = Object.freeze({
    formatVersion: FORMAT_VERSION,
    themes: Object.freeze(state.themes.slice()),
    stats: Object.freeze({
      documents: state.docIds.length,
      vocabulary: compiled.terms.length,
      exemplars: compiled.exemplars.length,
    }),
    scoring: Object.freeze({ ...state.scoring }),
  });
  internals.set(model, { state, compiled });
  return model;
}

/**
 * Fits a model: document frequencies over the corpus plus the themes' exemplar texts, exemplar
 * vectors for curator-labelled documents (and ids the themes name), theme centroids and the
 * keyword/phrase rules.
 */
export function train(
  corpus: readonly DocumentInput[],
  themes: readonly ThemeInput[],
  options: TrainOptions = {},
): ClassifierModel {
  const empty: ModelState = {
    scoring: mergeScoring(options.scoring),
    keepDocuments: options.keepDocuments ?? "labelled",
    themes: normalizeThemes(themes),
    vocab: [],
    df: [],
    docIds: [],
    pool: [],
  };
  return makeModel(addToState(empty, corpus));
}

/**
 * Adds documents to a model without refitting from scratch: document frequencies are updated
 * and the derived structures rebuilt from the stored counts, so the result equals a model trained
 * on all documents, with two exceptions: a document whose id was already counted is skipped (a
 * changed text is not recounted), and documents that are neither labelled nor named as exemplars
 * keep only their document frequencies (with keepDocuments "labelled").
 */
export function addDocuments(model: ClassifierModel, docs: readonly DocumentInput[]): ClassifierModel {
  return makeModel(addToState(getInternals(model).state, docs));
}

/**
 * Replaces the themes, keeping the fitted corpus statistics. Exemplar ids of the new themes must
 * be documents the model kept (labelled ones, or any with keepDocuments "all").
 */
export function withThemes(model: ClassifierModel, themes: readonly ThemeInput[]): ClassifierModel {
  const { state } = getInternals(model);
  return makeModel({ ...state, themes: normalizeThemes(themes) });
}

/** Exemplar ids named by the model's themes that it does not hold. */
export function missingExemplars(model: ClassifierModel): readonly { theme: string; id: string }[] {
  return getInternals(model).compiled.missingExemplars;
}
