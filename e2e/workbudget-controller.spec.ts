// The budget controller's side of the workbudget: log in with MFA, the
// dashboard's key figures, the queue, approving a submitted request (available
// drops by its amount), rejecting with a reason (Dutch error when empty),
// recording a payment, both finance CSVs, the norms, budgets and report
// pages — axe-clean — and a team member gets 404.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs, loginAsController } from "./fixtures";

/** "€ 149.305,50" → 14930550 */
const cents = (text: string) => Number(text.replace(/[^\d]/g, ""));

async function available(page: Page): Promise<number> {
  await page.goto("/gemeente/werkbudget");
  return cents((await page.locator("#kf-available-value").textContent()) ?? "");
}

/** Opens the request of a team from the queue (optionally with a status filter). */
/** Opens a demo request from the queue by a text in its row (team and purpose: other specs add requests of the same teams). */
async function openFromQueue(page: Page, team: string, status?: string) {
  await page.goto(`/gemeente/werkbudget/aanvragen${status ? `?status=${status}` : ""}`);
  const row = page
    .getByRole("table", { name: "Aanvragen op het werkbudget" })
    .getByRole("row")
    .filter({ hasText: team })
    .filter({ hasText: DEMO_PURPOSE[team] ?? "" });
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Aanvraag WB-\d{4}-\d{4}$/ })).toBeVisible();
}

const DEMO_PURPOSE: Record<string, string> = { Centrum: "Busabonnement", Daalhof: "Laptop", "De Heeg": "Energierekening" };

test.describe.configure({ mode: "serial" });

test.describe("budget controller", () => {
  let page: Page;
  const clientErrors: string[] = [];
  test.beforeAll(async ({ browser }) => {
    // One signed-in session for the whole journey (each new login waits for a fresh TOTP step).
    page = await (await browser.newContext()).newPage();
    page.on("pageerror", (e) => clientErrors.push(`${page.url()}: ${e.message}`));
    await loginAsController(page);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("the dashboard shows the key figures, the burn-down and the breakdowns", async () => {
    await page.getByRole("link", { name: "Werkbudget" }).first().click();
    await expect(page).toHaveURL(/\/gemeente\/werkbudget$/);
    await expect(page.getByRole("heading", { level: 1, name: /^Werkbudget \d{4}$/ })).toBeVisible();
    const figures = page.getByRole("region", { name: "Kerncijfers" });
    for (const label of ["Budget", "Gereserveerd", "Betaald", "Beschikbaar"]) await expect(figures.getByText(label, { exact: true })).toBeVisible();
    await expect(page.locator("#kf-funded-value")).toHaveText(/€\s150\.000,00/);
    await expect(page.getByRole("img", { name: /Grafiek van het verloop van het werkbudget/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Aanvragen en bedragen per team" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Verschil tussen het werkbudget en de regeling/ })).toContainText("Bijzondere bijstand");
    await expect(page.getByText(/aanvragen wachten op beoordeling/)).toBeVisible();
    await expectAccessible(page);
  });

  test("the queue lists waiting requests, oldest first", async () => {
    await page.goto("/gemeente/werkbudget");
    await page.getByRole("link", { name: "Naar de wachtrij" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Aanvragen" })).toBeVisible();
    const table = page.getByRole("table", { name: "Aanvragen op het werkbudget" });
    await expect(table.getByRole("row").filter({ hasText: DEMO_PURPOSE.Centrum })).toContainText("Ingediend");
    await expect(table.getByRole("row").filter({ hasText: "Daalhof" })).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "De Heeg" })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("approving the submitted Centrum request lowers available by its amount", async () => {
    const before = await available(page);
    await openFromQueue(page, "Centrum");
    await expectAccessible(page);
    await expect(page.getByText(/€\s60,00/).first()).toBeVisible();
    await page.getByRole("button", { name: "Goedkeuren" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De aanvraag is goedgekeurd" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Goedgekeurd");
    await expectAccessible(page);
    expect(await available(page)).toBe(before - 6_000);
  });

  test("rejecting needs a reason (Dutch error), then the request is rejected", async () => {
    await openFromQueue(page, "Daalhof");
    const confirm = page.getByRole("button", { name: "Ja, afwijzen" });
    await page.getByRole("button", { name: "Afwijzen", exact: true }).click();
    await confirm.click();
    await expect(page.getByText("Geef een reden voor de afwijzing.", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Reden van afwijzing")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await page.getByLabel("Reden van afwijzing").fill("Hiervoor is de regeling voor schoolkosten de juiste weg.");
    if (!(await confirm.isVisible())) await page.getByRole("button", { name: "Afwijzen", exact: true }).click();
    await confirm.click();
    await expect(page.getByRole("status").filter({ hasText: "De aanvraag is afgewezen." })).toBeVisible();
    await expect(page.getByText("Hiervoor is de regeling voor schoolkosten de juiste weg.").first()).toBeVisible();
  });

  test("recording the payment of the approved De Heeg request", async () => {
    await openFromQueue(page, "De Heeg", "approved");
    await expect(page.getByLabel("Betaald bedrag in euro")).toHaveValue("95,00");
    await page.getByLabel("Betalingskenmerk (niet verplicht)").fill("BANK-E2E-001");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Betaling vastleggen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De betaling is vastgelegd." })).toBeVisible();
    await expect(page.getByText("BANK-E2E-001")).toBeVisible();
    // Now it can be settled.
    await expect(page.getByRole("button", { name: "Afrekenen" })).toBeVisible();
  });

  test("both finance CSVs download with their header rows", async () => {
    const direct = await page.request.get("/gemeente/werkbudget/export?soort=boekingen");
    expect(direct.status(), await direct.text()).toBe(200);
    await page.goto("/gemeente/werkbudget");
    const [postings] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Boekingen (CSV)", exact: true }).click()]);
    expect(postings.suggestedFilename()).toMatch(/^werkbudget-\d{4}-boekingen\.csv$/);
    const postingLines = (await readFile(await postings.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
    expect(postingLines[0]).toBe("boeking_id,groep_id,datum,tijdstip_utc,budgetjaar,soort,rekening,bedrag_eur,aanvraag,team,tegenboeking_van_groep");
    expect(postingLines.some((l) => l.includes(",pay,paid,95.00,") && l.includes("De Heeg"))).toBe(true);

    const [spends] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Aanvragen (CSV, decimale komma)" }).click()]);
    expect(spends.suggestedFilename()).toMatch(/^werkbudget-\d{4}-aanvragen-komma\.csv$/);
    const spendLines = (await readFile(await spends.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
    expect(spendLines[0].startsWith("referentie;budgetjaar;team;status;aangemaakt_op;")).toBe(true);
    expect(spendLines.some((l) => l.includes(";Centrum;approved;") && l.includes(";60,00;"))).toBe(true);
  });

  test("norms, budgets and the annual report are accessible", async () => {
    await page.goto("/gemeente/werkbudget/normen");
    await expect(page.getByRole("heading", { level: 1, name: "Normtabel financieel rendement" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Rendementsnormen" })).toContainText("Werk gevonden of behouden");
    await expectAccessible(page);
    await page.goto("/gemeente/werkbudget/budgetten");
    await expect(page.getByRole("table", { name: "Werkbudgetten per jaar" })).toContainText("2017");
    await expectAccessible(page);
    await page.goto("/gemeente/werkbudget/rapport");
    await expect(page.getByRole("heading", { level: 1, name: /^Jaarrapport werkbudget sociale teams \d{4}$/ })).toBeVisible();
    // One definition (issue 13): the summary, the key figures and the per-team totals say the same.
    const flat = (v: string | null) => (v ?? "").replace(/\s+/g, " ").trim();
    const summary = flat(await page.locator("section[aria-labelledby=summary-title] p").first().textContent());
    const said = summary.match(/is (€ [\d.,]+) vastgelegd \(gereserveerd en betaald\) voor (\d+) goedgekeurde aanvra(?:ag|gen), van (\d+) ingediende/);
    expect(said, summary).not.toBeNull();
    const [requests, approved, reserved, paid, committed] = (
      await page.getByRole("table", { name: "Aanvragen en bedragen per team" }).locator("tfoot td").allTextContents()
    ).map(flat);
    expect({ committed, approved, requests }).toEqual({ committed: said![1], approved: said![2], requests: said![3] });
    const keyRow = async (name: string) =>
      flat(
        await page
          .getByRole("row", { name: new RegExp(`^${name}`) })
          .first()
          .locator("td")
          .textContent(),
      );
    expect({ reserved: await keyRow("Gereserveerd"), paid: await keyRow("Betaald"), committed: await keyRow("Vastgelegd") }).toEqual({
      reserved,
      paid,
      committed,
    });
    await expectAccessible(page);
  });

  test("no client-side errors (e.g. hydration mismatches) on the way", async () => {
    expect(clientErrors).toEqual([]);
  });
});

test("a team member gets 404 on the controller's pages and the export", async ({ page }) => {
  await loginAs(page, "member.centrum@wijkwerk.demo");
  for (const path of ["/gemeente/werkbudget", "/gemeente/werkbudget/aanvragen", "/gemeente/werkbudget/normen", "/gemeente/werkbudget/rapport"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const csv = await page.request.get("/gemeente/werkbudget/export?soort=boekingen");
  expect(csv.status()).toBe(404);
});
