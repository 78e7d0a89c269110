// Issue 16, the journey import → tables → print: the coordinator of De Heeg
// imports a history file (e2e/fixtures/figures-history.csv: six cases of
// 2015–2016, before the demo history of the team, which starts in 2017),
// opens the team's figures for the file's period, finds the imported cases
// counted in the tables (the numbers below are counted by hand from the file)
// and opens the printable page. Then the research office reads the city's
// figures with the demo history (the pilot's 248 cases of 2013–2014 shown,
// the other teams' small counts as "< 5") and gets 404 on a household.
import { fileURLToPath } from "node:url";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

const SLUG = "de-heeg";
const TEAM = `/t/${SLUG}`;
const COORDINATOR = `coordinator.${SLUG}@wijkwerk.demo`;
const RESEARCHER = "onderzoek@wijkwerk.demo";
const FILE = fileURLToPath(new URL("./fixtures/figures-history.csv", import.meta.url));

const table = (page: Page, title: string) => page.getByRole("region", { name: `Tabel: ${title}` });
/** The cells of a row (the row header not included). */
const cells = (region: Locator, row: string | RegExp) => region.getByRole("row", { name: row }).getByRole("cell");

async function columnIndex(region: Locator, header: string) {
  // The corner above the row headers is an empty cell, so the column headers line up with the cells.
  const headers = await region.getByRole("columnheader").allTextContents();
  return headers.findIndex((h) => h.trim() === header);
}

test("the coordinator imports a history file, finds its cases in the team's tables and prints them", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAs(page, COORDINATOR);
  await page.goto(`${TEAM}/huishoudens/importeren`);
  await page.getByLabel("CSV-bestand").setInputFiles(FILE);
  await page.getByRole("button", { name: "Bestand controleren" }).click();
  await expect(page.getByRole("heading", { name: "Het bestand is in orde" })).toBeVisible();
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "geïmporteerd" })).toHaveText("6 casussen van 6 huishoudens geïmporteerd.");

  // The team's figures for the file's period (2015–2016): only the file's cases fall in it.
  await page.goto(`${TEAM}/cijfers`);
  await page.getByLabel("Van (maand)").fill("2015-01");
  await page.getByLabel("Tot en met (maand)").fill("2016-12");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page).toHaveURL(new RegExp(`van=2015-01&tot=2016-12`));
  await expect(page.getByText("Periode: januari 2015 tot en met december 2016")).toBeVisible();

  const opened = table(page, "Geopende casussen per maand");
  await expect(cells(opened, /Totaal over de periode/)).toHaveText(["6"]);
  await expect(cells(opened, /^maart 2015/)).toHaveText(["1"]);
  await expect(cells(opened, /^april 2016/)).toHaveText(["1"]);
  // The client: the first-registered adult — four women (DH-4001, 4002, 4005, 4006), two men.
  const gender = table(page, "Geslacht van de cliënt");
  await expect(cells(gender, /^Vrouw/).first()).toHaveText("4");
  await expect(cells(gender, /^Man/).first()).toHaveText("2");
  const households = table(page, "Samenstelling van het huishouden");
  await expect(cells(households, /^Alleenstaand/).first()).toHaveText("3");
  // ZRM movement: finances 2→4 (DH-4001) and 2→2 (DH-4002); relations 3→2 (DH-4003); work 1→3 (DH-4004).
  const movement = table(page, "Beweging op de ZRM tussen eerste en laatste meting");
  const improved = await columnIndex(movement, "Vooruit");
  const equal = await columnIndex(movement, "Gelijk");
  expect(Math.min(improved, equal)).toBeGreaterThanOrEqual(0);
  await expect(cells(movement, /^Financiën/).nth(improved)).toHaveText("1");
  await expect(cells(movement, /^Financiën/).nth(equal)).toHaveText("1");
  await expect(cells(movement, /^Werk & opleiding/).nth(improved)).toHaveText("1");
  // Closed: DH-4001 and DH-4004; assessed (an answer yes or no): DH-4001.
  const assessed = table(page, "Afgesloten en beoordeelde casussen");
  await expect(cells(assessed, /^Afgesloten casussen/).first()).toHaveText("2");
  await expect(cells(assessed, /^Beoordeeld/).first()).toHaveText("1");
  await expect(page.getByText("< 5")).toHaveCount(0);
  await expectAccessible(page);

  // The printable page of the same period.
  await page.getByRole("link", { name: "Afdrukbare versie" }).click();
  await expect(page).toHaveURL(new RegExp(`${TEAM}/cijfers/afdrukken\\?van=2015-01&tot=2016-12$`));
  await expect(page.getByRole("heading", { level: 1, name: "Cijfers sociaal team De Heeg" })).toBeVisible();
  await expect(cells(table(page, "Geopende casussen per maand"), /Totaal over de periode/)).toHaveText(["6"]);
  await expectAccessible(page);
});

test("the research office sees the demo history in the city's figures, small counts as < 5, and no household", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // A household of the imported history, read by its team's coordinator in another browser.
  const coordinator = await browser.newContext();
  const other = await coordinator.newPage();
  await loginAs(other, COORDINATOR);
  await other.goto(`${TEAM}/huishoudens`);
  const href = await other.getByRole("table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(new RegExp(`^${TEAM}/huishoudens/[0-9a-f-]{36}$`));
  await coordinator.close();

  await loginAs(page, RESEARCHER);
  await expect(page).toHaveURL(/\/gemeente\/cijfers$/);
  // The pilot's years: Caberg-Malpertuis' 248 cases (seed 004 §5.1) shown; Mariaberg had none then.
  await page.goto("/gemeente/cijfers?van=2013-01&tot=2014-12");
  const opened = table(page, "Geopende casussen per maand");
  const total = cells(opened, /Totaal over de periode/);
  await expect(total.nth(await columnIndex(opened, "Caberg-Malpertuis"))).toHaveText("248");
  await expect(total.nth(await columnIndex(opened, "Mariaberg"))).toHaveText("< 5");
  // Today's teams since 2017: each has enough cases to be shown.
  await page.goto("/gemeente/cijfers?van=2017-01&tot=2025-12");
  const since2017 = cells(table(page, "Geopende casussen per maand"), /Totaal over de periode/);
  const mariaberg = Number(await since2017.nth(await columnIndex(table(page, "Geopende casussen per maand"), "Mariaberg")).textContent());
  expect(mariaberg).toBeGreaterThanOrEqual(100);
  await expectAccessible(page);

  expect((await page.goto(href!))?.status()).toBe(404);
});
