// Issue 3's proof: one request through the whole workbudget workflow, in a
// real browser, by the people who do each step — the member of
// Caberg-Bosscherveld writes it (draft, then submit), the coordinator endorses
// it (from the notification), the budget controller approves it from the
// queue, records the payment and settles it for less (€ 32,10 goes back), the
// member evaluates it (another regulation — bijzondere bijstand — applied
// after all). The controller's dashboard and both finance CSVs must then show
// exactly this request's numbers: the figures are read before the journey and
// compared with the exact deltas afterwards. Axe on every page visited.
//
// Caberg-Bosscherveld's member and coordinator are used by no other spec but
// e2e/my-tasks.spec.ts, which only submits and endorses the demo draft (Pasfoto's),
// so the journey does not depend on the order of the spec files; the other specs
// may change the budget's totals, hence deltas instead of absolute figures.
import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import { expectAccessible, loginAs, loginAsController, logout } from "./fixtures";

const TEAM = "Caberg-Bosscherveld";
const SLUG = "caberg-bosscherveld";
const MEMBER = `member.${SLUG}@wijkwerk.demo`;
const COORDINATOR = `coordinator.${SLUG}@wijkwerk.demo`;

const RUN = Date.now().toString(36);
const PURPOSE = `Achterstallige energierekening en meterkosten ${RUN}`;
const SUPPLIER = "Energieleverancier Zuid";
const RESIDENT = "CB-432";
const PAY_REFERENCE = `JOURNEY-${RUN}`;
const NORM = "Afsluiting gas/stroom voorkomen"; // € 1.500,00 per huishouden (demo norm code afsluiting_energie)

// The request's money, in cents.
const REQUESTED = 43_210; // € 432,10 — below the € 1.000 threshold: one controller approves
const ACTUAL = 40_000; // € 400,00 at settlement: € 32,10 goes back to the budget
const EXPECTED_RETURN = 150_000; // the norm's amount
const REALISED_RETURN = 125_000; // € 1.250,00
const REGULATION_AMOUNT = 65_000; // € 650,00 that bijzondere bijstand would have paid
const LEAD_DAYS = 42;

// The documented CSV columns (docs/workbudget-export.md), in order.
const POSTING_COLUMNS = [
  "boeking_id",
  "groep_id",
  "datum",
  "tijdstip_utc",
  "budgetjaar",
  "soort",
  "rekening",
  "bedrag_eur",
  "aanvraag",
  "team",
  "tegenboeking_van_groep",
];
const SPEND_COLUMNS = [
  "referentie",
  "budgetjaar",
  "team",
  "status",
  "aangemaakt_op",
  "nodig_op",
  "doel",
  "leverancier",
  "levensdomeinen",
  "norm_code",
  "verwacht_rendement_eur",
  "aangevraagd_eur",
  "goedgekeurd_op",
  "betaald_eur",
  "betaaldatum",
  "betaalwijze",
  "betaalreferentie",
  "werkelijk_eur",
  "afgerekend_op",
  "probleem_voorkomen",
  "gerealiseerd_rendement_eur",
  "andere_regeling",
  "bedrag_andere_regeling_eur",
  "verschil_eur",
  "doorlooptijd_andere_regeling_dagen",
  "gereserveerd_eur",
  "vastgelegd_eur",
  "betaling_eur",
];

// Several logins (one with a TOTP step that may wait up to 30 s) and ~20 axe scans on a shared 2-core machine.
test.describe.configure({ timeout: 360_000 });

// ── Small helpers ───────────────────────────────────────────────────────────

/** An nl-NL amount as shown on the pages ("€ 1.234,56", "€ -250,00", "-€ 250,00") → signed integer cents. */
function euroCents(text: string): number {
  const t = text.replace(/\u2212/g, "-").replace(/\s/g, "");
  const m = t.match(/^(-?)€(-?)(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})$/);
  if (!m) throw new Error(`not an nl-NL euro amount: ${JSON.stringify(text)}`);
  const cents = Number(m[3].replace(/\./g, "")) * 100 + Number(m[4]);
  return m[1] || m[2] ? -cents : cents;
}

/** "42 dagen", "1 dag", "-3 dagen" → 42, 1, -3 */
function dayCount(text: string): number {
  const m = text
    .replace(/\u2212/g, "-")
    .trim()
    .match(/^(-?\d+) dagen?$/);
  if (!m) throw new Error(`not a number of days: ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** A CSV amount ("432.10", "-32,10") → signed integer cents, without floating point. */
function csvCents(text: string): number {
  const m = text.match(/^(-?)(\d+)[.,](\d{2})$/);
  if (!m) throw new Error(`not a CSV amount: ${JSON.stringify(text)}`);
  const cents = Number(m[2]) * 100 + Number(m[3]);
  return m[1] ? -cents : cents;
}

const amsterdamDay = (date = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A minimal RFC 4180 reader: quoted cells may hold the separator, quotes ("") and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Downloads a CSV by clicking its link on the dashboard; checks the BOM and CRLF line ends, returns header + records as objects. */
async function downloadCsv(
  page: Page,
  linkName: string,
  separator: string,
): Promise<{ header: string[]; records: Record<string, string>[]; filename: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName, exact: true }).click()]);
  const raw = await readFile(await (download as Download).path(), "utf8");
  expect(raw.startsWith("\uFEFF"), "UTF-8 byte-order mark").toBe(true);
  const body = raw.slice(1);
  expect(body.replace(/\r\n/g, "").includes("\n"), "CRLF line ends only").toBe(false);
  const [header, ...rows] = parseCsv(body, separator);
  for (const r of rows) expect(r.length, `cells in ${r.join(separator)}`).toBe(header.length);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), filename: download.suggestedFilename() };
}

// ── The dashboard's figures ─────────────────────────────────────────────────

interface Figures {
  funded: number;
  reserved: number;
  paid: number;
  available: number;
  /** The team's row in "Per team" (zeros when the team has no submitted requests yet). */
  team: { requests: number; approved: number; reserved: number; paid: number; committed: number };
  /** The totals row of "Per team": without filters the key figures. */
  teamTotals: { requests: number; approved: number; reserved: number; paid: number; committed: number };
  returns: { expected: number; committedCost: number; realised: number; evaluatedCount: number; evaluatedCost: number };
  /** "Verschil met andere regelingen": the totals row (zeros when the table is empty). */
  alternatives: { workbudgetCost: number; regulation: number; difference: number; daysGained: number };
  /** The row of a norm in "Per norm". */
  norm: { count: number; cost: number; expectedReturn: number };
  queueCount: number;
}

/** The data cells of a table row, whitespace normalised (amounts use a no-break space after €). */
const cellTexts = async (row: Locator) => (await row.locator("td").allTextContents()).map((s) => s.replace(/\s+/g, " ").trim());

/** The value (dd) after a term (dt) in a description list. */
async function ddAfter(scope: Locator, term: string): Promise<string> {
  return (
    (
      await scope
        .locator("dt", { hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
        .locator("xpath=following-sibling::dd[1]")
        .textContent()
    )?.trim() ?? ""
  );
}

async function readFigures(page: Page, year: number): Promise<Figures> {
  await page.goto(`/gemeente/werkbudget?jaar=${year}`);
  await expect(page.getByRole("heading", { level: 1, name: `Werkbudget ${year}` })).toBeVisible();
  // The cached balances must agree with the ledger, or the figures mean nothing.
  await expect(page.getByText(/wijken af van de som van de boekingen/)).toHaveCount(0);
  const money = async (id: string) => euroCents((await page.locator(`#${id}-value`).textContent()) ?? "");

  const perTeam = page.getByRole("table", { name: "Aanvragen en bedragen per team" });
  const teamRow = perTeam.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: TEAM, exact: true }) });
  const teamCells = async (row: Locator) => {
    const [requests, approved, reserved, paid, committed] = await cellTexts(row);
    return { requests: Number(requests), approved: Number(approved), reserved: euroCents(reserved), paid: euroCents(paid), committed: euroCents(committed) };
  };
  const team = (await teamRow.count()) === 1 ? await teamCells(teamRow) : { requests: 0, approved: 0, reserved: 0, paid: 0, committed: 0 };
  const totalsRow = perTeam.locator("tfoot tr");
  const teamTotals = (await totalsRow.count()) === 1 ? await teamCells(totalsRow) : { requests: 0, approved: 0, reserved: 0, paid: 0, committed: 0 };

  const returnsList = page.locator("section[aria-labelledby=returns-title] dl");
  const realisedText = await ddAfter(returnsList, "Gerealiseerd rendement (geëvalueerd)");
  const realisedMatch = realisedText.match(/^(.*?)\s*\((\d+) aanvra(?:ag|gen) geëvalueerd\)$/);
  if (!realisedMatch) throw new Error(`unexpected realised return: ${realisedText}`);
  const returns = {
    expected: euroCents(await ddAfter(returnsList, "Verwacht rendement")),
    committedCost: euroCents(await ddAfter(returnsList, "Vastgelegd (gereserveerd + betaald)")),
    realised: euroCents(realisedMatch[1]),
    evaluatedCount: Number(realisedMatch[2]),
    evaluatedCost: euroCents(await ddAfter(returnsList, "Betaald voor geëvalueerde aanvragen (werkelijke kosten)")),
  };

  const altTable = page.getByRole("table", { name: "Verschil tussen het werkbudget en de regeling die van toepassing bleek" });
  let alternatives = { workbudgetCost: 0, regulation: 0, difference: 0, daysGained: 0 };
  if ((await altTable.count()) === 1) {
    const [cost, regulation, difference, , days] = await cellTexts(altTable.locator("tfoot tr"));
    alternatives = { workbudgetCost: euroCents(cost), regulation: euroCents(regulation), difference: euroCents(difference), daysGained: dayCount(days) };
  }

  const normRow = page
    .getByRole("table", { name: "Goedgekeurde aanvragen per rendementsnorm" })
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: NORM, exact: true }) });
  let norm = { count: 0, cost: 0, expectedReturn: 0 };
  if ((await normRow.count()) === 1) {
    const [count, cost, expectedReturn] = await cellTexts(normRow);
    norm = { count: Number(count), cost: euroCents(cost), expectedReturn: euroCents(expectedReturn) };
  }

  const queueText = (await page.locator("section[aria-labelledby=queue-title] p").first().textContent()) ?? "";
  const queueCount = /Er wachten geen aanvragen/.test(queueText) ? 0 : Number(queueText.match(/^(\d+) aanvra/)?.[1] ?? NaN);

  return {
    funded: await money("kf-funded"),
    reserved: await money("kf-reserved"),
    paid: await money("kf-paid"),
    available: await money("kf-available"),
    team,
    teamTotals,
    returns,
    alternatives,
    norm,
    queueCount,
  };
}

/** The key figures only, for the checks between the controller's steps. */
async function keyFigures(page: Page, year: number) {
  const f = await readFigures(page, year);
  return { funded: f.funded, reserved: f.reserved, paid: f.paid, available: f.available };
}

// ── The journey ─────────────────────────────────────────────────────────────

test("a request from submission to evaluation moves the dashboard and the finance CSVs by exactly its amounts", async ({ page, browser }) => {
  const year = Number(amsterdamDay().slice(0, 4));
  const neededOn = `${year}-12-01`;

  // The controller keeps one session in a context of their own (a new login waits for a fresh TOTP step).
  const controllerContext = await browser.newContext();
  const ctl = await controllerContext.newPage();
  const clientErrors: string[] = [];
  for (const p of [page, ctl]) p.on("pageerror", (e) => clientErrors.push(`${p.url()}: ${e.message}`));

  let before!: Figures;
  await test.step("the controller reads the dashboard before the journey", async () => {
    await loginAsController(ctl);
    before = await readFigures(ctl, year);
    expect(before.funded).toBe(15_000_000);
    expect(before.funded).toBe(before.available + before.reserved + before.paid);
    // One definition: the per-team table's totals are the key figures, and the returns' committed cost too.
    expect(before.teamTotals).toMatchObject({ reserved: before.reserved, paid: before.paid, committed: before.reserved + before.paid });
    expect(before.returns.committedCost).toBe(before.reserved + before.paid);
    await expectAccessible(ctl);
  });

  let spendUrl = "";
  let reference = "";
  let submittedOn = "";
  let createdOn = "";
  await test.step("the member writes the request, saves it as a draft and submits it", async () => {
    await loginAs(page, MEMBER);
    await expect(page).toHaveURL(/\/taken$/);
    await page.goto(`/t/${SLUG}`);
    await page.getByRole("link", { name: "Werkbudget", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/werkbudget$`));
    await page.getByRole("link", { name: "Nieuwe aanvraag" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/werkbudget/nieuw$`));
    await expectAccessible(page);

    await page.getByLabel("Bedrag in euro", { exact: true }).fill("432,10");
    await page.getByLabel("Nodig op", { exact: true }).fill(neededOn);
    await page.getByLabel("Voor wat", { exact: true }).fill(PURPOSE);
    await page.getByLabel("Bij wie (leverancier)", { exact: true }).fill(SUPPLIER);
    await page.getByLabel("Onderbouwing", { exact: true }).fill("Afsluiting is aangekondigd voor volgende week; de aanvraag bijzondere bijstand duurt weken.");
    await page.getByLabel("Welk probleem wordt hiermee voorkomen?").fill("Afsluiting van gas en stroom bij een gezin met een baby.");
    const domains = page.getByRole("group", { name: "Leefgebieden waar het om gaat" });
    await domains.getByLabel("Financiën", { exact: true }).check();
    await domains.getByLabel("Huisvesting", { exact: true }).check();
    await page.getByLabel("Kenmerk inwoner (pseudoniem)").fill(RESIDENT);
    const norm = page.getByLabel("Norm", { exact: true });
    const normValue = await norm.locator("option", { hasText: `${NORM} — € 1.500,00 per huishouden` }).getAttribute("value");
    await norm.selectOption(normValue!);
    await page.getByRole("group", { name: "Leefgebieden die verbeteren" }).getByLabel("Lichamelijke gezondheid").check();
    await page.getByLabel("Toelichting op het sociaal rendement").fill("Een warm huis; geen noodopvang nodig.");

    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await expect(page).toHaveURL(/\/werkbudget\/[0-9a-f-]{36}\?gedaan=opgeslagen$/);
    createdOn = amsterdamDay();
    await expect(page.getByRole("status")).toContainText("Het concept is opgeslagen.");
    const facts = page.getByRole("region", { name: "Gegevens van de aanvraag" });
    await expect(facts).toContainText("Concept");
    await expect(facts).toContainText("€ 432,10");
    await expect(facts).toContainText("Financiën, Huisvesting");
    await expect(facts).toContainText(RESIDENT);
    await expect(facts).toContainText(`${NORM} — € 1.500,00 (per huishouden)`);
    await expectAccessible(page);
    spendUrl = new URL(page.url()).pathname;
    reference = ((await page.getByRole("heading", { level: 2, name: /^Aanvraag WB-/ }).textContent()) ?? "").replace("Aanvraag ", "").trim();
    expect(reference).toMatch(new RegExp(`^WB-${year}-\\d{4}$`));

    // The draft is complete: submit it from its page.
    await page.getByRole("button", { name: "Indienen", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${spendUrl}\\?gedaan=ingediend$`));
    submittedOn = amsterdamDay();
    await expect(page.getByRole("status")).toContainText("De aanvraag is ingediend.");
    await expect(facts).toContainText("Ingediend");
    await expect(page.getByRole("button", { name: "Onderschrijven" })).toHaveCount(0);
    await expectAccessible(page);
    await logout(page);
  });

  await test.step("the coordinator opens the notification and endorses the request", async () => {
    await loginAs(page, COORDINATOR);
    await page.getByRole("link", { name: /^Meldingen/ }).click();
    await expect(page).toHaveURL(/\/meldingen$/);
    const notice = `Aanvraag ${reference} is ingediend en wacht op onderschrijving door de coördinator.`;
    await expect(page.getByText(notice, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: `Openen: ${notice}` }).click();
    await expect(page).toHaveURL(new RegExp(`${spendUrl}$`));
    await expectAccessible(page);
    await page.getByLabel("Opmerking (niet verplicht)").fill("Akkoord: afsluiting staat vast, bijstand komt te laat.");
    await page.getByRole("button", { name: "Onderschrijven" }).click();
    await expect(page.getByRole("status")).toContainText("De aanvraag is onderschreven.");
    await expect(page.getByRole("region", { name: "Gegevens van de aanvraag" })).toContainText("Onderschreven door coördinator");
    await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Akkoord: afsluiting staat vast, bijstand komt te laat.");
    await expectAccessible(page);
    await logout(page);
  });

  const controllerSpendUrl = () => `/gemeente/werkbudget/aanvragen/${spendUrl.split("/").pop()}`;
  let approvedOn = "";
  let paidOn = "";
  let settledOn = "";
  await test.step("the controller finds it in the queue and approves it: € 432,10 reserved", async () => {
    await ctl.goto("/gemeente/werkbudget");
    await expect(ctl.locator("section[aria-labelledby=queue-title] p").first()).toContainText(`${before.queueCount + 1} aanvra`);
    await ctl.getByRole("link", { name: "Naar de wachtrij" }).click();
    await expect(ctl.getByRole("heading", { level: 1, name: "Aanvragen" })).toBeVisible();
    // Only this team's waiting requests: this one (and the demo draft e2e/my-tasks.spec.ts endorsed, nothing else).
    await ctl.getByLabel("Team", { exact: true }).selectOption({ label: TEAM });
    await ctl.getByRole("button", { name: "Filter toepassen" }).click();
    await expect(ctl).toHaveURL(/team=[0-9a-f-]{36}/);
    const table = ctl.getByRole("table", { name: "Aanvragen op het werkbudget" });
    await expect(table.locator("tbody tr").filter({ hasNotText: reference }).filter({ hasNotText: "Pasfoto's" })).toHaveCount(0);
    const row = table.locator("tbody tr").filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(reference);
    await expect(row).toContainText(PURPOSE);
    await expect(row).toContainText("Onderschreven door coördinator");
    await expect(row).toContainText("€ 432,10");
    await expectAccessible(ctl);
    await row.getByRole("link", { name: reference }).click();
    await expect(ctl.getByRole("heading", { level: 1, name: `Aanvraag ${reference}` })).toBeVisible();
    await expect(ctl).toHaveURL(new RegExp(`${controllerSpendUrl()}$`));
    // Below the threshold: no second approval needed.
    await expect(ctl.getByText(/twee goedkeuringen/)).toHaveCount(0);
    await expectAccessible(ctl);
    await ctl.getByLabel("Opmerking (niet verplicht)").fill("Past binnen het doel van het werkbudget.");
    await ctl.getByRole("button", { name: "Goedkeuren" }).click();
    await expect(ctl.getByRole("status")).toContainText("De aanvraag is goedgekeurd en het bedrag is gereserveerd.");
    approvedOn = amsterdamDay();
    await expect(ctl.getByRole("region", { name: "Gegevens van de aanvraag" })).toContainText("Goedgekeurd");
    await expectAccessible(ctl);

    const now = await keyFigures(ctl, year);
    expect(now).toEqual({ funded: before.funded, reserved: before.reserved + REQUESTED, paid: before.paid, available: before.available - REQUESTED });
  });

  await test.step("the controller records the payment: reserved → paid", async () => {
    await ctl.goto(controllerSpendUrl());
    await expect(ctl.getByLabel("Betaald bedrag in euro")).toHaveValue("432,10");
    paidOn = amsterdamDay();
    await ctl.getByLabel("Betaaldatum").fill(paidOn);
    await ctl.getByLabel("Betaalwijze").selectOption({ label: "Bankoverschrijving" });
    await ctl.getByLabel("Betalingskenmerk (niet verplicht)").fill(PAY_REFERENCE);
    await expectAccessible(ctl);
    await ctl.getByRole("button", { name: "Betaling vastleggen" }).click();
    await expect(ctl.getByRole("status")).toContainText("De betaling is vastgelegd.");
    const facts = ctl.getByRole("region", { name: "Gegevens van de aanvraag" });
    await expect(facts).toContainText(PAY_REFERENCE);
    await expect(facts).toContainText("Bankoverschrijving");

    const now = await keyFigures(ctl, year);
    expect(now).toEqual({ funded: before.funded, reserved: before.reserved, paid: before.paid + REQUESTED, available: before.available - REQUESTED });
  });

  await test.step("the controller settles at € 400,00: € 32,10 goes back to the budget", async () => {
    await ctl.goto(controllerSpendUrl());
    await expect(ctl.getByLabel("Werkelijke kosten in euro")).toHaveValue("432,10");
    await ctl.getByLabel("Werkelijke kosten in euro").fill("400,00");
    await ctl.getByRole("button", { name: "Afrekenen" }).click();
    await expect(ctl.getByRole("status")).toContainText("De aanvraag is afgerekend.");
    settledOn = amsterdamDay();
    const facts = ctl.getByRole("region", { name: "Gegevens van de aanvraag" });
    await expect(facts.locator("div", { has: ctl.getByText("Werkelijke kosten", { exact: true }) }).locator("dd")).toHaveText("€ 400,00");
    await expect(facts.locator("div", { has: ctl.getByText("Vrijgevallen (terug naar het budget)", { exact: true }) }).locator("dd")).toHaveText("€ 32,10");
    await expect(ctl.getByRole("region", { name: "Tijdlijn" })).toContainText("Afgerekend");
    await expectAccessible(ctl);

    const now = await keyFigures(ctl, year);
    expect(now).toEqual({ funded: before.funded, reserved: before.reserved, paid: before.paid + ACTUAL, available: before.available - ACTUAL });
  });

  await test.step("the member evaluates: prevented, realised return, bijzondere bijstand would have paid € 650,00 after 42 days", async () => {
    await loginAs(page, MEMBER);
    await page.goto("/meldingen");
    await expect(page.getByText(new RegExp(`^Aanvraag ${reference} is afgerekend\\. Evalueer het resultaat vóór \\d{2}-\\d{2}-\\d{4}\\.$`))).toBeVisible();
    await page.goto(spendUrl);
    await expect(page.getByRole("heading", { name: "Evalueren" })).toBeVisible();
    await page.getByRole("group", { name: "Is het probleem voorkomen?" }).getByLabel("Ja", { exact: true }).check();
    await page.getByLabel("Gerealiseerd financieel rendement in euro").fill("1.250,00");
    await page.getByLabel("Gerealiseerd sociaal rendement").fill("Gas en stroom bleven aan; het gezin kon thuis blijven.");
    await page.getByRole("group", { name: "Bleek achteraf toch een andere regeling van toepassing?" }).getByLabel("Ja", { exact: true }).check();
    await page.getByLabel("Welke regeling?").selectOption({ label: "Bijzondere bijstand" });
    await page.getByLabel("Bedrag dat die regeling had betaald, in euro").fill("650,00");
    await page.getByLabel("Doorlooptijd van die regeling in dagen").fill(String(LEAD_DAYS));
    await expectAccessible(page);
    await page.getByRole("button", { name: "Evaluatie opslaan" }).click();
    await expect(page.getByRole("status")).toContainText("De evaluatie is opgeslagen.");
    const facts = page.getByRole("region", { name: "Gegevens van de aanvraag" });
    const fact = (label: string) => facts.locator("div", { has: page.getByText(label, { exact: true }) }).locator("dd");
    await expect(fact("Status")).toHaveText("Geëvalueerd");
    await expect(fact("Gerealiseerd financieel rendement")).toHaveText("€ 1.250,00");
    await expect(fact("Regeling")).toHaveText("Bijzondere bijstand");
    await expect(fact("Bedrag dat die regeling had betaald")).toHaveText("€ 650,00");
    await expect(fact("Verschil werkbudget t.o.v. de regeling")).toHaveText("€ -250,00");
    await expect(fact("Doorlooptijd van die regeling")).toHaveText("42 dagen");
    await expectAccessible(page);
    await logout(page);
  });

  // Days the workbudget took from submission to payment (the same day unless the run crossed midnight).
  const workbudgetDays = Math.max(0, daysBetween(submittedOn, paidOn));
  const daysGained = LEAD_DAYS - workbudgetDays;

  await test.step("the dashboard moved by exactly this request", async () => {
    const after = await readFigures(ctl, year);
    await expectAccessible(ctl);
    expect(after.funded, "funded").toBe(before.funded);
    expect(after.reserved, "reserved: unchanged at the end").toBe(before.reserved);
    expect(after.paid, "paid: + the actual cost").toBe(before.paid + ACTUAL);
    expect(after.available, "available: − the actual cost").toBe(before.available - ACTUAL);
    // The team's row moves by what the ledger moved: the actual cost is paid, nothing stays reserved.
    expect(after.team, `${TEAM}'s row`).toEqual({
      requests: before.team.requests + 1,
      approved: before.team.approved + 1,
      reserved: before.team.reserved,
      paid: before.team.paid + ACTUAL,
      committed: before.team.committed + ACTUAL,
    });
    expect(after.teamTotals, "per-team totals = key figures").toMatchObject({
      reserved: after.reserved,
      paid: after.paid,
      committed: after.reserved + after.paid,
    });
    expect(after.returns, "financial return").toEqual({
      expected: before.returns.expected + EXPECTED_RETURN,
      committedCost: before.returns.committedCost + ACTUAL,
      realised: before.returns.realised + REALISED_RETURN,
      evaluatedCount: before.returns.evaluatedCount + 1,
      evaluatedCost: before.returns.evaluatedCost + ACTUAL,
    });
    expect(after.norm, `norm ${NORM}`).toEqual({
      count: before.norm.count + 1,
      cost: before.norm.cost + ACTUAL,
      expectedReturn: before.norm.expectedReturn + EXPECTED_RETURN,
    });
    expect(after.alternatives, "difference with other regulations (totals)").toEqual({
      workbudgetCost: before.alternatives.workbudgetCost + ACTUAL,
      regulation: before.alternatives.regulation + REGULATION_AMOUNT,
      difference: before.alternatives.difference + (ACTUAL - REGULATION_AMOUNT),
      daysGained: before.alternatives.daysGained + daysGained,
    });
    expect(after.queueCount, "the queue is back where it was").toBe(before.queueCount);

    // Filtered to the team (through the filter form): this request's own rows.
    await ctl.getByLabel("Team", { exact: true }).selectOption({ label: TEAM });
    await ctl.getByRole("button", { name: "Filter toepassen" }).click();
    await expect(ctl).toHaveURL(new RegExp(`jaar=${year}&team=[0-9a-f-]{36}`));
    const alt = ctl.getByRole("table", { name: "Verschil tussen het werkbudget en de regeling die van toepassing bleek" });
    await expect(alt.locator("tbody tr")).toHaveCount(1);
    const altRow = alt.locator("tbody tr");
    await expect(altRow.getByRole("rowheader")).toHaveText(reference);
    expect(await cellTexts(altRow)).toEqual([TEAM, "Bijzondere bijstand", "€ 400,00", "€ 650,00", "€ -250,00", "42 dagen", `${daysGained} dagen`]);
    expect(await cellTexts(alt.locator("tfoot tr"))).toEqual(["€ 400,00", "€ 650,00", "€ -250,00", "", `${daysGained} dagen`]);
    const prevented = ctl
      .getByRole("table", { name: /Afgerekende en geëvalueerde aanvragen/ })
      .locator("tbody tr")
      .filter({ has: ctl.getByRole("rowheader", { name: reference }) });
    expect(await cellTexts(prevented)).toEqual([TEAM, "Afsluiting van gas en stroom bij een gezin met een baby.", "Ja", "€ 400,00"]);
    await expectAccessible(ctl);
  });

  await test.step("the finance CSVs hold the request's row and its balanced postings", async () => {
    await ctl.goto(`/gemeente/werkbudget?jaar=${year}`);

    // One row per request, decimal comma (semicolon-separated).
    const spends = await downloadCsv(ctl, "Aanvragen (CSV, decimale komma)", ";");
    expect(spends.filename).toBe(`werkbudget-${year}-aanvragen-komma.csv`);
    expect(spends.header).toEqual(SPEND_COLUMNS);
    const mine = spends.records.filter((r) => r.referentie === reference);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      referentie: reference,
      budgetjaar: String(year),
      team: TEAM,
      status: "evaluated",
      aangemaakt_op: createdOn,
      nodig_op: neededOn,
      doel: PURPOSE,
      leverancier: SUPPLIER,
      levensdomeinen: "financien|huisvesting",
      norm_code: "afsluiting_energie",
      verwacht_rendement_eur: "1500,00",
      aangevraagd_eur: "432,10",
      goedgekeurd_op: approvedOn,
      // The ledger's paid balance (the dashboard's "Betaald"): the € 32,10 not used came back at settlement.
      betaald_eur: "400,00",
      betaaldatum: paidOn,
      betaalwijze: "bank_transfer",
      betaalreferentie: PAY_REFERENCE,
      werkelijk_eur: "400,00",
      afgerekend_op: settledOn,
      probleem_voorkomen: "yes",
      gerealiseerd_rendement_eur: "1250,00",
      andere_regeling: "bijzondere_bijstand",
      bedrag_andere_regeling_eur: "650,00",
      verschil_eur: "-250,00",
      doorlooptijd_andere_regeling_dagen: String(LEAD_DAYS),
      gereserveerd_eur: "0,00",
      vastgelegd_eur: "400,00",
      betaling_eur: "432,10",
    });
    // The file's money columns add up to the dashboard's key figures.
    const column = (name: string) => spends.records.reduce((n, r) => n + (r[name] ? csvCents(r[name]) : 0), 0);
    const key = await keyFigures(ctl, year);
    expect({ reserved: column("gereserveerd_eur"), paid: column("betaald_eur"), committed: column("vastgelegd_eur") }).toEqual({
      reserved: key.reserved,
      paid: key.paid,
      committed: key.reserved + key.paid,
    });
    // No pseudonymous resident reference leaves the team.
    expect(JSON.stringify(spends.records)).not.toContain(RESIDENT);

    // One row per posting, decimal point.
    const postings = await downloadCsv(ctl, "Boekingen (CSV)", ",");
    expect(postings.filename).toBe(`werkbudget-${year}-boekingen.csv`);
    expect(postings.header).toEqual(POSTING_COLUMNS);
    const ours = postings.records.filter((r) => r.aanvraag === reference);
    for (const r of ours) {
      expect(r.team).toBe(TEAM);
      expect(r.budgetjaar).toBe(String(year));
      expect(r.tegenboeking_van_groep).toBe("");
    }
    const groups = new Map<string, Record<string, string>[]>();
    for (const r of ours) groups.set(r.groep_id, [...(groups.get(r.groep_id) ?? []), r]);
    const legs = [...groups.values()]
      .map((g) =>
        g
          .map((r) => `${r.soort} ${r.rekening} ${r.bedrag_eur}`)
          .sort()
          .join(" | "),
      )
      .sort();
    // Reserve at approval, pay, and at settlement the € 32,10 that was paid but not used goes back (a refund: paid → available).
    expect(legs).toEqual([
      "pay paid 432.10 | pay reserved -432.10",
      "refund available 32.10 | refund paid -32.10",
      "reserve available -432.10 | reserve reserved 432.10",
    ]);
    // Our groups' dates: reserve on the approval day, pay on the payment day, refund on the settlement day.
    const dateOf = (soort: string) => [...new Set(ours.filter((r) => r.soort === soort).map((r) => r.datum))];
    expect(dateOf("reserve")).toEqual([approvedOn]);
    expect(dateOf("pay")).toEqual([paidOn]);
    expect(dateOf("refund")).toEqual([settledOn]);
    // Net effect of this request on the accounts: − € 400,00 available, + € 400,00 paid, reserved back to 0.
    const net = (account: string) => ours.filter((r) => r.rekening === account).reduce((s, r) => s + csvCents(r.bedrag_eur), 0);
    expect({ available: net("available"), reserved: net("reserved"), paid: net("paid") }).toEqual({ available: -ACTUAL, reserved: 0, paid: ACTUAL });

    // The whole file: every group sums to zero, and the account balances are the dashboard's key figures.
    const sums = new Map<string, number>();
    for (const r of postings.records) sums.set(r.groep_id, (sums.get(r.groep_id) ?? 0) + csvCents(r.bedrag_eur));
    expect([...sums.entries()].filter(([, s]) => s !== 0)).toEqual([]);
    const balance = (account: string) => postings.records.filter((r) => r.rekening === account).reduce((s, r) => s + csvCents(r.bedrag_eur), 0);
    const figures = await keyFigures(ctl, year);
    expect({ funded: -balance("funding"), reserved: balance("reserved"), paid: balance("paid"), available: balance("available") }).toEqual(figures);
    expect(figures).toEqual({ funded: before.funded, reserved: before.reserved, paid: before.paid + ACTUAL, available: before.available - ACTUAL });
  });

  await controllerContext.close();
  expect(clientErrors, "no client-side errors (e.g. hydration mismatches)").toEqual([]);
});
