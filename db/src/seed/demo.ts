// Loads the demo data (only from the setup/seed command, never in production).
import { hash } from "@node-rs/argon2";
import {
  agreementContributions,
  buurtAssignments,
  buurten,
  buurtserviceEntries,
  buurtserviceMatches,
  eq,
  municipalities,
  municipalitySettings,
  neighbourhoodInitiatives,
  partnerAgreements,
  partnerOrganisations,
  scopeRoles,
  streets,
  teamContacts,
  insertMembership,
  membershipTerms,
  teams,
  users,
  type Database,
} from "../index";
import { AGREEMENTS, BUURT_RESIDENTS, PARTNERS, PILOT_HISTORY, TEAMS, demoPeople } from "./demo-data";
import { DEMO_BUURTSERVICE, DEMO_CONTACTS, DEMO_INITIATIVES, DEMO_MATCHES, DEMO_STREETS } from "./demo-neighbourhood";

export const DEMO_PASSWORD = "Wijkwerk-demo-2026!";
const DEMO_PLACED_SINCE = "2017-01-01";
const DEMO_SECONDED_TO = "Gemeente Maastricht, Sociale Zaken";

export async function seedDemo(db: Database): Promise<{ created: boolean }> {
  const [existing] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (existing) return { created: false };
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [m] = await tx.insert(municipalities).values({ slug: "maastricht", name: "Gemeente Maastricht" }).returning();
    await tx.insert(municipalitySettings).values({ municipalityId: m.id });
    const teamRows = await tx
      .insert(teams)
      .values(
        TEAMS.map((t) => ({
          municipalityId: m.id,
          slug: t.slug,
          name: t.name,
          description: t.description,
          activeFrom: t.activeFrom,
          activeTo: t.activeTo,
          residentRefPrefix: t.residentRefPrefix,
        })),
      )
      .returning();
    const teamId = new Map(teamRows.map((t) => [t.slug, t.id]));
    const buurtNames = [...new Set(TEAMS.flatMap((t) => [...t.buurten2016, ...t.buurten2017]))].sort();
    const buurtRows = await tx
      .insert(buurten)
      .values(buurtNames.map((name) => ({ municipalityId: m.id, name, residents: BUURT_RESIDENTS[name] ?? null })))
      .returning();
    const buurtId = new Map(buurtRows.map((b) => [b.name, b.id]));
    const assignments = TEAMS.flatMap((t) => [
      ...t.buurten2016.map((b) => ({
        municipalityId: m.id,
        teamId: teamId.get(t.slug)!,
        buurtId: buurtId.get(b)!,
        validFrom: PILOT_HISTORY[t.slug]?.[b] ?? "2016-01-01",
        validTo: "2016-12-31",
      })),
      ...t.buurten2017.map((b) => ({ municipalityId: m.id, teamId: teamId.get(t.slug)!, buurtId: buurtId.get(b)!, validFrom: "2017-01-01", validTo: null })),
    ]);
    await tx.insert(buurtAssignments).values(assignments);
    // The public team finder: the street list and the teams' contact details.
    await tx
      .insert(streets)
      .values(Object.entries(DEMO_STREETS).flatMap(([buurt, names]) => names.map((name) => ({ municipalityId: m.id, buurtId: buurtId.get(buurt)!, name }))));
    await tx.insert(teamContacts).values(Object.entries(DEMO_CONTACTS).map(([slug, c]) => ({ municipalityId: m.id, teamId: teamId.get(slug)!, ...c })));
    const partnerRows = await tx
      .insert(partnerOrganisations)
      .values(PARTNERS.map((p) => ({ municipalityId: m.id, slug: p.slug, name: p.name, kind: p.kind, fundingType: p.fundingType })))
      .returning();
    const partnerId = new Map(partnerRows.map((p) => [p.slug, p.id]));
    for (const a of AGREEMENTS) {
      const [row] = await tx
        .insert(partnerAgreements)
        .values({
          municipalityId: m.id,
          partnerOrganisationId: partnerId.get(a.partner)!,
          kind: a.kind,
          reference: a.reference,
          validFrom: a.validFrom,
          validTo: a.validTo,
        })
        .returning();
      await tx.insert(agreementContributions).values(
        a.contributions.map((c) => ({
          municipalityId: m.id,
          agreementId: row.id,
          partnerOrganisationId: row.partnerOrganisationId,
          teamId: teamId.get(c.team)!,
          discipline: c.discipline,
          hoursPerWeek: c.hours,
        })),
      );
    }
    for (const person of demoPeople()) {
      const [u] = await tx
        .insert(users)
        .values({
          municipalityId: m.id,
          email: person.email,
          name: person.name,
          passwordHash,
          partnerOrganisationId: person.partner ? partnerId.get(person.partner)! : null,
          discipline: person.discipline,
        })
        .returning();
      for (const t of person.teams) {
        // Placed since the 2017 reorganisation: weeks from then on count for time registration.
        // The pilot team: from its start until the split (1-1-2017); from 2015 all its members were
        // seconded full-time to Sociale Zaken (seeds 000, 001).
        const pilot = t.slug === "caberg-malpertuis";
        const membership = await insertMembership(tx, {
          municipalityId: m.id,
          teamId: teamId.get(t.slug)!,
          userId: u.id,
          role: t.role,
          contractedHoursPerWeek: t.hours,
          disciplines: t.disciplines ?? (person.discipline ? [person.discipline] : []),
          validFrom: pilot ? "2013-01-01" : DEMO_PLACED_SINCE,
        });
        // The membership stays open: the demo history imports the pilot's cases as this coordinator
        // (RLS asks for a current role); the team itself ended on 31-12-2016, so it grants nothing in the app.
        if (pilot)
          for (const [validFrom, seconded] of [
            ["2015-01-01", true],
            ["2017-01-01", false],
          ] as const)
            await tx.insert(membershipTerms).values({
              municipalityId: m.id,
              membershipId: membership.id,
              teamId: teamId.get(t.slug)!,
              userId: u.id,
              validFrom,
              role: t.role,
              contractedHoursPerWeek: seconded ? "36.0" : null,
              disciplines: person.discipline ? [person.discipline] : [],
              seconded,
              secondedTo: seconded ? DEMO_SECONDED_TO : null,
            });
      }
      for (const r of person.scopeRoles) {
        await tx
          .insert(scopeRoles)
          .values({ municipalityId: m.id, userId: u.id, role: r.role, partnerOrganisationId: r.partner ? partnerId.get(r.partner)! : null });
      }
    }
    // Buurtservice in Malberg-Malpertuis (pseudonyms only), registered by its coordinator.
    const [coordinator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "coordinator.malberg-malpertuis@wijkwerk.demo"));
    const bsTeam = teamId.get("malberg-malpertuis")!;
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    const entryId = new Map<string, string>();
    for (const e of DEMO_BUURTSERVICE) {
      const [row] = await tx
        .insert(buurtserviceEntries)
        .values({
          municipalityId: m.id,
          teamId: bsTeam,
          buurtId: buurtId.get(e.buurt)!,
          kind: e.kind,
          pseudonym: e.pseudonym,
          categories: e.categories,
          availability: e.availability,
          description: e.description,
          createdBy: coordinator.id,
          createdAt: daysAgo(e.daysAgo),
        })
        .returning({ id: buurtserviceEntries.id });
      entryId.set(e.key, row.id);
    }
    for (const x of DEMO_MATCHES) {
      const request = DEMO_BUURTSERVICE.find((e) => e.key === x.request)!;
      const reciprocal = DEMO_BUURTSERVICE.some((e) => e.kind === "offer" && e.pseudonym === request.pseudonym);
      const done = x.status === "done";
      await tx.insert(buurtserviceMatches).values({
        municipalityId: m.id,
        teamId: bsTeam,
        buurtId: buurtId.get(request.buurt)!,
        requestId: entryId.get(x.request)!,
        offerId: entryId.get(x.offer)!,
        reciprocal,
        status: x.status,
        outcome: x.outcome,
        createdBy: coordinator.id,
        createdAt: daysAgo(2),
        endedAt: done ? daysAgo(1) : null,
      });
      if (done)
        await tx
          .update(buurtserviceEntries)
          .set({ closedAt: daysAgo(1) })
          .where(eq(buurtserviceEntries.id, entryId.get(x.request)!));
    }
    for (const i of DEMO_INITIATIVES) {
      const [by] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `coordinator.${i.team}@wijkwerk.demo`));
      await tx.insert(neighbourhoodInitiatives).values({
        municipalityId: m.id,
        teamId: teamId.get(i.team)!,
        buurtId: buurtId.get(i.buurt)!,
        name: i.name,
        description: i.description,
        startedOn: i.startedOn,
        contactOrganisation: i.contactOrganisation,
        teamHelpedStart: i.teamHelpedStart,
        endedOn: i.endedOn,
        createdBy: by.id,
      });
    }
  });
  return { created: true };
}
