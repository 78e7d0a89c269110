// Migrates and loads the demo data of the eight teams (idempotent).
import { migrateDatabase, openDatabase } from "@wijkwerk/db";
import {
  seedBusinessCaseDemo,
  seedCaseworkDemo,
  seedCaseworkHistoryDemo,
  seedPartnerHoursDemo,
  seedSocialMapDemo,
  seedWorkbudgetDemo,
  seedWorkgroupsDemo,
} from "@wijkwerk/core/demo";
import { seedDemo } from "../db/src/seed/demo";

if (process.env.NODE_ENV === "production" && !process.argv.includes("--force-demo")) {
  console.error("Demodata wordt niet geladen in productie (NODE_ENV=production).");
  process.exit(1);
}
const handle = await openDatabase();
await migrateDatabase(handle);
const { created } = await seedDemo(handle.db);
const workbudget = await seedWorkbudgetDemo(handle.db);
const workgroupsDemo = await seedWorkgroupsDemo(handle.db);
if ((await seedSocialMapDemo(handle.db)).created) console.log("Demodata sociale kaart geladen: aanbieders en hun aanbod in de vier kantelingslagen.");
// The history first: the live demo households, taken in after it, stay on top of the household lists.
const historyStarted = Date.now();
const history = await seedCaseworkHistoryDemo(handle.db);
if (history.created)
  console.log(
    `Demohistorie casuïstiek geïmporteerd: ${Object.values(history.cases).reduce((a, b) => a + b, 0)} casussen (proeftuin vanaf 2013, de teams vanaf 2017), ${history.contacts} contacten zonder casus, ${history.objections} bezwaren (${((Date.now() - historyStarted) / 1000).toFixed(1)} s).`,
  );
if ((await seedCaseworkDemo(handle.db)).created)
  console.log("Demodata casuïstiek geladen: drie fictieve huishoudens per team met plan, ZRM en een afgesloten casus.");
if ((await seedBusinessCaseDemo(handle.db)).created)
  console.log("Demodata businesscase geladen: teamkosten per team voor 2017 en dit jaar, vermeden kosten bij de afgesloten casussen.");
const hours = await seedPartnerHoursDemo(handle.db);
if (hours.created)
  console.log(`Demodata urenregistratie geladen: ${hours.rows} weken van de medewerkers van de partners in dit jaar (Limmel-Nazareth zonder uren).`);
if (workgroupsDemo.created) console.log("Demodata werkgroepen geladen: vier werkgroepen met leden uit verschillende teams, een draad en handboekpagina's.");
if (workbudget.created) console.log("Demodata werkbudget geladen: budgetten 2017 en dit jaar, normen, aanvragen in elke fase.");
console.log(created ? `Demodata geladen (${handle.kind}): gemeente Maastricht met acht sociale teams.` : `Demodata was al geladen (${handle.kind}).`);
await handle.close();
