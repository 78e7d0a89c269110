// Issue 19, the public team finder: a resident on a phone (390 px) searches
// their street and reaches the team page, without login, axe-clean and
// printable; the coordinator changes the team's walk-in hours and the public
// page shows them; the admin reads in a street list (preview with Dutch
// errors per line, then confirm).
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, loginAsAdmin } from "./fixtures";

test("a resident finds the team for their street on a phone, without login", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/buurt");
  await expect(page.getByRole("heading", { level: 1, name: "Welk sociaal team helpt in jouw buurt?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Jouw straat of buurt").fill("reinaert");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("heading", { name: "1 resultaat" })).toBeVisible();
  await page.getByRole("link", { name: "Reinaertstraat (buurt Malpertuis)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Buurt Malpertuis" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sociaal team Malberg-Malpertuis" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sociaal team Malberg-Malpertuis" })).toBeVisible();
  await expect(page.getByRole("link", { name: "043 555 01 70" })).toHaveAttribute("href", "tel:0435550170");
  await expect(page.getByText("Geldzorgen en schulden")).toBeVisible();
  await expectAccessible(page);
  // Fits the phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Printable: the back link and the search form are left out on paper.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Terug naar zoeken" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  // No cookie was set by any of these pages.
  expect(await context.cookies()).toEqual([]);
  // An accent-free search finds Belvédère; an unknown name says so in plain words.
  await page.goto("/buurt?q=belvedere");
  await expect(page.getByRole("link", { name: "Buurt Belvédère", exact: true })).toBeVisible();
  await page.goto("/buurt?q=atlantis");
  await expect(page.getByRole("heading", { name: /We vinden geen straat of buurt met "atlantis"/ })).toBeVisible();
  await expectAccessible(page);
});

test("the coordinator keeps the team's contact details; the public page shows them", async ({ page }) => {
  await loginAs(page, "coordinator.malberg-malpertuis@wijkwerk.demo");
  await page.goto("/t/malberg-malpertuis/contact");
  await expect(page.getByRole("heading", { name: "Contactgegevens op de openbare pagina" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Telefoon").fill("bel mij maar");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(fieldError(page, "Vul een telefoonnummer in met alleen cijfers")).toBeVisible();
  await page.getByLabel("Telefoon").fill("043 555 01 71");
  await page.getByLabel("Inloopuren").fill("Dinsdag 13.00 – 15.00 uur");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De contactgegevens zijn opgeslagen.");
  await page.goto("/buurt/team/malberg-malpertuis");
  await expect(page.getByText("Dinsdag 13.00 – 15.00 uur")).toBeVisible();
  await expect(page.getByRole("link", { name: "043 555 01 71" })).toBeVisible();
});

test("the admin reads in a street list: Dutch errors per line first, then the confirmed import", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/straten");
  await expectAccessible(page);
  const upload = (text: string) =>
    page.getByLabel("CSV-bestand").setInputFiles({ name: "straten.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  const base = "straat;buurt\nMarkt;Binnenstad\nReinaertstraat;Malpertuis\nFort Willemweg;Belvedere\n";
  await upload(base + "Zeeweg;Atlantis\n");
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page.getByRole("alert")).toContainText('Regel 5: de buurt "Atlantis" bestaat niet.');
  await expect(page.getByRole("button", { name: "Lijst vervangen" })).toHaveCount(0);
  await expectAccessible(page);
  await upload(base);
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page.getByText(/3 geldige regels: 0 nieuw, \d+ verdwijnen, 3 blijven gelijk\./)).toBeVisible();
  await page.getByRole("button", { name: "Lijst vervangen" }).click();
  await expect(page.getByRole("status")).toHaveText("De stratenlijst is vervangen: 3 straten.");
  await expect(page.getByText("3 straten in totaal.")).toBeVisible();
  // The public search now finds only the imported streets.
  await page.goto("/buurt?q=fort%20willem");
  await expect(page.getByRole("link", { name: "Fort Willemweg (buurt Belvédère)" })).toBeVisible();
});
