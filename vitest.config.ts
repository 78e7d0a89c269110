import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    globals: true,
    include: ["packages/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "e2e/**", "build/**"],
    testTimeout: 30_000,
    // Migrating an embedded PGlite database (45 migrations) takes 10–50 s on 2 busy cores.
    hookTimeout: 180_000,
    // Each test file gets its own database; two workers suit a 2-core machine.
    pool: "forks",
    maxWorkers: 2,
  },
});
