// Attachments on a spend request: the member of Centrum adds a quote to
// their submitted request (a fake PDF and a too-large file get Dutch field
// errors and keep the chosen kind), sees it listed, downloads it with safe
// headers, adds and removes a second file after confirming; a member of
// another team gets 404 on the download address; the budget controller sees
// and downloads the file but cannot add one. Axe on every page visited.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout, passSecondStep, setUpTotp } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

const CONTROLLER = "controller@wijkwerk.demo";
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const QUOTE_NAME = `Offerte Arriva ${Date.now()}.pdf`;

async function loginAsController(page: Page) {
  await loginAs(page, CONTROLLER);
  if (new URL(page.url()).pathname.startsWith("/inloggen/tweede-stap")) await passSecondStep(page, CONTROLLER);
  else if (new URL(page.url()).pathname.startsWith("/account/mfa")) await setUpTotp(page, CONTROLLER);
}

const attachments = (page: Page) => page.getByRole("region", { name: "Bijlagen" });
const kind = (page: Page) => page.getByLabel("Soort bijlage");
const fileInput = (page: Page) => page.getByLabel("Bestand", { exact: true });

test("a member attaches a quote, the controller sees it, another team gets 404", async ({ page }) => {
  // 1. Centrum's member opens their submitted demo request: no files yet.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.goto("/t/centrum/werkbudget");
  await page.getByRole("row").filter({ hasText: "Busabonnement" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/t\/centrum\/werkbudget\/[0-9a-f-]{36}$/);
  const spendPath = new URL(page.url()).pathname;
  const spendId = spendPath.split("/").pop()!;
  await expect(attachments(page)).toContainText("Er zijn nog geen bijlagen.");
  await expectAccessible(page);

  // 2. A text file named .pdf: refused by its bytes, the chosen kind stays.
  await kind(page).selectOption({ label: "Offerte" });
  await fileInput(page).setInputFiles({ name: "offerte.pdf", mimeType: "application/pdf", buffer: Buffer.from("Dit is geen PDF.") });
  await page.getByRole("button", { name: "Bijlage toevoegen" }).click();
  await expect(fieldError(attachments(page), "Dit bestandstype kan niet: voeg een PDF, JPG of PNG toe.")).toBeVisible();
  await expect(fileInput(page)).toHaveAttribute("aria-invalid", "true");
  await expect(kind(page)).toHaveValue("quote");
  await expectAccessible(page);

  // 3. One byte over 5 MB: a clear Dutch error, the kind stays.
  await kind(page).selectOption({ label: "Bon of factuur" });
  await fileInput(page).setInputFiles({
    name: "scan.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.byteLength)]),
  });
  await page.getByRole("button", { name: "Bijlage toevoegen" }).click();
  await expect(fieldError(attachments(page), "Het bestand is te groot: een bijlage mag hoogstens 5 MB zijn.")).toBeVisible();
  await expect(kind(page)).toHaveValue("receipt");
  await expectAccessible(page);

  // 4. A real (small) PDF: listed with kind, size and who added it; on the timeline.
  await kind(page).selectOption({ label: "Offerte" });
  await fileInput(page).setInputFiles({ name: QUOTE_NAME, mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Bijlage toevoegen" }).click();
  await expect(page).toHaveURL(new RegExp(`${spendPath}\\?gedaan=bijlage-toegevoegd$`));
  await expect(page.getByRole("status")).toContainText("De bijlage is toegevoegd.");
  const author = (await page
    .getByRole("region", { name: "Gegevens van de aanvraag" })
    .locator("dt", { hasText: "Aangevraagd door" })
    .locator("+ dd")
    .textContent())!.trim();
  const row = attachments(page).getByRole("row").filter({ hasText: QUOTE_NAME });
  await expect(row).toContainText("Offerte");
  await expect(row).toContainText(`${PDF.byteLength} bytes`);
  await expect(row).toContainText(new RegExp(`${author}, \\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}`));
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Bijlage toegevoegd");
  await expectAccessible(page);

  // 5. Download: the same bytes, as an attachment with the safe headers.
  const link = row.getByRole("link", { name: `${QUOTE_NAME} downloaden` });
  const downloadPath = (await link.getAttribute("href"))!;
  expect(downloadPath).toMatch(new RegExp(`^${spendPath}/bijlagen/[0-9a-f-]{36}$`));
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(QUOTE_NAME);
  expect((await readFile((await download.path())!)).equals(PDF)).toBe(true);
  const direct = await page.request.get(downloadPath);
  expect(direct.status()).toBe(200);
  expect(direct.headers()).toMatchObject({
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${QUOTE_NAME}"; filename*=UTF-8''${encodeURIComponent(QUOTE_NAME)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox",
    "cache-control": "private, no-store",
  });

  // 6. A second file, removed again after the question.
  await kind(page).selectOption({ label: "Anders" });
  await fileInput(page).setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Bijlage toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("De bijlage is toegevoegd.");
  await attachments(page).getByRole("button", { name: "foto.png verwijderen" }).click();
  await expect(page.getByText("Weet je zeker dat je foto.png wilt verwijderen?")).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("De bijlage is verwijderd.");
  await expect(attachments(page).getByRole("row").filter({ hasText: "foto.png" })).toHaveCount(0);
  await expect(attachments(page).getByRole("row").filter({ hasText: QUOTE_NAME })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Tijdlijn" })).toContainText("Bijlage verwijderd");
  await expectAccessible(page);
  await logout(page);

  // 7. A member of another team: 404 on the download address, under either team.
  await loginAs(page, "member.mariaberg@wijkwerk.demo");
  expect((await page.request.get(downloadPath)).status()).toBe(404);
  const viaOwnTeam = await page.goto(downloadPath.replace("/t/centrum/", "/t/mariaberg/"));
  expect(viaOwnTeam?.status()).toBe(404);
  expect((await page.request.get(`/gemeente/werkbudget/aanvragen/${spendId}/bijlagen/${downloadPath.split("/").pop()}`)).status()).toBe(404);
  await page.goto("/t/mariaberg");
  await logout(page);

  // 8. The budget controller sees the file on the request and downloads it; there is no upload form.
  await loginAsController(page);
  await page.goto(`/gemeente/werkbudget/aanvragen/${spendId}`);
  const controllerRow = attachments(page).getByRole("row").filter({ hasText: QUOTE_NAME });
  await expect(controllerRow).toContainText("Offerte");
  await expect(attachments(page).getByRole("button", { name: "Bijlage toevoegen" })).toHaveCount(0);
  await expect(attachments(page).getByRole("button", { name: /verwijderen/ })).toHaveCount(0);
  await expectAccessible(page);
  const [controllerDownload] = await Promise.all([page.waitForEvent("download"), controllerRow.getByRole("link").click()]);
  expect(controllerDownload.suggestedFilename()).toBe(QUOTE_NAME);
  expect((await readFile((await controllerDownload.path())!)).equals(PDF)).toBe(true);
});
