// member.daalhof is in Daalhof and De Heeg: the switcher lists both and navigates.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

test("a member of two teams switches between them", async ({ page }) => {
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await nav.getByText("Wissel van team").click();
  await expect(nav.getByRole("link", { name: /Daalhof/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: /De Heeg/ })).toBeVisible();
  await expectAccessible(page);

  await nav.getByRole("link", { name: /De Heeg/ }).click();
  await expect(page).toHaveURL(/\/t\/de-heeg$/);
  await expect(page.getByRole("heading", { level: 1, name: "De Heeg" })).toBeVisible();
  await expectAccessible(page);

  await nav.getByText("Wissel van team").click();
  await expect(nav.getByRole("link", { name: /De Heeg/ })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: /Daalhof/ }).click();
  await expect(page).toHaveURL(/\/t\/daalhof$/);
  await expect(page.getByRole("heading", { level: 1, name: "Daalhof" })).toBeVisible();
  await page.getByRole("link", { name: "Buurten" }).click();
  await expect(page.getByRole("cell", { name: "Hazendans" })).toBeVisible();
  await expectAccessible(page);
});
