import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

test("login page is accessible and a wrong password keeps the e-mail", async ({ page }) => {
  await page.goto("/inloggen");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill("member.mariaberg@wijkwerk.demo");
  await page.getByLabel("Wachtwoord").fill("niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toContainText("E-mailadres of wachtwoord is onjuist.");
  await expect(page.getByLabel("E-mailadres")).toHaveValue("member.mariaberg@wijkwerk.demo");
  await expectAccessible(page);
});

test("invalid e-mail gets a Dutch field error", async ({ page }) => {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByLabel("Wachtwoord").fill("x");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("Vul een geldig e-mailadres in")).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
});

test("a member lands in their team, sees buurten and members, and logs out", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/t\/mariaberg$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mariaberg" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Coördinator");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Buurten" }).click();
  await expect(page.getByRole("cell", { name: "Frontenkwartier" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "01-01-2017" }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByText("Je bent uitgelogd.")).toBeVisible();
  await page.goto("/t/mariaberg");
  await expect(page).toHaveURL(/\/inloggen/);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Direct naar de inhoud" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#inhoud$/);
});
