// The break-the-glass journey and the coordinator's AVG pages in a browser,
// axe-scanned: a member outside the case team is sent to noodtoegang, gives a
// reason and reads the file with "tot HH:MM"; the coordinator sees the grant
// on the household's inzage page, opens the printable export, erases the
// file by retyping its reference and lands on the destruction log.
//
// The demo has no households yet in this branch, so this spec runs its own
// app server on a fresh PostgreSQL database with one team, one household and
// signed-in sessions (test/support/app-server.ts), next to the e2e server.
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { sessions, type Database } from "@wijkwerk/db";
import { createBuurtFor, createHouseholdWithCase } from "../packages/core/test/casework-fixture";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";
import { startAppServer, type AppServer } from "../test/support/app-server";
import { expectAccessible, fieldError } from "./fixtures";

let app: AppServer;
const sessionOf: Record<string, string> = {};
let teamSlug = "";
let household = "";
let reference = "";

async function seed(d: Database) {
  const m = await createMunicipality(d);
  const team = await createTeam(d, m.id);
  teamSlug = team.slug;
  const buurt = await createBuurtFor(d, m.id, team.id);
  const make = async (key: string, role: "coordinator" | "member", name: string) => {
    const u = await createUser(d, m.id, { name, teamRoles: [{ teamId: team.id, role }] });
    const id = randomBytes(20).toString("hex");
    await d.insert(sessions).values({ id, userId: u.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    sessionOf[key] = id;
    return u;
  };
  const regisseur = await make("regisseur", "member", "Rita Regisseur");
  await make("member", "member", "Gijs Glas");
  await make("coordinator", "coordinator", "Cora Coördinator");
  const made = await createHouseholdWithCase(d, { municipalityId: m.id, teamId: team.id, buurtId: buurt.id, regisseurId: regisseur.id });
  household = made.household.id;
  reference = made.household.reference;
}

const signIn = (context: BrowserContext, who: string) => context.addCookies([{ name: "wijkwerk_session", value: sessionOf[who], url: app.url }]);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startAppServer({ seed });
});
test.afterAll(async () => {
  await app?.stop();
});

test("break-the-glass: a reason, a warning, then the file with until when", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: app.url, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  await signIn(context, "member");
  const page = await context.newPage();
  await page.goto(`/t/${teamSlug}/huishoudens/${household}`);
  await expect(page).toHaveURL(new RegExp(`/huishoudens/${household}/noodtoegang$`));
  await expect(page.getByText("Let op: open dit dossier alleen als het echt nodig is")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Dossier openen met noodtoegang" }).click();
  await expect(fieldError(page, "Geef een reden van minimaal 10 en hoogstens 500 tekens.")).toBeVisible();
  await page.getByLabel("Reden").fill("Inwoner belt met een spoedvraag over de huur");
  await page.getByRole("button", { name: "Dossier openen met noodtoegang" }).click();
  await expect(page).toHaveURL(new RegExp(`/huishoudens/${household}$`));
  await expect(page.getByText(/Je noodtoegang loopt tot \d\d:\d\d\./)).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("the coordinator: the grant on the inzage page, the printable export, erasure with the retyped reference", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: app.url, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  await signIn(context, "coordinator");
  const page = await context.newPage();
  await page.goto(`/t/${teamSlug}/huishoudens/${household}/inzage`);
  await expect(page.getByRole("heading", { name: "Inzage en AVG", level: 3 })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Inwoner belt met een spoedvraag over de huur" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Afdrukbare versie" }).click();
  await expect(page.getByRole("heading", { name: `Inzage-export huishouden ${reference}` })).toBeVisible();
  await expect(page.getByText("Ik kom niet rond en mijn huur is achterstallig.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Terug naar Inzage en AVG" }).click();

  await page.getByLabel("Reden van het wissen").fill("Verzoek van de inwoner tot wissing");
  await page.getByLabel(/Typ ter bevestiging de referentie over/).fill("XX-0000");
  await page.getByRole("button", { name: "Dossier definitief wissen" }).click();
  await expect(fieldError(page, "Dit is niet de referentie van dit huishouden.")).toBeVisible();
  await expect(page.getByLabel("Reden van het wissen")).toHaveValue("Verzoek van de inwoner tot wissing");
  await expectAccessible(page);
  await page.getByLabel(/Typ ter bevestiging de referentie over/).fill(reference);
  await page.getByRole("button", { name: "Dossier definitief wissen" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${teamSlug}/vernietigingslog`));
  await expect(page.getByText(`Het dossier van huishouden ${reference} is gewist.`)).toBeVisible();
  await expect(page.getByRole("cell", { name: reference })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
