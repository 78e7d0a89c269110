// The functional admin's audit log: the admin's own login is in it, the
// filters work and keep their values, the CSV downloads with Dutch headers,
// the page is accessible; for a team member the page does not exist.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, expectAccessible, loginAs, loginAsAdmin } from "./fixtures";

test("the admin sees their own login, filters by action and downloads the CSV", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Auditlog" })).toBeVisible();
  await expect(page.getByText("pnpm audit:verify")).toBeVisible();
  const table = page.getByRole("table", { name: "Gebeurtenissen in het auditlog" });
  await expect(table.getByRole("row").filter({ hasText: "Ingelogd" }).filter({ hasText: ADMIN_EMAIL }).first()).toBeVisible();
  await expectAccessible(page);

  // Filter on one action: only logins remain, and the form keeps the choice.
  await page.getByLabel("Actie").selectOption("auth.login");
  await page.getByLabel("Wie").fill("admin@wijkwerk");
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/actie=auth\.login/);
  await expect(page.getByLabel("Actie")).toHaveValue("auth.login");
  await expect(page.getByLabel("Wie")).toHaveValue("admin@wijkwerk");
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.filter({ hasNotText: "Ingelogd" })).toHaveCount(0);
  await expect(rows.filter({ hasNotText: ADMIN_EMAIL })).toHaveCount(0);
  await expectAccessible(page);

  // The CSV keeps the filters: a header row, semicolons, only the admin's logins.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^auditlog-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toBe("Volgnummer;Tijdstip;Actor;E-mail actor;Actie;Object;Object-id;Team;Resultaat;IP-adres;Gegevens");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    expect(line).toContain(`;${ADMIN_EMAIL};auth.login;`);
    expect(line).toMatch(/^\d+;\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2};/);
  }

  // "Filters wissen" goes back to the whole log.
  await page.getByRole("link", { name: "Filters wissen" }).click();
  await expect(page).toHaveURL(/\/beheer\/audit$/);
  await expect(page.getByLabel("Actie")).toHaveValue("");
});

test("invalid filters get Dutch messages next to the fields", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/audit?van=2026-02-30&tot=2026-01-01&actie=onzin");
  await expect(page.getByText("De filters bevatten fouten.")).toBeVisible();
  await expect(page.getByLabel("Vanaf datum")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Vul een geldige datum in.", { exact: true })).toBeVisible();
  await expect(page.getByText("Kies een actie uit de lijst.")).toBeVisible();
  await expectAccessible(page);
});

test("a team member gets a 404 for the audit log", async ({ page }) => {
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  const response = await page.goto("/beheer/audit");
  expect(response?.status()).toBe(404);
  const csv = await page.request.get("/beheer/audit/csv");
  expect(csv?.status()).toBe(404);
});
