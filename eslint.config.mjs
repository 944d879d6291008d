import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  globalIgnores([
    "node_modules/**",
    ".next*/**",
    ".data/**",
    ".test-output/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "next-env.d.ts",
    ".bench-output/**",
  ]),
  {
    // Playwright fixtures receive a function named `use`; it is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Configuration files that tools load as CommonJS or as an anonymous default export.
    files: ["*.config.{js,cjs,mjs}"],
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "import/no-anonymous-default-export": "off",
    },
  },
  {
    // Test doubles and the local tenant never ship: production code may not import them.
    files: ["app/**", "components/**", "lib/**", "instrumentation.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/test-support/*", "**/test-support/*", "@/emulator/*", "**/emulator/*"],
              message:
                "Test support and the local tenant are for tests only (docs/architecture.md).",
            },
            {
              group: ["vitest", "@playwright/test", "fast-check"],
              message: "Test runners belong in *.test.ts files and test-support/.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
]);
