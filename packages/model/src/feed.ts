import { z } from "zod";
import { SafeIdSchema, ThemeIdSchema } from "./common";

/** A feed the watcher follows. The watcher's config adds scheduling details on top. */
export const FeedSourceSchema = z.looseObject({
  id: SafeIdSchema,
  url: z.url(),
  name: z.string().optional(),
  tags: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
});
export type FeedSource = z.infer<typeof FeedSourceSchema>;

export const SubscriberIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "subscriber id may hold only letters, digits, '-' and '_'")
  .refine((s) => !/^\d+$/.test(s), "subscriber id must not be all digits");

/** Someone who receives alerts; the watcher adds channels and schedules. */
export const SubscriberSchema = z.looseObject({
  id: SubscriberIdSchema,
  name: z.string().optional(),
  themes: z.union([z.literal("all"), z.array(ThemeIdSchema).min(1)]).default("all"),
  minScore: z.number().min(0).max(1).default(0),
  feeds: z.array(z.string()).optional(),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;
