// The casework pages after the intake (plan, ZRM, referrals, closing) for a
// member who is the regisseur: forms usable, Dutch field errors, axe-clean.
// Needs a PostgreSQL run (E2E_DATABASE_URL) to put a household with an open
// case in place as the owner, since the intake has its own pages and spec.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { randomUUID } from "node:crypto";
import { expectAccessible, loginAs } from "./fixtures";

const url = process.env.E2E_DATABASE_URL;
let householdId = "";

test.describe("casework: plan, ZRM, referrals and closing", () => {
  test.skip(!url, "needs E2E_DATABASE_URL (the household is inserted as the owner)");

  test.beforeAll(async () => {
    const sql = postgres(url!, { max: 1 });
    try {
      const [team] = await sql`select id, municipality_id from teams where slug = 'mariaberg'`;
      const [member] = await sql`select id from users where email = 'member.mariaberg@wijkwerk.demo'`;
      const [coordinator] = await sql`select id from users where email = 'coordinator.mariaberg@wijkwerk.demo'`;
      const [buurt] = await sql`select buurt_id from buurt_assignments where team_id = ${team.id} limit 1`;
      householdId = randomUUID();
      const reference = `MB-9${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
      await sql`insert into households (id, municipality_id, team_id, reference, initials, buurt_id) values (${householdId}, ${team.municipality_id}, ${team.id}, ${reference}, 'E.2.', ${buurt.buurt_id})`;
      await sql`insert into household_profiles (household_id, municipality_id, team_id, household_type) values (${householdId}, ${team.municipality_id}, ${team.id}, 'alone')`;
      await sql`insert into household_persons (municipality_id, team_id, household_id, name, role) values (${team.municipality_id}, ${team.id}, ${householdId}, 'Eva Tweede', 'adult')`;
      await sql`insert into cases (municipality_id, team_id, household_id, intake_on, entry_route, question_type, regisseur_id, created_by)
                values (${team.municipality_id}, ${team.id}, ${householdId}, '2026-10-01', 'gp', 'multiple', ${member.id}, ${member.id})`;
      await sql`insert into social_map_providers (municipality_id, name, kind, layer, created_by)
                values (${team.municipality_id}, 'E2E Schuldhulp', 'Schuldhulpverlening', 'general', ${coordinator.id}) on conflict do nothing`;
    } finally {
      await sql.end();
    }
  });

  test("the regisseur keeps the plan, scores two ZRM domains, refers, and closes the case", async ({ page }) => {
    await loginAs(page, "member.mariaberg@wijkwerk.demo");
    const base = `/t/mariaberg/huishoudens/${householdId}`;

    await page.goto(`${base}/plan`);
    await expect(page.getByRole("heading", { name: "Doelen" })).toBeVisible();
    await expectAccessible(page);
    // A goal without a description: the Dutch error next to the field, the choice kept.
    await page.getByLabel("Levensdomein").selectOption({ label: "Financiën" });
    await page.getByLabel("Soort doel").selectOption({ label: "Verbeteren" });
    await page.getByRole("button", { name: "Doel toevoegen" }).click();
    await expect(page.getByText("Beschrijf het doel (maximaal 2000 tekens).")).toBeVisible();
    await page.getByLabel("Doel", { exact: true }).fill("Huurachterstand wegwerken");
    await page.getByRole("button", { name: "Doel toevoegen" }).click();
    await expect(page.getByText("Opgeslagen.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Huurachterstand wegwerken" })).toBeVisible();

    const form = page.locator("#arrangement-form");
    await form.getByLabel("Laag (kanteling)").selectOption({ label: "Algemene of collectieve voorziening" });
    await form.getByLabel("Aanbieder van de sociale kaart").selectOption({ label: "E2E Schuldhulp" });
    await form.getByLabel("Status").selectOption({ label: "Loopt" });
    await form.getByLabel("Financiën: Huurachterstand wegwerken").check();
    await form.getByRole("button", { name: "Arrangement toevoegen" }).click();
    await expect(page.getByRole("cell", { name: "E2E Schuldhulp", exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.goto(`${base}/zrm`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByText("Vul bij minstens één domein een score in.").first()).toBeVisible();
    await page.getByLabel("Datum meting").fill("2026-10-01");
    await page.getByRole("group", { name: "Financiën" }).getByLabel("2 Niet zelfredzaam").check();
    await page.getByRole("group", { name: "Huisvesting" }).getByLabel("3 Beperkt zelfredzaam").check();
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByText("Opgeslagen.")).toBeVisible();
    await page.getByLabel("Datum meting").fill("2026-11-01");
    await page.getByRole("group", { name: "Financiën" }).getByLabel("4 Voldoende zelfredzaam").check();
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByRole("row", { name: /Financiën .*2 .*4 .*Vooruit/ })).toBeVisible();
    await expectAccessible(page);

    await page.goto(`${base}/verwijzingen`);
    await page.getByLabel("Naar").selectOption({ label: "Wmo-voorziening" });
    await page.getByLabel("Datum verwijzing").fill("2026-10-15");
    await page.getByRole("button", { name: "Verwijzing vastleggen" }).click();
    await expect(page.getByText("Wmo-voorziening ·")).toBeVisible();
    await expectAccessible(page);

    await page.goto(`${base}/afsluiten`);
    await expectAccessible(page);
    await page.getByLabel("Reden van afsluiten").fill("Doelen bereikt");
    await page.getByLabel("Wettelijke grondslag").selectOption("none");
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    await expect(page.getByText("Bevestig dat je de casus wilt afsluiten.")).toBeVisible();
    await page.getByRole("group", { name: "Inwoner tevreden?" }).getByLabel("Ja").check();
    await page.getByLabel("Ik weet dat afsluiten definitief is voor deze casus").check();
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    // A running arrangement: the user is told, and ends it with the closing.
    await expect(page.getByText("Er lopen nog arrangementen.", { exact: false }).first()).toBeVisible();
    await page.getByLabel("Beëindig deze arrangementen met het afsluiten").check();
    await page.getByLabel("Ik weet dat afsluiten definitief is voor deze casus").check();
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    await expect(page.getByText(/Bewaren tot \d\d-\d\d-2031/)).toBeVisible();
    await expectAccessible(page);
  });
});
