import { z } from "zod";
import { ScoreSchema, ThemeIdSchema } from "./common";

export const MatchedTermSchema = z.looseObject({
  term: z.string(),
  field: z.enum(["title", "summary", "text"]).optional(),
  count: z.number().int().nonnegative(),
  contribution: z.number().optional(),
});
export type MatchedTerm = z.infer<typeof MatchedTermSchema>;

export const ContributingTermSchema = z.looseObject({
  term: z.string(),
  weight: z.number(),
});
export type ContributingTerm = z.infer<typeof ContributingTermSchema>;

export const NearestExemplarSchema = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  similarity: z.number().min(-1).max(1),
});
export type NearestExemplar = z.infer<typeof NearestExemplarSchema>;

/** The score of one item against one theme, with the evidence that produced it. */
export const ThemeMatchSchema = z.looseObject({
  theme: ThemeIdSchema,
  score: ScoreSchema,
  threshold: ScoreSchema,
  passed: z.boolean(),
  evidence: z.looseObject({
    matchedTerms: z.array(MatchedTermSchema).default([]),
    topTerms: z.array(ContributingTermSchema).default([]),
    nearest: z.array(NearestExemplarSchema).default([]),
  }),
});
export type ThemeMatch = z.infer<typeof ThemeMatchSchema>;
