// The casework pages after the intake (plan, ZRM, referrals, closing) for a
// member who is the regisseur: forms usable, Dutch field errors, axe-clean.
// Works on the demo household that member.mariaberg directs (open, with a
// plan and two ZRM measurements; seeded by scripts/e2e-server.mjs).
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs } from "./fixtures";

const PROVIDER = "Schuldhulpverlening Gemeente Maastricht";

test.describe("casework: plan, ZRM, referrals and closing", () => {
  test("the regisseur keeps the plan, scores two ZRM domains, refers, and closes the case", async ({ page }) => {
    await loginAs(page, "member.mariaberg@wijkwerk.demo");
    // The list shows the member's own open households by default.
    await page.goto("/t/mariaberg/huishoudens");
    const own = page.getByRole("row").filter({ hasText: "Casusteam" }).getByRole("link").first();
    await own.click();
    await expect(page).toHaveURL(/\/t\/mariaberg\/huishoudens\/[0-9a-f-]{36}$/);
    const base = new URL(page.url()).pathname;

    await page.goto(`${base}/plan`);
    await expect(page.getByRole("heading", { name: "Doelen" })).toBeVisible();
    await expectAccessible(page);
    // A goal without a description: the Dutch error next to the field, the choice kept.
    await page.getByLabel("Levensdomein").selectOption({ label: "Financiën" });
    await page.getByLabel("Soort doel").selectOption({ label: "Verbeteren" });
    await page.getByRole("button", { name: "Doel toevoegen" }).click();
    await expect(fieldError(page, "Beschrijf het doel (maximaal 2000 tekens).")).toBeVisible();
    await page.getByLabel("Doel", { exact: true }).fill("Huurachterstand wegwerken");
    await page.getByRole("button", { name: "Doel toevoegen" }).click();
    await expect(page.getByText("Opgeslagen.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Huurachterstand wegwerken" })).toBeVisible();

    const form = page.locator("#arrangement-form");
    await form.getByLabel("Laag (kanteling)").selectOption({ label: "Algemene of collectieve voorziening" });
    const providerCells = page.getByRole("cell", { name: PROVIDER, exact: true });
    const providersBefore = await providerCells.count();
    await form.getByLabel("Aanbieder van de sociale kaart").selectOption({ label: PROVIDER });
    await form.getByLabel("Status").selectOption({ label: "Loopt" });
    await form.getByLabel("Financiën: Huurachterstand wegwerken").check();
    await form.getByRole("button", { name: "Arrangement toevoegen" }).click();
    await expect(providerCells).toHaveCount(providersBefore + 1);
    await expectAccessible(page);

    await page.goto(`${base}/zrm`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByText("Vul bij minstens één domein een score in.").first()).toBeVisible();
    await page.getByLabel("Datum meting").fill("2026-12-02");
    await page.getByRole("group", { name: "Financiën" }).getByLabel("2 Niet zelfredzaam").check();
    await page.getByRole("group", { name: "Huisvesting" }).getByLabel("3 Beperkt zelfredzaam").check();
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByText("Opgeslagen.")).toBeVisible();
    await page.getByLabel("Datum meting").fill("2026-12-03");
    await page.getByRole("group", { name: "Financiën" }).getByLabel("4 Voldoende zelfredzaam").check();
    await page.getByRole("button", { name: "Meting vastleggen" }).click();
    await expect(page.getByRole("row", { name: /Financiën .* 4 .*Vooruit/ })).toBeVisible();
    await expectAccessible(page);

    await page.goto(`${base}/verwijzingen`);
    await page.getByLabel("Naar", { exact: true }).selectOption({ label: "Wmo-voorziening" });
    await page.getByLabel("Datum verwijzing").fill("2026-10-15");
    await page.getByRole("button", { name: "Verwijzing vastleggen" }).click();
    await expect(page.getByText("Wmo-voorziening ·")).toBeVisible();
    await expectAccessible(page);

    await page.goto(`${base}/afsluiten`);
    await expectAccessible(page);
    await page.getByLabel("Reden van afsluiten").fill("Doelen bereikt");
    await page.getByLabel("Wettelijke grondslag").selectOption("none");
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    await expect(fieldError(page, "Bevestig dat je de casus wilt afsluiten.")).toBeVisible();
    await page.getByRole("group", { name: "Inwoner tevreden?" }).getByLabel("Ja").check();
    await page.getByLabel("Ik weet dat afsluiten definitief is voor deze casus").check();
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    // A running arrangement: the user is told, and ends it with the closing.
    await expect(page.getByText("Er lopen nog arrangementen.", { exact: false }).first()).toBeVisible();
    await page.getByLabel("Beëindig deze arrangementen met het afsluiten").check();
    await page.getByLabel("Ik weet dat afsluiten definitief is voor deze casus").check();
    await page.getByRole("button", { name: "Casus afsluiten" }).click();
    await expect(page.getByText(new RegExp(`Bewaren tot \\d\\d-\\d\\d-${new Date().getFullYear() + 5}`))).toBeVisible();
    await expectAccessible(page);
  });
});
