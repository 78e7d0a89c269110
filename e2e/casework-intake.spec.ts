// Issue 15, registration: a member files an intake on one page (household,
// two persons added inline, the question), lands on the household's
// overview, finds it in the list by its reference, and counts a contact
// without a case. axe on every page.
import { expect, test } from "@playwright/test";
import { expectAccessible, fieldError, loginAs } from "./fixtures";

const TEAM = "/t/malberg-malpertuis";

test("a member files an intake and sees the household; a contact without a case is counted", async ({ page }) => {
  await loginAs(page, "member.malberg-malpertuis@wijkwerk.demo");
  await page.goto(TEAM);
  await page.getByRole("link", { name: "Huishoudens" }).click();
  await expect(page.getByRole("heading", { name: "Huishoudens", level: 2, exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nieuwe intake" }).click();
  await expect(page.getByRole("heading", { name: "Nieuwe intake" })).toBeVisible();
  await expectAccessible(page);

  // Missing choices: Dutch errors next to the fields, nothing filed.
  await page.getByRole("button", { name: "Intake vastleggen" }).click();
  await expect(fieldError(page, "Kies de samenstelling van het huishouden.")).toBeVisible();

  await page.getByLabel("Samenstelling").selectOption({ label: "Eenoudergezin" });
  await page.getByLabel("Buurt *", { exact: true }).selectOption({ label: "Malberg" });
  const first = page.getByRole("group", { name: "Gezinslid 1" });
  await first.getByLabel("Naam").fill("Els Peeters");
  await first.getByLabel("Geslacht").selectOption({ label: "Vrouw" });
  await page.getByLabel("De vraag, in de woorden van de inwoner").fill("Ik kom niet rond sinds mijn man weg is.");
  await page.getByRole("button", { name: "+ gezinslid" }).click();
  const second = page.getByRole("group", { name: "Gezinslid 2" });
  await expect(second).toBeVisible();
  // The typed values are kept when a person is added.
  await expect(first.getByLabel("Naam")).toHaveValue("Els Peeters");
  await expect(second.getByLabel("Rol")).toHaveValue("child");
  await second.getByLabel("Geboortejaar").fill("2015");
  await page.getByRole("button", { name: "Intake vastleggen" }).click();

  await expect(page.getByRole("status")).toHaveText("De intake is vastgelegd.");
  const heading = page.getByRole("heading", { level: 2, name: /^Huishouden [A-Z]+-\d{4} \(E\.P\.\)/ });
  await expect(heading).toBeVisible();
  const reference = /Huishouden ([A-Z]+-\d{4})/.exec((await heading.textContent()) ?? "")![1];
  await expect(page.getByRole("cell", { name: "Els Peeters", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "2015", exact: true })).toBeVisible();
  await expect(page.getByText("Ik kom niet rond sinds mijn man weg is.")).toBeVisible();
  await expectAccessible(page);

  // Rectification: a wrong BSN is refused next to its field, a corrected name is saved.
  await page.getByText("Gezinsleden aanpassen").click();
  const edit = page.getByRole("group", { name: "Els Peeters" });
  await edit.getByLabel("Naam").fill("Els Peeters-Smeets");
  await edit.getByLabel("Nieuw BSN").fill("123456789");
  await page.getByRole("button", { name: "Gezinsleden opslaan" }).click();
  await expect(fieldError(edit, "Dit is geen geldig BSN (9 cijfers, 11-proef).")).toBeVisible();
  await expect(edit.getByLabel("Naam")).toHaveValue("Els Peeters-Smeets");
  await edit.getByLabel("Nieuw BSN").fill("111222333");
  await page.getByRole("button", { name: "Gezinsleden opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De wijziging is opgeslagen.");
  await expect(page.getByRole("cell", { name: "Els Peeters-Smeets", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "******333", exact: true })).toBeVisible();

  await page.goto(`${TEAM}/huishoudens?zoek=${reference}`);
  const row = page.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("E.P.");
  await expect(row).toContainText("Casusteam");

  await page.getByRole("link", { name: "Contact zonder casus" }).click();
  await expect(page.getByRole("heading", { name: "Contact zonder casus" })).toBeVisible();
  await expectAccessible(page);
  const monthRow = page.getByRole("row").nth(1);
  const before = Number((await monthRow.getByRole("cell").first().textContent()) ?? "0");
  await page.getByRole("button", { name: "Contact vastleggen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het contact is geteld.");
  await expect(page.getByRole("row").nth(1).getByRole("cell").first()).toHaveText(String(before + 1));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("“+ gezinslid” posts the form and comes back with one more person, the typed values kept", async ({ page }) => {
    await loginAs(page, "member.malberg-malpertuis@wijkwerk.demo");
    await page.goto(`${TEAM}/huishoudens/nieuw`);
    await page.getByRole("group", { name: "Gezinslid 1" }).getByLabel("Naam").fill("Jo Janssen");
    await page.getByRole("button", { name: "+ gezinslid" }).click();
    await expect(page.getByRole("group", { name: "Gezinslid 2" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Gezinslid 1" }).getByLabel("Naam")).toHaveValue("Jo Janssen");
    await page.getByRole("button", { name: "Gezinslid 2 verwijderen" }).click();
    await expect(page.getByRole("group", { name: "Gezinslid 2" })).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Gezinslid 1" }).getByLabel("Naam")).toHaveValue("Jo Janssen");
  });
});
