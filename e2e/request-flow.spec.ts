// The request screens of issue 17: a member sees what is required before
// submitting, and a submit with an error shows the error summary whose links
// focus the field; the coordinator asks for more information (the member
// answers and submits again) and declines another request with a reason;
// "what happens next" on every page; the controller reads the request, its
// budget context and the no-quote warning above the decision forms. Axe on
// every page visited.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs, loginAsController, logout } from "./fixtures";

test.describe.configure({ timeout: 240_000 });

const RUN = Date.now();
const ASKED = `Laptop voor sollicitaties ${RUN}`;
const DECLINED = `Sportabonnement ${RUN}`;
const NORM = "Werk gevonden of behouden — € 16.000,00 per persoon — UWV, genoemd in de notitie sociale teams Maastricht 2017";

const nextStep = (page: Page) => page.getByRole("region", { name: "Wat gebeurt er nu?" });

/** Fills everything submitting needs, on the open request form. */
async function completeRequest(page: Page, purpose: string) {
  await page.getByLabel("Bedrag in euro", { exact: true }).fill("85,00");
  await page.getByLabel("Voor wat", { exact: true }).fill(purpose);
  await page.getByLabel("Onderbouwing", { exact: true }).fill("Zonder laptop kan de inwoner niet solliciteren; andere regelingen duren te lang.");
  await page.getByLabel("Welk probleem wordt hiermee voorkomen?").fill("Langer in de bijstand.");
  await page.getByRole("group", { name: "Leefgebieden waar het om gaat" }).getByLabel("Werk & opleiding").check();
  await page.getByLabel("Norm", { exact: true }).selectOption({ label: NORM });
  await page.getByRole("group", { name: "Leefgebieden die verbeteren" }).getByLabel("Maatschappelijke participatie").check();
}

test("required fields, the error summary, the coordinator's question and decline, the controller reads first", async ({ page }) => {
  // 1. The member sees what is required before submitting, and what the words mean.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.goto("/t/centrum/werkbudget/nieuw");
  await expect(page.getByTestId("required-intro")).toContainText("(verplicht)");
  for (const label of ["Bedrag in euro", "Voor wat", "Onderbouwing"]) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-required", "true");
    await expect(field).toHaveAttribute("required", "");
    await expect(page.locator(`label[for="${await field.getAttribute("id")}"]`).locator("..")).toContainText("(verplicht)");
  }
  await expect(page.getByLabel("Bij wie (leverancier)", { exact: true })).not.toHaveAttribute("aria-required", "true");
  await expect(page.getByRole("group", { name: "Leefgebieden waar het om gaat" })).toContainText("(verplicht)");
  const help = page.getByTestId("spend-terms-help");
  await help.getByText("Wat betekenen norm, rendement en leefgebied?").click();
  await expect(help).toContainText("Zelfredzaamheid-Matrix");
  await expect(help).toContainText("Rendement: wat de aanvraag oplevert");
  await expect(help.getByRole("link", { name: "Bekijk de normtabel" })).toHaveAttribute("href", "/t/centrum/werkbudget/normen");
  await expectAccessible(page);

  // 2. Submitting with only an amount and a purpose: the summary takes focus and links each error to its field.
  await page.getByLabel("Bedrag in euro", { exact: true }).fill("85,00");
  await page.getByLabel("Voor wat", { exact: true }).fill(ASKED);
  await page.getByRole("button", { name: "Indienen" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Er is een probleem" });
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: /^Onderbouwing:/ });
  await expect(link).toHaveAttribute("href", "#spend-form-rationale");
  await expect(summary.getByRole("link", { name: /^Leefgebieden waar het om gaat:/ })).toBeVisible();
  await link.click();
  await expect(page.getByLabel("Onderbouwing", { exact: true })).toBeFocused();
  await summary.getByRole("link", { name: /^Leefgebieden waar het om gaat:/ }).click();
  await expect(page.getByRole("group", { name: "Leefgebieden waar het om gaat" }).getByRole("checkbox").first()).toBeFocused();
  await expect(page.getByLabel("Voor wat", { exact: true })).toHaveValue(ASKED);
  await expectAccessible(page);

  // 3. Complete and submit: what happens next names the coordinator.
  await completeRequest(page, ASKED);
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page).toHaveURL(/\/t\/centrum\/werkbudget\/[0-9a-f-]{36}\?gedaan=ingediend$/);
  const askedUrl = new URL(page.url()).pathname;
  const askedId = askedUrl.split("/").pop()!;
  await expect(nextStep(page)).toContainText("De coördinator van het team");
  await expect(nextStep(page)).toContainText(/Meestal binnen \d+ (werk)?dag/);
  await expectAccessible(page);

  // 4. A second request, to be declined.
  await page.goto("/t/centrum/werkbudget/nieuw");
  await completeRequest(page, DECLINED);
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page).toHaveURL(/\?gedaan=ingediend$/);
  const declinedUrl = new URL(page.url()).pathname;
  await logout(page);

  // 5. The coordinator asks for more information on the first…
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.goto(askedUrl);
  await expect(page.getByRole("heading", { name: "Meer informatie vragen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Afwijzen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Je vraag aan de aanvrager").fill("Is er een offerte van de winkel?");
  await page.getByRole("button", { name: "Vraag versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je vraag is verstuurd.");
  await expect(page.getByRole("main")).toContainText("Meer informatie gevraagd");
  await expect(nextStep(page)).toContainText("beantwoordt de vraag van");
  await expectAccessible(page);

  // …and declines the second: without a reason the summary points at the field.
  await page.goto(declinedUrl);
  await page.getByRole("button", { name: "Afwijzen", exact: true }).click();
  await page.getByRole("button", { name: "Ja, afwijzen" }).click();
  const declineSummary = page.getByRole("alert").filter({ hasText: "Er is een probleem" });
  await expect(declineSummary).toBeFocused();
  await declineSummary.getByRole("link", { name: /^Reden van afwijzen:/ }).click();
  await expect(page.getByLabel("Reden van afwijzen")).toBeFocused();
  await expectAccessible(page);
  await page.getByLabel("Reden van afwijzen").fill("Een sportabonnement past niet in het werkbudget; kijk naar het jeugdsportfonds.");
  if (!(await page.getByRole("button", { name: "Ja, afwijzen" }).isVisible())) await page.getByRole("button", { name: "Afwijzen", exact: true }).click();
  await page.getByRole("button", { name: "Ja, afwijzen" }).click();
  await expect(page.getByRole("status")).toContainText("De aanvraag is afgewezen.");
  await expect(nextStep(page)).toContainText("Niemand");
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("jeugdsportfonds");
  await expectAccessible(page);
  await logout(page);

  // 6. The member answers: sees it is their turn, edits and submits again.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.goto(askedUrl);
  await expect(nextStep(page)).toContainText("Jij");
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Is er een offerte van de winkel?");
  await page.getByRole("link", { name: "Bewerken" }).click();
  await page.getByLabel("Bij wie (leverancier)", { exact: true }).fill("Computerwinkel, offerte volgt per mail");
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page).toHaveURL(new RegExp(`${askedUrl}\\?gedaan=ingediend$`));
  await expect(page.getByRole("main")).toContainText("Ingediend");
  await logout(page);

  // 7. The controller reads the request first: facts, budget context and the no-quote warning above the decision.
  await loginAsController(page);
  await page.goto(`/gemeente/werkbudget/aanvragen/${askedId}`);
  const context = page.getByRole("region", { name: "Budget en team" });
  await expect(context).toContainText("Nu beschikbaar in");
  await expect(context).toContainText(/Centrum in \d{4} tot nu toe/);
  await expect(context.getByTestId("no-quote-warning")).toContainText("geen offerte");
  await expect(nextStep(page)).toContainText("De coördinator van het team");
  const order = await page.evaluate(() => {
    const y = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top + window.scrollY;
    return { facts: y("#spend-facts-title"), context: y("#budget-context-title"), decide: y("#decide-title") };
  });
  expect(order.context).toBeLessThan(order.decide);
  expect(order.facts).toBeLessThan(order.decide);
  await expect(page.getByRole("button", { name: "Goedkeuren" })).toBeVisible();
  await expectAccessible(page);
});
