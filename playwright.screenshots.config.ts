// `pnpm screenshots`: the start pages ("Mijn taken") of every role at 1366 px
// and 390 px into docs/screenshots/, taken by scripts/screenshots.ts against the
// same server as the e2e specs (playwright.config.ts: scripts/e2e-server.mjs on a
// fresh embedded database with the demo data, E2E_PORT). Run `pnpm build` first.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  testDir: "scripts",
  testMatch: "screenshots.ts",
  outputDir: `test-results/screenshots-${process.env.E2E_PORT ?? 3100}`,
  timeout: 180_000,
});
