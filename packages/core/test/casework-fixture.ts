// Casework test data inserted as the schema owner (no RLS), for tests of one
// part of a file (plan, ZRM, privacy) that should not depend on the intake
// use case. The team needs a buurt; the case's regisseur and intaker are users.
import { randomBytes } from "node:crypto";
import { buurtAssignments, buurten, cases, householdPersons, householdProfiles, households, type Database } from "@wijkwerk/db";

export async function createBuurtFor(db: Database, municipalityId: string, teamId: string, name = `Buurt ${randomBytes(3).toString("hex")}`) {
  const [b] = await db.insert(buurten).values({ municipalityId, name }).returning();
  await db.insert(buurtAssignments).values({ municipalityId, teamId, buurtId: b.id, validFrom: "2013-01-01" });
  return b;
}

let serial = 0;

/** A household with a profile, one adult (and a child when asked) and an open case. */
export async function createHouseholdWithCase(
  db: Database,
  opts: { municipalityId: string; teamId: string; buurtId: string; regisseurId: string; createdBy?: string; withChild?: boolean; intakeOn?: string },
) {
  // Unique per test database run: a counter and a random digit pair (references are unique per team).
  const reference = `TS-${String(++serial).padStart(2, "0")}${String(randomBytes(2).readUInt16BE() % 100).padStart(2, "0")}`;
  const [h] = await db
    .insert(households)
    .values({ municipalityId: opts.municipalityId, teamId: opts.teamId, reference, initials: "A.B.", buurtId: opts.buurtId })
    .returning();
  await db
    .insert(householdProfiles)
    .values({ householdId: h.id, municipalityId: opts.municipalityId, teamId: opts.teamId, householdType: opts.withChild ? "single_parent" : "alone" });
  await db.insert(householdPersons).values({
    municipalityId: opts.municipalityId,
    teamId: opts.teamId,
    householdId: h.id,
    name: "Anna Bakker",
    role: "adult",
    gender: "female",
    birthYear: 1980,
  });
  if (opts.withChild)
    await db.insert(householdPersons).values({
      municipalityId: opts.municipalityId,
      teamId: opts.teamId,
      householdId: h.id,
      name: "Bram Bakker",
      role: "child",
      gender: "male",
      birthYear: 2015,
    });
  const [c] = await db
    .insert(cases)
    .values({
      municipalityId: opts.municipalityId,
      teamId: opts.teamId,
      householdId: h.id,
      intakeOn: opts.intakeOn ?? "2026-10-01",
      entryRoute: "gp",
      question: "Ik kom niet rond en mijn huur is achterstallig.",
      questionType: "multiple",
      regisseurId: opts.regisseurId,
      createdBy: opts.createdBy ?? opts.regisseurId,
    })
    .returning();
  return { household: h, case: c };
}
