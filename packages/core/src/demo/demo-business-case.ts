// Demo team costs (issue 16, docs/business-case.md): for 2017 and this year,
// each of the eight teams costs roughly 6–8 FTE of partner staff at
// € 60–95 an hour, plus rent, ICT and coaching — saved through the
// controller's own use case, so the demo obeys the same rules and audit.
// Fictitious figures of a realistic order of magnitude, not Maastricht's.
import { and, asc, eq, isNull, municipalities, partnerOrganisations, teamCostLines, teams, type Database } from "@wijkwerk/db";
import { saveTeamCosts, type CostLineInput } from "../business-case";
import { amsterdamDay } from "../common";
import { contextFor } from "./demo-workbudget";

/** Productive hours of one FTE in a year (after leave and training). */
const FTE_HOURS = 1_540;

export async function seedBusinessCaseDemo(db: Database): Promise<{ created: boolean }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false };
  const [existing] = await db.select({ id: teamCostLines.id }).from(teamCostLines).where(eq(teamCostLines.municipalityId, m.id)).limit(1);
  if (existing) return { created: false };
  const controller = await contextFor(db, "controller@wijkwerk.demo");
  const partners = await db
    .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.municipalityId, m.id))
    .orderBy(asc(partnerOrganisations.name));
  if (partners.length === 0) return { created: false };
  const activeTeams = await db
    .select()
    .from(teams)
    .where(and(eq(teams.municipalityId, m.id), isNull(teams.activeTo)))
    .orderBy(asc(teams.slug));
  const years = [...new Set([2017, Number(amsterdamDay(new Date()).slice(0, 4))])];
  for (const [k, team] of activeTeams.entries()) {
    for (const year of years) {
      const later = year > 2017 ? 1.12 : 1; // rates and prices of this year against 2017's
      const fte = [6.5, 7.2, 8.0, 6.0, 7.6, 6.8, 7.0, 7.9][k % 8];
      // Three partners share the staff: 50 %, 30 %, 20 %.
      const staff: CostLineInput[] = [0.5, 0.3, 0.2].map((share, i) => {
        const p = partners[(k + i) % partners.length];
        const rate = [6_200, 7_400, 8_900, 9_300, 6_800, 7_900][(k + 2 * i) % 6];
        return {
          kind: "staff",
          partnerId: p.id,
          hours: Math.round(fte * share * FTE_HOURS),
          hourlyRateCents: Math.round((rate * later) / 100) * 100,
          source: `Dienstverleningsovereenkomst ${p.name} ${year}`,
        };
      });
      const lines: CostLineInput[] = [
        ...staff,
        { kind: "rent", amountCents: Math.round((1_800_000 + k * 150_000) * later), description: "Wijksteunpunt", source: "Huurcontract" },
        { kind: "ict", amountCents: Math.round(720_000 * later), source: "Licenties en werkplekken, ICT-dienst gemeente" },
        { kind: "coaching", amountCents: Math.round((400_000 + (k % 3) * 100_000) * later), source: "Teamcoach, offerte" },
        { kind: "other", amountCents: 250_000, description: "Scholing en intervisie", source: "Begroting" },
      ];
      await saveTeamCosts(controller, { teamId: team.id, year, lines });
    }
  }
  return { created: true };
}
