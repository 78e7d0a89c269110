// Workgroups journey: a coordinator creates an open group; a member of
// another team joins, is stopped by the privacy guard (input kept, the
// override offered), posts; edits a handbook page, compares versions and
// restores the first; search finds the post by a Dutch word form. A closed
// group's content stays hidden from a non-member. Axe on every page.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, loginAs, logout } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

const GROUP = `Schuldhulp in de wijk ${Date.now().toString(36)}`;

async function openGroup(page: Page) {
  await page.goto("/werkgroepen");
  await page.getByRole("link", { name: GROUP }).click();
  await expect(page.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
}

test("create group → join → post (privacy guard) → handbook edit and restore → search finds it", async ({ page }) => {
  // 1. A coordinator creates an open group; she becomes its facilitator.
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Werkgroepen" }).click();
  await expect(page.getByRole("link", { name: "Preventie en vroegsignalering" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuwe werkgroep" }).click();
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByText("Geef een thema van 3 tot 120 tekens.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Thema (naam van de werkgroep)").fill(GROUP);
  await page.getByLabel("Beschrijving").fill("Samen vroeg signaleren wanneer huishoudens in de problemen raken.");
  await page.getByLabel("Open: elk teamlid kan lid worden").check();
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(page.getByRole("status")).toHaveText("De werkgroep is aangemaakt.");
  await expect(page.getByRole("region", { name: "Leden" })).toContainText("(Begeleider)");
  await expectAccessible(page);
  await logout(page);

  // 2. A member of another team reads the open group, joins and posts.
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await openGroup(page);
  await page.getByRole("button", { name: "Lid worden" }).click();
  await expect(page.getByRole("status")).toHaveText("Je bent lid van deze werkgroep.");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Titel" }).fill("Huurachterstand als eerste signaal");
  await page.getByRole("textbox", { name: "Bericht" }).fill("Een bewoonster (bel 06-12345678) had drie maanden achterstand.");
  await page.getByRole("button", { name: "Plaatsen" }).click();
  // Blocked: the guard's message with the masked number, the text kept, the override offered.
  await expect(page.getByText("een telefoonnummer: “06-1234****”")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Bericht" })).toHaveValue("Een bewoonster (bel 06-12345678) had drie maanden achterstand.");
  await expect(page.getByRole("textbox", { name: "Bericht" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Dit zijn geen persoonsgegevens van een inwoner")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Bericht" }).fill("Bij een **huurachterstand** van drie maanden zijn er vaak meer schulden. Wie herkent dit?");
  await page.getByRole("button", { name: "Plaatsen" }).click();
  await expect(page.getByRole("status")).toHaveText("Je bericht is geplaatst.");
  await expect(page.getByRole("heading", { level: 1, name: "Huurachterstand als eerste signaal" })).toBeVisible();
  await expect(page.locator("article strong")).toHaveText("huurachterstand");
  await expectAccessible(page);

  // 3. Handbook: a page, a second version, compare, restore the first (a new version 3).
  await page.getByRole("link", { name: `Terug naar ${GROUP}` }).click();
  await page.getByRole("link", { name: "Nieuwe pagina" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe handboekpagina" })).toBeVisible();
  await page.getByRole("textbox", { name: "Titel" }).fill("Aanpak huurachterstand");
  await page.getByRole("textbox", { name: "Tekst" }).fill("Bel binnen vijf werkdagen met de corporatie.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Opgeslagen als versie 1.");
  await page.getByRole("link", { name: "Bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aanpak huurachterstand bewerken" })).toBeVisible();
  await page.getByRole("textbox", { name: "Tekst" }).fill("Bel binnen twee werkdagen met de corporatie en de energieleverancier.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Opgeslagen als versie 2.");
  await expectAccessible(page);
  await page.getByLabel("Van versie").selectOption({ label: "Versie 1" });
  await page.getByLabel("Naar versie").selectOption({ label: "Versie 2" });
  await page.getByRole("button", { name: "Vergelijken" }).click();
  const diff = page.getByRole("region", { name: "Verschil tussen versie 1 en versie 2" });
  await expect(diff.locator("del")).toContainText(["vijf"]);
  await expect(diff.locator("ins")).toContainText(["twee"]);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Versie 1 terugzetten" }).click();
  await expect(page.getByRole("status")).toHaveText("De oude versie is teruggezet als versie 3.");
  await expect(page.locator(".markdown")).toHaveText("Bel binnen vijf werkdagen met de corporatie.");
  await expect(page.getByRole("row", { name: /Versie 3/ })).toContainText("teruggezet van versie 1");
  await expectAccessible(page);

  // 4. Search: "schuld" finds the post that says "schulden", highlighted.
  await page.goto("/werkgroepen");
  await page.getByLabel("Zoeken in werkgroepen en handboek").fill("schuld");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page).toHaveURL(/\/werkgroepen\/zoeken\?q=schuld/);
  const hit = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Huurachterstand als eerste signaal" }) });
  await expect(hit.locator("mark").first()).toHaveText(/schulden/i);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Huurachterstand als eerste signaal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Huurachterstand als eerste signaal" })).toBeVisible();

  // 5. A closed group (demo data) where this member is not in: name visible, content not.
  await page.goto("/werkgroepen/participatie-en-werk");
  await expect(page.getByText("Dit is een besloten werkgroep. Alleen leden zien de berichten en het handboek.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Lidmaatschap aanvragen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Berichten" })).toHaveCount(0);
  await expectAccessible(page);
});
