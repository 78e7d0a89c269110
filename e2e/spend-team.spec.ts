// The team side of the workbudget: a member writes a request (a bad amount
// gives a Dutch field error and keeps the other values; an incomplete submit
// keeps the draft), saves it, edits and submits it; the coordinator endorses
// it; the author cannot endorse their own; another team gets 404; volunteers
// have no workbudget at all (403: a page of their own team their role may not use). Axe on every page visited.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout } from "./fixtures";

const PURPOSE = `Fietsreparatie ${Date.now()}`;

// Long journeys (several logins each): more than the default 60 s on a busy machine.
test.describe.configure({ timeout: 180_000 });

const domains = (page: Page) => page.getByRole("group", { name: "Leefgebieden waar het om gaat" });
const socialDomains = (page: Page) => page.getByRole("group", { name: "Leefgebieden die verbeteren" });

test("member writes and submits a request, the coordinator endorses it; others see nothing", async ({ page }) => {
  // 1. The member of Centrum opens the workbudget tab.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/t/centrum");
  await page.getByRole("link", { name: "Werkbudget" }).click();
  await expect(page).toHaveURL(/\/t\/centrum\/werkbudget$/);
  await expect(page.getByRole("heading", { name: "Mijn aanvragen" })).toBeVisible();
  await expectAccessible(page);

  // 2. A new request with an amount of three decimals: a Dutch field error, the rest stays.
  await page.getByRole("link", { name: "Nieuwe aanvraag" }).click();
  await expect(page).toHaveURL(/\/t\/centrum\/werkbudget\/nieuw$/);
  await expectAccessible(page);
  await page.getByLabel("Bedrag in euro", { exact: true }).fill("12,345");
  await page.getByLabel("Voor wat", { exact: true }).fill(PURPOSE);
  await page.getByLabel("Bij wie (leverancier)", { exact: true }).fill("Fietsenmaker om de hoek");
  await page.getByLabel("Kenmerk inwoner (pseudoniem)").fill("CE-077");
  await domains(page).getByLabel("Werk & opleiding").check();
  await page.getByRole("button", { name: "Opslaan als concept" }).click();
  const amount = page.getByLabel("Bedrag in euro", { exact: true });
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#spend-form-amount-error")).toContainText("Vul een geldig bedrag in euro in");
  await expect(page.getByLabel("Voor wat", { exact: true })).toHaveValue(PURPOSE);
  await expect(page.getByLabel("Kenmerk inwoner (pseudoniem)")).toHaveValue("CE-077");
  await expect(domains(page).getByLabel("Werk & opleiding")).toBeChecked();
  await expectAccessible(page);

  // 3. A good amount, but submitting now is incomplete: the draft is kept, the missing fields are marked.
  await amount.fill("45,50");
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page.getByText(/Het concept is opgeslagen, maar nog niet ingediend/)).toBeVisible();
  await expect(page.getByLabel("Onderbouwing", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Voor wat", { exact: true })).toHaveValue(PURPOSE);
  await expectAccessible(page);

  // 4. Save as draft: the same draft (no second one), shown as Concept.
  await page.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(page).toHaveURL(/\/t\/centrum\/werkbudget\/[0-9a-f-]{36}\?gedaan=opgeslagen$/);
  await expect(page.getByRole("status")).toContainText("Het concept is opgeslagen.");
  await expect(page.getByRole("main")).toContainText("Concept");
  await expect(page.getByRole("main")).toContainText("€ 45,50");
  await expectAccessible(page);
  const spendUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Terug naar het werkbudget" }).click();
  await expect(page.getByRole("row").filter({ hasText: PURPOSE })).toHaveCount(1);
  await expectAccessible(page);

  // 5. Edit: complete the request and submit it.
  await page.goto(spendUrl);
  await page.getByRole("link", { name: "Bewerken" }).click();
  await expect(page).toHaveURL(new RegExp(`${spendUrl}/bewerken$`));
  await expect(page.getByLabel("Bedrag in euro", { exact: true })).toHaveValue("45,50");
  await expectAccessible(page);
  await page.getByLabel("Onderbouwing", { exact: true }).fill("Zonder fiets geen vervoer naar de nieuwe baan; bijzondere bijstand duurt weken.");
  await page.getByLabel("Welk probleem wordt hiermee voorkomen?").fill("Baan gaat verloren in de proeftijd.");
  await page
    .getByLabel("Norm", { exact: true })
    .selectOption({ label: "Werk gevonden of behouden — € 16.000,00 per persoon — UWV, genoemd in de notitie sociale teams Maastricht 2017" });
  await socialDomains(page).getByLabel("Maatschappelijke participatie").check();
  await page.getByLabel("Toelichting op het sociaal rendement").fill("Eigen inkomen en dagritme.");
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page).toHaveURL(new RegExp(`${spendUrl}\\?gedaan=ingediend$`));
  await expect(page.getByRole("status")).toContainText("De aanvraag is ingediend.");
  await expect(page.getByRole("main")).toContainText("Ingediend");
  await expect(page.getByRole("main")).toContainText("Werk gevonden of behouden");
  // The author cannot endorse their own request.
  await expect(page.getByRole("button", { name: "Onderschrijven" })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  // 6. The coordinator of Centrum sees it in the team's list and endorses it.
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.goto("/t/centrum/werkbudget");
  await expect(page.getByRole("heading", { name: "Aanvragen van het team" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("row").filter({ hasText: PURPOSE }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${spendUrl}$`));
  await expectAccessible(page);
  await page.getByLabel("Opmerking (niet verplicht)").fill("Akkoord vanuit het team.");
  await page.getByRole("button", { name: "Onderschrijven" }).click();
  await expect(page.getByRole("status")).toContainText("De aanvraag is onderschreven.");
  await expect(page.getByRole("main")).toContainText("Onderschreven door coördinator");
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Akkoord vanuit het team.");
  await expect(page.getByRole("button", { name: "Onderschrijven" })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  // 7. A member of another team: 404 on the request's address.
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  const other = await page.goto(spendUrl);
  expect(other?.status()).toBe(404);
  await expectAccessible(page);
  const otherTeam = await page.goto(spendUrl.replace("/t/centrum/", "/t/mariaberg/"));
  expect(otherTeam?.status()).toBe(404);
  await expectAccessible(page);
  await logout(page);

  // 8. A volunteer: no Werkbudget tab and 403 on the address.
  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg");
  await expect(page.getByRole("heading", { level: 1, name: "Mariaberg" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Werkbudget" })).toHaveCount(0);
  await expectAccessible(page);
  const volunteer = await page.goto("/t/mariaberg/werkbudget");
  expect(volunteer?.status()).toBe(403);
  await expectAccessible(page);
  const volunteerNew = await page.goto("/t/mariaberg/werkbudget/nieuw");
  expect(volunteerNew?.status()).toBe(403);
});

test("demo requests in later stages show payment, settlement, evaluation and the right steps", async ({ page }) => {
  // Mariaberg's member: an evaluated and a paid request, with totals per status.
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg/werkbudget");
  const totals = page.getByRole("region", { name: "Totalen per status" });
  await expect(totals.getByRole("row", { name: /Geëvalueerd/ })).toContainText("€ 189,50");
  await expect(totals.getByRole("row", { name: /Betaald/ })).toContainText("€ 420,00");
  await expectAccessible(page);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Betaald" });
  await page.getByRole("button", { name: "Filter toepassen" }).click();
  await expect(page).toHaveURL(/status=paid/);
  await expect(page.getByRole("row").filter({ hasText: "Werkschoenen" })).toHaveCount(0);
  await page.getByRole("row").filter({ hasText: "Achterstallige huur" }).getByRole("link").click();
  await expect(page.getByRole("region", { name: "Gegevens van de aanvraag" })).toContainText("Bankoverschrijving");
  await expect(page.getByRole("link", { name: "Bewerken" })).toHaveCount(0);
  await expect(page.getByText("Voor jou is er nu geen stap te zetten.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/t/mariaberg/werkbudget?status=evaluated");
  await page.getByRole("row").filter({ hasText: "Werkschoenen" }).getByRole("link").click();
  const facts = page.getByRole("region", { name: "Gegevens van de aanvraag" });
  await expect(facts).toContainText("Bijzondere bijstand");
  await expect(facts).toContainText("21 dagen");
  await expect(facts).toContainText("Werk gevonden of behouden");
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Geëvalueerd");
  await expectAccessible(page);
  await logout(page);

  // Limmel-Nazareth: the controller asked for more information; the author may edit and resubmit.
  await loginAs(page, "member.limmel-nazareth@wijkwerk.demo");
  await page.goto("/t/limmel-nazareth/werkbudget");
  await page.getByRole("row").filter({ hasText: "Rijlessen" }).getByRole("link").click();
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Graag de offerte van de rijschool toevoegen.");
  await page.getByRole("link", { name: "Bewerken" }).click();
  await expect(page.getByLabel("Bedrag in euro", { exact: true })).toHaveValue("150,00");
  await expectAccessible(page);
  await logout(page);

  // Daalhof's coordinator: an endorsed request of a member; no further team step but a comment.
  await loginAs(page, "coordinator.daalhof@wijkwerk.demo");
  await page.goto("/t/daalhof/werkbudget");
  await page.getByRole("row").filter({ hasText: "Laptop" }).getByRole("link").click();
  await expect(page.getByRole("main")).toContainText("Onderschreven door coördinator");
  await expect(page.getByRole("button", { name: "Onderschrijven" })).toHaveCount(0);
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(fieldError(page, "Schrijf een reactie.")).toBeVisible();
  await page.getByLabel("Reactie", { exact: true }).fill("Offerte volgt morgen.");
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(page.getByRole("status")).toContainText("Je reactie is geplaatst.");
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Offerte volgt morgen.");
  await expectAccessible(page);
});
