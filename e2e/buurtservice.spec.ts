// Issue 19, Buurtservice: a team member registers a resident's offer and
// another resident's request (pseudonyms), matches them from the
// suggestions, runs the match to done, and sees the month's figures move;
// the city-wide counts and the CSV. axe on every page.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

const TEAM = "/t/malberg-malpertuis/buurtservice";
const thisMonth = new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(new Date());

async function monthFigures(page: Page): Promise<number[]> {
  await page.goto(TEAM);
  const row = page.getByRole("row", { name: new RegExp(`^${thisMonth}`) });
  if ((await row.count()) === 0) return [0, 0, 0, 0, 0];
  return (await row.getByRole("cell").allTextContents()).map((c) => Number(c.replace(/\./g, "")));
}

async function register(page: Page, kind: "aanbod" | "vraag", pseudonym: string, description: string) {
  await page.goto(TEAM);
  await page.getByRole("link", { name: kind === "aanbod" ? "Nieuw aanbod" : "Nieuwe vraag" }).click();
  await expectAccessible(page);
  await page.getByLabel("Buurt").selectOption({ label: "Malberg" });
  await page.getByLabel("Schuilnaam van de bewoner").fill(pseudonym);
  await page.getByRole("group", { name: "Categorieën" }).getByLabel("Klusjes").check();
  await page.getByRole("group", { name: "Beschikbaar" }).getByLabel("Weekend").check();
  await page.getByLabel("Korte omschrijving").fill(description);
  await page.getByRole("button", { name: "Vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("Vastgelegd.");
}

test("a member registers an offer and a request, matches them, finishes the match and sees the month's figures", async ({ page }) => {
  await loginAs(page, "member.malberg-malpertuis@wijkwerk.demo");
  await page.goto(TEAM);
  await expect(page.getByRole("heading", { name: "Open aanbod en vragen" })).toBeVisible();
  // The demo's offer of 130 days ago is flagged.
  await expect(page.getByText("Langer dan 3 maanden open").first()).toBeVisible();
  await expectAccessible(page);
  const before = await monthFigures(page);

  await register(page, "aanbod", "Bewoner E2E-A", "Kan klussen in huis doen.");
  // The privacy guard stops a phone number in the description.
  await page.goto(`${TEAM}/nieuw?soort=vraag`);
  await page.getByLabel("Buurt").selectOption({ label: "Malberg" });
  await page.getByLabel("Schuilnaam van de bewoner").fill("Bewoner E2E-V");
  await page.getByRole("group", { name: "Categorieën" }).getByLabel("Klusjes").check();
  await page.getByRole("group", { name: "Beschikbaar" }).getByLabel("Weekend").check();
  await page.getByLabel("Korte omschrijving").fill("Bel haar op 06-12345678");
  await page.getByRole("button", { name: "Vastleggen" }).click();
  await expect(page.getByText(/telefoonnummer/i).first()).toBeVisible();
  await expect(page.getByLabel("Schuilnaam van de bewoner")).toHaveValue("Bewoner E2E-V");
  await register(page, "vraag", "Bewoner E2E-V", "Lamp ophangen.");

  // The suggestions put the same-buurt offer with the same category and moment first.
  await expect(page.getByRole("heading", { name: "Passend aanbod" })).toBeVisible();
  await expectAccessible(page);
  const first = page.getByRole("button", { name: /^Koppelen: / }).first();
  await expect(first).toHaveAccessibleName("Koppelen: Bewoner E2E-A");
  await first.click();
  await expect(page.getByRole("status")).toHaveText("Koppeling voorgesteld.");
  await expect(page.getByText(/Voorgesteld, niet wederkerig/)).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("status")).toHaveText("Koppeling bijgewerkt.");
  await page.getByLabel("Resultaat").fill("Lamp hangt, ze spreken volgende week weer af.");
  await page.getByRole("button", { name: "Afronden" }).click();
  await expect(page.getByText(/Afgerond, niet wederkerig/)).toBeVisible();
  await expect(page.getByText(/Gesloten/)).toBeVisible();
  await expectAccessible(page);

  // This month: one more request, offer and match; no reciprocal one; one more open offer.
  const after = await monthFigures(page);
  expect(after).toEqual([before[0] + 1, before[1] + 1, before[2] + 1, before[3], before[4] + 1]);
  await expect(page.getByRole("row", { name: /Bewoner E2E-V Bewoner E2E-A Malberg Afgerond/ })).toBeVisible();

  // City-wide: numbers per team, and the CSV.
  await page.getByRole("link", { name: "Buurtservice in de stad" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Buurtservice in de stad" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Malberg-Malpertuis/ })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get("/buurtservice.csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("team;buurt;maand;vragen;aanbod;koppelingen;wederkerige koppelingen;open aanbod");
});

test("another team's member sees the counts, never the entries", async ({ page }) => {
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await page.goto("/t/daalhof/buurtservice");
  await expect(page.getByText("Bewoner M01")).toHaveCount(0);
  await page.goto("/buurtservice");
  await expect(page.getByRole("row", { name: /^Malberg-Malpertuis/ })).toBeVisible();
  await expect(page.getByText("Bewoner M01")).toHaveCount(0);
});
