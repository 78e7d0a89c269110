// Issue 15, the sociale kaart: a member searches in Dutch and filters; a
// coordinator adds a provider (Dutch field errors first) and an offer; a
// volunteer does not reach it; axe on every page.
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout } from "./fixtures";

test("a member searches the sociale kaart; a coordinator keeps it; a volunteer gets 404", async ({ page }) => {
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Sociale kaart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sociale kaart" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("searchbox", { name: "Zoeken" }).fill("schulden");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("link", { name: "Schuldhulpverlening Gemeente Maastricht" })).toBeVisible();
  // The fields remount when the URL's values change: wait for the first search's URL before typing the next.
  await expect(page).toHaveURL(/q=schulden/);
  await expect(page.getByRole("status")).toHaveText(/gevonden/);
  await page.getByRole("searchbox", { name: "Zoeken" }).fill("geld");
  await page.getByLabel("Kantelingslaag").selectOption({ label: "Eigen kracht" });
  await expect(page.getByRole("searchbox", { name: "Zoeken" })).toHaveValue("geld");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("link", { name: "Budgetcursus Geld de Baas" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Schuldhulpverlening Gemeente Maastricht" })).toHaveCount(0);
  await page.getByRole("link", { name: "Budgetcursus Geld de Baas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Budgetcursus Geld de Baas" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archiveren" })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, "coordinator.mariaberg@wijkwerk.demo");
  await page.goto("/sociale-kaart");
  await page.getByRole("link", { name: "Nieuwe aanbieder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Repair Café Blauwdorp");
  await page.getByLabel("Soort organisatie").fill("Repair café");
  await page.getByLabel("Kantelingslaag").selectOption({ label: "Sociaal netwerk" });
  await page.getByLabel("E-mail").fill("geen-adres");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(fieldError(page, "Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl.")).toBeVisible();
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Repair Café Blauwdorp");
  await expectAccessible(page);
  await page.getByLabel("E-mail").fill("repair@blauwdorp.example");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("De aanbieder is opgeslagen.")).toBeVisible();
  await page.getByText("Aanbod toevoegen").click();
  await page.getByLabel("Naam van het aanbod").fill("Samen repareren");
  await page.getByRole("group", { name: "Leefgebieden (ZRM)" }).last().getByLabel("Sociaal netwerk").check();
  await page.locator("#offer-new").getByLabel("Kantelingslaag").selectOption({ label: "Sociaal netwerk" });
  await page.getByRole("button", { name: "Aanbod opslaan" }).click();
  await expect(page.getByText("Het aanbod is opgeslagen.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Samen repareren" })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  const res = await page.goto("/sociale-kaart");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Sociale kaart" })).toHaveCount(0);
});

test("a coordinator finds the team's transfers (empty states); a member does not have the tab", async ({ page }) => {
  await loginAs(page, "coordinator.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg");
  await page.getByRole("link", { name: "Overdrachten" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Overdrachten van huishoudens" })).toBeVisible();
  await expect(page.getByText("Er zijn geen voorstellen aan jullie team.")).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg");
  await expect(page.getByRole("link", { name: "Overdrachten" })).toHaveCount(0);
  const res = await page.goto("/t/mariaberg/overdrachten");
  expect(res?.status()).toBe(404);
});
