// The partner hours journey (demo seed): a Trajekt member registers last
// week's hours (Dutch errors keep the input), copies them to this week; the
// coordinator sees them and the missing weeks, and the discipline matrix;
// Trajekt's manager sees agreed vs registered hours (counts and hours only);
// the functional admin records an agreement and downloads the procurement CSV.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, loginAsAdmin, logout } from "./fixtures";

// Four logins (one with a TOTP step that may wait for a fresh 30-second code) and twelve axe scans.
test.setTimeout(300_000);

const MEMBER = "member.limmel-nazareth@wijkwerk.demo"; // a Trajekt employee, 24 h contract
const COORDINATOR = "coordinator.limmel-nazareth@wijkwerk.demo";
const MANAGER = "manager.trajekt@wijkwerk.demo";

/** Monday (yyyy-mm-dd) of the ISO week of a date in Amsterdam, and its label. */
function week(offsetWeeks: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000 + offsetWeeks * 7 * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { monday: monday.toISOString().slice(0, 10), label: `${year}-W${String(n).padStart(2, "0")}`, number: n };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test("member registers hours → coordinator overview → partner dashboard → procurement CSV", async ({ page }) => {
  const last = week(-1);
  const current = week(0);

  // ── The member: last week, with mistakes first.
  await loginAs(page, MEMBER);
  await page.goto("/t/limmel-nazareth");
  await page.getByRole("navigation", { name: "Limmel-Nazareth" }).getByRole("link", { name: "Uren", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/limmel-nazareth\/uren$/);
  // The week's heading by name: right after the client-side navigation the team page's own headings may still be there.
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`Week ${current.number}\\b`) })).toBeVisible();
  await page.getByRole("link", { name: "Vorige week" }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`Week ${last.number}\\b`) })).toBeVisible();
  // Pre-filled from the 24 contract hours.
  await expect(field(page, "Individuele ondersteuning")).toHaveValue("24");
  await expect(page.getByText("Vooraf ingevuld met je contracturen (24 uur)")).toBeVisible();
  await expectAccessible(page);

  await field(page, "Individuele ondersteuning").fill("70");
  await field(page, "Collectief werk en buurtwerk").fill("1,1");
  await page.getByRole("button", { name: "Uren opslaan" }).click();
  await expect(fieldError(page, "Vul een aantal uren in van 0 tot en met 60.")).toBeVisible();
  await expect(fieldError(page, "Vul uren in kwartieren in (bijv. 1,25 of 7,5).")).toBeVisible();
  await expect(field(page, "Individuele ondersteuning")).toHaveValue("70");
  await expect(field(page, "Collectief werk en buurtwerk")).toHaveValue("1,1");
  await expect(field(page, "Individuele ondersteuning")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await field(page, "Individuele ondersteuning").fill("40");
  await field(page, "Collectief werk en buurtwerk").fill("20,25");
  await page.getByRole("button", { name: "Uren opslaan" }).click();
  await expect(page.getByText("Samen niet meer dan 60 uur per week.")).toBeVisible();

  await field(page, "Individuele ondersteuning").fill("16");
  await field(page, "Collectief werk en buurtwerk").fill("4,5");
  await field(page, "Teamoverleg").fill("2");
  await field(page, "Werkgroep").fill("1");
  await page.getByRole("button", { name: "Uren opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Je uren zijn opgeslagen: 23,5 uur deze week.");
  await expect(page).toHaveURL(new RegExp(`week=${last.label}`));

  // This week: "same as last week", then save.
  await page.getByRole("link", { name: "Volgende week" }).click();
  await page.getByRole("link", { name: "Zelfde als vorige week" }).click();
  await expect(field(page, "Collectief werk en buurtwerk")).toHaveValue("4,5");
  await expect(field(page, "Werkgroep")).toHaveValue("1");
  await page.getByRole("button", { name: "Uren opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Je uren zijn opgeslagen: 23,5 uur deze week.");
  await expect(page).toHaveURL(new RegExp(`week=${current.label}`));
  // Members do not see the team's overview.
  await expect(page.getByRole("link", { name: "Urenoverzicht" })).toHaveCount(0);
  expect((await page.goto("/t/limmel-nazareth/uren/overzicht"))?.status()).toBe(403);
  await page.goto("/t/limmel-nazareth");
  await logout(page);

  // ── The coordinator: the team's weeks and the discipline matrix.
  await loginAs(page, COORDINATOR);
  await page.goto("/t/limmel-nazareth");
  await page.getByRole("link", { name: "Urenoverzicht" }).click();
  const overview = page.getByRole("table", { name: "Urenoverzicht van het team" });
  const memberRow = overview.getByRole("row", { name: /^Bram Ramakers/ });
  await expect(memberRow.getByRole("cell").last()).toHaveText("7"); // 8 weeks shown, last week registered
  await expect(memberRow).toContainText("23,5 uur");
  await expect(overview.getByRole("row", { name: /^Anouk Jansen/ })).toContainText("Ontbreekt");
  await expect(page.getByRole("table", { name: /Verdeling over soorten werk/ }).getByRole("row", { name: /^Werkgroep/ })).toContainText("1 uur");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Disciplines" }).click();
  const matrix = page.getByRole("table", { name: "Disciplinematrix" });
  // Trajekt's subsidy: 32 h social work in Limmel-Nazareth (demo seed); 23,5 h registered once in 13 weeks = 1,8 h a week.
  const social = matrix.getByRole("row", { name: /^Maatschappelijk werk/ });
  await expect(social).toContainText("32 uur");
  await expect(social).toContainText("Tekort");
  await expectAccessible(page);
  await logout(page);

  // ── Trajekt's manager: agreed vs registered, no names of residents or other partners' staff.
  await loginAs(page, MANAGER);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/partner/trajekt");
  const year = Number(current.monday.slice(0, 4));
  await expect(page.getByRole("heading", { level: 2, name: `Afgesproken en geregistreerde uren in ${year}` })).toBeVisible();
  await expect(page.getByRole("img", { name: `Afgesproken en geregistreerde uren per maand in ${year}` })).toBeVisible();
  const sameYear = last.monday.slice(0, 4) === current.monday.slice(0, 4);
  const perTeam = page.getByRole("table", { name: `Per team in ${year}` });
  await expect(perTeam.getByRole("row", { name: /^Limmel-Nazareth/ })).toContainText(sameYear ? "47 uur" : "23,5 uur");
  // Workgroups (last column): the demo's Trajekt member of Limmel-Nazareth is in "Preventie en vroegsignalering".
  await expect(
    perTeam
      .getByRole("row", { name: /^Limmel-Nazareth/ })
      .getByRole("cell")
      .last(),
  ).toHaveText("1");
  await expect(page.getByText(/Werkgroepen: het aantal werkgroepen waarvan jullie medewerkers/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aandachtspunten" })).toBeVisible();
  for (const other of ["Frank Bours", "Sanne Ramakers", "Jo Heijnen"]) await expect(page.getByText(other)).toHaveCount(0);
  await expectAccessible(page);
  expect((await page.goto("/gemeente/partners"))?.status()).toBe(404);
  expect((await page.goto("/gemeente/partners.csv"))?.status()).toBe(404);
  await page.goto("/partner/trajekt");
  await logout(page);

  // ── The functional admin: agreements and the procurement export.
  await loginAsAdmin(page);
  await page.goto("/beheer/partners");
  await page.getByRole("link", { name: "Koraalgroep" }).click();
  await expect(page.getByText("Er zijn nog geen afspraken met deze organisatie.")).toBeVisible();
  await page.getByRole("link", { name: "Nieuwe afspraak" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwe afspraak met Koraalgroep");
  await expectAccessible(page);
  await page.getByLabel("Soort afspraak").selectOption({ label: "Dienstverleningsovereenkomst" });
  await page.getByLabel(/^Kenmerk/).fill("DVO-2017-042");
  await page.getByLabel("Ingangsdatum").fill("2017-01-01");
  const row1 = page.getByRole("group", { name: "Regel 1" });
  await row1.getByLabel("Team").selectOption({ label: "Centrum" });
  await row1.getByLabel("Discipline").selectOption({ label: "Gezinsondersteuning" });
  await row1.getByLabel("Uren per week").fill("0");
  await page.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(fieldError(row1, "Vul een aantal uren in tussen 0,1 en 999")).toBeVisible();
  await expect(page.getByLabel(/^Kenmerk/)).toHaveValue("DVO-2017-042");
  await expectAccessible(page);
  await page.getByRole("group", { name: "Regel 1" }).getByLabel("Uren per week").fill("12,5");
  await page.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is opgeslagen.");
  const agreement = page.getByRole("table", { name: /DVO-2017-042/ });
  await expect(agreement.getByRole("row", { name: /^Centrum/ })).toContainText("12,5 uur");
  await expectAccessible(page);
  // Edit: the saved row comes back in the form; a second row is added.
  await page.getByRole("link", { name: "Afspraak DVO-2017-042 bewerken" }).click();
  await expect(page.getByRole("group", { name: "Regel 1" }).getByLabel("Uren per week")).toHaveValue("12,5");
  await page.getByRole("group", { name: "Regel 1" }).getByLabel("Uren per week").fill("10");
  const row2 = page.getByRole("group", { name: "Regel 2" });
  await row2.getByLabel("Team").selectOption({ label: "Daalhof" });
  await row2.getByLabel("Discipline").selectOption({ label: "Gezinsondersteuning" });
  await row2.getByLabel("Uren per week").fill("4");
  await page.getByRole("button", { name: "Afspraak opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is opgeslagen.");
  await expect(agreement.getByRole("row", { name: /^Centrum/ })).toContainText("10 uur");
  await expect(agreement.getByRole("row", { name: /^Totaal per week/ })).toContainText("14 uur");

  await page.goto("/gemeente/partners");
  const perAgreement = page.getByRole("table", { name: "Afgesproken en geleverd per afspraak" });
  await expect(perAgreement.getByRole("row", { name: /^Trajekt/ })).toContainText("SUB-2017-TRAJEKT");
  await expect(perAgreement.getByRole("row", { name: /^Koraalgroep/ })).toContainText("14 uur");
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download inkoopexport ${year} (CSV)` }).click()]);
  expect(download.suggestedFilename()).toBe(`inkoop-partners-${year}.csv`);
  const lines = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe(
    "partner;partner_naam;team;team_naam;maand;uren_afgesproken;uren_geregistreerd;uren_individueel;uren_collectief;uren_teamoverleg;uren_werkgroep;uren_overig;medewerkers_met_uren;ontbrekende_weken;regel;financiering;afspraak;product;eenheid;aantal_afgesproken;aantal_geleverd;prijs_per_eenheid;bedrag_afgesproken;bedrag_geleverd;budget",
  );
  const month = current.monday.slice(0, 7);
  const trajekt = lines.find((l) => l.startsWith(`trajekt;Trajekt;limmel-nazareth;Limmel-Nazareth;${month};`));
  expect(trajekt, `no Trajekt row for ${month}`).toBeTruthy();
  // Only Bram registered in this fresh database: this week, plus last week when its Monday is in the same month.
  const sameMonth = last.monday.slice(0, 7) === month;
  expect(trajekt!.split(";")[6]).toBe(sameMonth ? "47,00" : "23,50");
  expect(trajekt!.split(";")[12]).toBe("1");

  // Deleting asks first, in the page.
  await page.goto("/beheer/partners");
  await page.getByRole("link", { name: "Koraalgroep" }).click();
  await page.getByRole("link", { name: "Afspraak DVO-2017-042 bewerken" }).click();
  await page.getByRole("button", { name: "Afspraak verwijderen" }).click();
  await expect(page.getByText("Afspraak DVO-2017-042 met alle afgesproken uren verwijderen?")).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Afspraak verwijderen" }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is verwijderd.");
  await expect(page.getByText("Er zijn nog geen afspraken met deze organisatie.")).toBeVisible();
});
