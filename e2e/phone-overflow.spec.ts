// Phones (390 × 844): every role's main pages fit the screen. The page never scrolls
// sideways, and no element sticks out past the viewport unless it sits in a box that
// scrolls itself (a wide table's region). Each page also passes axe (WCAG 2.1 A/AA).
// The header's menu folds into "Menu" (a <details>, no script needed) and opens with the keyboard.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs, loginAsAdmin, loginAsController } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** The main pages per role, in one place (demo accounts: README, "Demo accounts"). */
export const PHONE_PAGES: { role: string; login: (page: Page) => Promise<void>; pages: string[] }[] = [
  {
    role: "member",
    login: (page) => loginAs(page, "member.mariaberg@wijkwerk.demo"),
    pages: [
      "/t/mariaberg",
      "/t/mariaberg/buurten",
      "/t/mariaberg/contact",
      "/t/mariaberg/huishoudens",
      "/t/mariaberg/cijfers",
      "/t/mariaberg/buurtservice",
      "/t/mariaberg/initiatieven",
      "/t/mariaberg/werkbudget",
      "/t/mariaberg/werkbudget/nieuw",
      "/t/mariaberg/uren",
      "/werkgroepen",
      "/werkgroepen/zoeken?q=schuld",
      "/successen",
      "/vragen",
      "/sociale-kaart",
      "/handboek",
      "/meldingen",
      "/account",
    ],
  },
  {
    role: "volunteer",
    login: (page) => loginAs(page, "volunteer.mariaberg@wijkwerk.demo"),
    pages: ["/t/mariaberg", "/t/mariaberg/buurten", "/t/mariaberg/contact", "/werkgroepen", "/handboek", "/meldingen", "/account"],
  },
  {
    role: "coordinator",
    login: (page) => loginAs(page, "coordinator.mariaberg@wijkwerk.demo"),
    pages: [
      "/t/mariaberg",
      "/t/mariaberg/werkbudget",
      "/t/mariaberg/huishoudens",
      "/t/mariaberg/cijfers",
      "/t/mariaberg/business-case",
      "/t/mariaberg/uren/overzicht",
      "/t/mariaberg/disciplines",
      "/t/mariaberg/overdrachten",
      "/t/mariaberg/uitnodigingen",
      "/werkgroepen",
      "/meldingen",
    ],
  },
  {
    role: "controller",
    login: loginAsController,
    pages: [
      "/gemeente",
      "/gemeente/werkbudget",
      "/gemeente/werkbudget/aanvragen",
      "/gemeente/werkbudget/budgetten",
      "/gemeente/werkbudget/normen",
      "/gemeente/werkbudget/rapport",
      "/gemeente/werkbudget/afstemming",
      "/gemeente/partners",
      "/gemeente/business-case",
      "/meldingen",
    ],
  },
  {
    role: "admin",
    login: loginAsAdmin,
    pages: [
      "/beheer",
      "/beheer/gebruikers",
      "/beheer/teams",
      "/beheer/buurten",
      "/beheer/partners",
      "/beheer/uitnodigingen",
      "/beheer/audit",
      "/beheer/instellingen",
      "/beheer/mailbox",
      "/beheer/straten",
    ],
  },
  {
    role: "partner manager",
    login: (page) => loginAs(page, "manager.trajekt@wijkwerk.demo"),
    pages: ["/partner/trajekt", "/werkgroepen", "/account"],
  },
  {
    role: "researcher",
    login: (page) => loginAs(page, "onderzoek@wijkwerk.demo"),
    pages: ["/gemeente/cijfers", "/account"],
  },
];

/** What sticks out: the page's own width, and elements past the right edge that no scrolling box holds. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const scrolls = (el: Element | null): boolean => {
      for (let e = el?.parentElement ?? null; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX)) return true;
      }
      return false;
    };
    const wide: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.position === "fixed") continue;
      if (scrolls(el)) continue;
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/).slice(0, 3).join(".")}` : ""}`;
      wide.push(`${label} (right ${Math.round(r.right)} px): ${(el.textContent ?? "").trim().slice(0, 60)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide: wide.slice(0, 8) };
  });
}

for (const { role, login, pages } of PHONE_PAGES) {
  test(`${role}: main pages fit a 390 px phone`, async ({ page }) => {
    test.setTimeout(60_000 + pages.length * 20_000);
    await login(page);
    // Every page is checked; the failures are listed together at the end.
    const problems: string[] = [];
    for (const path of pages) {
      try {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        const o = await overflow(page);
        expect(o.scrollWidth, `${path} scrolls sideways: ${o.wide.join("; ")}`).toBeLessThanOrEqual(o.innerWidth);
        expect(o.wide, `${path}: elements wider than the screen`).toEqual([]);
        await expectAccessible(page);
      } catch (error) {
        problems.push(`${path}: ${(error as Error).message.split("\n").slice(0, 12).join("\n")}`);
      }
    }
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
}

test("the header folds into a menu that opens with the keyboard, and checkboxes are at least 24 px", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
  const toggle = page.locator("header summary", { hasText: "Menu" });
  await expect(toggle).toBeVisible();
  await expect(menu.getByRole("link", { name: "Handboek" })).toBeHidden();
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("link", { name: "Handboek" })).toBeVisible();
  await menu.getByRole("link", { name: "Handboek" }).click();
  await expect(page).toHaveURL(/\/handboek$/);

  // The team tabs stay one scrollable row, the current tab visible.
  await page.goto("/t/mariaberg/werkbudget");
  await expect(page.getByRole("navigation", { name: "Mariaberg" }).getByRole("link", { name: "Werkbudget" })).toBeInViewport();

  await page.goto("/t/mariaberg/werkbudget/nieuw");
  const boxes = page.locator('main input[type="checkbox"]:visible');
  expect(await boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) {
    const size = await box.boundingBox();
    expect(size?.width ?? 0).toBeGreaterThanOrEqual(24);
    expect(size?.height ?? 0).toBeGreaterThanOrEqual(24);
  }
});

test("the controller's approval queue stacks on a phone: the first request's amount and status without scrolling sideways", async ({ page }) => {
  await loginAsController(page);
  await page.goto("/gemeente/werkbudget/aanvragen");
  const queue = page.getByRole("region", { name: "Aanvragen op het werkbudget" });
  const first = queue.locator("tbody tr").first();
  await expect(first).toBeVisible();
  // Stacked: the column header is read out (and shown) through each cell's label.
  const amount = first.locator('td[data-label="Bedrag"]');
  const status = first.locator('td[data-label="Status"]');
  await expect(amount).toHaveText(/€/);
  await first.evaluate((row) => window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 100));
  for (const cell of [amount, status]) {
    const box = await cell.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await expect(cell).toBeInViewport();
  }
  // Nothing to scroll inside the region either.
  expect(await queue.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
});
