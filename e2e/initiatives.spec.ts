// Issue 19, buurtinitiatieven: a member registers one for the team's buurt;
// a member of another team reads it city-wide with the counts per team; axe.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs, logout } from "./fixtures";

test("a member registers a buurtinitiatief; every professional reads it and the counts", async ({ page }) => {
  const year = new Intl.DateTimeFormat("nl-NL", { year: "numeric", timeZone: "Europe/Amsterdam" }).format(new Date());
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg/initiatieven");
  await expect(page.getByText("Repair Café Mariaberg")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Naam", { exact: true }).fill("Taalcafé Blauwdorp");
  await page.getByLabel("Buurt", { exact: true }).selectOption({ label: "Blauwdorp" });
  await page.getByLabel("Wat doet het initiatief?").fill("Bewoners oefenen samen Nederlands.");
  await page.getByLabel("Gestart op").fill(`${year}-01-15`);
  await page.getByLabel("Contactorganisatie").fill("Trajekt");
  await page.getByLabel("Het team hielp het initiatief op gang").check();
  await page.getByRole("button", { name: "Vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het initiatief is vastgelegd.");
  await expect(page.getByRole("row", { name: /^Mariaberg/ })).toHaveText(/Mariaberg\s*1\s*1\s*1/);
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await page.goto("/initiatieven");
  await expect(page.getByRole("heading", { level: 1, name: "Buurtinitiatieven in de stad" })).toBeVisible();
  await expect(page.getByText("Taalcafé Blauwdorp")).toBeVisible();
  await expect(page.getByRole("row", { name: /^Mariaberg/ })).toHaveText(/Mariaberg\s*1\s*1\s*1/);
  // Another team's initiative cannot be ended from here: no end buttons on the city page.
  await expect(page.getByRole("button", { name: /^Beëindigen/ })).toHaveCount(0);
  await expectAccessible(page);
});
