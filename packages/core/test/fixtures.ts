// Small builders for test data, inserted as the schema owner.
import { randomBytes } from "node:crypto";
import { defineAbilityFor, type Grants } from "@wijkwerk/authz";
import { municipalities, municipalitySettings, partnerOrganisations, scopeRoles, insertMembership, teams, users, type Database } from "@wijkwerk/db";
import type { TeamContext, UseCaseContext } from "../src/common";
import { loadGrants } from "../src/accounts";
import { hashPassword } from "../src/accounts/passwords";

export const TEST_PASSWORD = "Correct-horse-battery-9";
let passwordHash: Promise<string> | undefined;
const suffix = () => randomBytes(4).toString("hex");

export async function createMunicipality(db: Database, slug = `gemeente-${suffix()}`) {
  const [m] = await db
    .insert(municipalities)
    .values({ slug, name: `Gemeente ${slug}` })
    .returning();
  await db.insert(municipalitySettings).values({ municipalityId: m.id });
  return m;
}

export async function createTeam(db: Database, municipalityId: string, slug = `team-${suffix()}`) {
  const [t] = await db
    .insert(teams)
    .values({ municipalityId, slug, name: `Team ${slug}`, activeFrom: "2017-01-01" })
    .returning();
  return t;
}

export async function createPartner(db: Database, municipalityId: string, slug = `partner-${suffix()}`) {
  const [p] = await db
    .insert(partnerOrganisations)
    .values({ municipalityId, slug, name: `Partner ${slug}`, kind: "Test", fundingType: "service_agreement" })
    .returning();
  return p;
}

export async function createUser(
  db: Database,
  municipalityId: string,
  opts: {
    email?: string;
    name?: string;
    partnerId?: string;
    teamRoles?: { teamId: string; role: "coordinator" | "member" | "volunteer" }[];
    scopeRoles?: { role: "admin" | "controller" | "partner_manager" | "researcher"; partnerId?: string }[];
  } = {},
) {
  const [u] = await db
    .insert(users)
    .values({
      municipalityId,
      email: opts.email ?? `user-${suffix()}@test.demo`,
      name: opts.name ?? "Test Gebruiker",
      passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
      partnerOrganisationId: opts.partnerId ?? null,
    })
    .returning();
  for (const r of opts.teamRoles ?? [])
    await insertMembership(db, { municipalityId, teamId: r.teamId, userId: u.id, role: r.role, contractedHoursPerWeek: "24.0", validFrom: "2016-01-01" });
  for (const r of opts.scopeRoles ?? [])
    await db.insert(scopeRoles).values({ municipalityId, userId: u.id, role: r.role, partnerOrganisationId: r.partnerId ?? null });
  return u;
}

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

async function baseContext(db: Database, userId: string) {
  const loaded = await loadGrants(db, userId);
  if (!loaded) throw new Error("user not found or inactive");
  const [u] = await db
    .select()
    .from(users)
    .where((await import("@wijkwerk/db")).eq(users.id, userId));
  const grants: Grants = loaded.grants;
  return { db, grants, ability: defineAbilityFor(grants), meta, actor: { userId, municipalityId: u.municipalityId, email: u.email, name: u.name } };
}

/** The context a route would build for this user in this team (as requireTeamContext does). */
export async function teamContext(
  db: Database,
  userId: string,
  team: { id: string; slug: string; name: string; municipalityId: string },
): Promise<TeamContext> {
  const base = await baseContext(db, userId);
  return { ...base, team, scope: { kind: "team", municipalityId: team.municipalityId, teamId: team.id, userId } };
}

/** Municipality-wide context (admin scope when the user may manage settings). */
export async function municipalityContext(db: Database, userId: string, kind: "admin" | "municipality" = "admin"): Promise<UseCaseContext> {
  const base = await baseContext(db, userId);
  return { ...base, scope: { kind, municipalityId: base.actor.municipalityId, userId } };
}

export const testMeta = { ip: "127.0.0.1", userAgent: "vitest" };

/** "ok", or the DomainError code a use case rejected with. */
export const outcomeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "ok",
    (e: { code?: string; cause?: unknown }) => e.code ?? (e.cause ? `${String(e)} ${String(e.cause)}` : String(e)),
  );
