// The token list row (components/token-list.tsx) on both token pages: a new
// token is listed by its last four characters as active; revoking it asks
// first, then its row says so (a badge) and offers no revoke any more.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

async function mintAndRevoke(page: Page, texts: { nameLabel: string; tokenLabel: string; active: string; confirm: string; revoked: string }) {
  const name = `Koppeling ${Date.now().toString(36)}`;
  await page.getByLabel(texts.nameLabel, { exact: true }).fill(name);
  await page.getByRole("button", { name: "Token aanmaken" }).click();
  // The new token's panel takes the focus (components/token-list.tsx, CreatedToken).
  await expect(page.locator("#token-created")).toBeFocused();
  const token = await page.getByLabel(texts.tokenLabel).inputValue();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toContainText(`…${token.slice(-4)}`);
  await expect(row).toContainText(texts.active);
  await expectAccessible(page);
  await row.getByRole("button", { name: `Token ${name} intrekken` }).click();
  await row.getByRole("button", { name: texts.confirm, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Het token is ingetrokken.");
  await expect(row.locator(".badge")).toHaveText(texts.revoked);
  await expect(row.getByRole("button")).toHaveCount(0);
}

test("personal API tokens: mint one, see its row, revoke it", async ({ page }) => {
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.goto("/account/api-tokens");
  await mintAndRevoke(page, { nameLabel: "Naam", tokenLabel: "Jouw nieuwe token", active: "Actief", confirm: "Ja, intrekken", revoked: "Ingetrokken" });
});

test("a partner's export tokens: mint one, see its row, revoke it", async ({ page }) => {
  await loginAs(page, "manager.trajekt@wijkwerk.demo");
  await page.goto("/partner/trajekt/export");
  await mintAndRevoke(page, { nameLabel: "Naam van het token", tokenLabel: "Nieuw token", active: "actief", confirm: "Intrekken", revoked: "ingetrokken" });
});
