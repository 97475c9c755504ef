import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

// shims: import.meta.url in the CJS build (loaders find data/ next to dist/).
export default defineConfig(base({ entry: ["src/index.ts", "src/cli.ts"], shims: true }));
