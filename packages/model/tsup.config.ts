import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

// shims: import.meta.url in the CJS build (html.ts loads html-to-text lazily from its own URL).
export default defineConfig(base({ shims: true }));
