// Starting a membership: the period row and its first terms, always together
// (the seed, the core's use cases and the tests all start memberships here).
import { sql } from "drizzle-orm";
import { membershipTerms, teamMemberships } from "./schema";
import type { Queryable } from "./index";

export interface NewMembership {
  municipalityId: string;
  teamId: string;
  userId: string;
  role: "coordinator" | "member" | "volunteer";
  contractedHoursPerWeek?: string | null;
  /** Default: the person's discipline as the only one. */
  disciplines?: string[];
  seconded?: boolean;
  secondedTo?: string | null;
  /** yyyy-mm-dd; default today in Europe/Amsterdam. */
  validFrom?: string;
  validTo?: string | null;
  createdBy?: string | null;
}

export async function insertMembership(q: Queryable, m: NewMembership): Promise<{ id: string; validFrom: string }> {
  const [row] = await q
    .insert(teamMemberships)
    .values({
      municipalityId: m.municipalityId,
      teamId: m.teamId,
      userId: m.userId,
      validFrom: m.validFrom ?? sql`app_today()`,
      validTo: m.validTo ?? null,
    })
    .returning({ id: teamMemberships.id, validFrom: teamMemberships.validFrom });
  await q.insert(membershipTerms).values({
    municipalityId: m.municipalityId,
    membershipId: row.id,
    teamId: m.teamId,
    userId: m.userId,
    validFrom: row.validFrom,
    role: m.role,
    contractedHoursPerWeek: m.contractedHoursPerWeek ?? null,
    disciplines: m.disciplines ?? sql`(select array_remove(array[u.discipline]::text[], null) from users u where u.id = ${m.userId})`,
    seconded: m.seconded ?? false,
    secondedTo: m.seconded ? (m.secondedTo ?? null) : null,
    createdBy: m.createdBy ?? null,
  });
  return row;
}
