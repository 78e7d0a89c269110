// The audit chain is sealed after commit (migration 0015, ADR 0008): events
// are inserted unchained by audit_append(), audit_seal() links the committed
// ones in order. Concurrent writers never wait for each other's commit, the
// chain stays gap-free, an open transaction's event is sealed after it commits,
// and the table stays append-only apart from the sealing update itself.
import { auditEvents, eq, queryRows, sql, withScope } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, sealAuditChains, verifyAuditChain, type AuditEventInput } from "../src/audit";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, testMeta } from "./fixtures";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`audit chain sealed after commit on ${kind}`, () => {
    let t: TestDatabase;
    let m: { id: string };
    let team: { id: string };
    const event = (n: number): AuditEventInput => ({
      municipalityId: m.id,
      teamId: team.id,
      actor: null,
      action: "settings.updated",
      objectType: "test",
      objectId: String(n),
      meta: testMeta,
      data: { n },
    });
    const scope = () => ({ kind: "team" as const, municipalityId: m.id, teamId: team.id, userId: "00000000-0000-0000-0000-000000000000" });
    const unsealed = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events where hash is null`))[0].n;

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      m = await createMunicipality(t.db);
      team = await createTeam(t.db, m.id);
    });
    afterAll(() => t.drop());

    it("inserts events unchained and seals them into one gap-free chain", async () => {
      await sealAuditChains(t.db);
      const before = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events where municipality_id = ${m.id}`))[0].n;
      await Promise.all(Array.from({ length: 30 }, (_, i) => withScope(t.db, scope(), (tx) => appendAudit(tx, event(i)))));
      expect(await unsealed()).toBe(30);
      expect(await sealAuditChains(t.db)).toBe(30);
      expect(await unsealed()).toBe(0);
      const chain = await queryRows<{ chain_pos: string }>(t.db, sql`select chain_pos from audit_events where municipality_id = ${m.id} order by chain_pos`);
      expect(chain.map((r) => Number(r.chain_pos))).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
    });

    it("leaves nothing of a rolled-back command and no gap in the chain", async () => {
      await expect(
        withScope(t.db, scope(), async (tx) => {
          await appendAudit(tx, event(100));
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await unsealed()).toBe(0);
      await withScope(t.db, scope(), (tx) => appendAudit(tx, event(101)));
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
      expect(await unsealed()).toBe(0);
    });

    it("stays append-only: a sealed event cannot change, an unsealed one only gets its seal", async () => {
      await withScope(t.db, scope(), (tx) => appendAudit(tx, event(200)));
      const [open] = await t.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.hash} is null`);
      // Sealing and changing the content at once is refused …
      await expect(
        t.db
          .update(auditEvents)
          .set({ hash: "f".repeat(64), prevHash: "0".repeat(64), chainPos: 9999, result: "failure" })
          .where(eq(auditEvents.seq, open.seq)),
      ).rejects.toThrow();
      await expect(t.db.update(auditEvents).set({ result: "failure" }).where(eq(auditEvents.seq, open.seq))).rejects.toThrow();
      await sealAuditChains(t.db);
      // … and a sealed event cannot be re-sealed, changed or deleted.
      await expect(
        t.db
          .update(auditEvents)
          .set({ hash: "f".repeat(64) })
          .where(eq(auditEvents.seq, open.seq)),
      ).rejects.toThrow();
      await expect(t.db.delete(auditEvents).where(eq(auditEvents.seq, open.seq))).rejects.toThrow();
      // The application role cannot write the seal itself, not even for an unsealed event.
      await withScope(t.db, scope(), (tx) => appendAudit(tx, event(201)));
      await expect(
        withScope(t.db, scope(), (tx) =>
          tx.execute(sql`update audit_events set hash = repeat('f', 64), prev_hash = repeat('0', 64), chain_pos = 9999 where hash is null`),
        ),
      ).rejects.toThrow();
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
    });

    it("detects an event taken out of the sealed chain", async () => {
      await withScope(t.db, scope(), (tx) => appendAudit(tx, event(300)));
      await withScope(t.db, scope(), (tx) => appendAudit(tx, event(301)));
      await sealAuditChains(t.db);
      const [victim] = await queryRows<{ seq: string }>(t.db, sql`select seq from audit_events where object_id = '300'`);
      await t.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await t.db.execute(sql`delete from audit_events where seq = ${victim.seq}`);
      await t.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      const { breaks } = await verifyAuditChain(t.db);
      expect(breaks[0]).toMatchObject({ reason: "prev_hash_mismatch" });
    });
  });
}

describe("audit chain with a command still open (postgres)", () => {
  let t: TestDatabase;
  let m: { id: string };
  let team: { id: string };
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m = await createMunicipality(t.db);
    team = await createTeam(t.db, m.id);
  });
  afterAll(() => t.drop());

  it("seals what has committed without waiting for an open command, and that command's event after it commits", async () => {
    const scope = { kind: "team" as const, municipalityId: m.id, teamId: team.id, userId: "00000000-0000-0000-0000-000000000000" };
    const event = (n: number): AuditEventInput => ({
      municipalityId: m.id,
      teamId: team.id,
      actor: null,
      action: "settings.updated",
      objectType: "test",
      objectId: String(n),
      meta: testMeta,
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    // The slow command appends its event first (lower seq) and commits last.
    const slow = withScope(t.db, scope, async (tx) => {
      await appendAudit(tx, event(1));
      inserted();
      await held;
    });
    await insertedYet;
    // A second command is not blocked by the first one's open transaction.
    await withScope(t.db, scope, (tx) => appendAudit(tx, event(2)));
    await sealAuditChains(t.db);
    const position = async (n: number) =>
      (await queryRows<{ chain_pos: string | null }>(t.db, sql`select chain_pos from audit_events where object_id = ${String(n)} and object_type = 'test'`))[0]
        ?.chain_pos ?? null;
    expect(await position(1)).toBeNull(); // not committed yet: not visible, not sealed
    const second = Number(await position(2));
    release();
    await slow;
    await sealAuditChains(t.db);
    expect(Number(await position(1))).toBe(second + 1); // chained in commit order
    expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
  });
});
