import { z } from "zod";
import { ScoreSchema, ThemeIdSchema } from "./common";

/** A keyword or multi-word phrase with its weight; phrases match as units on token boundaries. */
export const WeightedTermSchema = z.looseObject({
  term: z.string().min(1),
  weight: z.number().positive().max(10).default(1),
});
export type WeightedTerm = z.infer<typeof WeightedTermSchema>;

/** A curated text that stands for a theme where the corpus has few or no documents on it. */
export const ExemplarTextSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().min(1),
  text: z.string().default(""),
});
export type ExemplarText = z.infer<typeof ExemplarTextSchema>;

export const ThemeSchema = z.looseObject({
  id: ThemeIdSchema,
  label: z.string().min(1),
  scopeNote: z.string().default(""),
  keywords: z.array(WeightedTermSchema).default([]),
  phrases: z.array(WeightedTermSchema).default([]),
  /** Terms or phrases that cancel a keyword hit nearby ("drug trafficking", "bird migration"). */
  exclusions: z.array(z.string().min(1)).default([]),
  exemplarIds: z.array(z.string().min(1)).default([]),
  exemplarTexts: z.array(ExemplarTextSchema).default([]),
  threshold: ScoreSchema.default(0.35),
});
export type Theme = z.infer<typeof ThemeSchema>;
export type ThemeInput = z.input<typeof ThemeSchema>;

export const ThemeListSchema = z.array(ThemeSchema);
