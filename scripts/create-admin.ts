// pnpm admin:create --email a@b.nl --name "Naam" [--municipality maastricht --municipality-name "Gemeente Maastricht"]
// Creates (or promotes) a functional admin and prints a 24-hour link to set the password.
import { parseArgs } from "node:util";
import { bootstrapAdmin, BOOTSTRAP_LINK_HOURS } from "@wijkwerk/core/accounts";
import { isDomainError } from "@wijkwerk/core/common";
import { openDatabase } from "@wijkwerk/db";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    municipality: { type: "string", default: "maastricht" },
    "municipality-name": { type: "string" },
  },
});
if (!values.email || !values.name) {
  console.error(
    'Gebruik: pnpm admin:create --email naam@gemeente.nl --name "Voornaam Achternaam" [--municipality maastricht --municipality-name "Gemeente Maastricht"]',
  );
  process.exit(1);
}
const handle = await openDatabase();
try {
  const { token, createdUser } = await bootstrapAdmin(handle.db, {
    email: values.email,
    name: values.name,
    municipalitySlug: values.municipality!,
    municipalityName: values["municipality-name"] ?? `Gemeente ${values.municipality![0].toUpperCase()}${values.municipality!.slice(1)}`,
  });
  const base = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  console.log(
    createdUser ? `Account aangemaakt voor ${values.email} met de rol functioneel beheerder.` : `${values.email} heeft nu de rol functioneel beheerder.`,
  );
  console.log(`Stel het wachtwoord in via (${BOOTSTRAP_LINK_HOURS} uur geldig, één keer):\n${base}/wachtwoord-herstellen/${token}`);
} catch (e) {
  console.error(isDomainError(e) ? `Niet gelukt: ${e.code} ${JSON.stringify(e.fieldErrors)}` : e);
  process.exitCode = 1;
} finally {
  await handle.close();
}
