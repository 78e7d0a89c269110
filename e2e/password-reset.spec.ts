import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, loginAsAdmin, logout } from "./fixtures";

test("forgotten password: request, link from the dev mailbox, new password, login", async ({ page }) => {
  const email = "member.wittevrouwenveld-wyckerpoort@wijkwerk.demo";
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Link versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Als dit e-mailadres bij een account hoort");
  await expectAccessible(page);

  await loginAsAdmin(page);
  await expect(page.getByRole("heading", { level: 1, name: "Beheer" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Mailbox (ontwikkeling)" }).first().click();
  await expectAccessible(page);
  const mail = page.locator("article", { hasText: email }).first();
  const link = await mail.getByRole("link", { name: /wachtwoord-herstellen/ }).getAttribute("href");
  await logout(page);

  await page.goto(new URL(link!).pathname);
  await expectAccessible(page);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("Lente in Maastricht 2026");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("Iets anders");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(fieldError(page, "De wachtwoorden zijn niet gelijk.")).toBeVisible();
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("Lente in Maastricht 2026");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("Lente in Maastricht 2026");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("Je wachtwoord is gewijzigd.")).toBeVisible();
  await loginAs(page, email, "Lente in Maastricht 2026");
  await expect(page).toHaveURL(/\/taken$/);
  // The link works once.
  await page.goto(new URL(link!).pathname);
  await expect(page.getByText("Deze link is al gebruikt.")).toBeVisible();
});
