import { expect, test } from "@playwright/test";
import { errorSummary, expectAccessible, fieldError, loginAs, logout } from "./fixtures";

test("login page is accessible and a wrong password keeps the e-mail", async ({ page }) => {
  await page.goto("/inloggen");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill("member.mariaberg@wijkwerk.demo");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("E-mailadres of wachtwoord is onjuist.");
  await expect(page.getByLabel("E-mailadres")).toHaveValue("member.mariaberg@wijkwerk.demo");
  await expectAccessible(page);
});

test("invalid e-mail gets a Dutch field error", async ({ page }) => {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("x");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(fieldError(page, "Vul een geldig e-mailadres in")).toBeVisible();
  await expect(errorSummary(page).getByRole("link", { name: /Vul een geldig e-mailadres in/ })).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("a member lands in their team, sees buurten and members, and logs out", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mariaberg" }).click();
  await expect(page).toHaveURL(/\/t\/mariaberg$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mariaberg" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Coördinator");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Buurten" }).click();
  await expect(page.getByRole("cell", { name: "Frontenkwartier" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "01-01-2017" }).first()).toBeVisible();
  await expectAccessible(page);
  await logout(page);
  await expect(page.getByText("Je bent uitgelogd.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/t/mariaberg");
  await expect(page).toHaveURL(/\/inloggen/);
});

test("keyboard: the skip link is the first stop and moves focus to the main content", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Direct naar de inhoud" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#inhoud$/);
  await expect(page.locator("main#inhoud")).toBeFocused();
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});

test("a volunteer sees who is in the team, without contract hours or e-mail addresses", async ({ page }) => {
  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/t/mariaberg");
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Naam" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Uren per week" })).toHaveCount(0);
  await expect(table).not.toContainText("@");
  await expectAccessible(page);
});
