// A coordinator invites a new colleague as member; the link (read from the dev
// mailbox as admin) lets the invitee create an account that lands in the
// coordinator's team — and nowhere else.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, loginAs, loginAsAdmin, logout } from "./fixtures";

const contextOptions = (testInfo: TestInfo) => ({ baseURL: testInfo.project.use.baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });

/** The invitation link for `email`, from the admin's dev mailbox. */
async function invitationLinkFor(page: Page, email: string): Promise<string> {
  await page.goto("/beheer/mailbox");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  const linkPattern = /https?:\/\/[^\s"'<>]+\/uitnodiging\/[A-Za-z0-9_-]+/;
  let text = await page.locator("main").innerText();
  if (!text.includes(email) || !linkPattern.test(text)) {
    // The list may only show subjects: open the message to the invitee.
    await page
      .getByRole("link", { name: new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
      .first()
      .click();
    await expectAccessible(page);
    text = await page.locator("main").innerText();
  }
  const section = text.slice(text.indexOf(email));
  const match = section.match(linkPattern) ?? text.match(linkPattern);
  if (!match) throw new Error(`no invitation link for ${email} in the mailbox`);
  return match[0];
}

test("coordinator invites a member who creates an account and lands in the team", async ({ page, browser }, testInfo) => {
  // Three sign-ins, an argon2 account creation and six axe scans: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const invitee = `nieuw.lid.${Date.now()}@voorbeeld.nl`;

  // 1. The coordinator of Mariaberg invites.
  await loginAs(page, "coordinator.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/t/mariaberg");
  await page.getByRole("link", { name: "Uitnodigingen" }).click();
  await expect(page).toHaveURL(/\/t\/mariaberg\/uitnodigingen$/);
  await expectAccessible(page);
  // The coordinator may not hand out the coordinator role.
  const roleSelect = page.getByLabel("Rol");
  await expect(roleSelect.locator("option", { hasText: "Coördinator" })).toHaveCount(0);
  await page.getByLabel(/e-mail/i).fill(invitee);
  await roleSelect.selectOption({ label: "Teamlid" });
  await page.getByRole("button", { name: /uitnodig|verstuur|versturen/i }).click();
  await expect(page.getByRole("main")).toContainText(invitee);
  await expectAccessible(page);
  await logout(page);

  // 2. The e-mail sits in the outbox; the admin reads it in the dev mailbox.
  await loginAsAdmin(page);
  const link = await invitationLinkFor(page, invitee);
  await logout(page);

  // 3. The invitee opens the link in a fresh browser and creates an account.
  const fresh = await browser.newContext(contextOptions(testInfo));
  const invitePage = await fresh.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(invitePage.getByRole("main")).toContainText("Mariaberg");
  await expectAccessible(invitePage);
  await invitePage.getByLabel(/naam/i).first().fill("Nieuw Teamlid");
  const passwords = invitePage.getByLabel(/wachtwoord/i);
  for (let i = 0; i < (await passwords.count()); i++) await passwords.nth(i).fill("Een-lang-nieuw-wachtwoord-42");
  await invitePage.getByRole("button", { name: /account|aanmaken|accepteer|registreer/i }).click();
  await expect(invitePage).toHaveURL(/\/t\/mariaberg$/);
  await expect(invitePage.getByRole("heading", { level: 1, name: "Mariaberg" })).toBeVisible();
  await expect(invitePage.getByRole("table")).toContainText("Nieuw Teamlid");
  await expectAccessible(invitePage);

  // 4. Only in that team; the link cannot be used twice.
  const other = await invitePage.goto("/t/daalhof");
  expect(other?.status()).toBe(404);
  await expectAccessible(invitePage);
  await fresh.close();
  const again = await browser.newContext(contextOptions(testInfo));
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByRole("main")).toContainText(/al gebruikt|ongeldig|verlopen/);
  await expectAccessible(againPage);
  await again.close();
});

test("a member cannot reach the invitations page", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await expect(page.getByRole("link", { name: "Uitnodigingen" })).toHaveCount(0);
  // Own team, a role that may not invite: 403 (docs/architecture.md, "403 or 404").
  const response = await page.goto("/t/mariaberg/uitnodigingen");
  expect(response?.status()).toBe(403);
  await expectAccessible(page);
});
