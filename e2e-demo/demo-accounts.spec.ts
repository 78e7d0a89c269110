// The demo as shipped (playwright.demo.config.ts starts `bash scripts/demo.sh`):
// every demo account of the README's table logs in at the printed address and
// lands on its home page; the functional admin and the budget controller first
// set up two-step verification with the manual key, get their recovery codes,
// and log in again with one (the second step reads the sealed secret back).
// The account list is read from the README and must equal the seed's.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { nl } from "../app/i18n/nl";
import { TEAMS_2017, demoPeople, type PersonSeed } from "../db/src/seed/demo-data";

// ── What the README promises ────────────────────────────────────────────────
const readme = readFileSync("README.md", "utf8");
const sectionStart = readme.indexOf("## Demo accounts");
const section = readme.slice(sectionStart, readme.indexOf("\n## ", sectionStart + 1));
const password = /password \*\*`([^`]+)`\*\*/.exec(section)?.[1] ?? "";
const slugsText = section.slice(section.indexOf("Team slugs:"), section.indexOf("\n\n", section.indexOf("Team slugs:")));
const readmeSlugs = [...slugsText.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
const readmeAccounts = section
  .split("\n")
  .filter((line) => line.startsWith("| `"))
  .flatMap((line) => [...line.split("|")[1].matchAll(/`([^`]+@wijkwerk\.demo)`/g)].map((m) => m[1]))
  .flatMap((account) => (account.includes("<team>") ? readmeSlugs.map((slug) => account.replace("<team>", slug)) : [account]));

// ── What the seed creates ───────────────────────────────────────────────────
const seedAccounts = demoPeople().filter((p) => p.email.endsWith("@wijkwerk.demo"));

test("the README's demo accounts are exactly the seed's", () => {
  expect(password).not.toBe("");
  expect([...readmeSlugs].sort()).toEqual([...TEAMS_2017].sort());
  expect(new Set(readmeAccounts).size).toBe(readmeAccounts.length);
  expect([...readmeAccounts].sort()).toEqual(seedAccounts.map((p) => p.email).sort());
});

/** Where a person lands after login, and the page's main heading there (app/context.server.ts homePathFor). */
function homesOf(person: PersonSeed): { path: string; heading: string }[] {
  const roles = person.scopeRoles.map((r) => r.role);
  // "Mijn taken" for everyone with work that can wait for them; the research office keeps the city's figures.
  if (person.teams.length || roles.some((r) => r === "admin" || r === "controller" || r === "partner_manager"))
    return [{ path: "/taken", heading: nl.myTasks.title }];
  if (roles.includes("researcher")) return [{ path: "/gemeente/cijfers", heading: nl.figures.cityTitle }];
  return [{ path: "/account", heading: nl.account.title }];
}

async function expectHome(page: Page, person: PersonSeed) {
  const homes = homesOf(person);
  await page.waitForURL((url) => homes.some((h) => h.path === url.pathname));
  const home = homes.find((h) => h.path === new URL(page.url()).pathname)!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
  // The session cookie works at this address and lives as long as the session (12 h), not 400 days.
  const cookie = (await page.context().cookies()).find((c) => c.name === "wijkwerk_session");
  expect(cookie, "session cookie").toBeDefined();
  const hoursLeft = (cookie!.expires - Date.now() / 1000) / 3600;
  expect(hoursLeft).toBeGreaterThan(11.5);
  expect(hoursLeft).toBeLessThanOrEqual(12.01);
}

async function submitLogin(page: Page, email: string) {
  // Like a person: open the printed address, get sent to the login page.
  await page.goto("/");
  await expect(page).toHaveURL(/\/inloggen/);
  await page.getByLabel(nl.auth.email).fill(email);
  await page.getByLabel(nl.auth.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: nl.auth.submitLogin }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen") || url.pathname.startsWith("/inloggen/tweede-stap"));
}

for (const email of readmeAccounts) {
  test(`${email} logs in and lands on their home page`, async ({ page }) => {
    const person = seedAccounts.find((p) => p.email === email);
    expect(person, `${email} is in the seed`).toBeDefined();
    // README: the functional admin and the budget controller must set up MFA at their first login.
    const mfaRequired = person!.scopeRoles.some((r) => r.role === "admin" || r.role === "controller");

    await submitLogin(page, email);
    if (!mfaRequired) {
      await expectHome(page, person!);
      return;
    }

    // First login: only the setup page, with the key to type in by hand.
    await expect(page).toHaveURL(/\/account\/mfa/);
    await expect(page.getByText(nl.account.mfaRequired)).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/[\s=-]/g, "");
    // The server accepts the neighbouring 30-s steps too: the current code needs no waiting.
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();
    await page.getByLabel(nl.account.code).fill(code);
    await page.getByRole("button", { name: nl.account.confirm }).click();
    const recoveryCodes = page.getByTestId("recovery-codes").getByRole("listitem");
    await expect(recoveryCodes).toHaveCount(10);
    const codes = await recoveryCodes.allInnerTexts();
    await page.getByRole("link", { name: nl.account.recoveryCodesSaved }).click();
    await expectHome(page, person!);

    // Log out and in again: the second step unseals the stored secret (with the demo's key); a recovery code avoids waiting for a new TOTP step.
    await page.getByRole("navigation", { name: nl.common.mainNav }).getByRole("button", { name: nl.common.logout }).click();
    await expect(page).toHaveURL(/\/inloggen\?reden=uitgelogd/);
    await submitLogin(page, email);
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/);
    await page.getByLabel(nl.account.secondStepCode).fill(codes[0]);
    await page.getByRole("button", { name: nl.account.verify }).click();
    await expectHome(page, person!);
  });
}
