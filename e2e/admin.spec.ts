// The functional admin (MFA set up in the test when needed) moves a buurt to
// another team from a future date, sees the history, and finds the change in
// the audit log. Every admin page passes axe.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAsAdmin } from "./fixtures";

const ADMIN_PAGES = [
  "/beheer",
  "/beheer/teams",
  "/beheer/buurten",
  "/beheer/partners",
  "/beheer/gebruikers",
  "/beheer/uitnodigingen",
  "/beheer/audit",
  "/beheer/instellingen",
  "/beheer/mailbox",
];

/** A date `days` from today as yyyy-mm-dd and as shown (dd-mm-yyyy). */
function futureDate(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split("-");
  return { iso, shown: `${day}-${m}-${y}` };
}

// One test per page: each axe scan gets its own time budget on a busy machine.
for (const path of ADMIN_PAGES) {
  test(`admin page ${path} answers and is accessible`, async ({ page }) => {
    await loginAsAdmin(page);
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
    await expectAccessible(page);
  });
}

test("admin reassigns a buurt from a future date, sees the history and the audit event", async ({ page }) => {
  const buurt = "Pottenberg"; // Malberg-Malpertuis → Caberg-Bosscherveld
  const from = futureDate(60);
  await loginAsAdmin(page);
  await page.goto("/beheer/buurten");
  await expectAccessible(page);
  await page.getByRole("link", { name: buurt, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(buurt);
  await expectAccessible(page);

  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Caberg-Bosscherveld" });
  await page.getByLabel(/ingangsdatum|vanaf|datum/i).fill(from.iso);
  await page.getByRole("button", { name: /toewijz|wijzig|opslaan|verplaats/i }).click();
  // A confirmation step may come first for a change of team.
  const confirm = page.getByRole("button", { name: /bevestig/i });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();

  // History: the current assignment ends, the new one starts on the chosen date.
  const history = page.getByRole("table").filter({ hasText: from.shown });
  await expect(history).toContainText("Caberg-Bosscherveld");
  await expect(history).toContainText("Malberg-Malpertuis");
  await expectAccessible(page);

  // Until that date the buurt still belongs to Malberg-Malpertuis.
  await page.goto("/beheer/buurten");
  await expect(page.getByRole("row").filter({ hasText: buurt })).toContainText("Malberg-Malpertuis");

  await page.goto("/beheer/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(buurt);
  await expectAccessible(page);
});
