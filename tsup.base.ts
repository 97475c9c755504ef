import type { Options } from "tsup";

/**
 * Shared tsup options: every package spreads this and adds only its entries.
 * tsup is no longer actively maintained; keeping package configs to a few lines
 * makes a later move to tsdown a one-file change.
 */
export function base(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
    outExtension: ({ format }) => ({ js: format === "esm" ? ".mjs" : ".cjs" }),
    ...overrides,
  };
}
