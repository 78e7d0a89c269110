// Workgroup membership and files: a coordinator creates a closed group, adds
// a member of another team by e-mail and edits the description (the privacy
// guard blocks an address); the member uploads a PDF to a new thread (a fake
// PDF gets a Dutch field error, the typed text stays) and downloads it with
// safe headers; a non-member gets 404 on the file; the member leaves the
// group after confirming. The digest choice on the account page. Axe on every page.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

const GROUP = `Wijkgericht werken ${Date.now().toString(36)}`;
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

test("facilitator adds a member and edits the group; the member shares a PDF, downloads it and leaves", async ({ page }) => {
  // 1. A coordinator creates a closed group (she is its facilitator) and adds a member of another team.
  await loginAs(page, "coordinator.daalhof@wijkwerk.demo");
  await page.goto("/werkgroepen/nieuw");
  await page.getByLabel("Thema (naam van de werkgroep)").fill(GROUP);
  await page.getByLabel("Beschrijving").fill("Afspraken over wijkgericht werken.");
  await page.getByLabel("Besloten: lidmaatschap op aanvraag, de begeleider beslist").check();
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is aangemaakt.");
  const groupUrl = new URL(page.url()).pathname;
  // The only facilitator cannot leave: the page says why instead of offering the button.
  await expect(page.getByText("Je bent de enige begeleider.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Werkgroep verlaten" })).toHaveCount(0);

  const add = page.getByRole("region", { name: "Iemand toevoegen aan de werkgroep" });
  await add.getByRole("textbox", { name: "E-mailadressen" }).fill("niemand@wijkwerk.demo");
  await add.getByRole("button", { name: "Toevoegen" }).click();
  await expect(fieldError(add, "Niet elk e-mailadres hoort bij een actieve gebruiker van deze gemeente.")).toBeVisible();
  await expect(add.getByRole("textbox", { name: "E-mailadressen" })).toHaveValue("niemand@wijkwerk.demo");
  await expectAccessible(page);
  await add.getByRole("textbox", { name: "E-mailadressen" }).fill("member.centrum@wijkwerk.demo");
  await add.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("1 persoon is toegevoegd.");
  const members = page.getByRole("region", { name: "Leden", exact: true });
  await expect(members).toContainText("(Lid)");
  await expectAccessible(page);

  // 2. She edits the description; an address is refused first, the text kept.
  await page.getByRole("link", { name: "Werkgroep bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${GROUP} bewerken` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Beschrijving" }).fill("Overleg over Hoogbrugstraat 12.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("textbox", { name: "Beschrijving" })).toHaveValue("Overleg over Hoogbrugstraat 12.");
  await expect(page.getByRole("textbox", { name: "Beschrijving" })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Beschrijving" }).fill("Afspraken over wijkgericht werken en de buurtnetwerken.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is gewijzigd.");
  await expect(page.getByText("Afspraken over wijkgericht werken en de buurtnetwerken.")).toBeVisible();
  await logout(page);

  // 3. The member starts a thread with a PDF; a fake PDF is refused first (text kept).
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.goto(groupUrl);
  await expect(page.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
  await page.getByRole("textbox", { name: "Titel" }).fill("Netwerkkaart buurtnetwerken");
  await page.getByRole("textbox", { name: "Bericht" }).fill("In de bijlage de netwerkkaart van ons team.");
  await page
    .getByLabel("Bijlagen (optioneel)")
    .setInputFiles({ name: "netwerkkaart.pdf", mimeType: "application/pdf", buffer: Buffer.from("Dit is geen PDF.") });
  await page.getByRole("button", { name: "Plaatsen" }).click();
  await expect(fieldError(page, "Dit bestandstype kan niet: voeg een PDF, JPG of PNG toe.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Bericht" })).toHaveValue("In de bijlage de netwerkkaart van ons team.");
  await expectAccessible(page);
  await page.getByLabel("Bijlagen (optioneel)").setInputFiles({ name: "netwerkkaart.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Plaatsen" }).click();
  await expect(page.getByRole("status")).toHaveText("Je bericht is geplaatst.");
  const link = page.getByRole("link", { name: "netwerkkaart.pdf downloaden" });
  await expect(link).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("netwerkkaart.pdf");
  expect((await readFile((await download.path())!)).equals(PDF)).toBe(true);
  const fileUrl = (await link.getAttribute("href"))!;
  expect(fileUrl).toMatch(new RegExp(`^${groupUrl}/bijlagen/[0-9a-f-]{36}$`));
  const direct = await page.request.get(fileUrl);
  expect(direct.status()).toBe(200);
  expect(direct.headers()).toMatchObject({
    "content-type": "application/pdf",
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox",
    "cache-control": "private, no-store",
  });
  expect(direct.headers()["content-disposition"]).toMatch(/^attachment;/);

  // 4. The digest choice on the account page.
  await page.goto("/account");
  await page.getByLabel("Wekelijks overzicht (maandagochtend)").check();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Je keuze voor e-mail over werkgroepen is opgeslagen.");
  await expect(page.getByLabel("Wekelijks overzicht (maandagochtend)")).toBeChecked();
  await expectAccessible(page);

  // 5. The member leaves the group after confirming; the closed group's content is hidden again.
  await page.goto(groupUrl);
  await page.getByRole("button", { name: "Werkgroep verlaten" }).click();
  await expect(page.getByText(`Weet je zeker dat je de werkgroep ${GROUP} wilt verlaten?`)).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, verlaten" }).click();
  await expect(page.getByRole("status")).toHaveText("Je hebt de werkgroep verlaten.");
  await expect(page.getByText("Dit is een besloten werkgroep. Alleen leden zien de berichten en het handboek.")).toBeVisible();
  await expectAccessible(page);
  expect((await page.request.get(fileUrl)).status()).toBe(404);
});
