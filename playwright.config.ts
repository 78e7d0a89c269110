import { defineConfig } from "@playwright/test";

// E2E_PORT lets two runs (e.g. two developers' shells) share a machine.
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: "list",
  outputDir: `test-results/${PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
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
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${PORT}/healthz`,
    // Stripe Issuing against the local stand-in that e2e/stripe-card.spec.ts starts on PORT + 1
    // (test/stripe-server.ts); the municipality stays on manual payments unless a spec switches it.
    env: {
      PORT: String(PORT),
      STRIPE_SECRET_KEY: "sk_test_e2e_local",
      STRIPE_WEBHOOK_SECRET: "whsec_e2e_local_secret",
      // For Stripe.js on the card page (secure card display); offline it cannot load, and the page says so.
      STRIPE_PUBLISHABLE_KEY: "pk_test_e2e_local",
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(PORT + 1),
      STRIPE_API_PROTOCOL: "http",
      STRIPE_SYNC_INTERVAL_SECONDS: "2",
    },
    // Migrating and seeding the demo (with its casework history, ~1,700 imported cases) on a busy 2-core machine.
    timeout: 300_000,
    reuseExistingServer: false,
  },
});
