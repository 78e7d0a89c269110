// Issue 16, the business case on the demo data (team costs for 2017 and this
// year, saved by the controller's use case): the controller records a line of
// a team's costs at /gemeente/business-case/kosten and sees it on the
// city-wide page with the norms' sources and the assumptions, and downloads
// the CSV; the team's coordinator sees the team's own business case (and its
// CSV), another team's answers 404; the research office reads, cannot change
// the costs. axe on every page.
import { readFile } from "node:fs/promises";
import { expect, test, type Download } from "@playwright/test";
import { expectAccessible, loginAs, loginAsController } from "./fixtures";

const RESEARCHER = "onderzoek@wijkwerk.demo";
const COORDINATOR = "coordinator.mariaberg@wijkwerk.demo";
const year = Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Europe/Amsterdam" }).format(new Date()));

/** "€ 21.234,56" → 2123456. */
const cents = (text: string | null) => Math.round(Number((text ?? "").replace(/[^\d,-]/g, "").replace(",", ".")) * 100);
const csvLines = async (download: Download) => (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").split("\r\n");

test("the controller records a team's costs and sees them in the city's business case with sources, assumptions and CSV", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAsController(page);
  await page.goto("/gemeente/business-case");
  await expect(page.getByRole("heading", { level: 1, name: "Businesscase" })).toBeVisible();
  const otherCosts = page
    .getByRole("table", { name: "Kosten per soort" })
    .getByRole("row", { name: /^Overig/ })
    .getByRole("cell")
    .last();
  const before = cents(await otherCosts.textContent());
  await page.getByRole("link", { name: "Teamkosten vastleggen" }).click();
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Mariaberg" });
  await page.getByLabel("Jaar", { exact: true }).selectOption(String(year));
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Teamkosten: Mariaberg, ${year}` })).toBeVisible();
  await expectAccessible(page);

  // A new line in the first empty one: "Overig" needs a description; the Dutch message at the field.
  const empty = page.getByRole("group", { name: /^Regel \d+$/ }).nth(-3);
  await empty.getByLabel("Soort").selectOption({ label: "Overig" });
  await empty.getByLabel("Bedrag").fill("1234,56");
  await page.getByRole("button", { name: "Kosten opslaan" }).click();
  await expect(empty.getByText("Vul dit veld in.")).toBeVisible();
  await expect(empty.getByLabel("Bedrag")).toHaveValue("1234,56");
  await empty.getByLabel("Omschrijving").fill("Scholing e2e");
  await empty.getByLabel("Bron of toelichting").fill("Offerte opleider, maart");
  await page.getByRole("button", { name: "Kosten opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De teamkosten zijn opgeslagen.");

  // The city's page: the line is in the costs by kind; sources and assumptions on the page.
  await page.getByRole("link", { name: /Terug naar de businesscase/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Businesscase" })).toBeVisible();
  const summary = page.getByRole("table", { name: `Kosten en opbrengsten per team in ${year}` });
  await expect(summary.getByRole("row", { name: /^Mariaberg/ })).toBeVisible();
  await expect(summary.getByRole("row", { name: /^Stad \(alle teams\)/ })).toBeVisible();
  await expect.poll(async () => cents(await otherCosts.textContent())).toBe(before + 123_456);
  await expect(page.getByRole("table", { name: "Vermeden kosten per norm" }).getByRole("columnheader", { name: "Bron" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aannames" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Kosten en opbrengsten" })).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`businesscase-${year}.csv`);
  const csv = await csvLines(download);
  expect(csv[0]).toBe(
    "Jaar;Team;Personeel;Huisvesting;ICT;Coaching;Overig;Totaal kosten;Gerealiseerd rendement werkbudget;Vermeden kosten bij afsluiting;Totaal opbrengsten;Saldo;Opbrengst per euro kosten",
  );
  // The city's row holds the same "Overig" as the page (column 7, euros with a decimal comma).
  const city = csv.find((l) => l.startsWith(`${year};Stad (alle teams);`))!.split(";");
  expect(cents(city[6])).toBe(before + 123_456);
  expect(csv.some((l) => l.startsWith(`${year};Mariaberg;`))).toBe(true);
  expect(csv).toContain("Jaar;Team;Norm;Code;Bedrag per eenheid;Eenheid;Bron;Lokale schatting;Aantal voorkomen;Vermeden kosten");
});

test("the coordinator sees the team's own business case and CSV; another team's is 404", async ({ page }) => {
  await loginAs(page, COORDINATOR);
  await page.goto("/t/mariaberg/business-case");
  await expect(page.getByRole("heading", { level: 2, name: "Businesscase Mariaberg" })).toBeVisible();
  await expect(page.getByRole("table", { name: `Kosten en opbrengsten in ${year}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aannames" })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = await csvLines(download);
  expect(csv[0]).toMatch(/^Jaar;Team;Personeel;/);
  expect(csv.some((l) => l.startsWith(`${year};Daalhof;`))).toBe(false);
  expect((await page.goto("/t/daalhof/business-case"))?.status()).toBe(404);
  expect((await page.goto("/t/daalhof/business-case.csv"))?.status()).toBe(404);
  expect((await page.goto("/gemeente/business-case"))?.status()).toBe(404);
  expect((await page.goto("/gemeente/business-case/kosten"))?.status()).toBe(404);
});

test("the research office reads the business case and the team costs, and cannot change them", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, RESEARCHER);
  await page.goto("/gemeente/business-case");
  await expect(page.getByRole("table", { name: `Kosten en opbrengsten per team in ${year}` }).getByRole("row", { name: /^Mariaberg/ })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get(`/gemeente/business-case.csv?jaar=${year}`);
  expect(csv.status()).toBe(200);
  await page.getByRole("link", { name: "Teamkosten vastleggen" }).click();
  await expect(page.getByText("Je kunt de teamkosten lezen, niet wijzigen.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Kosten opslaan" })).toHaveCount(0);
  await expectAccessible(page);
  // A save sent anyway is refused (404: the page's action needs "manage TeamCost").
  const form = await page.request.post("/gemeente/business-case/kosten", {
    form: { teamId: "00000000-0000-4000-8000-000000000000", year: String(year) },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(form.status()).toBe(404);
});
