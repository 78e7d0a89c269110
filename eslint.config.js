// ESLint for the whole tree: `pnpm lint`. Not type-aware (no parserOptions.project) so it
// stays fast; `tsc --noEmit` does the type checking.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import wijkwerk from "./eslint-rules/domain-boundaries.js";

export default tseslint.config(
  {
    ignores: ["**/node_modules/", "build/", "public/build/", ".cache/", ".data/", "db/migrations/", "test-results/", "playwright-report/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    // Server code, scripts and tests run on Node; the app's browser code is below.
    languageOptions: { globals: globals.node },
    plugins: { wijkwerk },
    rules: {
      // Core's domains only through their index.ts; db/, authz and core stay below app/ (see the rule).
      // The whole of "@wijkwerk/core" at once is refused too: core split by domain has no root barrel.
      "wijkwerk/domain-boundaries": "error",
      // A leading underscore marks a value left unused on purpose (a handler's unused argument,
      // a field taken out of a rest spread).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // The tree has no missing dependency today: keep it that way.
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    languageOptions: { ...jsxA11y.flatConfigs.recommended.languageOptions, globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A wide table scrolls inside <div role="region" aria-label=… tabIndex={0}> so a keyboard
      // user can scroll it (axe's scrollable-region-focusable); the region role is what makes that right.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
);
