import { ThemeSchema } from "@corpus/model";
import { z } from "zod";
import { ModelFormatError } from "./errors";
import { FORMAT_VERSION, getInternals, makeModel, type ModelState } from "./model";
import type { ClassifierModel } from "./types";

/** Marks our files, so another JSON file is reported as such and not as "invalid". */
export const MODEL_FORMAT = "corpus-classify-model";

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

const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  scoring: ScoringSchema,
  keepDocuments: z.enum(["labelled", "all"]),
  themes: z.array(ThemeSchema),
  corpus: z.object({
    documents: z.array(z.string()),
    vocab: z.array(z.string()),
    df: z.array(Count),
  }),
  pool: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      labels: z.array(z.string()),
      terms: z.array(Count),
      tf: z.array(z.number().nonnegative()),
    }),
  ),
});
type ModelFile = z.infer<typeof ModelFileSchema>;

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
  const parsed = ModelFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ModelFormatError(`invalid model: ${lines.join("; ")}`, { source, cause: parsed.error });
  }
  const problem = consistency(parsed.data);
  if (problem) throw new ModelFormatError(`invalid model: ${problem}`, { source });
  const f = parsed.data;
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
    pool: f.pool,
  };
  return makeModel(state);
}
