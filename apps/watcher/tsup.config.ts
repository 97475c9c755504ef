import { defineConfig } from "tsup";
import { base } from "../../tsup.base";

// A private service: ESM only, no declarations. index.ts is the programmatic surface for the bench.
export default defineConfig(base({ entry: ["src/cli.ts", "src/index.ts"], format: ["esm"], dts: false }));
