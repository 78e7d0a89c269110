// A partner manager proposes one of its own staff for a team; nothing goes
// out until the team's coordinator confirms on the invitations page; then the
// usual invitation (with its link) sits in the dev mailbox.
import { expect, test, type TestInfo } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, loginAsAdmin, logout } from "./fixtures";

const MANAGER = "manager.trajekt@wijkwerk.demo";
const COORDINATOR = "coordinator.mariaberg@wijkwerk.demo";
const contextOptions = (testInfo: TestInfo) => ({ baseURL: testInfo.project.use.baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });

test("partner manager proposes a staff member, the coordinator confirms, the invitation goes out", async ({ page, browser }, testInfo) => {
  test.setTimeout(150_000);
  const invitee = `trajekt.collega.${Date.now()}@voorbeeld.nl`;
  const linkPattern = /https?:\/\/[^\s"'<>]+\/uitnodiging\/[A-Za-z0-9_-]+/;

  // 1. Trajekt's manager proposes (password only); Dutch errors keep what was typed.
  await loginAs(page, MANAGER);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/partner/trajekt");
  const form = page.getByRole("region", { name: "Medewerker voordragen voor een team" });
  await expect(page.getByRole("heading", { level: 2, name: "Medewerker voordragen voor een team" })).toBeVisible();
  await expectAccessible(page);
  await form.getByLabel("E-mailadres van de medewerker").fill("geen-adres");
  await form.getByLabel("Naam (optioneel)").fill("Noor Trajekt");
  await form.getByRole("button", { name: "Voordragen" }).click();
  await expect(fieldError(form, "Kies een team.")).toBeVisible();
  await expect(fieldError(form, "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")).toBeVisible();
  await expect(form.getByLabel("E-mailadres van de medewerker")).toHaveValue("geen-adres");
  await expect(form.getByLabel("Naam (optioneel)")).toHaveValue("Noor Trajekt");
  await expectAccessible(page);
  await form.getByLabel("Team").selectOption({ label: "Mariaberg" });
  await form.getByLabel("E-mailadres van de medewerker").fill(invitee);
  await form.getByRole("button", { name: "Voordragen" }).click();
  await expect(page.getByRole("status")).toContainText(`Voordracht voor ${invitee} is naar de coördinator van Mariaberg gestuurd`);
  const mine = page.getByRole("table", { name: "Jouw voordrachten" });
  await expect(mine.getByRole("row", { name: new RegExp(invitee.replace(/[.]/g, "\\.")) })).toContainText("Wacht op bevestiging coördinator");
  await expectAccessible(page);
  await logout(page);

  // 2. The coordinator of Mariaberg sees the proposal and confirms it.
  await loginAs(page, COORDINATOR);
  await page.goto("/t/mariaberg/uitnodigingen");
  const proposals = page.getByRole("region", { name: "Voordrachten van partnerorganisaties" });
  const item = proposals.getByRole("listitem").filter({ hasText: invitee });
  await expect(item).toContainText("Noor Trajekt");
  await expect(item).toContainText("Trajekt");
  await expectAccessible(page);
  await item.getByRole("button", { name: new RegExp(`Bevestigen en uitnodiging versturen \\(${invitee.replace(/[.]/g, "\\.")}\\)`) }).click();
  await expect(page.getByRole("status")).toContainText(`Bevestigd: de uitnodiging is verstuurd naar ${invitee}.`);
  await expect(proposals.getByRole("listitem").filter({ hasText: invitee })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  // 3. The dev mailbox holds the invitation with its link; the link opens the team's invitation.
  await loginAsAdmin(page);
  await page.goto("/beheer/mailbox");
  await expectAccessible(page);
  let text = await page.locator("main").innerText();
  if (!text.includes(invitee) || !linkPattern.test(text.slice(text.indexOf(invitee)))) {
    await page
      .getByRole("link", { name: new RegExp(invitee.replace(/[.]/g, "\\.")) })
      .first()
      .click();
    await expectAccessible(page);
    text = await page.locator("main").innerText();
  }
  const link = text.slice(text.indexOf(invitee)).match(linkPattern)?.[0];
  expect(link, "invitation link in the mailbox").toBeTruthy();
  await logout(page);

  const fresh = await browser.newContext(contextOptions(testInfo));
  const invitePage = await fresh.newPage();
  await invitePage.goto(link!);
  await expect(invitePage.getByRole("main")).toContainText("Mariaberg");
  await expect(invitePage.getByRole("main")).toContainText(invitee);
  // The name the manager proposed is prefilled on the account form.
  await expect(invitePage.getByLabel("Volledige naam")).toHaveValue("Noor Trajekt");
  await expectAccessible(invitePage);
  await fresh.close();

  // 4. The manager sees the confirmation.
  await loginAs(page, MANAGER);
  await page.goto("/partner/trajekt");
  await expect(page.getByRole("table", { name: "Jouw voordrachten" }).getByRole("row", { name: new RegExp(invitee.replace(/[.]/g, "\\.")) })).toContainText(
    "Bevestigd, uitnodiging verstuurd",
  );
  await expectAccessible(page);
});
