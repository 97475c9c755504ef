import { z } from "zod";

/** Theme ids are kebab-case and stable: alerts, digests, CLIs and evaluation files refer to them. */
export const ThemeIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "theme id must be kebab-case (a-z, 0-9, '-')");

/**
 * Ids that end up as BullMQ job ids and Redis key parts: no ':' (BullMQ separator) and never all
 * digits (BullMQ treats numeric ids as its own counters).
 */
export const SafeIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._~-]+$/, "id may hold only letters, digits and . _ ~ -")
  .refine((s) => !/^\d+$/.test(s), "id must not be all digits");

/** ISO 8601 timestamp with an offset (normalised to UTC by the helpers). */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const ScoreSchema = z.number().min(0).max(1);
