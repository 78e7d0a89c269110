// The intake on PGlite (what the demo runs on): the advisory lock, the
// first case inserted without RETURNING, the team-by-buurt refusal that reads
// the buurt map in the 'public' scope, and the logged summary.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buurtAssignments, buurten } from "@wijkwerk/db";
import type { DomainError } from "../src/common";
import { getHouseholdSummary, listHouseholds, registerIntake } from "../src/casework";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

process.env.CASEWORK_BSN_KEY ??= randomBytes(32).toString("base64");

describe("intake on PGlite", () => {
  let t: TestDatabase;
  let teamA: Awaited<ReturnType<typeof createTeam>>, teamB: Awaited<ReturnType<typeof createTeam>>;
  let member: string, other: string;
  let buurtA: string, buurtB: string;

  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    const m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id, "de-heeg");
    teamB = await createTeam(t.db, m.id, "daalhof");
    member = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
    other = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
    buurtA = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Heugem" }).returning())[0].id;
    buurtB = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Wolder" }).returning())[0].id;
    await t.db.insert(buurtAssignments).values([
      { municipalityId: m.id, teamId: teamA.id, buurtId: buurtA, validFrom: "2017-01-01" },
      { municipalityId: m.id, teamId: teamB.id, buurtId: buurtB, validFrom: "2017-01-01" },
    ]);
  });
  afterAll(() => t?.drop());

  it("files an intake, numbers references per team, refuses another team's buurt by name, 404 without a right", async () => {
    const ctx = await teamContext(t.db, member, teamA);
    const input = {
      householdType: "couple" as const,
      buurtId: buurtA,
      intakeOn: "2026-11-02",
      entryRoute: "school" as const,
      questionType: "single" as const,
      persons: [{ role: "adult" as const, name: "Piet Pauw", bsn: "111222333" }],
    };
    const first = await registerIntake(ctx, input);
    const second = await registerIntake(ctx, input);
    expect([first.reference, second.reference]).toEqual(["DH-0001", "DH-0002"]);
    const s = await getHouseholdSummary(ctx, first.id);
    expect(s.persons[0]).toMatchObject({ name: "Piet Pauw", bsnMasked: "******333" });
    const e = (await registerIntake(ctx, { ...input, buurtId: buurtB }).catch((x: unknown) => x)) as DomainError;
    expect(e.detail).toBe(`Wolder hoort op 02-11-2026 bij team ${teamB.name}. Laat de intake daar doen, of vraag een overdracht aan.`);
    const otherCtx = await teamContext(t.db, other, teamA);
    expect(await outcomeOf(getHouseholdSummary(otherCtx, first.id))).toBe("not_found");
    expect((await listHouseholds(otherCtx, { status: "all", filter: "all" })).rows.map((r) => r.myAccess)).toEqual(["none", "none"]);
  });
});
