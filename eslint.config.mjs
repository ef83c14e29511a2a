// ESLint: the recommended JavaScript rules and typescript-eslint's strict set, over every TypeScript file of
// the project (sources, scripts, tests, examples). Formatting is Prettier's (.prettierrc.json), not ESLint's.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".tools/**", "cdktf.out/**", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // The project escapes control characters on purpose (src/printable.ts, report escaping, their tests).
      "no-control-regex": "off",
      // Input-keyed JSON objects are records (prototype-free, src/records.ts), not classes: deleting a key is
      // the operation (override merges, unknown-path removal, schema clean-up).
      "@typescript-eslint/no-dynamic-delete": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
