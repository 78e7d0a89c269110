// Another team's pages, a team that does not exist, and the administration:
// a member gets the Dutch 404 page (status 404), itself accessible.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

test("another team's pages are a Dutch 404 for a member of Mariaberg", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  for (const path of ["/t/daalhof", "/t/daalhof/buurten", "/t/daalhof/uitnodigingen", "/t/bestaat-niet"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
    await expect(page.getByText("Deze pagina bestaat niet, of je hebt er geen toegang toe.")).toBeVisible();
    await expectAccessible(page);
  }
  // The 404 page still lets the user navigate home.
  await page.getByRole("link", { name: "Naar de startpagina" }).click();
  await expect(page).toHaveURL(/\/taken$/);
});

test("administration, municipality and partner pages are a 404 for a member", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  for (const path of ["/beheer", "/beheer/teams", "/beheer/gebruikers", "/beheer/audit", "/beheer/mailbox", "/gemeente", "/partner/trajekt"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
    await expectAccessible(page);
  }
});
