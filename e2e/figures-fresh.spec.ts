// Issue 16, the figures cache as a user meets it (docs/figures.md, "The cache"): the team's own view and the
// city's are served from the app's cache once read, and a new registration must show in both at once — the
// team's figures version moves with the registration, so the next read asks for another key. A new intake:
// one case opened, counted in the month of its intake (today).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { loginAs } from "./fixtures";

const TEAM = "/t/malberg-malpertuis";
const MEMBER = "member.malberg-malpertuis@wijkwerk.demo";
const RESEARCHER = "onderzoek@wijkwerk.demo";
const TITLE = "Geopende casussen per maand";

// Since 2017 (the demo's history of today's teams) up to this month in Maastricht.
const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" }).format(new Date());
const PERIOD = `?van=2017-01&tot=${thisMonth}`;

const table = (page: Page) => page.getByRole("region", { name: `Tabel: ${TITLE}` });

/** The period's total in one column ("Aantal" in the team's view, the team's name in the city's), as a number. */
async function total(page: Page, column: string): Promise<number> {
  const region: Locator = table(page);
  const headers = await region.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((h) => h.trim() === column);
  expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
  const text =
    (await region
      .getByRole("row", { name: /Totaal over de periode/ })
      .getByRole("cell")
      .nth(index)
      .textContent()) ?? "";
  // Thousands with a dot (nl-NL). Not the city's total: the pilot team's few cases since 2017 are "< 5", so the
  // total that would reveal them is suppressed too; the team's own column in the city view is shown.
  expect(text.trim()).toMatch(/^[\d.]+$/);
  return Number(text.trim().replace(/\./g, ""));
}

test("a new intake shows at once in the team's figures and the city's, both read before it (the cache's key moves)", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await loginAs(page, MEMBER);
  await page.goto(`${TEAM}/cijfers${PERIOD}`);
  const teamBefore = await total(page, "Aantal");

  const research = await browser.newContext();
  const city = await research.newPage();
  await loginAs(city, RESEARCHER);
  await city.goto(`/gemeente/cijfers${PERIOD}`);
  const cityBefore = await total(city, "Malberg-Malpertuis");
  // Read twice: the second read is the cache's (nothing changed in between), the same numbers.
  await city.reload();
  expect(await total(city, "Malberg-Malpertuis")).toBe(cityBefore);

  await page.goto(`${TEAM}/huishoudens/nieuw`);
  await page.getByLabel("Samenstelling").selectOption({ label: "Alleenstaand" });
  await page.getByLabel("Buurt *", { exact: true }).selectOption({ label: "Malberg" });
  const person = page.getByRole("group", { name: "Gezinslid 1" });
  await person.getByLabel("Naam").fill("Wim Habets");
  await person.getByLabel("Geslacht").selectOption({ label: "Man" });
  await page.getByLabel("De vraag, in de woorden van de inwoner").fill("Mijn post stapelt zich op.");
  await page.getByRole("button", { name: "Intake vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("De intake is vastgelegd.");

  await page.goto(`${TEAM}/cijfers${PERIOD}`);
  expect(await total(page, "Aantal")).toBe(teamBefore + 1);
  await city.reload();
  expect(await total(city, "Malberg-Malpertuis")).toBe(cityBefore + 1);
  await research.close();
});
