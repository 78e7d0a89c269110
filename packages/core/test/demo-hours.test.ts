// The demo's registered hours (issue 17, packages/core/src/demo/demo-hours.ts): realistic weeks
// (quarter hours, about the contract, holidays and a forgotten week), and on real PostgreSQL the
// partner dashboard of Trajekt shows registered hours next to the agreed ones instead of zeros,
// with Limmel-Nazareth's and the recent weeks still open; idempotent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, partnerOrganisations, queryRows, sql, users } from "@wijkwerk/db";
import { seedDemo } from "../../../db/src/seed/demo";
import { demoWeekHours, demoWeeks, seedPartnerHoursDemo } from "../src/demo";
import { contextFor } from "../src/demo/demo-workbudget";
import { partnerDashboard } from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";

const NOW = new Date("2026-12-04T10:00:00Z"); // Friday of week 49: weeks 47 and 48 stay open

describe("demo hours: one person's week", () => {
  it("registers the weeks of this year up to three weeks back, Mondays only", () => {
    const weeks = demoWeeks("2026-12-04");
    expect(weeks[0]).toBe("2026-01-05");
    expect(weeks.at(-1)).toBe("2026-11-09"); // week 46; 16 and 23 November stay open
    expect(weeks).toHaveLength(45); // weeks 2 to 46 (week 1 began on 29 December)
    for (const w of weeks) expect(new Date(`${w}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("gives quarter hours within 10 % of the contract, with three weeks of holiday and a forgotten week now and then", () => {
    for (let person = 0; person < 12; person++) {
      const weeks = Array.from({ length: 46 }, (_, w) => demoWeekHours(person, w, 24));
      const open = weeks.filter((h) => h === null).length;
      expect(open).toBeGreaterThanOrEqual(3);
      expect(open).toBeLessThanOrEqual(7);
      for (const h of weeks) {
        if (!h) continue;
        const values = Object.values(h);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(v * 4)).toBe(true);
        }
        const total = values.reduce((a, b) => a + b, 0);
        expect(total).toBeGreaterThanOrEqual(24 * 0.9 - 0.25);
        expect(total).toBeLessThanOrEqual(24 * 1.1 + 0.25);
        expect(h.individual).toBeGreaterThan(h.collective);
      }
    }
  });
});

describe("demo hours in the database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDemo(t.db);
  }, 300_000);
  afterAll(() => t.drop());

  it("fills Trajekt's dashboard with registered hours, leaves Limmel-Nazareth and the recent weeks open, and runs once", async () => {
    const first = await seedPartnerHoursDemo(t.db, NOW);
    expect(first.created).toBe(true);
    expect(first.rows).toBeGreaterThan(1000);
    expect(await seedPartnerHoursDemo(t.db, NOW)).toEqual({ created: false, rows: 0 });

    const [latest] = await queryRows<{ last: string; limmel: number }>(
      t.db,
      sql`select max(week_start)::text as last,
                 count(*) filter (where team_id = (select id from teams where slug = 'limmel-nazareth'))::int as limmel
          from time_registrations`,
    );
    expect(latest).toEqual({ last: "2026-11-09", limmel: 0 });

    const [trajekt] = await t.db.select().from(partnerOrganisations).where(eq(partnerOrganisations.slug, "trajekt"));
    const [manager] = await t.db.select().from(users).where(eq(users.email, "manager.trajekt@wijkwerk.demo"));
    const base = await contextFor(t.db, "manager.trajekt@wijkwerk.demo");
    const ctx = { ...base, scope: { kind: "partner" as const, municipalityId: manager.municipalityId, partnerId: trajekt.id, userId: manager.id } };
    const d = await partnerDashboard(ctx, { year: 2026, now: NOW });
    const mariaberg = d.teams.find((x) => x.slug === "mariaberg")!;
    expect(mariaberg.year.registered).toBeGreaterThan(0.8 * mariaberg.contracted * 40);
    expect(mariaberg.year.registered).toBeLessThan(1.1 * mariaberg.contracted * 46);
    expect(d.teams.find((x) => x.slug === "limmel-nazareth")!.year.registered).toBe(0);
    // The open weeks: holidays, forgotten weeks, the last two weeks, and all of Limmel-Nazareth's.
    expect(mariaberg.year.missingWeeks).toBeGreaterThanOrEqual(2 * mariaberg.placed);
    expect(d.gaps.missingRegistrations.map((g) => g.team)).toContain("Limmel-Nazareth");
    expect(d.totals.registered).toBeGreaterThan(0);
    expect(d.trend[0].registered).toBeGreaterThan(0); // January
  }, 120_000);
});
