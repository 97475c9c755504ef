import type { Theme } from "@corpus/model";
import type { z } from "zod";
import { modelPackage, zodPackage } from "./deps";
import { ModelFormatError } from "./errors";
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
  corpus: { documents: string[]; vocab: string[]; df: number[] };
  pool: { id: string; title: string; labels: string[]; terms: number[]; tf: number[] }[];
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

/**
 * The bulk of a model file (corpus statistics and kept documents: ~all of its size) is checked by
 * hand, in place: a schema library would copy every array, which costs time and memory at load.
 * Returns the first problem as "path: message".
 */
function checkBulk(data: Record<string, unknown>): string | undefined {
  const isCount = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;
  const isTf = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0;
  const isString = (v: unknown): boolean => typeof v === "string";
  const list = (v: unknown, path: string, ok: (x: unknown) => boolean, what: string): string | undefined => {
    if (!Array.isArray(v)) return `${path}: expected an array`;
    for (let i = 0; i < v.length; i++) if (!ok(v[i])) return `${path}.${i}: expected ${what}`;
    return undefined;
  };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const corpus = data.corpus;
  if (!isObject(corpus)) return "corpus: expected an object";
  const problem =
    list(corpus.documents, "corpus.documents", isString, "a string") ??
    list(corpus.vocab, "corpus.vocab", isString, "a string") ??
    list(corpus.df, "corpus.df", isCount, "a non-negative integer");
  if (problem) return problem;
  const pool = data.pool;
  if (!Array.isArray(pool)) return "pool: expected an array";
  for (let d = 0; d < pool.length; d++) {
    const doc: unknown = pool[d];
    if (!isObject(doc)) return `pool.${d}: expected an object`;
    if (typeof doc.id !== "string") return `pool.${d}.id: expected a string`;
    if (typeof doc.title !== "string") return `pool.${d}.title: expected a string`;
    const p =
      list(doc.labels, `pool.${d}.labels`, isString, "a string") ??
      list(doc.terms, `pool.${d}.terms`, isCount, "a non-negative integer") ??
      list(doc.tf, `pool.${d}.tf`, isTf, "a non-negative number");
    if (p) return p;
  }
  return undefined;
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
    corpus: { documents: state.docIds.slice(), vocab: state.vocab.slice(), df: state.df.slice() },
    pool: state.pool.map((d) => ({ id: d.id, title: d.title, labels: d.labels.slice(), terms: d.terms.slice(), tf: d.tf.slice() })),
  };
  return JSON.stringify(file);
}

function consistency(file: ModelFile): string | undefined {
  const { vocab, df, documents } = file.corpus;
  if (df.length !== vocab.length) return `corpus.df has ${df.length} entries for ${vocab.length} vocabulary terms`;
  for (let i = 0; i < df.length; i++) {
    if ((df[i] as number) > documents.length) return `corpus.df[${i}] is larger than the number of documents`;
  }
  for (let d = 0; d < file.pool.length; d++) {
    const doc = file.pool[d] as ModelFile["pool"][number];
    if (doc.terms.length !== doc.tf.length) return `pool[${d}]: terms and tf differ in length`;
    for (const t of doc.terms) if (t >= vocab.length) return `pool[${d}]: term id ${t} outside the vocabulary`;
  }
  return undefined;
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
  const parsed = HeadSchema().safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ModelFormatError(`invalid model: ${lines.join("; ")}`, { source, cause: parsed.error });
  }
  const bulk = checkBulk(data as Record<string, unknown>);
  if (bulk) throw new ModelFormatError(`invalid model: ${bulk}`, { source });
  const f: ModelFile = { ...(data as ModelFile), ...parsed.data };
  const problem = consistency(f);
  if (problem) throw new ModelFormatError(`invalid model: ${problem}`, { source });
  const ids = new Set<string>();
  for (const t of f.themes) {
    if (ids.has(t.id)) throw new ModelFormatError(`invalid model: duplicate theme id "${t.id}"`, { source });
    ids.add(t.id);
  }
  const state: ModelState = {
    scoring: f.scoring,
    keepDocuments: f.keepDocuments,
    themes: f.themes,
    vocab: f.corpus.vocab,
    df: f.corpus.df,
    docIds: f.corpus.documents,
    pool: f.pool as PoolDoc[],
  };
  return makeModel(state);
}
