// The partner journey, issue 20 part 2: the admin adds a product to Trajekt's
// agreement; Trajekt's manager records a month's delivered number (a wrong
// month first: a Dutch error, the input kept) and downloads the hours export.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs, loginAsAdmin, logout } from "./fixtures";

test.setTimeout(240_000);

const MANAGER = "manager.trajekt@wijkwerk.demo";

test("admin agrees a product → the manager records its delivery → downloads the hours export", async ({ page }) => {
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" }).format(new Date());
  await loginAsAdmin(page);
  await page.goto("/beheer/partners");
  await page.getByRole("link", { name: "Trajekt" }).click();
  await page
    .getByRole("link", { name: /^Afspraak .* bewerken$/ })
    .first()
    .click();
  const product = page.getByRole("group", { name: "Product 1" });
  await product.getByLabel("Product", { exact: true }).fill("Training weerbaarheid");
  await product.getByLabel("Eenheid", { exact: true }).fill("groep");
  await product.getByLabel("Aantal (looptijd)").fill("12");
  await product.getByLabel("Prijs per eenheid (€)").fill("1.234,56");
  await page.getByRole("button", { name: "Afspraak opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is opgeslagen.");
  await logout(page);

  await loginAs(page, MANAGER);
  await page.goto("/partner/trajekt");
  await page.getByRole("link", { name: "Producten en levering" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Producten en levering");
  await page.getByLabel("Product", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Maand", { exact: true }).fill("2026-13");
  await page.getByLabel("Aantal geleverd").fill("2");
  await page.getByRole("button", { name: "Levering vastleggen" }).click();
  await expect(page.getByText("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-03.")).toBeVisible();
  await expect(page.getByLabel("Aantal geleverd")).toHaveValue("2");
  await page.getByLabel("Maand", { exact: true }).fill(month);
  await page.getByRole("button", { name: "Levering vastleggen" }).click();
  await expect(page.getByText(`Vastgelegd: 2 × Training weerbaarheid in ${month}.`)).toBeVisible();
  const products = page.getByRole("table", { name: /afgesproken en geleverd/ });
  await expect(products.getByRole("row", { name: /^Training weerbaarheid/ })).toContainText("€ 2.469,12");
  await expectAccessible(page);

  await page.goto("/partner/trajekt");
  await page.getByRole("link", { name: "Urenexport en tokens" }).click();
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /\(CSV\)$/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^uren-trajekt-\d{4}-W\d\d-\d{4}-W\d\d\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe(
    "versie;partner;week;week_start;medewerker_id;medewerker_naam;medewerker_email;discipline;team;team_naam;uren_individueel;uren_collectief;uren_teamoverleg;uren_werkgroep;uren_overig;uren_totaal",
  );
  expect(
    lines
      .slice(1)
      .filter(Boolean)
      .every((l) => l.startsWith("1;trajekt;")),
  ).toBe(true);
  // A token is shown once.
  await page.getByLabel("Naam van het token").fill("HR-systeem");
  await page.getByRole("button", { name: "Token aanmaken" }).click();
  await expect(page.getByLabel("Nieuw token")).toHaveValue(/^wkp_/);
  await logout(page);
});
