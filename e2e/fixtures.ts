// Shared helpers for the end-to-end specs: log in as a demo account, scan a
// page with axe (WCAG 2.1 A/AA), and TOTP codes for the MFA steps.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";

export const DEMO_PASSWORD = "Wijkwerk-demo-2026!";
export const ADMIN_EMAIL = "admin@wijkwerk.demo";

/** Fills the login form; returns once the browser has left /inloggen (or reached the second step). */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen") || url.pathname.startsWith("/inloggen/tweede-stap"));
}

/**
 * A field's own error message (the form kit's `.field-error` under the field), not its
 * line in the error summary: after a submit the same text is in both.
 */
export const fieldError = (scope: Page | Locator, text: string | RegExp) => scope.locator(".field-error").filter({ hasText: text });

/** The form kit's error summary (GOV.UK pattern) shown after a submit with field errors: a title, then one link per error. */
export const errorSummary = (scope: Page | Locator) => scope.getByRole("alert").filter({ hasText: "Er is een probleem" });

export async function logout(page: Page) {
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/inloggen\?reden=uitgelogd/);
}

/** Zero WCAG 2.1 A/AA violations on the current page; failures list rule, impact, help and the offending nodes. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`).join("\n"),
  );
  expect(summary, `axe violations on ${new URL(page.url()).pathname}:\n${summary.join("\n")}`).toEqual([]);
}

export const CONTROLLER_EMAIL = "controller@wijkwerk.demo";

/**
 * Logs in as the budget controller, whose role requires MFA: sets TOTP up the
 * first time in a run, else passes the second step (which may wait up to 30 s
 * for a fresh TOTP step). Ends on /gemeente.
 */
export async function loginAsController(page: Page) {
  await loginAs(page, CONTROLLER_EMAIL);
  if (new URL(page.url()).pathname.startsWith("/inloggen/tweede-stap")) {
    await passSecondStep(page, CONTROLLER_EMAIL);
  } else if (new URL(page.url()).pathname.startsWith("/account/mfa")) {
    await setUpTotp(page, CONTROLLER_EMAIL);
  }
  await page.goto("/gemeente");
  await expect(page.getByRole("heading", { level: 1, name: "Overzicht sociale teams" })).toBeVisible();
}

// ── TOTP ───────────────────────────────────────────────────────────────────

const PERIOD = 30;

/**
 * Per-run state shared between spec files (the database is fresh per run):
 * the TOTP secrets set up by specs and the last time step each used — the
 * server accepts a code only once, so the next login waits for a new step.
 * Lives in the run's data dir that scripts/e2e-server.mjs announces.
 */
function stateFile(): string {
  const pointer = path.resolve(".data", `e2e-current-${process.env.E2E_PORT ?? 3100}`);
  const dir = existsSync(pointer) ? readFileSync(pointer, "utf8").trim() : path.resolve(".data", "e2e-default");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, "totp.json");
}
type TotpState = Record<string, { secret: string; lastStep: number }>;
const readState = (): TotpState => (existsSync(stateFile()) ? JSON.parse(readFileSync(stateFile(), "utf8")) : {});

export function rememberSecret(email: string, secret: string, lastStep = 0) {
  writeFileSync(stateFile(), JSON.stringify({ ...readState(), [email]: { secret, lastStep } }, null, 2));
}
export function knownSecret(email: string): string | null {
  return readState()[email]?.secret ?? null;
}

/** A code for a time step not used before for this account (waits for the next step when needed). */
export async function freshCode(email: string, secret = knownSecret(email)): Promise<string> {
  if (!secret) throw new Error(`no TOTP secret known for ${email}`);
  const lastStep = readState()[email]?.lastStep ?? 0;
  let step = Math.floor(Date.now() / 1000 / PERIOD);
  while (step <= lastStep) {
    await new Promise((r) => setTimeout(r, 500));
    step = Math.floor(Date.now() / 1000 / PERIOD);
  }
  // Stay clear of the step boundary so the code is still current when it arrives.
  const intoStep = (Date.now() / 1000) % PERIOD;
  if (intoStep > PERIOD - 3) {
    await new Promise((r) => setTimeout(r, (PERIOD - intoStep + 0.5) * 1000));
    step = Math.floor(Date.now() / 1000 / PERIOD);
  }
  rememberSecret(email, secret, step);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: "SHA1" }).generate({
    timestamp: step * PERIOD * 1000,
  });
}

/** The manual-entry key shown next to the QR code (base32, possibly in groups). */
export async function readManualKey(page: Page): Promise<string> {
  const text = await page.locator("main").innerText();
  const match = text.match(/\b[A-Z2-7]{4}(?:[ -]?[A-Z2-7]{4}){3,}=*\b/);
  if (!match) throw new Error(`no TOTP key found on ${page.url()}`);
  return match[0].replace(/[\s=-]/g, "");
}

/**
 * On /account/mfa: reads the key, confirms with a code, and remembers the
 * secret for later logins. Leaves the page after the confirmation.
 */
export async function setUpTotp(page: Page, email: string): Promise<string> {
  await expect(page).toHaveURL(/\/account\/mfa/);
  const secret = await readManualKey(page);
  await page
    .getByLabel(/code/i)
    .first()
    .fill(await freshCode(email, secret));
  await page.getByRole("button", { name: /bevestig|activeer|inschakelen|instellen|opslaan|controleer/i }).click();
  await expect(page.getByText(/herstelcode/i).first()).toBeVisible();
  return secret;
}

/** Fills the second login step with a fresh code. */
export async function passSecondStep(page: Page, email: string) {
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap/);
  await page
    .getByLabel(/code/i)
    .first()
    .fill(await freshCode(email));
  await page.getByRole("button", { name: /bevestig|verder|inloggen|controleer/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
}

/**
 * Logs in as the functional admin, whose role requires MFA: the first spec
 * that needs the admin sets TOTP up (forced page), later ones use the second step.
 */
export async function loginAsAdmin(page: Page) {
  // Reuse the admin's session from an earlier spec when it is still valid:
  // every fresh login waits for a new TOTP step (up to 30 s).
  const saved = savedAdminCookies();
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/beheer");
    if (new URL(page.url()).pathname === "/beheer") {
      await expect(page.getByRole("navigation", { name: "Beheermenu" })).toBeVisible();
      return;
    }
    await page.context().clearCookies();
  }
  await loginAs(page, ADMIN_EMAIL);
  if (new URL(page.url()).pathname.startsWith("/inloggen/tweede-stap")) {
    await passSecondStep(page, ADMIN_EMAIL);
  } else {
    await expect(page).toHaveURL(/\/account\/mfa/);
    await setUpTotp(page, ADMIN_EMAIL);
  }
  await page.goto("/beheer");
  await expect(page.getByRole("navigation", { name: "Beheermenu" })).toBeVisible();
  writeFileSync(adminCookieFile(), JSON.stringify(await page.context().cookies()));
}

type Cookies = Awaited<ReturnType<ReturnType<Page["context"]>["cookies"]>>;
const adminCookieFile = () => path.join(path.dirname(stateFile()), "admin-cookies.json");
function savedAdminCookies(): Cookies | null {
  return existsSync(adminCookieFile()) ? (JSON.parse(readFileSync(adminCookieFile(), "utf8")) as Cookies) : null;
}
