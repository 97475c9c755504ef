import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

// A private service: ESM only, no declarations.
export default defineConfig(base({ entry: ["src/cli.ts"], format: ["esm"], dts: false }));
