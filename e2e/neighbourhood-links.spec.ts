// Issue 19, the links from casework and the sociale kaart: a member matches
// two residents in the Buurtservice, files an intake and points a "social
// network" arrangement of the plan to that match and to a buurtinitiatief;
// the plan shows both with their status, which follows the match to done;
// the Buurtservice shows nothing of the household. The sociale kaart shows
// which entry is a buurtinitiatief and the initiative's page shows where it
// is on the kaart. axe on every page.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs, passSecondStep } from "./fixtures";

const TEAM = "/t/malberg-malpertuis";
const MEMBER = "member.malberg-malpertuis@wijkwerk.demo";

test("an arrangement points to the team's Buurtservice match and an initiative; the plan follows the match to done", async ({ page }) => {
  test.setTimeout(150_000);
  // mfa.spec.ts (earlier in file order) gives this member TOTP: then the second step too.
  await loginAs(page, MEMBER);
  if (new URL(page.url()).pathname.startsWith("/inloggen/tweede-stap")) await passSecondStep(page, MEMBER);
  // A match in the Buurtservice: an offer and a request of two residents (pseudonyms).
  for (const [kind, pseudonym] of [
    ["aanbod", "Bewoner KOP-A"],
    ["vraag", "Bewoner KOP-V"],
  ] as const) {
    await page.goto(`${TEAM}/buurtservice/nieuw?soort=${kind}`);
    await page.getByLabel("Buurt").selectOption({ label: "Malberg" });
    await page.getByLabel("Schuilnaam van de bewoner").fill(pseudonym);
    await page.getByRole("group", { name: "Categorieën" }).getByLabel("Gezelschap").check();
    await page.getByRole("group", { name: "Beschikbaar" }).getByLabel("Doordeweeks avond").check();
    await page.getByRole("button", { name: "Vastleggen" }).click();
    await expect(page.getByRole("status")).toHaveText("Vastgelegd.");
  }
  await page.getByRole("button", { name: "Koppelen: Bewoner KOP-A" }).click();
  await expect(page.getByRole("status")).toHaveText("Koppeling voorgesteld.");
  const matchPage = new URL(page.url()).pathname;

  // A new household (the intake's two choices), then its plan.
  await page.goto(`${TEAM}/huishoudens/nieuw`);
  await page.getByLabel("Samenstelling").selectOption({ label: "Alleenstaand" });
  await page.getByLabel("Buurt *", { exact: true }).selectOption({ label: "Malberg" });
  await page.getByRole("button", { name: "Intake vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("De intake is vastgelegd.");
  const reference = /Huishouden ([A-Z]+-\d{4})/.exec((await page.getByRole("heading", { level: 2, name: /^Huishouden / }).textContent()) ?? "")![1];
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/plan`);

  const form = page.locator("#arrangement-form");
  // The match can only be chosen in the own strength and social network layers.
  await form.getByLabel("Laag (kanteling)").selectOption({ label: "Algemene of collectieve voorziening" });
  await expect(form.getByLabel("Koppeling uit de Buurtservice (niet verplicht)")).toHaveCount(0);
  await form.getByLabel("Laag (kanteling)").selectOption({ label: "Sociaal netwerk" });
  await form.getByLabel("Koppeling uit de Buurtservice (niet verplicht)").selectOption({ label: "Bewoner KOP-V – Bewoner KOP-A (Malberg, voorgesteld)" });
  await form.getByLabel("Buurtinitiatief (niet verplicht)").selectOption({ label: "Kookclub Malberg (Malberg)" });
  await form.getByLabel("Naam aanbieder of netwerk (niet verplicht)").fill("Buurtgenoot via de Buurtservice");
  await form.getByLabel("Status").selectOption({ label: "Loopt" });
  await expectAccessible(page);
  await form.getByRole("button", { name: "Arrangement toevoegen" }).click();
  await expect(page.getByText("Opgeslagen.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Buurtgenoot via de Buurtservice" });
  await expect(row.getByRole("link", { name: "Bewoner KOP-V – Bewoner KOP-A, Malberg" })).toBeVisible();
  await expect(row).toContainText("(Voorgesteld)");
  await expect(row.getByRole("link", { name: "Kookclub Malberg, Malberg" })).toBeVisible();
  await expect(row).toContainText("(actief)");
  await expectAccessible(page);

  // The match runs to done in the Buurtservice; it shows nothing of the household.
  await row.getByRole("link", { name: "Bewoner KOP-V – Bewoner KOP-A, Malberg" }).click();
  await expect(page).toHaveURL(new RegExp(`${matchPage}$`));
  await expect(page.getByText(reference)).toHaveCount(0);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("status")).toHaveText("Koppeling bijgewerkt.");
  await page.getByLabel("Resultaat").fill("Ze drinken elke week samen koffie.");
  await page.getByRole("button", { name: "Afronden" }).click();
  await expect(page.getByText(/Afgerond, niet wederkerig/)).toBeVisible();
  // Loaded afresh, the page and its data hold nothing of the household.
  await page.goto(matchPage);
  expect(await page.content()).not.toContain(reference);

  // The plan keeps the link and shows the match's new status.
  await page.goto(`${base}/plan`);
  await expect(page.getByRole("row").filter({ hasText: "Buurtgenoot via de Buurtservice" })).toContainText("(Afgerond)");

  // The initiative's page: readable, and nothing of the household.
  await page.getByRole("link", { name: "Kookclub Malberg, Malberg" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kookclub Malberg" })).toBeVisible();
  await page.reload();
  expect(await page.content()).not.toContain(reference);
  await expectAccessible(page);
});

test("the sociale kaart shows which entry is a buurtinitiatief; the initiative's page shows where it is on the kaart", async ({ page }) => {
  await loginAs(page, "coordinator.malberg-malpertuis@wijkwerk.demo");
  await page.goto("/sociale-kaart?q=Buurtnetwerk");
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Buurtnetwerk Malpertuis" }) });
  await expect(item).toContainText("Buurtinitiatief: Buurtservice Malpertuis (actief)");
  await expectAccessible(page);
  await item.getByRole("link", { name: "Buurtservice Malpertuis" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Buurtservice Malpertuis" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waar het initiatief staat" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Buurtnetwerk Malpertuis" })).toBeVisible();
  await expectAccessible(page);

  // A keeper links another entry to an initiative; the initiative's page shows it.
  await page.goto("/initiatieven");
  await page.getByRole("link", { name: "Wandelgroep Daalhof" }).click();
  await expect(page.getByText("Nog niet op de sociale kaart.", { exact: false })).toBeVisible();
  await page.goto("/sociale-kaart?q=Mantelzorgsteunpunt");
  await page.getByRole("link", { name: "Mantelzorgsteunpunt Maastricht" }).click();
  await page.locator("summary", { hasText: "Gegevens wijzigen" }).click();
  await page.getByLabel("Buurtinitiatief").selectOption({ label: "Wandelgroep Daalhof (Daalhof)" });
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Buurtinitiatief: Wandelgroep Daalhof (Daalhof, actief)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Wandelgroep Daalhof" }).click();
  await expect(page.getByRole("link", { name: "Mantelzorgsteunpunt Maastricht" })).toBeVisible();
});
