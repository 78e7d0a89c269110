// Issue 16, the casework figures pages on the demo data (three households per
// team with intakes in 2026, beside the demo history imported from 2017 and the
// pilot's 2013–2014): a coordinator opens the team's figures, changes the
// period, sees the tables with their charts, prints and downloads the CSV; the
// research office (Onderzoek & Statistiek) lands on the city's figures, sees
// small counts as "< 5" and gets 404 on a household; axe on every figures
// page; nothing wider than a 390 px phone.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

const COORDINATOR = "coordinator.mariaberg@wijkwerk.demo";
const RESEARCHER = "onderzoek@wijkwerk.demo";
const PERIOD = "?van=2026-01&tot=2026-12";

async function expectNoHorizontalOverflow(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest("[role=region]"))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`),
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth), wide.join("\n")).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a coordinator reads the team's figures, changes the period, prints and downloads the CSV", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAs(page, COORDINATOR);
  await page.goto("/t/mariaberg");
  await page.getByRole("navigation", { name: "Mariaberg" }).getByRole("link", { name: "Cijfers" }).click();
  await expect(page).toHaveURL(/\/t\/mariaberg\/cijfers$/);
  await expect(page.getByRole("heading", { level: 2, name: "Cijfers", exact: true })).toBeVisible();

  // The period: the whole of 2026 through the form (the URL keeps it).
  await page.getByLabel("Van (maand)").fill("2026-01");
  await page.getByLabel("Tot en met (maand)").fill("2026-12");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page).toHaveURL(/van=2026-01&tot=2026-12/);
  await expect(page.getByText("Periode: januari 2026 tot en met december 2026")).toBeVisible();

  // Tables with their charts: the team's three households and its 2026 history, nothing suppressed inside the team.
  const opened = page.getByRole("region", { name: "Tabel: Geopende casussen per maand" });
  const openedTotal = opened.getByRole("row", { name: /Totaal over de periode/ }).getByRole("cell");
  await expect(openedTotal).toHaveText([/^\d+$/]);
  const teamTotal = Number(await openedTotal.textContent());
  expect(teamTotal).toBeGreaterThan(3 + 11);
  await expect(page.getByRole("img", { name: "Grafiek: Geopende casussen per maand" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Grafiek: Samenstelling van het huishouden" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Grafiek: ZRM bij intake (eerste meting per domein)" })).toBeVisible();
  await expect(page.getByText("< 5")).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);

  // A wrong period: the Dutch message at the field.
  await page.getByLabel("Tot en met (maand)").fill("2025-06");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page.getByText("De laatste maand ligt vóór de eerste maand.")).toBeVisible();
  await expect(page.getByLabel("Tot en met (maand)")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("link", { name: "Vorig jaar" }).click();
  await expect(page).toHaveURL(/van=2025-01&tot=2025-12/);
  await page.goto(`/t/mariaberg/cijfers${PERIOD}`);

  // The printable page: scope, period, date printed; no navigation on paper.
  await page.getByRole("link", { name: "Afdrukbare versie" }).click();
  await expect(page).toHaveURL(/\/t\/mariaberg\/cijfers\/afdrukken\?van=2026-01&tot=2026-12$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cijfers sociaal team Mariaberg" })).toBeVisible();
  await expect(page.getByText(/Afgedrukt op \d{2}-\d{2}-\d{4}/)).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Afdrukken" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The CSV of the same period.
  await page.getByRole("link", { name: "Terug naar de cijfers" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Downloaden als CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("cijfers-mariaberg-2026-01-tot-2026-12.csv");
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(csv[0]).toBe("tabel;rij;kolom;waarde");
  expect(csv).toContain(`Geopende casussen per maand;Totaal over de periode;Aantal;${teamTotal}`);
});

test("the research office lands on the city's figures, sees small counts as < 5, and no household", async ({ page, browser }) => {
  // The city page has a column per team in every table: axe takes a while over it.
  test.setTimeout(240_000);
  // A household URL from the demo, read by its team's coordinator in another browser.
  const coordinator = await browser.newContext();
  const other = await coordinator.newPage();
  await loginAs(other, COORDINATOR);
  await other.goto("/t/mariaberg/huishoudens");
  const href = await other.getByRole("table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/t\/mariaberg\/huishoudens\/[0-9a-f-]{36}$/);
  await coordinator.close();

  await loginAs(page, RESEARCHER);
  await expect(page).toHaveURL(/\/gemeente\/cijfers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cijfers sociale teams" })).toBeVisible();
  await page.goto(`/gemeente/cijfers${PERIOD}`);
  // Today's teams have their history and the live demo in 2026: shown; the pilot team (ended in 2016) has none: "< 5".
  const opened = page.getByRole("region", { name: "Tabel: Geopende casussen per maand" });
  await expect(opened.getByRole("columnheader", { name: "Gemeente" })).toBeVisible();
  const total = opened.getByRole("row", { name: /Totaal over de periode/ }).getByRole("cell");
  const headers = (await opened.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  expect(Math.min(headers.indexOf("Caberg-Malpertuis"), headers.indexOf("Mariaberg"))).toBeGreaterThanOrEqual(0);
  await expect(total.nth(headers.indexOf("Caberg-Malpertuis"))).toHaveText("< 5");
  await expect(total.nth(headers.indexOf("Mariaberg"))).toHaveText(/^\d+$/);
  await expect(page.getByText("Aantallen onder de 5 worden getoond als “< 5”; een totaal dat zo'n aantal zou verraden ook.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Grafiek: Geopende casussen per maand" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);

  await page.goto(`/gemeente/cijfers/afdrukken${PERIOD}`);
  await expect(page.getByRole("heading", { level: 1, name: "Cijfers alle sociale teams en de gemeente" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalOverflow(page);

  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
  expect((await page.goto("/t/mariaberg/cijfers"))?.status()).toBe(404);
});
