// Plain Dutch, no developer words (issue 17): the hours page names the week as people do,
// search results are plain text (no markdown marks), the import page points to no repository
// file, a volunteer's workgroup pages say what a volunteer can do, the public finder says "je",
// and 403 vs 404 follow the rule of docs/architecture.md ("403 or 404").
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

const DEVELOPER_WORDS = /markdown|outbox|webhook|docs\/|\.md\b|\b\d{4}-W\d{2}\b|STRIPE_|\bundefined\b|\bnull\b/i;

test("the hours page's title and heading name the week in words, with one month abbreviation", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg/uren");
  await expect(page).toHaveTitle(
    /^Urenregistratie week \d{1,2} \(\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)( \d{4})? – \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}\) – Wijkwerk$/,
  );
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(/^Urenregistratie: Week \d{1,2} \(/);
  expect(await page.locator("main").innerText()).not.toMatch(DEVELOPER_WORDS);
  await expectAccessible(page);
});

test("search results are plain text: no markdown marks, the hits highlighted", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/werkgroepen/zoeken?q=huurachterstand");
  const results = page.locator("main ol, main ul").filter({ has: page.locator("mark") });
  await expect(results.locator("mark").first()).toBeVisible();
  const text = await page.locator("main").innerText();
  expect(text).toContain("huurachterstand");
  expect(text).not.toMatch(/\*\*|##|\]\(|^\s*- /m);
  expect(text).not.toMatch(DEVELOPER_WORDS);
  await expectAccessible(page);
});

test("the import page and the editors' hints carry no developer words", async ({ page }) => {
  await loginAs(page, "coordinator.mariaberg@wijkwerk.demo");
  for (const path of ["/t/mariaberg/huishoudens/importeren", "/vragen/nieuw", "/werkgroepen/preventie-en-vroegsignalering"]) {
    await page.goto(path);
    expect(await page.locator("main").innerText(), path).not.toMatch(DEVELOPER_WORDS);
  }
});

test("a volunteer's workgroup pages say what a volunteer can do", async ({ page }) => {
  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  await page.goto("/werkgroepen");
  await expect(page.getByText("Een begeleider van een werkgroep kan je toevoegen")).toBeVisible();
  await expectAccessible(page);
  // A group the volunteer was not added to is not theirs to see (404, like any object out of reach).
  expect((await page.goto("/werkgroepen/preventie-en-vroegsignalering"))?.status()).toBe(404);
});

test("a member sees what they can do in an open workgroup", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto("/werkgroepen/zichtbaar-en-vindbaar-in-de-buurt");
  await expect(page.getByRole("region", { name: "Wat kun je hier?" })).toContainText(/Word lid|Je leest en plaatst berichten|Je begeleidt/);
  await expectAccessible(page);
});

test("the public team finder says je", async ({ page }) => {
  await page.goto("/buurt");
  await expect(page.getByRole("heading", { level: 1, name: "Welk sociaal team helpt in jouw buurt?" })).toBeVisible();
  expect(await page.locator("main").innerText()).not.toMatch(/(^|\s)(u|uw|U|Uw)(\s|[.,?!]|$)/);
});

test("403 for a page of your own team your role may not use; 404 for another team's page or an object that does not exist", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  const status = async (path: string) => (await page.goto(path))?.status();
  expect(await status("/t/mariaberg/uren/overzicht")).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  expect(await status("/t/daalhof")).toBe(404);
  expect(await status("/t/daalhof/werkbudget")).toBe(404);
  expect(await status("/t/bestaat-niet")).toBe(404);
  expect(await status("/t/mariaberg/werkbudget/00000000-0000-4000-8000-000000000000")).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  expect(await status("/gemeente")).toBe(404);
  expect(await status("/partner/trajekt")).toBe(404);

  await page.context().clearCookies();
  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  expect(await status("/t/mariaberg/werkbudget")).toBe(403);
  expect(await status("/t/mariaberg/cijfers")).toBe(403);
  // Casework pages about residents stay 404 for whoever may not use them (docs/casework.md).
  expect(await status("/t/mariaberg/huishoudens")).toBe(404);
  expect(await status("/t/malberg-malpertuis/werkbudget")).toBe(404);
});
