import { z } from "zod";
import { IsoDateTimeSchema, SafeIdSchema, ScoreSchema, ThemeIdSchema } from "./common";
import { SubscriberIdSchema } from "./feed";
import { ThemeMatchSchema } from "./match";

/** One new item for one subscriber, with the matches that made it relevant to them. */
export const AlertSchema = z.looseObject({
  id: SafeIdSchema,
  subscriber: SubscriberIdSchema,
  documentId: SafeIdSchema,
  title: z.string(),
  url: z.url().optional(),
  publishedAt: IsoDateTimeSchema.optional(),
  /** Feed ids that carried the item; a second feed with the same story is added here. */
  sources: z.array(z.string()).min(1),
  matches: z.array(ThemeMatchSchema),
  createdAt: IsoDateTimeSchema,
});
export type Alert = z.infer<typeof AlertSchema>;

export const DigestWhySchema = z.looseObject({
  matchedTerms: z.array(z.string()).default([]),
  nearest: z
    .looseObject({ id: z.string(), title: z.string().optional(), similarity: z.number() })
    .optional(),
});

export const DigestItemSchema = z.looseObject({
  documentId: SafeIdSchema,
  title: z.string(),
  url: z.url().optional(),
  sources: z.array(z.string()),
  publishedAt: IsoDateTimeSchema.optional(),
  score: ScoreSchema,
  /** Every theme this item matched among those the subscriber follows. */
  themes: z.array(ThemeIdSchema),
  why: DigestWhySchema,
});
export type DigestItem = z.infer<typeof DigestItemSchema>;

export const DigestSectionSchema = z.looseObject({
  theme: z.looseObject({ id: ThemeIdSchema, label: z.string(), scopeNote: z.string().optional() }),
  items: z.array(DigestItemSchema),
});
export type DigestSection = z.infer<typeof DigestSectionSchema>;

/** A themed digest as delivered on one channel. */
export const DigestSchema = z.looseObject({
  id: z.string().regex(/^\d{8}T\d{6}Z-[0-9a-f]{6,}$/, "digest id must look like 20261125T080000Z-3f2a9c"),
  subscriber: SubscriberIdSchema,
  channel: z.string().min(1),
  createdAt: IsoDateTimeSchema,
  period: z.looseObject({ from: IsoDateTimeSchema.optional(), to: IsoDateTimeSchema }),
  sections: z.array(DigestSectionSchema),
  counts: z.looseObject({
    /** Distinct items in this digest (an item under two themes counts once). */
    items: z.number().int().nonnegative(),
    themes: z.number().int().nonnegative(),
    /** Items still waiting because the digest was capped. */
    remaining: z.number().int().nonnegative().default(0),
  }),
});
export type Digest = z.infer<typeof DigestSchema>;
