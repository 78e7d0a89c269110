import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

test("a user sees their sessions and ends another one", async ({ browser }) => {
  const email = "member.limmel-nazareth@wijkwerk.demo";
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await loginAs(otherPage, email);
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, email);
  await page.goto("/account");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Actieve sessies bekijken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Actieve sessies" })).toBeVisible();
  await expect(page.getByText("dit apparaat")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Alle andere sessies beëindigen" }).click();
  await expect(page.getByRole("status")).toContainText("andere sessie");
  // The other browser is signed out.
  await otherPage.goto("/t/limmel-nazareth");
  await expect(otherPage).toHaveURL(/\/inloggen/);
  await other.close();
  await context.close();
});
