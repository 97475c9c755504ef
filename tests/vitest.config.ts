import { defineConfig } from "vitest/config";

// Integration tests share one Redis: one file at a time, each with its own key prefix.
export default defineConfig({
  test: {
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
  },
});
