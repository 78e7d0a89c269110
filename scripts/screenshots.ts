// The screenshots of the start pages per role (docs/my-tasks.md, "Screenshots"):
// run by `pnpm screenshots` (playwright.screenshots.config.ts), which starts the
// built app with the demo data as the e2e specs do. Each role logs in as a demo
// account (the admin and the controller set up two-step verification on the
// way) and its start page is saved, the whole page, at 1366 px and at 390 px
// (a phone) as docs/screenshots/my-tasks-<role>-<width>.png.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loginAs, loginAsAdmin, loginAsController } from "../e2e/fixtures";

const OUT = path.resolve("docs", "screenshots");
const WIDTHS = [1366, 390] as const;

const ROLES: { role: string; login: (page: Page) => Promise<void> }[] = [
  { role: "member", login: (page) => loginAs(page, "member.limmel-nazareth@wijkwerk.demo") },
  { role: "coordinator", login: (page) => loginAs(page, "coordinator.centrum@wijkwerk.demo") },
  { role: "volunteer", login: (page) => loginAs(page, "volunteer.mariaberg@wijkwerk.demo") },
  { role: "controller", login: loginAsController },
  { role: "admin", login: loginAsAdmin },
  { role: "partner-manager", login: (page) => loginAs(page, "manager.trajekt@wijkwerk.demo") },
];

test.describe.configure({ mode: "serial" });

for (const { role, login } of ROLES) {
  test(`start page of the ${role}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 900 } });
    const page = await context.newPage();
    await login(page);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto("/");
      await expect(page).toHaveURL(/\/taken$/);
      await expect(page.getByRole("heading", { level: 1, name: "Mijn taken" })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(OUT, `my-tasks-${role}-${width}.png`), fullPage: true });
    }
    await context.close();
  });
}
