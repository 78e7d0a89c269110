// Two-step verification: a member sets up TOTP and then needs the code to log
// in; the controller (whose role requires MFA by default) is sent to the setup
// page after the password and can reach nothing else. The specs run one at a time in file
// order, and the first spec that logs the controller in sets up its TOTP
// (loginAsController): a spec that does so must sort after this one
// (hence the name e2e/team-costs-business-case.spec.ts).
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, freshCode, loginAs, logout, passSecondStep, setUpTotp } from "./fixtures";

test("a member sets up TOTP and logs in with password and code", async ({ page }) => {
  const email = "member.de-heeg@wijkwerk.demo";
  await loginAs(page, email);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/account/mfa");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);

  // A wrong code is refused in Dutch, the page stays usable.
  await page.getByLabel(/code/i).first().fill("000000");
  await page.getByRole("button", { name: /bevestig|activeer|inschakelen|instellen|opslaan|controleer/i }).click();
  await expect(fieldError(page, "De code is onjuist of verlopen.")).toBeVisible();
  await expectAccessible(page);

  await setUpTotp(page, email);
  await expectAccessible(page); // the recovery codes page
  await logout(page);

  await loginAs(page, email);
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap/);
  await expectAccessible(page);
  // Without the second step nothing is reachable.
  await page.goto("/t/de-heeg");
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap/);
  await passSecondStep(page, email);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/t/de-heeg");
  await expect(page.getByRole("heading", { level: 1, name: "De Heeg" })).toBeVisible();
});

test("a code is accepted only once", async ({ page }) => {
  // member.malberg-malpertuis: neighbourhood-links.spec.ts (later in file order) passes the second step this sets up.
  const email = "member.malberg-malpertuis@wijkwerk.demo";
  await loginAs(page, email);
  await page.goto("/account/mfa");
  await setUpTotp(page, email);
  await logout(page);
  await loginAs(page, email);
  const code = await freshCode(email);
  await page.getByLabel(/code/i).first().fill(code);
  await page.getByRole("button", { name: /bevestig|verder|inloggen|controleer/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  await logout(page);
  await loginAs(page, email);
  await page.getByLabel(/code/i).first().fill(code);
  await page.getByRole("button", { name: /bevestig|verder|inloggen|controleer/i }).click();
  await expect(fieldError(page, "De code is onjuist of verlopen.")).toBeVisible();
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap/);
});

test("the controller must set up MFA before anything else", async ({ page }) => {
  await loginAs(page, "controller@wijkwerk.demo");
  await expect(page).toHaveURL(/\/account\/mfa\?verplicht=1/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  for (const path of ["/gemeente", "/t/mariaberg", "/account", "/"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/account\/mfa\?verplicht=1/);
  }
});
