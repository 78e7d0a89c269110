// Workgroups journey: a coordinator creates an open group; a member of
// another team joins, is stopped by the privacy guard (input kept, the
// override offered), posts; plans a meeting with action items for herself
// and sees them on her home page; edits a handbook page, compares versions
// and restores the first; search finds the post by a Dutch word form. A
// closed group's content stays hidden from a non-member. A proposal that
// changes the handbook page gets responses (block needs a reason) and the
// facilitator closes it with an outcome: a decision on the meeting and the
// handbook page. Axe on every page.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

const GROUP = `Schuldhulp in de wijk ${Date.now().toString(36)}`;
const isoDay = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
const dutchDay = (days: number) => isoDay(days).split("-").reverse().join("-");

async function openGroup(page: Page) {
  await page.goto("/werkgroepen");
  await page.getByRole("link", { name: GROUP }).click();
  await expect(page.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
}

test("create group → join → post (privacy guard) → meeting with action items on the home page → handbook edit and restore → search finds it → proposal closed into a decision", async ({
  page,
}) => {
  // 1. A coordinator creates an open group; she becomes its facilitator.
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Werkgroepen" }).click();
  await expect(page.getByRole("link", { name: "Preventie en vroegsignalering" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuwe werkgroep" }).click();
  await page.getByRole("button", { name: "Werkgroep aanmaken" }).click();
  await expect(fieldError(page, "Geef een thema van 3 tot 120 tekens.")).toBeVisible();
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
  await expect(fieldError(page, "een telefoonnummer: “06-1234****”")).toBeVisible();
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

  // 2b. A meeting with agenda, and action items for herself: they show on her home page (one overdue).
  await page.getByRole("link", { name: `Terug naar ${GROUP}` }).click();
  const me = (await page.getByRole("region", { name: "Leden" }).getByRole("listitem").filter({ hasNotText: "(Begeleider)" }).first().innerText()).trim();
  await page.getByRole("link", { name: "Nieuw overleg" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw overleg" })).toBeVisible();
  await page.getByRole("button", { name: "Overleg opslaan" }).click();
  await expect(fieldError(page, "Kies een geldige datum.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Datum").fill(isoDay(1));
  await page.getByLabel("Begintijd (optioneel)").fill("14:00");
  await page.getByRole("textbox", { name: "Agenda" }).fill("1. Signalen van **schulden**\n2. Afspraken met de corporatie");
  await page.getByRole("button", { name: "Overleg opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Het overleg is aangemaakt.");
  await expect(page.getByRole("heading", { level: 1, name: `Overleg van ${dutchDay(1)} 14:00` })).toBeVisible();
  const meetingUrl = new URL(page.url()).pathname;
  await page.locator("summary", { hasText: "Actiepunt toevoegen" }).click();
  await page.getByRole("textbox", { name: "Actiepunt", exact: true }).fill("Belafspraak met de corporatie uitwerken");
  await page.getByLabel("Eigenaar").selectOption({ label: me });
  await page.getByLabel("Uiterlijk").fill(isoDay(5));
  await page.getByRole("button", { name: "Actiepunt toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het actiepunt is toegevoegd.");
  await page.locator("summary", { hasText: "Actiepunt toevoegen" }).click();
  await page.getByRole("textbox", { name: "Actiepunt", exact: true }).fill("Signalenlijst rondsturen");
  await page.getByLabel("Eigenaar").selectOption({ label: me });
  await page.getByLabel("Uiterlijk").fill(isoDay(-1));
  await page.getByRole("button", { name: "Actiepunt toevoegen" }).click();
  await expect(page.getByRole("row", { name: /Signalenlijst rondsturen/ })).toContainText("Te laat");
  await expectAccessible(page);
  await page.goto("/");
  const mine = page.getByRole("region", { name: "Mijn actiepunten uit werkgroepen" });
  await expect(mine.getByRole("listitem").filter({ hasText: "Belafspraak met de corporatie uitwerken" })).toContainText(`${GROUP} · Uiterlijk ${dutchDay(5)}`);
  await expect(mine.getByRole("listitem").filter({ hasText: "Signalenlijst rondsturen" })).toContainText("Te laat");
  await expectAccessible(page);
  // Done: it leaves the home page.
  await mine.getByRole("link", { name: "Signalenlijst rondsturen" }).click();
  await page.getByRole("button", { name: "Markeer ‘Signalenlijst rondsturen’ als gedaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Het actiepunt is bijgewerkt.");
  await expect(page.getByRole("row", { name: /Signalenlijst rondsturen/ })).toContainText("Gedaan");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Mijn actiepunten uit werkgroepen" })).not.toContainText("Signalenlijst rondsturen");
  await openGroup(page);
  await page.getByRole("link", { name: "Huurachterstand als eerste signaal" }).click();

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

  // 6. A proposal that changes the handbook page, tied to the meeting: a block needs a reason; the response can change.
  await openGroup(page);
  await page.getByRole("link", { name: "Nieuw voorstel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw voorstel" })).toBeVisible();
  await page.getByRole("textbox", { name: "Titel" }).fill("Binnen twee werkdagen bellen");
  await page.getByRole("textbox", { name: "Voorstel" }).fill("Bij een melding van de corporatie bellen we **binnen twee werkdagen**.");
  await page.getByLabel("Sluitingsdatum").fill(isoDay(3));
  await page.getByLabel("Hoort bij overleg (optioneel)").selectOption({ label: `${dutchDay(1)} 14:00` });
  await page.getByLabel("Verandert handboekpagina (optioneel)").selectOption({ label: "Aanpak huurachterstand" });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Voorstel indienen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het voorstel is ingediend.");
  const proposalUrl = new URL(page.url()).pathname;
  await page.getByRole("radio", { name: /^Blokkeren/ }).check();
  await page.getByRole("button", { name: "Reactie opslaan" }).click();
  await expect(fieldError(page, "Geef een reden (minstens 3 tekens) als je het oneens bent of blokkeert.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Blokkeren/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("radio", { name: /^Eens/ }).check();
  await page.getByRole("button", { name: "Reactie opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Je reactie is opgeslagen.");
  await expect(page.getByRole("region", { name: "Stand" })).toContainText("Eens: 1");
  await expect(page.getByRole("button", { name: "Voorstel sluiten" })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  // 7. The facilitator closes it with an outcome: a decision of the group, on the meeting and the handbook page.
  await loginAs(page, "coordinator.centrum@wijkwerk.demo");
  await page.goto(proposalUrl);
  await page.getByRole("radio", { name: /^Onthouding/ }).check();
  await page.getByRole("button", { name: "Reactie opslaan" }).click();
  await expect(page.getByRole("region", { name: "Stand" })).toContainText("Onthouding: 1");
  await page.getByRole("textbox", { name: "Uitkomst" }).fill("Aangenomen: we bellen binnen twee werkdagen na een melding.");
  await page.getByRole("button", { name: "Voorstel sluiten" }).click();
  await expect(page.getByRole("status")).toHaveText("Het voorstel is gesloten en de uitkomst is vastgelegd als besluit.");
  await expect(page.getByRole("region", { name: "Uitkomst (besluit)" })).toContainText("Aangenomen: we bellen binnen twee werkdagen na een melding.");
  await expect(page.getByRole("button", { name: "Reactie opslaan" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Handboekpagina ‘Aanpak huurachterstand’" }).click();
  const pageDecisions = page.getByRole("region", { name: "Besluiten" });
  await expect(pageDecisions).toContainText("Aangenomen: we bellen binnen twee werkdagen na een melding.");
  await expect(pageDecisions.getByRole("link", { name: "Uitkomst van voorstel ‘Binnen twee werkdagen bellen’" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(meetingUrl);
  await expect(page.getByRole("region", { name: "Besluiten" })).toContainText("Aangenomen: we bellen binnen twee werkdagen na een melding.");
  await expect(page.getByRole("region", { name: "Voorstellen bij dit overleg" })).toContainText("Binnen twee werkdagen bellen");
  await expectAccessible(page);
  await openGroup(page);
  await expect(page.getByRole("region", { name: "Besluiten" })).toContainText("Aangenomen: we bellen binnen twee werkdagen na een melding.");
  await expectAccessible(page);
});
