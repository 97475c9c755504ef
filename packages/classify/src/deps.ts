import { createRequire } from "node:module";
import type * as CorpusModel from "@corpus/model";
import type * as Zod from "zod";

/**
 * `@corpus/model` (zod schemas, ~50 ms and ~15 MB to import) and zod are loaded on first use, not
 * with the package: classifying plain text needs neither. They are needed to validate theme lists
 * and model files and to convert HTML fields. Both resolve from this module (the CommonJS builds
 * of both packages; the CJS build of this package gets `import.meta.url` from tsup's shims).
 */
const load = createRequire(import.meta.url);

let corpusModel: typeof CorpusModel | undefined;
let zod: typeof Zod | undefined;

export function modelPackage(): typeof CorpusModel {
  return (corpusModel ??= load("@corpus/model") as typeof CorpusModel);
}

export function zodPackage(): typeof Zod {
  return (zod ??= load("zod") as typeof Zod);
}
