/**
 * What the packaging test checks for each published library: a runtime probe run both as ESM
 * (`import`) and as CJS (`require`), the values the probe must print, a TypeScript consumer
 * type-checked as .mts and .cts, and files the tarball must (not) contain.
 */
export interface LibrarySpec {
  name: string;
  /** Workspace directory, relative to the repository root. */
  dir: string;
  /** JS statements using `lib` (the package namespace) and `json(path)`; must assign `result`. */
  probe: string;
  /** Properties `result` must have (compared with toMatchObject). */
  expected: Record<string, unknown>;
  /** A TypeScript consumer module; `@ts-expect-error` lines prove the types are not `any`. */
  consumer: string;
  requiredFiles: string[];
}

/** Workspace packages that are published: a library's tarball is installed together with these. */
export const WORKSPACE_LIBRARIES: Record<string, string> = {
  "@corpus/model": "packages/model",
  "@corpus/classify": "packages/classify",
};

const DECLARATIONS = ["package.json", "README.md", "dist/index.mjs", "dist/index.cjs", "dist/index.d.mts", "dist/index.d.cts"];

export const LIBRARIES: LibrarySpec[] = [
  {
    name: "@corpus/model",
    dir: "packages/model",
    probe: `
      const url = "https://www.icmpd.org//news-centre/item?utm_source=rss#top";
      const { document } = lib.fromFeedItem({ title: "A &amp; B", link: "/a", pubDate: "yesterday" }, { id: "f", link: "https://example.org/" });
      const schema = json("@corpus/model/schema/document.schema.json");
      result = {
        canonical: lib.canonicalUrl(url),
        urlIdMatchesKey: lib.documentId({ url }) === lib.urlKey(url),
        idShape: /^u-[0-9a-f]{24}$/.test(lib.documentId({ url })),
        text: lib.htmlToText("<p>It&#8217;s</p><script>x()</script>"),
        parses: lib.DocumentSchema.safeParse(document).success,
        feedTitle: document.title,
        feedUrl: document.url,
        jsonSchemaTitle: schema.title,
        exports: Object.keys(lib).sort(),
      };`,
    expected: {
      canonical: "https://www.icmpd.org/news-centre/item",
      urlIdMatchesKey: true,
      idShape: true,
      text: "It’s",
      parses: true,
      feedTitle: "A & B",
      feedUrl: "https://example.org/a",
      jsonSchemaTitle: "Document",
    },
    consumer: `
      import { canonicalUrl, documentId, DocumentSchema, fromFeedItem, parseCorpusJsonl, formatRecordErrors } from "@corpus/model";
      import type { Document, Digest, FromFeedItemResult, RecordError } from "@corpus/model";

      const url: string | undefined = canonicalUrl("https://www.icmpd.org//news-centre/a");
      const id: string = documentId({ url: url ?? "" }, { trustGuid: false });
      const doc: Document = DocumentSchema.parse({ id, kind: "news-item", title: "T" });
      const keywords: string[] = doc.keywords;
      const converted: FromFeedItemResult = fromFeedItem({ title: "T" }, { id: "feed" }, { fetchedAt: "2025-11-25T08:00:00Z" });
      const errors: RecordError[] = parseCorpusJsonl("").errors;
      const report: string = formatRecordErrors(errors, "corpus.jsonl");
      type Remaining = Digest["counts"]["remaining"];
      const remaining: Remaining = 0;
      // @ts-expect-error documentId takes an identity object
      documentId("not an object");
      // @ts-expect-error kinds are a closed list
      const kind: Document["kind"] = "blog";
      export { keywords, converted, report, remaining, kind };`,
    requiredFiles: [...DECLARATIONS, "schema/document.schema.json", "schema/digest.schema.json", "schema/theme.schema.json"],
  },
  {
    name: "@corpus/classify",
    dir: "packages/classify",
    probe: `
      result = {
        exportCount: Object.keys(lib).length,
        train: typeof lib.train,
        classify: typeof lib.classify,
        exports: Object.keys(lib).sort(),
      };`,
    expected: { train: "function", classify: "function" },
    consumer: `
      import * as classifier from "@corpus/classify";
      import { train, classify } from "@corpus/classify";
      const names: string[] = Object.keys(classifier);
      const trainIsTyped: (...args: never[]) => unknown = train;
      const classifyIsTyped: (...args: never[]) => unknown = classify;
      // @ts-expect-error the package has no such export
      classifier.noSuchExport;
      export { names, trainIsTyped, classifyIsTyped };`,
    requiredFiles: DECLARATIONS,
  },
];

/** The probe as an ES module: `import * as lib`, JSON through an import attribute. */
export function esmProbe(spec: LibrarySpec): string {
  return `import * as lib from ${JSON.stringify(spec.name)};
import { createRequire } from "node:module";
const json = createRequire(import.meta.url);
let result;
${spec.probe}
process.stdout.write(JSON.stringify(result));
`;
}

/** The same probe as CommonJS, through `require`. */
export function cjsProbe(spec: LibrarySpec): string {
  return `"use strict";
const lib = require(${JSON.stringify(spec.name)});
const json = require;
let result;
${spec.probe}
process.stdout.write(JSON.stringify(result));
`;
}

/** Type-checks the consumer files the way a Node 16+ project resolves packages. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    // Check the published declarations themselves too, not only how they are used.
    skipLibCheck: false,
    types: [],
  },
  files: ["consumer.mts", "consumer.cts"],
};
