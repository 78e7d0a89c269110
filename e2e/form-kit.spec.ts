// The form kit (components/form.tsx, useFormKit): a field the browser refused
// can be corrected and the form sent with one click. Before, the corrected
// field was checked again only when it was left — on the mousedown of the
// submit button — so its error vanished, the button moved up under the
// pointer and the click landed beside it: nothing was sent.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { errorSummary, expectAccessible, fieldError, loginAs, loginAsAdmin } from "./fixtures";

test("an existing conform form (forgot password): invalid e-mail, corrected, sent with one click", async ({ page }) => {
  await page.goto("/wachtwoord-vergeten");
  await page.waitForLoadState("networkidle");
  const email = page.getByLabel("E-mailadres");
  await email.fill("geen-adres");
  await email.press("Tab");
  await expect(page.getByText("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // The error goes as soon as the address is right, so the button stays where it is.
  await email.fill("iemand@wijkwerk.demo");
  await expect(page.getByText("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")).toHaveCount(0);
  await page.getByRole("button", { name: "Link versturen" }).click();
  await expect(page).toHaveURL(/verstuurd=1/);
  await expect(page.getByRole("status")).toBeVisible();
});

test("a workgroup form (new workgroup): a theme too short, corrected, sent with one click; the server's error keeps what was typed", async ({ page }) => {
  const name = `Formulieren ${Date.now().toString(36)}`;
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.goto("/werkgroepen/nieuw");
  await page.waitForLoadState("networkidle");
  const theme = page.getByLabel("Thema (naam van de werkgroep)");
  // Checked in the browser when the field is left: the field's own Dutch message.
  await theme.fill("ab");
  await theme.press("Tab");
  await expect(fieldError(page, "Geef een thema van 3 tot 120 tekens.")).toBeVisible();
  // A field's own check when it is left shows no summary and does not move focus.
  await expect(errorSummary(page)).toHaveCount(0);
  await expect(theme).toHaveAttribute("aria-invalid", "true");
  await expect(theme).toHaveAttribute("aria-describedby", `${await theme.getAttribute("id")}-error`);
  await expect(fieldError(page, "Geef een thema van 3 tot 120 tekens.")).toHaveAttribute("id", `${await theme.getAttribute("id")}-error`);
  await expectAccessible(page);
  await theme.fill(name);
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is aangemaakt.");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Refused by the server (the privacy guard): the message on the field, the text kept, the override offered; then sent.
  await page.goto("/werkgroepen/nieuw");
  await page.waitForLoadState("networkidle");
  await theme.fill(`${name} twee`);
  await page.getByLabel("Beschrijving").fill("Bel mevrouw op 06-12345678.");
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByText("Het formulier bevat fouten. Controleer de gemarkeerde velden.")).toBeVisible();
  await expect(page.getByLabel("Beschrijving")).toHaveAttribute("aria-invalid", "true");
  await expect(theme).toHaveValue(`${name} twee`);
  await page.getByLabel("Beschrijving").fill("Samen vroeg signaleren.");
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is aangemaakt.");
});

// The error summary (GOV.UK pattern) on every kit form: after a submit with two errors it
// takes focus, lists both, and each link moves focus to its field. One form per role kind:
// a team's coordinator (checked in the browser), the functional admin and a partner's
// manager (checked on the server).
async function expectSummaryWithLinks(page: Page, form: Locator, errors: { message: string; label: string }[]) {
  const summary = errorSummary(form);
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Het formulier bevat fouten. Controleer de gemarkeerde velden.");
  await expect(summary.getByRole("link")).toHaveCount(errors.length);
  await expectAccessible(page);
  for (const { message, label } of errors) {
    await expect(fieldError(form, message)).toBeVisible();
    await summary.getByRole("link", { name: message }).click();
    await expect(form.getByLabel(label, { exact: true })).toBeFocused();
  }
  // Leaving a field that is still wrong keeps the summary (until the fields are right or the form is sent again).
  await expect(summary.getByRole("link")).toHaveCount(errors.length);
}

test("error summary: a coordinator's team contact form (browser check)", async ({ page }) => {
  await loginAs(page, "coordinator.mariaberg@wijkwerk.demo");
  await page.goto("/t/mariaberg/contact");
  await page.waitForLoadState("networkidle");
  const form = page.locator("form").filter({ has: page.getByLabel("Telefoon") });
  await form.getByLabel("Telefoon").fill("bel mij maar");
  await form.getByLabel("E-mailadres van het team").fill("geen-adres");
  // Leave the field first: its error then shows before the click, so the button does not move under the pointer.
  await form.getByLabel("E-mailadres van het team").press("Tab");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expectSummaryWithLinks(page, form, [
    { message: "Vul een telefoonnummer in met alleen cijfers, spaties, +, - of haakjes.", label: "Telefoon" },
    { message: "Vul een geldig e-mailadres in, bijvoorbeeld team@voorbeeld.nl.", label: "E-mailadres van het team" },
  ]);
  // Nothing was sent: what was typed stays.
  await expect(form.getByLabel("Telefoon")).toHaveValue("bel mij maar");
});

test("error summary: the admin's new buurt form (server check)", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/beheer/buurten");
  const form = page.getByRole("region", { name: "Nieuwe buurt" }).locator("form");
  await form.getByLabel("Naam", { exact: true }).fill("x");
  await form.getByLabel("Inwoners").fill("-3");
  await form.getByLabel("Team").selectOption({ index: 1 });
  await form.getByLabel("Ingangsdatum").fill("2030-01-01");
  await form.getByRole("button", { name: "Buurt toevoegen" }).click();
  await expectSummaryWithLinks(page, form, [
    { message: "Vul de naam van de buurt in (minstens 2 tekens).", label: "Naam" },
    { message: "Vul een heel getal in, of laat het leeg.", label: "Inwoners" },
  ]);
  await expect(form.getByLabel("Naam", { exact: true })).toHaveValue("x");
});

test("error summary: a partner manager's staff proposal (server check)", async ({ page }) => {
  await loginAs(page, "manager.trajekt@wijkwerk.demo");
  await page.goto("/partner/trajekt");
  const form = page.getByRole("region", { name: "Medewerker voordragen voor een team" });
  await form.getByLabel("E-mailadres van de medewerker").fill("geen-adres");
  await form.getByRole("button", { name: "Voordragen" }).click();
  await expectSummaryWithLinks(page, form, [
    { message: "Kies een team.", label: "Team" },
    { message: "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.", label: "E-mailadres van de medewerker" },
  ]);
});

// Without JavaScript the summary's links are plain in-page links: each must name the id of its
// field's own control (the kit's fields carry conform's id, the one the summary links to).
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("error summary: each link's target is its field (new workgroup, server check)", async ({ page }) => {
    await loginAs(page, "coordinator.centrum@wijkwerk.demo");
    await page.goto("/werkgroepen/nieuw");
    const form = page.locator("form").filter({ has: page.getByLabel("Beschrijving") });
    await form.getByLabel("Thema (naam van de werkgroep)").fill("ab");
    await form.getByLabel("Beschrijving").fill("x".repeat(4001));
    await form.getByRole("button", { name: "Werkgroep aanmaken" }).click();
    // The page shows the summary above the form.
    const summary = errorSummary(page);
    await expect(summary.getByRole("link")).toHaveCount(2);
    for (const [message, label] of [
      ["Geef een thema van 3 tot 120 tekens.", "Thema (naam van de werkgroep)"],
      ["Gebruik hoogstens 4000 tekens.", "Beschrijving"],
    ]) {
      const link = summary.getByRole("link", { name: message });
      const target = decodeURIComponent(((await link.getAttribute("href")) ?? "").replace(/^#/, ""));
      expect(target).not.toBe("");
      await expect(page.locator(`[id="${target}"]`)).toHaveCount(1);
      await expect(form.getByLabel(label, { exact: true })).toHaveAttribute("id", target);
      await link.click();
      await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe(`#${target}`);
      await expect(form.getByLabel(label, { exact: true })).toBeInViewport();
    }
  });
});
