import { z } from "zod";
import { IsoDateTimeSchema, SafeIdSchema, ScoreSchema, ThemeIdSchema } from "./common";

export const DOCUMENT_KINDS = [
  "journal-article",
  "policy-paper",
  "working-paper",
  "conference-report",
  "workshop-brief",
  "news-item",
  "other",
] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const AuthorSchema = z.looseObject({
  name: z.string().min(1),
  affiliation: z.string().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const IdentifiersSchema = z.looseObject({
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, "DOI must look like 10.NNNN/suffix").optional(),
  pmcid: z.string().regex(/^PMC\d+$/, "PMC id must look like PMC123456").optional(),
  series: z.string().optional(),
  guid: z.string().optional(),
  isbn: z.string().optional(),
});
export type Identifiers = z.infer<typeof IdentifiersSchema>;

/** Who put a document into a theme: a person curating the corpus, or the classifier. */
export const ThemeAssignmentSchema = z.looseObject({
  theme: ThemeIdSchema,
  by: z.enum(["curator", "classifier"]),
  score: ScoreSchema.optional(),
});
export type ThemeAssignment = z.infer<typeof ThemeAssignmentSchema>;

/** Where a document came from: the seed source page, or the feed(s) that carried it. */
export const ProvenanceSchema = z.looseObject({
  sourceUrl: z.url().optional(),
  feeds: z.array(z.string().min(1)).default([]),
  fetchedAt: IsoDateTimeSchema.optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * A corpus record. Objects are "loose": unknown extra fields (from feeds or newer writers) are kept
 * and never make parsing fail.
 */
export const DocumentSchema = z.looseObject({
  id: SafeIdSchema,
  kind: DocumentKindSchema,
  title: z.string().min(1, "title must not be empty"),
  authors: z.array(AuthorSchema).default([]),
  publisher: z.string().optional(),
  publishedAt: IsoDateTimeSchema.optional(),
  url: z.url().optional(),
  identifiers: IdentifiersSchema.default({}),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "language must be a BCP 47 tag such as en or fr-BE")
    .default("en"),
  abstract: z.string().optional(),
  summary: z.string().optional(),
  text: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  themes: z.array(ThemeAssignmentSchema).default([]),
  /** For a section of a larger document (a workshop brief of a conference report): the parent id. */
  partOf: SafeIdSchema.optional(),
  provenance: ProvenanceSchema.default({ feeds: [] }),
});
export type Document = z.infer<typeof DocumentSchema>;
/** What callers may pass in: defaults not yet applied. */
export type DocumentInput = z.input<typeof DocumentSchema>;
