import type { Theme } from "@corpus/model";
import type { z } from "zod";
import { modelPackage, zodPackage } from "./deps";
import { ModelFormatError } from "./errors";
import { decodeUint32, encodeUint32 } from "./codec";
import { isCanonicalHead } from "./file-check";
import { FORMAT_VERSION, getInternals, makeModel, type ModelState, type PoolDoc } from "./model";
import type { ClassifierModel, ScoringSettings } from "./types";

/** Marks our files, so another JSON file is reported as such and not as "invalid". */
export const MODEL_FORMAT = "corpus-classify-model";

interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  scoring: ScoringSettings;
  keepDocuments: "labelled" | "all";
  themes: Theme[];
  corpus: {
    documents: string[];
    /** The vocabulary (stems: never a line break) joined with "\n". */
    vocab: string;
    /** Document frequencies (see codec.ts). */
    df: string;
  };
  /** The kept documents, column by column; terms and tf of all documents one after another. */
  pool: {
    ids: string[];
    titles: string[];
    labels: string[][];
    /** Terms per document. */
    lengths: string;
    terms: string;
    /** Term frequencies x 1000 (they are multiples of 0.001). */
    tf: string;
  };
}

/** The small, structured part of a model file (settings and themes), validated with zod. */
type HeadFile = Pick<ModelFile, "scoring" | "keepDocuments" | "themes">;
let headSchema: z.ZodType<HeadFile> | undefined;
function HeadSchema(): z.ZodType<HeadFile> {
  if (headSchema) return headSchema;
  const z = zodPackage();
  const Count = z.number().int().nonnegative();
  const Positive = z.number().positive();
  const ScoringSchema = z.object({
    fieldWeights: z.object({ title: Positive, summary: Positive, text: Positive }),
    saturation: Positive,
    keywordScale: Positive,
    weights: z.object({ keywords: z.number().min(0), centroid: z.number().min(0), nearest: z.number().min(0) }),
    centroidCap: Positive,
    nearestCap: Positive,
    pseudoDocWeight: z.number().min(0),
    minKeywordEvidence: z.number().min(0),
    minCosine: z.number().min(0),
    minOverlap: Count,
    relativeCut: z.number().min(0).max(1),
    contextFactor: z.number().min(0).max(1).default(0),
    exclusionWindow: Count,
    maxThemes: z.number().int().positive(),
  });
  headSchema = z.object({
    scoring: ScoringSchema,
    keepDocuments: z.enum(["labelled", "all"]),
    themes: z.array(modelPackage().ThemeSchema),
  }) as unknown as z.ZodType<HeadFile>;
  return headSchema;
}

interface Bulk {
  documents: string[];
  vocab: string[];
  df: number[];
  pool: PoolDoc[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The bulk of a model file (corpus statistics and kept documents: ~all of its size), checked by
 * hand and decoded. Returns the first problem as "path: message".
 */
function decodeBulk(data: Record<string, unknown>): Bulk | string {
  const strings = (v: unknown, path: string): string | undefined => {
    if (!Array.isArray(v)) return `${path}: expected an array`;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return `${path}.${i}: expected a string`;
    return undefined;
  };
  const corpus = data.corpus;
  if (!isObject(corpus)) return "corpus: expected an object";
  const docProblem = strings(corpus.documents, "corpus.documents");
  if (docProblem) return docProblem;
  const documents = corpus.documents as string[];
  if (typeof corpus.vocab !== "string") return "corpus.vocab: expected a string";
  const vocab = corpus.vocab === "" ? [] : corpus.vocab.split("\n");
  const dfs = decodeUint32(corpus.df);
  if (!dfs) return "corpus.df: expected base64 of 32-bit integers";
  if (dfs.length !== vocab.length) return `corpus.df has ${dfs.length} entries for ${vocab.length} vocabulary terms`;
  for (let i = 0; i < dfs.length; i++) {
    if ((dfs[i] as number) > documents.length) return `corpus.df.${i} is larger than the number of documents`;
  }
  const pool = data.pool;
  if (!isObject(pool)) return "pool: expected an object";
  const poolProblem = strings(pool.ids, "pool.ids") ?? strings(pool.titles, "pool.titles");
  if (poolProblem) return poolProblem;
  const ids = pool.ids as string[];
  const titles = pool.titles as string[];
  if (!Array.isArray(pool.labels)) return "pool.labels: expected an array";
  const labels = pool.labels as unknown[];
  for (let d = 0; d < labels.length; d++) {
    const p = strings(labels[d], `pool.labels.${d}`);
    if (p) return p;
  }
  const lengths = decodeUint32(pool.lengths);
  const terms = decodeUint32(pool.terms);
  const tf = decodeUint32(pool.tf);
  if (!lengths) return "pool.lengths: expected base64 of 32-bit integers";
  if (!terms) return "pool.terms: expected base64 of 32-bit integers";
  if (!tf) return "pool.tf: expected base64 of 32-bit integers";
  const n = ids.length;
  if (titles.length !== n || labels.length !== n || lengths.length !== n) {
    return `pool: ${n} ids, ${titles.length} titles, ${labels.length} label lists and ${lengths.length} lengths`;
  }
  let total = 0;
  for (let d = 0; d < n; d++) total += lengths[d] as number;
  if (total !== terms.length || total !== tf.length) {
    return `pool: lengths add up to ${total}, with ${terms.length} terms and ${tf.length} term frequencies`;
  }
  for (let k = 0; k < terms.length; k++) {
    if ((terms[k] as number) >= vocab.length) return `pool: term id ${terms[k] as number} outside the vocabulary`;
  }
  const tfs = new Float64Array(tf.length);
  for (let k = 0; k < tf.length; k++) tfs[k] = (tf[k] as number) / 1000;
  const docs: PoolDoc[] = new Array<PoolDoc>(n);
  let at = 0;
  for (let d = 0; d < n; d++) {
    const len = lengths[d] as number;
    docs[d] = {
      id: ids[d] as string,
      title: titles[d] as string,
      labels: labels[d] as string[],
      terms: terms.subarray(at, at + len),
      tf: tfs.subarray(at, at + len),
    };
    at += len;
  }
  return { documents, vocab, df: Array.from(dfs), pool: docs };
}

function concat(parts: readonly ArrayLike<number>[]): number[] {
  const out: number[] = [];
  for (const p of parts) for (let k = 0; k < p.length; k++) out.push(p[k] as number);
  return out;
}

/** Versioned JSON of a model: corpus statistics, kept documents' term counts, themes, settings. */
export function serializeModel(model: ClassifierModel): string {
  const { state } = getInternals(model);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: FORMAT_VERSION,
    scoring: state.scoring,
    keepDocuments: state.keepDocuments,
    themes: state.themes.slice(),
    corpus: { documents: state.docIds.slice(), vocab: state.vocab.join("\n"), df: encodeUint32(state.df) },
    pool: {
      ids: state.pool.map((d) => d.id),
      titles: state.pool.map((d) => d.title),
      labels: state.pool.map((d) => d.labels.slice()),
      lengths: encodeUint32(state.pool.map((d) => d.terms.length)),
      terms: encodeUint32(concat(state.pool.map((d) => d.terms))),
      tf: encodeUint32(concat(state.pool.map((d) => d.tf)).map((f) => Math.round(f * 1000))),
    },
  };
  return JSON.stringify(file);
}

/**
 * Reads a model written by `serializeModel`. Throws ModelFormatError (naming `source`) for
 * corrupt JSON, a file that is not a model, another format version, or invalid content.
 */
export function deserializeModel(json: string, source?: string): ClassifierModel {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new ModelFormatError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, { source, cause: err });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || (data as { format?: unknown }).format !== MODEL_FORMAT) {
    throw new ModelFormatError(`not a @corpus/classify model (expected "format": "${MODEL_FORMAT}")`, { source });
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (version !== FORMAT_VERSION) {
    throw new ModelFormatError(
      `model format version ${JSON.stringify(version)} is not supported: this @corpus/classify reads version ${FORMAT_VERSION}; retrain the model (or use the matching package version)`,
      { source },
    );
  }
  let head = data as HeadFile;
  if (!isCanonicalHead(data as Record<string, unknown>)) {
    const parsed = HeadSchema().safeParse(data);
    if (!parsed.success) {
      const lines = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new ModelFormatError(`invalid model: ${lines.join("; ")}`, { source, cause: parsed.error });
    }
    head = parsed.data;
  }
  const bulk = decodeBulk(data as Record<string, unknown>);
  if (typeof bulk === "string") throw new ModelFormatError(`invalid model: ${bulk}`, { source });
  const ids = new Set<string>();
  for (const t of head.themes) {
    if (ids.has(t.id)) throw new ModelFormatError(`invalid model: duplicate theme id "${t.id}"`, { source });
    ids.add(t.id);
  }
  const state: ModelState = {
    scoring: head.scoring,
    keepDocuments: head.keepDocuments,
    themes: head.themes,
    vocab: bulk.vocab,
    df: bulk.df,
    docIds: bulk.documents,
    pool: bulk.pool,
  };
  return makeModel(state);
}
