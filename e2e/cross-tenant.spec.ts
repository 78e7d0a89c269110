import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

test("another team's pages and the admin pages are a Dutch 404 for a member", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  for (const path of ["/t/daalhof", "/t/daalhof/buurten", "/t/bestaat-niet", "/beheer", "/gemeente"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("a member of two teams switches between them", async ({ page }) => {
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await expect(page).toHaveURL(/\/t\/(daalhof|de-heeg)$/);
  await page.getByText("Wissel van team").click();
  await page.getByRole("link", { name: /De Heeg/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "De Heeg" })).toBeVisible();
  await expectAccessible(page);
  await page.getByText("Wissel van team").click();
  await page.getByRole("link", { name: /Daalhof/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Daalhof" })).toBeVisible();
  await expectAccessible(page);
});
