// Success stories and knowledge questions: a member posts a story (the
// privacy guard blocks an IBAN first, the typed text stays; then rephrased),
// reacts to it, finds it on the wall; asks a question, a member of another
// team answers, the asker marks it most helpful; search finds the story.
// Axe on every page.
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs, logout } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

const SUFFIX = Date.now().toString(36);
const STORY_TITLE = `Samen naar de schuldhulp ${SUFFIX}`;
const QUESTION = `Wie heeft ervaring met budgetcoaches in de wijk ${SUFFIX}?`;

test("story (privacy guard, reaction, wall) → question, answer, most helpful → search", async ({ page }) => {
  // 1. A member of Centrum posts a story; the guard blocks an IBAN first.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Successen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Successen vieren" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Een scootmobiel lenen in plaats van kopen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuw succesverhaal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw succesverhaal" })).toBeVisible();
  await expectAccessible(page);
  const leaked = "Een gezin kwam met schulden bij ons. We maakten de huur over van NL91 ABNA 0417 1643 00 en regelden schuldhulpverlening.";
  await page.getByRole("textbox", { name: "Titel" }).fill(STORY_TITLE);
  await page.getByRole("textbox", { name: "Verhaal" }).fill(leaked);
  await page.getByLabel("Thema").selectOption({ label: "Armoede en schulden" });
  await page.getByRole("button", { name: "Plaatsen" }).click();
  await expect(fieldError(page, "een bankrekeningnummer (IBAN)")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Verhaal" })).toHaveValue(leaked);
  await expect(page.getByRole("textbox", { name: "Verhaal" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Titel" })).toHaveValue(STORY_TITLE);
  await expect(page.getByLabel("Thema")).toHaveValue("armoede_schulden");
  await expect(page.getByLabel("Dit zijn geen persoonsgegevens van een inwoner")).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole("textbox", { name: "Verhaal" })
    .fill("Een gezin kwam met schulden bij ons. Binnen een week zat het aan tafel bij de **schuldhulpverlening** en was er een betalingsregeling.");
  await page.getByRole("button", { name: "Plaatsen" }).click();
  await expect(page.getByRole("status")).toHaveText("Je succesverhaal staat op de muur.");
  await expect(page.getByRole("heading", { level: 1, name: STORY_TITLE })).toBeVisible();
  await expect(page.locator("article strong")).toHaveText("schuldhulpverlening");

  // 2. A reaction, toggled on (pressed, counted).
  const mooi = page.getByRole("button", { name: /^Mooi!/ });
  await expect(mooi).toHaveAttribute("aria-pressed", "false");
  await mooi.click();
  await expect(mooi).toHaveAttribute("aria-pressed", "true");
  await expect(mooi).toContainText("1");
  await expectAccessible(page);

  // The author edits the story (the form holds the saved values).
  await page.getByRole("link", { name: "Bewerken" }).click();
  await expect(page.getByRole("textbox", { name: "Titel" })).toHaveValue(STORY_TITLE);
  await expect(page.getByLabel("Thema")).toHaveValue("armoede_schulden");
  await expectAccessible(page);
  const body = page.getByRole("textbox", { name: "Verhaal" });
  await body.fill(`${await body.inputValue()} Het gezin houdt het nu zelf bij.`);
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De wijzigingen zijn opgeslagen.");
  await expect(page.getByText("Het gezin houdt het nu zelf bij.")).toBeVisible();

  // 3. The wall: newest first, filterable by theme.
  await page.getByRole("link", { name: "Terug naar alle successen" }).click();
  await expect(page.locator("article").first().getByRole("heading", { name: STORY_TITLE })).toBeVisible();
  await page.getByLabel("Thema").selectOption({ label: "Armoede en schulden" });
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page.getByRole("heading", { name: STORY_TITLE })).toBeVisible();
  await expect(page.getByRole("link", { name: "Een scootmobiel lenen in plaats van kopen" })).toHaveCount(0);
  // Reacting from the wall keeps the filter and shows the new state.
  const herkenbaar = page.getByRole("group", { name: `Reacties: ${STORY_TITLE}` }).getByRole("button", { name: /^Herkenbaar/ });
  await herkenbaar.click();
  await expect(herkenbaar).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Thema")).toHaveValue("armoede_schulden");
  await expectAccessible(page);

  // 4. A question to all teams.
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Kennisvragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kennisvragen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Vraag stellen" }).click();
  await page.getByRole("textbox", { name: "Vraag" }).fill(QUESTION);
  await page.getByRole("textbox", { name: "Toelichting" }).fill("We zoeken vrijwilligers die huishoudens helpen met hun post en betalingen.");
  await page.getByRole("button", { name: "Vraag plaatsen" }).click();
  await expect(page.getByRole("status")).toHaveText("Je vraag is geplaatst. Je krijgt een melding bij elk antwoord.");
  await expect(page.getByText("Nog geen antwoorden. Weet jij het?")).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // 5. A member of another team answers.
  await loginAs(page, "member.daalhof@wijkwerk.demo");
  await page.goto("/vragen?status=open");
  await page.getByRole("link", { name: QUESTION }).click();
  await page.getByRole("textbox", { name: "Je antwoord" }).fill("Bij ons doet Humanitas de thuisadministratie; vraag naar de coördinator in Daalhof.");
  await page.getByRole("button", { name: "Antwoord plaatsen" }).click();
  await expect(page.getByRole("status")).toHaveText("Je antwoord is geplaatst.");
  await expect(page.getByRole("button", { name: /markeren als meest behulpzaam/ })).toHaveCount(0);
  await expectAccessible(page);
  await logout(page);

  // 6. The asker marks it most helpful: shown first, with a badge; the question counts as answered.
  await loginAs(page, "member.centrum@wijkwerk.demo");
  await page.goto("/vragen");
  await page.getByRole("link", { name: QUESTION }).click();
  await page
    .getByRole("button", { name: /markeren als meest behulpzaam/ })
    .first()
    .click();
  await expect(page.getByRole("status")).toHaveText("Het antwoord is gemarkeerd als meest behulpzaam.");
  const answers = page.getByRole("region", { name: "1 antwoord" });
  await expect(answers.locator("article").first()).toContainText("Meest behulpzaam");
  await expect(answers.locator("article").first()).toContainText("Humanitas");
  await expectAccessible(page);
  await page.goto("/vragen?status=beantwoord");
  await expect(page.getByRole("link", { name: QUESTION })).toBeVisible();
  await expectAccessible(page);

  // 7. Search finds the story.
  await page.goto(`/werkgroepen/zoeken?q=${encodeURIComponent(`schuldhulpverlening ${SUFFIX}`)}`);
  await expect(page.getByRole("link", { name: STORY_TITLE })).toBeVisible();
  await expect(page.locator("li.card").first()).toContainText("Succesverhaal");
  await expectAccessible(page);

  // The author removes the story (asked first, in the page).
  await page.getByRole("link", { name: STORY_TITLE }).click();
  await page.getByRole("button", { name: "Verwijderen" }).click();
  await expect(page.getByText("Weet je zeker dat je dit succesverhaal wilt verwijderen?")).toBeFocused();
  await page.getByRole("button", { name: "Ja, verwijderen" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Het succesverhaal is verwijderd.");
  await expect(page.getByRole("link", { name: STORY_TITLE })).toHaveCount(0);
  await expectAccessible(page);
});
