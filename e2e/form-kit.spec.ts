// The form kit (components/form.tsx, useFormKit): a field the browser refused
// can be corrected and the form sent with one click. Before, the corrected
// field was checked again only when it was left — on the mousedown of the
// submit button — so its error vanished, the button moved up under the
// pointer and the click landed beside it: nothing was sent.
import { expect, test } from "@playwright/test";
import { expectAccessible, loginAs } from "./fixtures";

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
  await expect(page.getByText("Geef een thema van 3 tot 120 tekens.")).toBeVisible();
  await expect(theme).toHaveAttribute("aria-invalid", "true");
  await expect(theme).toHaveAttribute("aria-describedby", "name-error");
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
