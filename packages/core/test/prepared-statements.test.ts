// Queries on PostgreSQL go out as named prepared statements (one round trip,
// parsed once per connection; db/src/index.ts), unless DATABASE_PREPARE=false.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, municipalities, openDatabase, queryRows, sql, type DbHandle } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** Runs a query with a parameter twice in one transaction and returns how many of the connection's prepared statements hold its text. */
async function preparedCopies(handle: DbHandle): Promise<number> {
  return handle.db.transaction(async (tx) => {
    for (let i = 0; i < 2; i++)
      await tx
        .select({ id: municipalities.id })
        .from(municipalities)
        .where(eq(municipalities.slug, `nergens-${i}`));
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from pg_prepared_statements where statement like '%from "municipalities" where "municipalities"."slug" = $1%'`,
    );
    return row.n;
  });
}

describe("prepared statements", () => {
  it("keeps one named statement per query text on the connection", async () => {
    // One connection, so both runs of the query meet the same statement cache.
    const handle = await openDatabase({ url: t.url! });
    try {
      expect(await preparedCopies(handle)).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it("sends unnamed statements with DATABASE_PREPARE=false", async () => {
    process.env.DATABASE_PREPARE = "false";
    const handle = await openDatabase({ url: t.url! });
    try {
      expect(await preparedCopies(handle)).toBe(0);
    } finally {
      delete process.env.DATABASE_PREPARE;
      await handle.close();
    }
  });
});
