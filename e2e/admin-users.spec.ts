// The functional admin manages a person: team membership added and removed
// (with confirmation), account deactivated (login refused) and reactivated.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, loginAsAdmin } from "./fixtures";

const PERSON = "member.centrum@wijkwerk.demo";

test("admin adds and removes a team membership and deactivates an account", async ({ page, browser }, testInfo) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/gebruikers");
  await expectAccessible(page);
  await page.getByLabel("Zoek op naam of e-mailadres").fill(PERSON);
  await page.getByRole("button", { name: "Zoeken" }).click();
  const row = page.getByRole("row").filter({ hasText: PERSON });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Add to Mariaberg as volunteer with 4,5 hours.
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Toevoegen" }) });
  await add.getByLabel("Team").selectOption({ label: "Mariaberg" });
  await add.getByLabel("Rol").selectOption({ label: "Vrijwilliger" });
  await add.getByLabel("Uren per week").fill("4,5");
  await add.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Het lidmaatschap is toegevoegd.");
  const membership = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Mariaberg" }) });
  await expect(membership.getByLabel("Uren per week Mariaberg")).toHaveValue("4,5");
  await expectAccessible(page);

  // Adding again is refused with a Dutch message; what was chosen stays.
  await add.getByLabel("Team").selectOption({ label: "Mariaberg" });
  await add.getByLabel("Rol").selectOption({ label: "Teamlid" });
  await add.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("main")).toContainText("Deze persoon heeft deze rol hier al.");
  await expect(add.getByLabel("Rol")).toHaveValue("member");

  // End on a date (default today), after confirming: the row stays as history, marked ended.
  await expect(membership.getByLabel("Beëindigen per (Mariaberg)")).toBeVisible();
  await page.getByRole("button", { name: "Lidmaatschap van Mariaberg beëindigen" }).click();
  await page.getByRole("group", { name: "Lidmaatschap van Mariaberg beëindigen" }).getByRole("button", { name: "Beëindigen" }).click();
  await expect(page.getByRole("status")).toContainText("Het lidmaatschap is beëindigd.");
  await expect(membership).toContainText("Beëindigd");

  // Deactivate: the person can no longer log in.
  await page.getByLabel("Account actief").uncheck();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De gegevens zijn opgeslagen.");
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const otherPage = await other.newPage();
  await otherPage.goto("/inloggen");
  await otherPage.getByLabel("E-mailadres").fill(PERSON);
  await otherPage.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await otherPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(otherPage.getByRole("alert")).toBeVisible();
  await expect(otherPage).toHaveURL(/\/inloggen/);

  // Reactivate: login works again.
  await page.getByLabel("Account actief").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De gegevens zijn opgeslagen.");
  await otherPage.getByLabel("E-mailadres").fill(PERSON);
  await otherPage.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await otherPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(otherPage).toHaveURL(/\/taken$/);
  await other.close();
});

// Issue 20: the admin changes a membership's disciplines and secondment from a
// date and sees both periods in its history. The date lies in the future, so
// today's terms (which other specs read) stay as they are.
test("admin sets two disciplines and a secondment from a date and sees the history", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Zoek op naam of e-mailadres").fill(PERSON);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("row").filter({ hasText: PERSON }).getByRole("link").click();
  const details = page.locator("details").filter({ hasText: "Geschiedenis, disciplines en detachering: Centrum" });
  await details.locator("summary").click();
  await expectAccessible(page);

  // Seconded without an organisation: a Dutch field error, what was typed stays.
  const form = details.locator("form");
  const group = form.getByRole("group", { name: "Disciplines" });
  for (const box of await group.getByRole("checkbox").all()) await box.uncheck();
  await group.getByLabel("Jeugd", { exact: true }).check();
  await group.getByLabel("GGZ", { exact: true }).check();
  await form.getByLabel("Gedetacheerd", { exact: true }).check();
  await form.getByLabel("Met ingang van").fill("2030-01-01");
  await form.getByRole("button", { name: "Wijziging opslaan" }).click();
  await expect(details.getByRole("alert")).toContainText("Vul in bij welke organisatie de medewerker gedetacheerd is.");
  await expect(details.locator("form").getByLabel("Met ingang van")).toHaveValue("2030-01-01");
  await expect(details.locator("form").getByLabel("GGZ", { exact: true })).toBeChecked();
  await expectAccessible(page);

  await details.locator("form").getByLabel("Gedetacheerd bij (organisatie)").fill("Gemeente Maastricht, Sociale Zaken");
  await details.locator("form").getByRole("button", { name: "Wijziging opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De disciplines en de detachering zijn gewijzigd.");

  // Both periods in the history: today's terms until 31-12-2029, the new ones from 01-01-2030.
  await details.locator("summary").click();
  const history = details.getByRole("table", { name: "Geschiedenis van het lidmaatschap van Centrum" });
  const before = history.getByRole("row").filter({ hasText: "31-12-2029" });
  await expect(before).toContainText("Nee");
  const after = history.getByRole("row").filter({ hasText: "01-01-2030" });
  await expect(after).toContainText("Jeugd, GGZ");
  await expect(after).toContainText("Ja, bij Gemeente Maastricht, Sociale Zaken");
  await expect(after).toContainText("heden");
});
