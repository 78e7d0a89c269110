// pnpm casework:import FILE --team <slug> [--as <email>] [--check]
//
// The casework history import from the command line (docs/casework-import.md):
// the same use case, checks and report as the page. The acting user is the
// team's coordinator — `--as <email>` when the team has several, or to name
// one explicitly; the ability check (create CaseworkImport) and the
// row-level security apply to them as on the page, and the audit event
// names them. `--check` only checks. Exit 0 when the file is fine (imported,
// or nothing new), 1 on errors, 2 on wrong use.
import { readFileSync } from "node:fs";
import { defineAbilityFor } from "@wijkwerk/authz";
import { loadGrants } from "@wijkwerk/core/accounts";
import { importCaseworkHistory, importSummaryLines } from "@wijkwerk/core/casework";
import { openDatabase, queryRows, sql } from "@wijkwerk/db";

function usage(message: string): never {
  console.error(`${message}\nGebruik: pnpm casework:import BESTAND --team <slug> [--as <e-mail>] [--check]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) usage(`${name} heeft een waarde nodig.`);
  args.splice(i, 2);
  return value;
};
const check = args.includes("--check");
if (check) args.splice(args.indexOf("--check"), 1);
const teamSlug = option("--team") ?? usage("--team ontbreekt.");
const asEmail = option("--as");
if (args.length !== 1) usage("Geef precies één bestand.");
const file = readFileSync(args[0]);

const handle = await openDatabase();
try {
  const found = await queryRows<{ id: string; slug: string; name: string; municipality_id: string }>(
    handle.db,
    sql`select id, slug, name, municipality_id from teams where slug = ${teamSlug}`,
  );
  if (found.length !== 1) usage(found.length ? `Er zijn meerdere teams ${teamSlug}.` : `Geen team ${teamSlug}.`);
  const team = { id: found[0].id, slug: found[0].slug, name: found[0].name, municipalityId: found[0].municipality_id };
  const coordinators = await queryRows<{ id: string; email: string; name: string }>(
    handle.db,
    sql`select u.id, u.email, u.name from active_team_memberships m join users u on u.id = m.user_id
        where m.team_id = ${team.id} and m.role = 'coordinator' and u.is_active
          and (${asEmail ?? null}::text is null or lower(u.email) = lower(${asEmail ?? ""}))`,
  );
  if (coordinators.length !== 1)
    usage(
      asEmail
        ? `${asEmail} is geen actieve coördinator van team ${team.name}.`
        : coordinators.length
          ? `Team ${team.name} heeft ${coordinators.length} coördinatoren: kies er één met --as <e-mail>.`
          : `Team ${team.name} heeft geen actieve coördinator.`,
    );
  const actor = coordinators[0];
  const loaded = (await loadGrants(handle.db, actor.id))!;
  const report = await importCaseworkHistory(
    {
      db: handle.db,
      actor: { userId: actor.id, municipalityId: team.municipalityId, email: actor.email, name: actor.name },
      grants: loaded.grants,
      ability: defineAbilityFor(loaded.grants),
      scope: { kind: "team", municipalityId: team.municipalityId, teamId: team.id, userId: actor.id },
      meta: { ip: null, userAgent: "pnpm casework:import" },
      team,
    },
    file,
    { dryRun: check },
  );
  console.log(`Team ${team.name}, als ${actor.email}${check ? " (alleen controleren)" : ""}:`);
  for (const line of importSummaryLines(report)) console.log(line);
  process.exitCode = report.errorCount > 0 ? 1 : 0;
} finally {
  await handle.close();
}
