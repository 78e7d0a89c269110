// retryOnDeadlock (db/src/index.ts) against a real deadlock on PostgreSQL:
// two transactions lock the same two rows in opposite order; PostgreSQL
// aborts one, and the retry lets both commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresErrorCode, queryRows, retryOnDeadlock, sql } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table deadlock_probe (id int primary key, n int not null)`);
  await t.db.execute(sql`insert into deadlock_probe values (1, 0), (2, 0)`);
});
afterAll(async () => t?.drop());

/** Locks `first`, waits until the other transaction has locked its first row too, then locks `second`. */
function crossing(first: number, second: number, bothHoldOne: { arrive: () => Promise<void> }) {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${first}`);
    await bothHoldOne.arrive();
    await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${second}`);
  });
}

/** A barrier for two: the second arrival releases both (later arrivals pass at once). */
function barrier() {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  return { arrive: async () => (++arrived >= 2 ? release() : undefined, open) };
}

describe("retryOnDeadlock", () => {
  it("without it one of two crossing transactions fails with a deadlock (40P01)", async () => {
    const b = barrier();
    const results = await Promise.allSettled([crossing(1, 2, b), crossing(2, 1, b)]);
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(failed).toHaveLength(1);
    expect(postgresErrorCode(failed[0].reason)).toBe("40P01");
  });

  it("with it both commit: the aborted one runs again from the committed state", async () => {
    const [{ before }] = await queryRows<{ before: number }>(t.db, sql`select sum(n)::int as before from deadlock_probe`);
    const b = barrier();
    await Promise.all([retryOnDeadlock(() => crossing(1, 2, b)), retryOnDeadlock(() => crossing(2, 1, b))]);
    const [{ after }] = await queryRows<{ after: number }>(t.db, sql`select sum(n)::int as after from deadlock_probe`);
    expect(after - before).toBe(4);
  });

  it("does not retry other errors", async () => {
    let tries = 0;
    await expect(
      retryOnDeadlock(() => {
        tries++;
        return t.db.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(tries).toBe(1);
  });
});
