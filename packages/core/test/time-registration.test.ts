// Weekly time registration: validation (quarter hours, 0–60 a week, no
// future weeks), one row per person × team × week, pre-fill from the
// contract and "same as last week", the coordinator's overview with missing
// weeks, row-level security, and reminders exactly once per person × week.
import { ForbiddenError } from "@wijkwerk/authz";
import { and, eq, notifications, outboxEmails, sql, teamMemberships, timeRegistrations, users, withScope } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamContext } from "../src/common";
import { getWeekForm, saveTimeRegistration, sendTimeRegistrationReminders, teamTimeOverview } from "../src/partners";
import { isoWeekLabel, mondayOfIsoWeek } from "../src/partners/time-registration";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

// Wednesday 22 November 2017 (ISO week 47); last week is 2017-W46 (Monday 13 November).
const NOW = new Date("2017-11-22T10:00:00+01:00");
const hours = (week: string, h: Partial<Record<"individual" | "collective" | "meeting" | "workgroup" | "other", number>> = {}) => ({
  week,
  individual: 0,
  collective: 0,
  meeting: 0,
  workgroup: 0,
  other: 0,
  ...h,
});

describe("ISO weeks", () => {
  it("labels and parses weeks around the year boundary", () => {
    expect(isoWeekLabel("2017-11-20")).toBe("2017-W47");
    expect(isoWeekLabel("2018-12-31")).toBe("2019-W01");
    expect(isoWeekLabel("2021-01-04")).toBe("2021-W01");
    expect(isoWeekLabel("2020-12-28")).toBe("2020-W53");
    expect(mondayOfIsoWeek("2020-W53")).toBe("2020-12-28");
    expect(mondayOfIsoWeek("2019-W01")).toBe("2018-12-31");
    expect(mondayOfIsoWeek("2019-W53")).toBeNull();
    expect(mondayOfIsoWeek("2019-W00")).toBeNull();
    expect(mondayOfIsoWeek("nonsense")).toBeNull();
  });
});

for (const kind of ["postgres", "pglite"] as const) {
  describe(`time registration on ${kind}`, () => {
    let t: TestDatabase;
    let team: { id: string; slug: string; name: string; municipalityId: string };
    let other: { id: string; slug: string; name: string; municipalityId: string };
    let anna: TeamContext; // member, partner A, 24 h contract
    let coordinator: TeamContext;
    let bartId: string;
    let volunteer: TeamContext;
    let partnerA: { id: string };

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      const m = await createMunicipality(t.db);
      team = await createTeam(t.db, m.id, "noord");
      other = await createTeam(t.db, m.id, "zuid");
      partnerA = await createPartner(t.db, m.id);
      const a = await createUser(t.db, m.id, {
        name: "Anna",
        partnerId: partnerA.id,
        teamRoles: [
          { teamId: team.id, role: "member" },
          { teamId: other.id, role: "member" },
        ],
      });
      await t.db.update(users).set({ discipline: "Maatschappelijk werk" }).where(eq(users.id, a.id));
      const b = await createUser(t.db, m.id, { name: "Bart", teamRoles: [{ teamId: team.id, role: "member" }] });
      bartId = b.id;
      const c = await createUser(t.db, m.id, { name: "Coco", teamRoles: [{ teamId: team.id, role: "coordinator" }] });
      const v = await createUser(t.db, m.id, { name: "Vera", teamRoles: [{ teamId: team.id, role: "volunteer" }] });
      // Everyone has been in the teams since October.
      await t.db.update(teamMemberships).set({ validFrom: "2017-10-01" });
      anna = await teamContext(t.db, a.id, team);
      coordinator = await teamContext(t.db, c.id, team);
      volunteer = await teamContext(t.db, v.id, team);
    });
    afterAll(() => t.drop());

    it("pre-fills from the contract, saves, and replaces the same week (one row)", async () => {
      const empty = await getWeekForm(anna, { week: "2017-W46", now: NOW });
      expect(empty).toMatchObject({
        week: "2017-W46",
        weekStart: "2017-11-13",
        source: "contract",
        saved: false,
        contractedHours: 24,
        previousWeek: "2017-W45",
        nextWeek: "2017-W47",
      });
      expect(empty.hours).toEqual({ individual: 24, collective: 0, meeting: 0, workgroup: 0, other: 0 });

      await saveTimeRegistration(anna, hours("2017-W46", { individual: 10, collective: 8.5, meeting: 2.25 }), { now: NOW });
      await saveTimeRegistration(anna, hours("2017-W46", { individual: 12, collective: 8.5, meeting: 2.25, other: 0.75 }), { now: NOW });
      const rows = await t.db.select().from(timeRegistrations).where(eq(timeRegistrations.userId, anna.actor.userId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        weekStart: "2017-11-13",
        individualHours: "12.00",
        collectiveHours: "8.50",
        meetingHours: "2.25",
        otherHours: "0.75",
        partnerOrganisationId: partnerA.id,
        discipline: "Maatschappelijk werk",
      });
      expect(await getWeekForm(anna, { week: "2017-W46", now: NOW })).toMatchObject({ source: "saved", saved: true });
    });

    it("offers last week's hours for 'same as last week'", async () => {
      const form = await getWeekForm(anna, { week: "2017-W47", copyPrevious: true, now: NOW });
      expect(form).toMatchObject({ source: "previous", previousAvailable: true, nextWeek: null });
      expect(form.hours).toEqual({ individual: 12, collective: 8.5, meeting: 2.25, workgroup: 0, other: 0.75 });
    });

    it("refuses more than 60 hours, non-quarter hours, negative hours and future weeks", async () => {
      await expect(saveTimeRegistration(anna, hours("2017-W45", { individual: 40, collective: 20.25 }), { now: NOW })).rejects.toMatchObject({
        fieldErrors: { form: ["hours_too_many"] },
      });
      await expect(saveTimeRegistration(anna, hours("2017-W45", { individual: 61 }), { now: NOW })).rejects.toMatchObject({
        fieldErrors: { individual: ["hours_too_many"] },
      });
      await expect(saveTimeRegistration(anna, hours("2017-W45", { individual: 1.1 }), { now: NOW })).rejects.toMatchObject({
        fieldErrors: { individual: ["hours_not_quarter"] },
      });
      await expect(saveTimeRegistration(anna, hours("2017-W45", { meeting: -1 }), { now: NOW })).rejects.toMatchObject({
        fieldErrors: { meeting: ["invalid_input"] },
      });
      await expect(outcomeOf(saveTimeRegistration(anna, hours("2017-W48"), { now: NOW }))).resolves.toBe("week_in_future");
      await expect(outcomeOf(saveTimeRegistration(anna, hours("2017-W99"), { now: NOW }))).resolves.toBe("invalid_input");
      // The database has the same walls.
      await expect(
        withScope(t.db, anna.scope, (tx) =>
          tx.execute(sql`update time_registrations set individual_hours = 59, collective_hours = 59 where user_id = ${anna.actor.userId}`),
        ),
      ).rejects.toThrow();
    });

    it("volunteers do not register hours; a member cannot write or see another team's rows", async () => {
      await expect(saveTimeRegistration(volunteer, hours("2017-W46", { individual: 2 }), { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
      // RLS: in team noord's scope, writing a row for team zuid or for someone else fails.
      await expect(
        withScope(t.db, anna.scope, (tx) =>
          tx.insert(timeRegistrations).values({
            municipalityId: team.municipalityId,
            teamId: other.id,
            userId: anna.actor.userId,
            partnerOrganisationId: partnerA.id,
            weekStart: "2017-11-13",
          }),
        ),
      ).rejects.toThrow();
      await expect(
        withScope(t.db, anna.scope, (tx) =>
          tx.insert(timeRegistrations).values({ municipalityId: team.municipalityId, teamId: team.id, userId: bartId, weekStart: "2017-11-13" }),
        ),
      ).rejects.toThrow();
      // ... nor claim another employer.
      await expect(
        withScope(t.db, anna.scope, (tx) =>
          tx
            .insert(timeRegistrations)
            .values({ municipalityId: team.municipalityId, teamId: team.id, userId: anna.actor.userId, partnerOrganisationId: null, weekStart: "2017-11-06" }),
        ),
      ).rejects.toThrow();
      const annaZuid = await teamContext(t.db, anna.actor.userId, other);
      await saveTimeRegistration(annaZuid, hours("2017-W46", { individual: 4 }), { now: NOW });
      const seen = await withScope(t.db, coordinator.scope, (tx) => tx.select().from(timeRegistrations));
      expect(seen.every((r) => r.teamId === team.id)).toBe(true);
    });

    it("the coordinator sees the team's weeks and who is missing; a member may not", async () => {
      await saveTimeRegistration(coordinator, hours("2017-W45", { meeting: 4, workgroup: 2 }), { now: NOW });
      const o = await teamTimeOverview(coordinator, { weeks: 4, now: NOW });
      expect(o.weeks.map((w) => w.week)).toEqual(["2017-W43", "2017-W44", "2017-W45", "2017-W46"]);
      const byName = Object.fromEntries(o.people.map((p) => [p.name, p]));
      expect(Object.keys(byName)).toEqual(["Anna", "Bart", "Coco"]); // not the volunteer
      expect(byName.Anna.cells.map((c) => c.total)).toEqual([null, null, null, 23.5]);
      expect(byName.Anna.cells.every((c) => c.expected)).toBe(true);
      expect(byName.Coco.cells.map((c) => c.total)).toEqual([null, null, 6, null]);
      expect(byName.Bart.missing).toBe(4);
      expect(o.missingTotal).toBe(3 + 4 + 3);
      expect(o.activityTotals).toEqual({ individual: 12, collective: 8.5, meeting: 6.25, workgroup: 2, other: 0.75 });
      await expect(teamTimeOverview(anna, { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("reminds about a missing last week once per person, in-app and by e-mail", async () => {
      const first = await sendTimeRegistrationReminders(t.db, { now: NOW });
      // Anna registered W46 in both teams; Bart and Coco did not; the volunteer is not asked.
      expect(first).toEqual({ week: "2017-W46", reminded: 2 });
      const again = await Promise.all([sendTimeRegistrationReminders(t.db, { now: NOW }), sendTimeRegistrationReminders(t.db, { now: NOW })]);
      expect(again.map((r) => r.reminded)).toEqual([0, 0]);
      const told = await t.db.select().from(notifications).where(eq(notifications.kind, "time_registration_missing"));
      expect(told.map((n) => n.userId).sort()).toEqual([bartId, coordinator.actor.userId].sort());
      expect(told[0].link).toBe("/t/noord/uren?week=2017-W46");
      const mails = await t.db
        .select()
        .from(outboxEmails)
        .where(sql`${outboxEmails.subject} like 'Wijkwerk: registreer je uren%'`);
      expect(mails).toHaveLength(2);
      expect(mails[0].textBody).toContain("/t/noord/uren?week=2017-W46");
      // The notice e-mail's frame, word for word.
      expect(mails[0].textBody).toMatch(
        /^Beste [^\n]+,\n\nJe hebt je uren van week 46 \(2017\) nog niet geregistreerd\. Het kost maar een paar seconden\.\n\nRegistreer je uren: https?:\/\/[^\n]+\/t\/noord\/uren\?week=2017-W46\n\nWijkwerk$/,
      );
      // A week later, W47 is the missing week: a new reminder.
      const next = await sendTimeRegistrationReminders(t.db, { now: new Date("2017-11-29T10:00:00+01:00") });
      expect(next).toEqual({ week: "2017-W47", reminded: 3 });
      // Someone who joined after last week is not reminded about it.
      const late = await createUser(t.db, team.municipalityId, { teamRoles: [{ teamId: team.id, role: "member" }] });
      await t.db
        .update(teamMemberships)
        .set({ validFrom: "2017-12-06" })
        .where(and(eq(teamMemberships.userId, late.id)));
      const after = await sendTimeRegistrationReminders(t.db, { now: new Date("2017-12-06T10:00:00+01:00") });
      expect(after.week).toBe("2017-W48");
      const lateTold = await t.db.select().from(notifications).where(eq(notifications.userId, late.id));
      expect(lateTold).toHaveLength(0);
    });
  });
}
