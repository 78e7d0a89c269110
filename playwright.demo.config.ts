// The demo as shipped: starts `bash scripts/demo.sh` itself — the README's
// first command, with only the port and a fresh embedded-database folder set —
// and logs in as every demo account in Chromium (e2e-demo/). Separate from
// playwright.config.ts, whose server runs with the e2e environment; demo.sh
// rebuilds build/, so scripts/test-all.sh runs this before the other steps
// that use the build.
import path from "node:path";
import { defineConfig } from "@playwright/test";

// DEMO_PORT; by default next to the e2e server (E2E_PORT) and its Stripe stand-in (E2E_PORT + 1).
const PORT = Number(process.env.DEMO_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 2);
// A fresh embedded database per run (removed before the start, kept afterwards for debugging).
const DATA_DIR = path.resolve(".data", `demo-test-${PORT}`);
// The app's settings (README, Configuration) that a fresh shell does not have: never passed on from
// the shell that runs the tests, so the demo starts exactly as from the README.
const APP_SETTINGS = [
  "NODE_ENV",
  "DATABASE_URL",
  "DATABASE_POOL_SIZE",
  "DATABASE_PREPARE",
  "HOST",
  "APP_URL",
  "MFA_ENCRYPTION_KEY",
  "INSECURE_COOKIES",
  "SMTP_URL",
  "MAIL_FROM",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_PUBLISHABLE_KEY",
  "STRIPE_API_HOST",
  "STRIPE_API_PORT",
  "STRIPE_API_PROTOCOL",
  "TRUST_PROXY",
  "MIGRATE_ON_START",
];

export default defineConfig({
  testDir: "e2e-demo",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: "list",
  outputDir: `test-results/demo-${PORT}`,
  use: {
    // The address demo.sh prints ("Wijkwerk draait op http://localhost:…").
    baseURL: `http://localhost:${PORT}`,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf '${DATA_DIR}' && exec env ${APP_SETTINGS.map((name) => `-u ${name}`).join(" ")} bash scripts/demo.sh`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    // Only these two; everything else as a person running the README's first command has it.
    env: { PORT: String(PORT), PGLITE_DATA_DIR: path.join(DATA_DIR, "pglite") },
    stdout: "pipe",
    // install + build + migrate and seed the embedded database + start, on a busy 2-core machine.
    timeout: 300_000,
    reuseExistingServer: false,
  },
});
