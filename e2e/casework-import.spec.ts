// Issue 16, importing history, end to end on the demo data: the coordinator of
// Limmel-Nazareth opens Historie importeren from the household list, checks a
// file with an error (the report names row, column and what is wrong), then
// the good history file (e2e/fixtures/casework-history.csv, the example of
// docs/examples: cases from 2014 on, every kind of row), sees the summary,
// imports it (the upload's progress, then the result) and finds the
// households in the list. axe on every state of the page. The lead extends
// this journey to the figures' tables and their printable page.
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

const SLUG = "limmel-nazareth";
const TEAM = `/t/${SLUG}`;
const COORDINATOR = `coordinator.${SLUG}@wijkwerk.demo`;
const GOOD = fileURLToPath(new URL("./fixtures/casework-history.csv", import.meta.url));

test("the coordinator imports the team's history: errors first, then the good file, then the household list", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, COORDINATOR);
  await page.goto(`${TEAM}/huishoudens`);
  await page.getByRole("link", { name: "Historie importeren" }).click();
  await expect(page.getByRole("heading", { name: "Historie importeren" })).toBeVisible();
  await expectAccessible(page);

  // A file with a mistake: nothing is imported, the report says where.
  await page.getByLabel("CSV-bestand").setInputFiles({
    name: "fout.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "record;reference;intake_date;buurt;household_type;entry_route;question_type\r\ncase;LN-1001;14-05-2014;Limmel;gezin;school;single\r\n",
    ),
  });
  await page.getByRole("button", { name: "Bestand controleren" }).click();
  const errors = page.getByRole("heading", { name: /1 fout in 1 regels: er is niets geïmporteerd/ });
  await expect(errors).toBeVisible();
  await expect(errors).toBeFocused();
  const row = page.getByRole("row").filter({ hasText: "household_type" });
  await expect(row.getByRole("cell").first()).toHaveText("2");
  await expect(row).toContainText('"gezin" is geen toegestane waarde');
  await expect(page.getByRole("link", { name: "Foutenlijst downloaden (CSV)" })).toBeVisible();
  await expectAccessible(page);

  // The good file: the summary, then the import.
  await page.getByLabel("CSV-bestand").setInputFiles(GOOD);
  await page.getByRole("button", { name: "Ander bestand controleren" }).click();
  await expect(page.getByRole("heading", { name: "Het bestand is in orde" })).toBeVisible();
  const summary = page.getByRole("table", { name: "Wat het bestand bevat" });
  await expect(
    summary
      .getByRole("row", { name: /^Casussen/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("3");
  await expect(
    summary
      .getByRole("row", { name: /^ZRM-scores/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("5");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page.getByRole("heading", { name: "Geïmporteerd" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "geïmporteerd" })).toHaveText("3 casussen van 2 huishoudens geïmporteerd.");
  await expectAccessible(page);

  // The household list shows them.
  await page.getByRole("link", { name: "Naar de huishoudens" }).click();
  await expect(page.getByRole("cell", { name: "LN-1001" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "LN-1002" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "LN-1001" })).toContainText("S.J.");
});
