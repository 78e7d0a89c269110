// Demo casework (issue 15): three fictitious households per team, registered
// through the casework use cases (intake, plan, ZRM, referral, closing), so
// the demo obeys the same rules and RLS as real input. The demo member
// directs two of them; another member of the team directs the third, which
// the demo member can open only through break-the-glass.
import {
  and,
  asc,
  auditEvents,
  buurtAssignments,
  buurten,
  eq,
  isNull,
  municipalities,
  returnNorms,
  ne,
  socialMapProviders,
  activeTeamMemberships as teamMemberships,
  teams,
  users,
  type Database,
} from "@wijkwerk/db";
import { addArrangement, addGoal, addReferral, closeCase, recordZrm, registerIntake } from "../casework";
import type { TeamContext } from "../common";
import { contextFor } from "./demo-workbudget";
import { demoHouseholds } from "./demo-casework-data";

async function teamContextFor(db: Database, email: string, team: { id: string; slug: string; name: string; municipalityId: string }): Promise<TeamContext> {
  const ctx = await contextFor(db, email, team.slug);
  return { ...ctx, team, scope: { kind: "team", municipalityId: team.municipalityId, teamId: team.id, userId: ctx.actor.userId } };
}

export async function seedCaseworkDemo(db: Database): Promise<{ created: boolean }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false };
  // Loaded once: an intake registered in the municipality means the live demo is there (the demo
  // history, seeded before it so these households stay on top of the lists, is imported, not taken in).
  const [existing] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.municipalityId, m.id), eq(auditEvents.action, "casework.intake_registered")))
    .limit(1);
  if (existing) return { created: false };
  // The avoided costs of the closed demo cases, against the workbudget demo's norms (when loaded).
  const normIds = new Map((await db.select().from(returnNorms).where(eq(returnNorms.municipalityId, m.id))).map((n) => [n.code, n.id]));
  const avoidedFor = (k: number) =>
    [
      { code: "huisuitzetting", count: 1 },
      { code: "afsluiting_energie", count: 1 + (k % 3) },
      { code: "schooluitval", count: 1 },
    ]
      .filter((_, i) => i === 0 || (k + i) % 2 === 0)
      .flatMap((a) => (normIds.has(a.code) ? [{ normId: normIds.get(a.code)!, count: a.count }] : []));
  const providerIds = new Map((await db.select().from(socialMapProviders).where(eq(socialMapProviders.municipalityId, m.id))).map((p) => [p.name, p.id]));
  const activeTeams = await db
    .select()
    .from(teams)
    .where(and(eq(teams.municipalityId, m.id), isNull(teams.activeTo)))
    .orderBy(asc(teams.slug));
  for (const [k, team] of activeTeams.entries()) {
    const teamRef = { id: team.id, slug: team.slug, name: team.name, municipalityId: m.id };
    const buurtIds = (
      await db
        .select({ id: buurten.id })
        .from(buurtAssignments)
        .innerJoin(buurten, eq(buurten.id, buurtAssignments.buurtId))
        .where(and(eq(buurtAssignments.teamId, team.id), isNull(buurtAssignments.validTo)))
        .orderBy(asc(buurten.name))
    ).map((b) => b.id);
    const memberEmail = `member.${team.slug}@wijkwerk.demo`;
    const [other] = await db
      .select({ email: users.email })
      .from(teamMemberships)
      .innerJoin(users, eq(users.id, teamMemberships.userId))
      .where(and(eq(teamMemberships.teamId, team.id), eq(teamMemberships.role, "member"), ne(users.email, memberEmail)))
      .orderBy(asc(users.email))
      .limit(1);
    if (!other || buurtIds.length === 0) continue;
    const member = await teamContextFor(db, memberEmail, teamRef);
    const otherMember = await teamContextFor(db, other.email, teamRef);
    for (const h of demoHouseholds(k)) {
      // Whoever does the intake belongs to the case team; the regisseur is that person.
      const ctx = h.regisseur === "member" ? member : otherMember;
      const { id } = await registerIntake(ctx, {
        householdType: h.type,
        buurtId: buurtIds[h.buurt % buurtIds.length],
        intakeOn: h.intakeOn,
        entryRoute: h.entryRoute,
        questionType: h.questionType,
        question: h.question,
        intakeNotes: h.notes,
        legalBasis: h.closed?.legalBasis ?? "none",
        persons: h.persons.map((p) => ({ name: p.name, role: p.role, gender: p.gender, birthYear: p.birthYear })),
      });
      const goalIds: string[] = [];
      for (const g of h.goals) goalIds.push((await addGoal(ctx, id, { lifeDomain: g.domain, goalType: g.goalType, description: g.description })).id);
      for (const a of h.arrangements) {
        const providerId = providerIds.get(a.provider) ?? null;
        await addArrangement(ctx, id, {
          layer: a.layer,
          existing: a.existing ?? false,
          providerId,
          providerName: providerId ? "" : a.provider,
          description: a.description,
          startsOn: a.existing ? null : h.intakeOn,
          status: "running",
          goalIds: a.goals.map((i) => goalIds[i]),
        });
      }
      for (const z of h.zrm) await recordZrm(ctx, id, { measuredOn: z.measuredOn, scores: z.scores });
      if (h.referral) await addReferral(ctx, id, h.referral);
      if (h.closed)
        await closeCase(ctx, id, {
          closedOn: h.closed.closedOn,
          reason: h.closed.reason,
          legalBasis: h.closed.legalBasis,
          assessment: {
            actedDifferently: "yes",
            differentArrangement: "yes",
            timeGained: "unknown",
            neighbourhoodStrengthUsed: "yes",
            sufficientSupport: "yes",
            residentSatisfied: "yes",
          },
          endOpenArrangements: true,
          avoidedCosts: avoidedFor(k),
        });
    }
  }
  return { created: true };
}
