// The functional admin's pages for teams, partner organisations and security
// settings: create and edit, Dutch field errors that keep the typed values,
// a saved idle timeout, and axe on every page and state.
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAsAdmin } from "./fixtures";

test("admin creates a partner organisation and changes its kind", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/partners");
  await expect(page.getByRole("heading", { level: 1, name: "Partnerorganisaties" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Trajekt/ })).toContainText("Subsidie");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nieuwe partnerorganisatie" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwe partnerorganisatie");
  await expectAccessible(page);
  await page.getByLabel("Naam", { exact: true }).fill("Stichting Buurtkracht");
  await page.getByLabel(/^Korte naam/).fill("buurtkracht");
  await page.getByLabel(/^Soort organisatie/).fill("Vrijwilligerswerk");
  await page.getByLabel("Financiering").selectOption({ label: "Dienstverleningsovereenkomst" });
  await page.getByRole("button", { name: "Partnerorganisatie aanmaken" }).click();

  await expect(page).toHaveURL(/\/beheer\/partners\?aangemaakt=/);
  await expect(page.getByRole("status")).toHaveText("Stichting Buurtkracht is aangemaakt.");
  const row = page.getByRole("row", { name: /^Stichting Buurtkracht/ });
  await expect(row).toContainText("Vrijwilligerswerk");
  await expect(row).toContainText("Dienstverleningsovereenkomst");

  await page.getByRole("link", { name: "Stichting Buurtkracht" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stichting Buurtkracht bewerken");
  await expectAccessible(page);
  // A name that another organisation already has is refused next to the field.
  await page.getByLabel("Naam", { exact: true }).fill("trajekt");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(fieldError(page, "Deze naam is al in gebruik.")).toBeVisible();
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("trajekt");
  await expectAccessible(page);

  await page.getByLabel("Naam", { exact: true }).fill("Stichting Buurtkracht");
  await page.getByLabel(/^Soort organisatie/).fill("Vrijwilligerswerk en mantelzorg");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De wijzigingen zijn opgeslagen.");
  await expect(page.getByLabel(/^Soort organisatie/)).toHaveValue("Vrijwilligerswerk en mantelzorg");

  await page.getByRole("link", { name: "Terug naar partnerorganisaties" }).click();
  await expect(page.getByRole("row", { name: /^Stichting Buurtkracht/ })).toContainText("Vrijwilligerswerk en mantelzorg");
});

test("admin creates a team; an invalid slug gets a Dutch field error and the typed values stay", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/teams");
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Daalhof/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nieuw team" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuw team");
  await expectAccessible(page);
  await page.getByLabel("Naam", { exact: true }).fill("Proeftuin Heugem");
  await page.getByLabel(/^Korte naam/).fill("Proeftuin Heugem!");
  await page.getByLabel(/^Omschrijving/).fill("Tijdelijk team voor de wijk Heugem.");
  await page.getByLabel("Actief vanaf").fill("2017-03-01");
  await page.getByRole("button", { name: "Team aanmaken" }).click();

  const slug = page.getByLabel(/^Korte naam/);
  await expect(fieldError(page, "Gebruik alleen kleine letters (a-z), cijfers en streepjes, zonder streepje aan het begin of eind.")).toBeVisible();
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(slug).toHaveValue("Proeftuin Heugem!");
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Proeftuin Heugem");
  await expect(page.getByLabel(/^Omschrijving/)).toHaveValue("Tijdelijk team voor de wijk Heugem.");
  await expect(page.getByLabel("Actief vanaf")).toHaveValue("2017-03-01");
  await expectAccessible(page);

  // A slug another team already has.
  await slug.fill("daalhof");
  await page.getByRole("button", { name: "Team aanmaken" }).click();
  await expect(fieldError(page, "Deze korte naam is al in gebruik.")).toBeVisible();
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Proeftuin Heugem");

  await slug.fill("proeftuin-heugem");
  await page.getByRole("button", { name: "Team aanmaken" }).click();
  await expect(page).toHaveURL(/\/beheer\/teams\?aangemaakt=/);
  await expect(page.getByRole("status")).toHaveText("Team Proeftuin Heugem is aangemaakt.");
  const row = page.getByRole("row", { name: /^Proeftuin Heugem/ });
  await expect(row).toContainText("proeftuin-heugem");
  await expect(row).toContainText("vanaf 01-03-2017");

  // Editing: an end date before the start date is refused in Dutch.
  await page.getByRole("link", { name: "Proeftuin Heugem" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team Proeftuin Heugem bewerken");
  await expectAccessible(page);
  await page.getByLabel(/^Actief tot en met/).fill("2016-12-31");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(fieldError(page, "De einddatum mag niet vóór de begindatum liggen.")).toBeVisible();
  await expect(page.getByLabel(/^Actief tot en met/)).toHaveValue("2016-12-31");
  await page.getByLabel(/^Actief tot en met/).fill("2017-12-31");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De wijzigingen zijn opgeslagen.");
  await page.getByRole("link", { name: "Terug naar teams" }).click();
  await expect(page.getByRole("row", { name: /^Proeftuin Heugem/ })).toContainText("01-03-2017 t/m 31-12-2017");
  await expect(page.getByRole("row", { name: /^Proeftuin Heugem/ })).toContainText("Opgeheven");

  // Unknown or malformed ids are a 404.
  for (const path of [
    "/beheer/teams/00000000-0000-4000-8000-000000000000",
    "/beheer/teams/bestaat-niet",
    "/beheer/partners/00000000-0000-4000-8000-000000000000",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test("admin changes the idle timeout and sees it saved; the page warns without MFA for admins", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/instellingen");
  await expect(page.getByRole("heading", { level: 1, name: "Instellingen" })).toBeVisible();
  await expectAccessible(page);

  const roles = page.getByRole("group", { name: "Tweestapsverificatie verplicht voor" });
  const adminBox = roles.getByRole("checkbox", { name: "Functioneel beheerder" });
  await expect(adminBox).toBeChecked();
  await expect(roles.getByRole("checkbox")).toHaveCount(7);
  const warning = page.getByText(/tweestapsverificatie is niet verplicht voor functioneel beheerders/);
  await expect(warning).toHaveCount(0);
  // Unticking admin shows the warning at once (nothing saved).
  await adminBox.uncheck();
  await expect(warning).toBeVisible();
  await expectAccessible(page);
  // Also when no role at all is ticked.
  for (const box of await roles.getByRole("checkbox", { checked: true }).all()) await box.uncheck();
  await expect(warning).toBeVisible();
  await page.reload();
  await expect(adminBox).toBeChecked();
  await expect(warning).toHaveCount(0);

  const timeout = page.getByLabel(/^Automatisch uitloggen/);
  await timeout.fill("3");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(fieldError(page, "Vul een heel aantal minuten in tussen 5 en 480.")).toBeVisible();
  await expect(timeout).toHaveValue("3");
  await expectAccessible(page);

  await timeout.fill("90");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen zijn opgeslagen.");
  await page.reload();
  await expect(page.getByLabel(/^Automatisch uitloggen/)).toHaveValue("90");
  await expect(page.getByRole("group", { name: "Tweestapsverificatie verplicht voor" }).getByRole("checkbox", { name: "Functioneel beheerder" })).toBeChecked();

  // Back to the demo default for the specs that follow.
  await page.getByLabel(/^Automatisch uitloggen/).fill("60");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen zijn opgeslagen.");
});
