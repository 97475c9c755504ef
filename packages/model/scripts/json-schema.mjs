// Writes schema/<name>.schema.json from the built package, so non-TypeScript tools (jq pipelines,
// editors, other languages) can validate corpus files, alerts and digests.
//
// io: "input" describes what a writer may send: fields with defaults are optional. Refinements
// that JSON Schema cannot state are either spelled out below (ids that must not be all digits) or
// named in the description (the schemas are then slightly looser than the zod ones).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import * as model from "../dist/index.mjs";

const SCHEMAS = {
  document: { schema: model.DocumentSchema, title: "Document", description: "A corpus record (one line of a corpus JSON Lines file)." },
  theme: { schema: model.ThemeSchema, title: "Theme", description: "A theme: keywords, phrases, exclusions, exemplars and threshold." },
  "theme-match": { schema: model.ThemeMatchSchema, title: "ThemeMatch", description: "The score of one item against one theme, with its evidence." },
  alert: { schema: model.AlertSchema, title: "Alert", description: "One new item for one subscriber, with the matches that made it relevant." },
  digest: { schema: model.DigestSchema, title: "Digest", description: "A themed digest as delivered on one channel." },
  "feed-source": { schema: model.FeedSourceSchema, title: "FeedSource", description: "A feed the watcher follows." },
  subscriber: { schema: model.SubscriberSchema, title: "Subscriber", description: "Someone who receives alerts." },
};

/** zod refinements are code; these two are simple enough to restate in JSON Schema. */
const NOT_ALL_DIGITS = new Set([model.SafeIdSchema, model.SubscriberIdSchema]);

function override({ zodSchema, jsonSchema }) {
  if (NOT_ALL_DIGITS.has(zodSchema)) jsonSchema.not = { pattern: "^[0-9]+$" };
}

const outDir = fileURLToPath(new URL("../schema/", import.meta.url));
mkdirSync(outDir, { recursive: true });
for (const [name, { schema, title, description }] of Object.entries(SCHEMAS)) {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "throw", override });
  const document = { $schema: json.$schema, title, description, ...json };
  writeFileSync(`${outDir}${name}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
}
