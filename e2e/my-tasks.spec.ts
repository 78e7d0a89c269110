// "Mijn taken" (issue 17): every role lands on what waits for it, each item
// links to where the work is done, and a notice whose work is done leaves the
// unread count. Caberg-Bosscherveld's demo draft (Pasfoto's) is submitted and
// endorsed here — no other spec uses that draft. Axe on every start page.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs, loginAsAdmin, loginAsController, logout } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SLUG = "caberg-bosscherveld";
const DRAFT = "Pasfoto's en legeskosten ID-kaart";

const nav = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });
const list = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${title} \\(\\d+\\)$`) });

/** The unread count in the menu ("Meldingen (3 nieuw)" → 3, "Meldingen" → 0). */
async function unread(page: Page): Promise<number> {
  const label =
    (await nav(page)
      .getByRole("link", { name: /^Meldingen/ })
      .textContent()) ?? "";
  return Number(/\((\d+) nieuw\)/.exec(label)?.[1] ?? 0);
}

test("a member finishes a draft from Mijn taken; the coordinator endorses it and the notice is no longer new", async ({ page }) => {
  await loginAs(page, `member.${SLUG}@wijkwerk.demo`);
  await expect(page).toHaveURL(/\/taken$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mijn taken" })).toBeVisible();
  // "Mijn taken" is the first entry of the main menu.
  await expect(nav(page).getByRole("link").first()).toHaveText("Mijn taken");
  await expect(list(page, "Mijn concepten")).toContainText(DRAFT);
  await expect(list(page, "Mijn aanvragen waar om informatie is gevraagd")).toContainText("Niets te doen");
  await expect(list(page, "Mijn weken zonder uren")).toBeVisible();
  await expectAccessible(page);

  await list(page, "Mijn concepten")
    .getByRole("link", { name: new RegExp(DRAFT) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/t/${SLUG}/werkbudget/[0-9a-f-]{36}$`));
  // The demo draft is not complete yet: finish it, then submit.
  await page.getByRole("link", { name: "Bewerken" }).click();
  await page.getByLabel("Welk probleem wordt hiermee voorkomen?").fill("Zonder geldig ID geen uitkering en geen huurcontract.");
  await page.getByLabel("Norm", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("group", { name: "Leefgebieden die verbeteren" }).getByLabel("Maatschappelijke participatie").check();
  await page.getByLabel("Toelichting op het sociaal rendement").fill("Weer ingeschreven en bereikbaar.");
  await page.getByRole("button", { name: "Indienen" }).click();
  await expect(page.getByRole("status")).toContainText("De aanvraag is ingediend.");
  await nav(page).getByRole("link", { name: "Mijn taken" }).click();
  await expect(list(page, "Mijn concepten")).toContainText("Niets te doen");
  await logout(page);

  await loginAs(page, `coordinator.${SLUG}@wijkwerk.demo`);
  await expect(page).toHaveURL(/\/taken$/);
  const endorse = list(page, "Aanvragen om te onderschrijven");
  await expect(endorse).toContainText(DRAFT);
  await expect(endorse).toContainText("Nodig op");
  await expect(list(page, "Collega's met weken zonder uren")).toBeVisible();
  await expectAccessible(page);
  const before = await unread(page);
  expect(before).toBeGreaterThan(0);

  await endorse.getByRole("link", { name: new RegExp(DRAFT) }).click();
  await page.getByRole("button", { name: "Onderschrijven" }).click();
  await expect(page.getByRole("status")).toContainText("De aanvraag is onderschreven.");
  // The coordinator never opened the notice: the work is done, so it no longer counts as new.
  await nav(page).getByRole("link", { name: "Mijn taken" }).click();
  await expect(list(page, "Aanvragen om te onderschrijven")).toContainText("Niets te doen");
  expect(await unread(page)).toBe(before - 1);
  await page.goto("/meldingen");
  await expect(page.getByRole("listitem").filter({ hasText: "Afgehandeld" }).first()).toBeVisible();
  await expectAccessible(page);
  await logout(page);
});

test("a member whose request needs information sees it first", async ({ page }) => {
  await loginAs(page, "member.limmel-nazareth@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  const info = list(page, "Mijn aanvragen waar om informatie is gevraagd");
  await expect(info).toContainText("Rijlessen");
  await expectAccessible(page);
  await info.getByRole("link", { name: /Rijlessen/ }).click();
  await expect(page).toHaveURL(/\/t\/limmel-nazareth\/werkbudget\/[0-9a-f-]{36}$/);
});

test("a volunteer lands on Mijn taken too", async ({ page }) => {
  await loginAs(page, "volunteer.mariaberg@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await expect(page.getByRole("heading", { level: 2, name: /Team Mariaberg/ })).toBeVisible();
  await expectAccessible(page);
});

test("the controller's queue shows the needed-by date and how long each request waits", async ({ page }) => {
  await loginAsController(page);
  await nav(page).getByRole("link", { name: "Mijn taken" }).click();
  await expect(page).toHaveURL(/\/taken$/);
  const queue = list(page, "Aanvragen om te beoordelen");
  await expect(queue).toContainText(DRAFT); // endorsed above
  await expect(queue.getByRole("listitem").first()).toContainText("Nodig op");
  await expect(queue.getByRole("listitem").first()).toContainText(/Wacht: \d+ dag/);
  await expect(list(page, "Evaluaties die te laat zijn")).toBeVisible();
  await expectAccessible(page);
  await queue.getByRole("link", { name: new RegExp(DRAFT) }).click();
  await expect(page).toHaveURL(/\/gemeente\/werkbudget\/aanvragen\/[0-9a-f-]{36}$/);
  // The start page after login.
  await page.goto("/");
  await expect(page).toHaveURL(/\/taken$/);
});

test("the functional admin sees locked accounts and open invitations", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/taken$/);
  await expect(list(page, "Geblokkeerde accounts")).toBeVisible();
  await expect(list(page, "Openstaande uitnodigingen")).toBeVisible();
  await expectAccessible(page);
});

test("a partner manager sees their staff's missing hours; the research office keeps the figures", async ({ page }) => {
  await loginAs(page, "manager.trajekt@wijkwerk.demo");
  await expect(page).toHaveURL(/\/taken$/);
  await expect(page.getByRole("heading", { level: 2, name: "Medewerkers van Trajekt" })).toBeVisible();
  await expect(list(page, "Teams met weken zonder uren")).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Mijn organisatie" })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, "onderzoek@wijkwerk.demo");
  await expect(page).toHaveURL(/\/gemeente\/cijfers$/);
  await expect(nav(page).getByRole("link", { name: "Mijn taken" })).toHaveCount(0);
});

test("a request to join a closed workgroup waits in the facilitator's Mijn taken, with a link to the decision", async ({ page }) => {
  const group = `Taken besloten ${Date.now().toString(36)}`;
  const facilitator = "coordinator.wittevrouwenveld-wyckerpoort@wijkwerk.demo";
  await loginAs(page, facilitator);
  await page.goto("/werkgroepen/nieuw");
  await page.getByLabel("Thema (naam van de werkgroep)").fill(group);
  await page.getByLabel("Besloten: lidmaatschap op aanvraag, de begeleider beslist").check();
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is aangemaakt.");
  const groupPath = new URL(page.url()).pathname;
  await logout(page);

  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  await page.goto(groupPath);
  await page.getByRole("button", { name: "Lidmaatschap aanvragen" }).click();
  await expect(page.getByRole("status")).toContainText("Je aanvraag is verstuurd.");
  // The requester has nothing to decide.
  await nav(page).getByRole("link", { name: "Mijn taken" }).click();
  await expect(page.getByRole("region", { name: /^Aanmeldingen voor werkgroepen/ })).toHaveCount(0);
  await logout(page);

  await loginAs(page, facilitator);
  await expect(page).toHaveURL(/\/taken$/);
  const requests = list(page, "Aanmeldingen voor werkgroepen");
  await expect(page.getByRole("heading", { level: 2, name: /^Aanmeldingen voor werkgroepen \(\d+\)$/ })).toBeVisible();
  const item = requests.getByRole("link", { name: new RegExp(`wil lid worden van ${group}$`) });
  await expect(item).toBeVisible();
  await expectAccessible(page);
  await item.click();
  await expect(page).toHaveURL(new RegExp(`${groupPath}#aanvragen$`));
  await page
    .getByRole("region", { name: "Aanvragen voor lidmaatschap" })
    .getByRole("button", { name: /afwijzen$/ })
    .click();
  await expect(page.getByRole("status")).toContainText("De aanvraag is afgehandeld.");
  await nav(page).getByRole("link", { name: "Mijn taken" }).click();
  await expect(page.getByRole("link", { name: new RegExp(`wil lid worden van ${group}$`) })).toHaveCount(0);
});
