import type { Theme } from "@corpus/model";

/** An item to classify. HTML is allowed in every field; every present field is used. */
export interface ClassifyInput {
  id?: string | number;
  /** Weighted most (see `ScoringSettings.fieldWeights.title`). */
  title?: string;
  /** `summary` and `description` are read as the "summary" field. */
  summary?: string;
  description?: string;
  /** `text` and `content` are read as the "text" (body) field. */
  text?: string;
  content?: string;
}

/** How the three channels are weighed; stored in the model so a saved model scores the same. */
export interface ScoringSettings {
  /** Multipliers of a term occurrence per field. */
  fieldWeights: { title: number; summary: number; text: number };
  /** Repeats of a keyword saturate as c / (c + k) with c the field-weighted count. */
  saturation: number;
  /** Keyword evidence r becomes 1 - exp(-r / keywordScale) in [0, 1). */
  keywordScale: number;
  /** Linear weights of keyword evidence, centroid cosine and nearest-exemplar cosine (sum 1). */
  weights: { keywords: number; centroid: number; nearest: number };
  /** A cosine at or above the cap counts as full evidence of its channel. */
  centroidCap: number;
  nearestCap: number;
  /** Weight of the keyword pseudo-document in a theme centroid (Rocchio). */
  pseudoDocWeight: number;
  /** Minimum evidence: raw keyword evidence at least this, or ... */
  minKeywordEvidence: number;
  /** ... a centroid cosine at least this with at least `minOverlap` informative shared terms. */
  minCosine: number;
  minOverlap: number;
  /**
   * A theme passes only if its score is at least this share of the item's best theme score
   * (0 turns it off): secondary themes must be close to the main one, not just above their
   * threshold.
   */
  relativeCut: number;
  /**
   * Themes with a `context` list and no context term in the item: 0 blocks them (gate
   * "no-context"); a value in (0, 1] multiplies their score instead (a soft gate).
   */
  contextFactor: number;
  /** Single keywords this many content words from an exclusion are cancelled. */
  exclusionWindow: number;
  /** Default cap on the themes returned. */
  maxThemes: number;
}

export interface TrainOptions {
  /** Overrides of the default scoring settings. */
  scoring?: Partial<Omit<ScoringSettings, "fieldWeights" | "weights">> & {
    fieldWeights?: Partial<ScoringSettings["fieldWeights"]>;
    weights?: Partial<ScoringSettings["weights"]>;
  };
  /**
   * Which corpus documents keep their term counts in the model (the others only count towards
   * document frequencies): "labelled" (default) keeps documents with curator theme labels or listed
   * as a theme's exemplar, "all" keeps every document (so `withThemes` can name any of them as an
   * exemplar later, at the cost of a larger model).
   */
  keepDocuments?: "labelled" | "all";
}

export interface ClassifierModel {
  readonly formatVersion: number;
  readonly themes: readonly Theme[];
  /** Sizes, for display. */
  readonly stats: {
    readonly documents: number;
    readonly vocabulary: number;
    readonly exemplars: number;
  };
  readonly scoring: Readonly<ScoringSettings>;
}
