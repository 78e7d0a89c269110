// The partner manager's view: Trajekt's manager sees Trajekt's staff per team
// (demo seed: db/src/seed/demo-data.ts), nobody else's; other partners' pages
// and the page for team members are a 404; the staff list downloads as CSV.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, loginAs } from "./fixtures";

const MANAGER = "manager.trajekt@wijkwerk.demo";

test("Trajekt's manager sees Trajekt's staff per team and nobody else's", async ({ page }) => {
  await loginAs(page, MANAGER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/partner/trajekt");
  await expect(page.getByRole("heading", { level: 1, name: "Trajekt" })).toBeVisible();

  const teams = page.getByRole("table", { name: "Inzet per team" });
  // Anouk Jansen (coordinator, 32 h), Bram Ramakers (24 h), Dirk Smeets (28 h), Esther Bours (8 h).
  await expect(teams.getByRole("row", { name: /^Limmel-Nazareth/ })).toHaveText(/Limmel-Nazareth\s*1\s*3\s*0\s*92 uur/);
  await expect(teams.getByRole("row", { name: /^Totaal/ })).toHaveText(/Totaal\s*2\s*8\s*0\s*204 uur/);

  const staff = page.getByRole("table", { name: "Medewerkers in de teams" });
  await expect(staff.getByRole("row")).toHaveCount(11); // header + ten Trajekt placements
  await expect(staff.getByRole("row", { name: /^Anouk Jansen/ })).toContainText("Coördinator");
  await expect(staff.getByRole("row", { name: /^Zoë Schepers/ })).toContainText("Malberg-Malpertuis");
  // MEE's people in the same teams, and the volunteer without partner, stay invisible.
  for (const other of ["Frank Bours", "Sanne Ramakers", "Joep Coenen", "Jo Heijnen", "Guido Stassen"]) {
    await expect(page.getByText(other)).toHaveCount(0);
  }
  await expectAccessible(page);
});

test("another partner's page is a 404 for Trajekt's manager", async ({ page }) => {
  await loginAs(page, MANAGER);
  for (const path of ["/partner/mee", "/partner/bestaat-niet", "/gemeente", "/t/mariaberg"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  }
});

test("the partner page is a 404 for a team member", async ({ page }) => {
  await loginAs(page, "member.limmel-nazareth@wijkwerk.demo"); // a Trajekt employee, not its manager
  await expect(page).toHaveURL(/\/taken$/);
  const response = await page.goto("/partner/trajekt");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
});

test("the staff list downloads as a semicolon-separated CSV", async ({ page }) => {
  await loginAs(page, MANAGER);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/partner/trajekt");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download medewerkerslijst (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("partner-trajekt.csv");
  const lines = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe("Naam;Discipline;Team;Rol;Uren per week");
  expect(lines).toContain("Anouk Jansen;Maatschappelijk werk;Limmel-Nazareth;Coördinator;32,0");
  expect(lines.filter(Boolean)).toHaveLength(11);
  expect(lines.join("\n")).not.toContain("Frank Bours");
});

test("the dashboard leads with the hours per team (demo hours registered), then the staff proposal form", async ({ page }) => {
  await loginAs(page, MANAGER);
  await expect(page).toHaveURL(/\/taken$/);
  await page.goto("/partner/trajekt");
  const year = new Date().getFullYear();
  const headings = await page.locator("main h2").allInnerTexts();
  const at = (text: string) => headings.findIndex((h) => h.startsWith(text));
  expect(at(`Afgesproken en geregistreerde uren in ${year}`)).toBe(0);
  expect(at("Medewerker voordragen voor een team")).toBeGreaterThan(0);
  expect(at(`Per maand in ${year}`)).toBeGreaterThan(at("Medewerker voordragen voor een team"));

  const perTeam = page.getByRole("table", { name: `Per team in ${year}` });
  await expect(perTeam.getByRole("columnheader")).toHaveText([
    "Team",
    "Afgesproken",
    "Geregistreerd",
    "Geleverd",
    "Geplaatst",
    "Contract per week",
    "Afgesproken per week",
    "Persoonsweken zonder uren",
    "Werkbudgetaanvragen",
    "Werkgroepen",
  ]);
  // The demo's Trajekt staff in Mariaberg registered most weeks of this year (packages/core/src/demo/demo-hours.ts) …
  const mariaberg = perTeam.getByRole("row", { name: /^Mariaberg/ });
  await expect(mariaberg.getByRole("cell").nth(1)).not.toHaveText("0 uur");
  await expect(mariaberg.getByRole("cell").nth(2)).toHaveText(/^\d+%$/);
  // … Limmel-Nazareth did not: its open weeks are a point of attention, counted in person-weeks.
  await expect(page.getByRole("region", { name: "Aandachtspunten" })).toContainText(/Limmel-Nazareth: \d+ persoonsweken zonder uren\./);
  await expect(page.getByText(/^Alle teams samen: .* afgesproken, .* geregistreerd \(\d+% geleverd\)\.$/)).toBeVisible();
  await expectAccessible(page);
});
