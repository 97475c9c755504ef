import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/bin/**", "**/bench/**", "**/scripts/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Libraries return data; the app logs.
    files: ["packages/*/src/**/*.ts"],
    ignores: ["**/*.test.ts", "packages/*/src/cli/**"],
    rules: { "no-console": "error" },
  },
);
