import { z } from "zod";
import { AlertSchema, DigestSchema } from "./alert";
import { SafeIdSchema } from "./common";
import { DocumentSchema } from "./document";
import { FeedSourceSchema, SubscriberIdSchema, SubscriberSchema } from "./feed";
import { ThemeMatchSchema } from "./match";
import { ThemeSchema } from "./theme";

const SOURCES = {
  document: { schema: DocumentSchema, title: "Document", description: "A corpus record (one line of a corpus JSON Lines file)." },
  theme: { schema: ThemeSchema, title: "Theme", description: "A theme: keywords, phrases, exclusions, exemplars and threshold." },
  "theme-match": { schema: ThemeMatchSchema, title: "ThemeMatch", description: "The score of one item against one theme, with its evidence." },
  alert: { schema: AlertSchema, title: "Alert", description: "One new item for one subscriber, with the matches that made it relevant." },
  digest: { schema: DigestSchema, title: "Digest", description: "A themed digest as delivered on one channel." },
  "feed-source": { schema: FeedSourceSchema, title: "FeedSource", description: "A feed the watcher follows." },
  subscriber: { schema: SubscriberSchema, title: "Subscriber", description: "Someone who receives alerts." },
} as const;

/** The published JSON Schema files, `schema/<name>.schema.json`. */
export type JsonSchemaName = keyof typeof SOURCES;
export const JSON_SCHEMA_NAMES = Object.keys(SOURCES) as JsonSchemaName[];

/** zod refinements are code and vanish from JSON Schema; these ones are simple enough to restate. */
const NOT_ALL_DIGITS: ReadonlySet<unknown> = new Set([SafeIdSchema, SubscriberIdSchema]);

/**
 * JSON Schema (draft 2020-12) documents for the main records, as shipped in `schema/*.json`.
 * `io: "input"` describes what a writer may send, so fields with defaults are optional. A zod type
 * JSON Schema cannot express makes this throw, so such a change fails the build instead of
 * silently loosening the published files.
 *
 * @example jsonSchemas().document.required // ["id", "kind", "title"]
 */
export function jsonSchemas(): Record<JsonSchemaName, Record<string, unknown>> {
  const out = {} as Record<JsonSchemaName, Record<string, unknown>>;
  for (const name of JSON_SCHEMA_NAMES) {
    const { schema, title, description } = SOURCES[name];
    const json = z.toJSONSchema(schema, {
      io: "input",
      target: "draft-2020-12",
      unrepresentable: "throw",
      override: ({ zodSchema, jsonSchema }) => {
        if (NOT_ALL_DIGITS.has(zodSchema)) jsonSchema.not = { pattern: "^[0-9]+$" };
      },
    });
    out[name] = { $schema: json.$schema, title, description, ...json };
  }
  return out;
}
