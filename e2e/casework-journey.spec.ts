// Issue 15 end to end on the demo data, as a demo member of one team: a
// contact without a case, an intake on one page, a ZRM on two domains, a
// plan (a goal and an arrangement with a provider from the sociale kaart),
// a referral, a second ZRM whose trend shows the change, and the closing
// with the six assessment questions; axe on every casework page. Then
// break-the-glass on the household another member directs, and the team's
// coordinator finds that read on the household's inzage page.
// Team caberg-bosscherveld: no other spec touches its households.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs, logout } from "./fixtures";

const SLUG = "caberg-bosscherveld";
const TEAM = `/t/${SLUG}`;
const MEMBER = `member.${SLUG}@wijkwerk.demo`;
const COORDINATOR = `coordinator.${SLUG}@wijkwerk.demo`;
const PROVIDER = "Schuldhulpverlening Gemeente Maastricht";

test.describe.configure({ mode: "serial" });

test("a member: contact, intake, ZRM, plan with a kaart provider, referral, second ZRM, closing", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAs(page, MEMBER);

  // A contact without a case, counted this month.
  await page.goto(`${TEAM}/contacten`);
  await expect(page.getByRole("heading", { name: "Contact zonder casus" })).toBeVisible();
  await expectAccessible(page);
  const before = Number((await page.getByRole("row").nth(1).getByRole("cell").first().textContent()) ?? "0");
  await page.getByRole("button", { name: "Contact vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het contact is geteld.");
  await expect(page.getByRole("row").nth(1).getByRole("cell").first()).toHaveText(String(before + 1));

  // The intake: household type, buurt, one adult (the default person).
  await page.goto(`${TEAM}/huishoudens`);
  await expect(page.getByRole("heading", { name: "Huishoudens", level: 2, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuwe intake" }).click();
  await expect(page.getByRole("heading", { name: "Nieuwe intake" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Samenstelling").selectOption({ label: "Alleenstaand" });
  await page.getByLabel("Buurt *", { exact: true }).selectOption({ index: 1 });
  const first = page.getByRole("group", { name: "Gezinslid 1" });
  await expect(first.getByLabel("Rol")).toHaveValue("adult");
  await first.getByLabel("Naam").fill("Jan Journey");
  await page.getByRole("button", { name: "Intake vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("De intake is vastgelegd.");
  await expect(page.getByRole("heading", { level: 2, name: /^Huishouden [A-Z]+-\d{4} \(J\.J\.\)/ })).toBeVisible();
  await expectAccessible(page);
  const base = new URL(page.url()).pathname;
  expect(base).toMatch(new RegExp(`^${TEAM}/huishoudens/[0-9a-f-]{36}$`));

  // First ZRM: two domains only.
  await page.goto(`${base}/zrm`);
  await expectAccessible(page);
  await page.getByLabel("Datum meting").fill("2026-11-02");
  await page.getByRole("group", { name: "Financiën" }).getByLabel("2 Niet zelfredzaam").check();
  await page.getByRole("group", { name: "Huisvesting" }).getByLabel("3 Beperkt zelfredzaam").check();
  await page.getByRole("button", { name: "Meting vastleggen" }).click();
  await expect(page.getByText("Opgeslagen.")).toBeVisible();

  // The plan: a goal and an arrangement with a provider from the sociale kaart.
  await page.goto(`${base}/plan`);
  await expect(page.getByRole("heading", { name: "Doelen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Levensdomein").selectOption({ label: "Financiën" });
  await page.getByLabel("Soort doel").selectOption({ label: "Verbeteren" });
  await page.getByLabel("Doel", { exact: true }).fill("Schulden in een regeling");
  await page.getByRole("button", { name: "Doel toevoegen" }).click();
  await expect(page.getByText("Opgeslagen.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Schulden in een regeling" })).toBeVisible();
  const form = page.locator("#arrangement-form");
  await form.getByLabel("Laag (kanteling)").selectOption({ label: "Algemene of collectieve voorziening" });
  await form.getByLabel("Aanbieder van de sociale kaart").selectOption({ label: PROVIDER });
  await form.getByLabel("Status").selectOption({ label: "Loopt" });
  await form.getByLabel("Financiën: Schulden in een regeling").check();
  await form.getByRole("button", { name: "Arrangement toevoegen" }).click();
  await expect(page.getByRole("cell", { name: PROVIDER, exact: true })).toBeVisible();
  await expectAccessible(page);

  // A referral.
  await page.goto(`${base}/verwijzingen`);
  await expectAccessible(page);
  await page.getByLabel("Naar", { exact: true }).selectOption({ label: "Wmo-voorziening" });
  await page.getByLabel("Datum verwijzing").fill("2026-11-10");
  await page.getByRole("button", { name: "Verwijzing vastleggen" }).click();
  await expect(page.getByText("Wmo-voorziening ·")).toBeVisible();
  await expectAccessible(page);

  // Second ZRM: the trend shows the change on Financiën.
  await page.goto(`${base}/zrm`);
  await page.getByLabel("Datum meting").fill("2026-12-01");
  await page.getByRole("group", { name: "Financiën" }).getByLabel("4 Voldoende zelfredzaam").check();
  await page.getByRole("group", { name: "Huisvesting" }).getByLabel("3 Beperkt zelfredzaam").check();
  await page.getByRole("button", { name: "Meting vastleggen" }).click();
  await expect(page.getByRole("row", { name: /Financiën .*2 .*4 .*Vooruit/ })).toBeVisible();
  await expectAccessible(page);

  // Closing with the six assessment questions.
  await page.goto(`${base}/afsluiten`);
  await expectAccessible(page);
  await page.getByLabel("Reden van afsluiten").fill("Doelen bereikt");
  await page.getByLabel("Wettelijke grondslag").selectOption("none");
  for (const [question, answer] of [
    ["Anders gehandeld dan op de oude manier?", "Ja"],
    ["Een ander arrangement dan vroeger?", "Ja"],
    ["Tijdwinst?", "Onbekend"],
    ["Kracht van de buurt benut?", "Nee"],
    ["Voldoende ondersteuning georganiseerd?", "Ja"],
    ["Inwoner tevreden?", "Ja"],
  ]) {
    await page.getByRole("group", { name: question }).getByLabel(answer, { exact: true }).check();
  }
  await page.getByLabel("Beëindig deze arrangementen met het afsluiten").check();
  await page.getByLabel("Ik weet dat afsluiten definitief is voor deze casus").check();
  await page.getByRole("button", { name: "Casus afsluiten" }).click();
  await expect(page.getByText(new RegExp(`Bewaren tot \\d\\d-\\d\\d-${new Date().getFullYear() + 5}`))).toBeVisible();
  await expectAccessible(page);
});

test("break-the-glass: the member opens the household another member directs; the coordinator sees the read", async ({ page }) => {
  test.setTimeout(120_000);
  const reason = "Inwoner belt met een spoedvraag, regisseur is afwezig";
  await loginAs(page, MEMBER);
  await page.goto(`${TEAM}/huishoudens?toon=alle`);
  // The list shows the household directed by someone else, without a right to it yet.
  const other = page
    .getByRole("row")
    .filter({ has: page.getByRole("link") })
    .filter({ hasNotText: "Casusteam" })
    .first();
  await expect(other).toBeVisible();
  const link = other.getByRole("link").first();
  const reference = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/huishoudens\/[0-9a-f-]{36}\/noodtoegang$/);
  const household = new URL(page.url()).pathname.replace(/\/noodtoegang$/, "");
  await expect(page.getByText("Let op: open dit dossier alleen als het echt nodig is")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Reden").fill(reason);
  await page.getByRole("button", { name: "Dossier openen met noodtoegang" }).click();
  await expect(page).toHaveURL(new RegExp(`${household}$`));
  await expect(page.getByText(/Je noodtoegang loopt tot \d\d:\d\d\./)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^Huishouden ${reference}`) })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, COORDINATOR);
  await page.goto(`${household}/inzage`);
  await expect(page.getByRole("heading", { name: "Inzage en AVG", level: 3 })).toBeVisible();
  await expect(page.getByRole("cell", { name: reason })).toBeVisible();
  await expectAccessible(page);
});
