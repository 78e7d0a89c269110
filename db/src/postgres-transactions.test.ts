// The rare 500 of test/route-access.test.ts ("UNSAFE_TRANSACTION: Only use
// sql.begin, sql.reserved or max: 1" in the server's log under many concurrent
// requests): postgres.js 3.4.9 could send a transaction's BEGIN without
// reserving its connection — when BEGIN was pipelined behind other queries at
// the pipeline's limit, or the socket was backed up (porsager/postgres#823,
// #1189). The transaction then failed, and its connection went back to the
// pool inside an open transaction. patches/postgres@3.4.9.patch reserves the
// connection whenever BEGIN was sent, and keeps a reserved connection out of
// the pool on a socket drain. This drives the first case deterministically:
// max_pipeline 1, so every BEGIN sent behind a running query is at the limit.
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

// max_pipeline is a connection option postgres.js reads but its types do not list.
const options = { max: 2, max_pipeline: 1, onnotice: () => {} };
const sql = postgres(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", options);
afterAll(() => sql.end({ timeout: 5 }));

describe("postgres.js transactions pipelined behind busy connections (patched driver)", () => {
  it("reserves the connection of every BEGIN: no UNSAFE_TRANSACTION, each transaction on its own backend, nothing left open", async () => {
    await Promise.all([sql`select 1`, sql`select 1`]);
    const failures: string[] = [];
    for (let round = 0; round < 5; round++) {
      // Both connections busy first (execute() sends at once), then transactions and plain queries behind them.
      const results = await Promise.allSettled([
        sql`select pg_sleep(0.03)`.execute(),
        sql`select pg_sleep(0.03)`.execute(),
        ...[1, 2, 3].map((n) =>
          sql.begin(async (tx) => {
            const [a] = await tx<{ pid: number; xid: string }[]>`select pg_backend_pid() as pid, txid_current()::text as xid`;
            const [b] = await tx<{ pid: number; xid: string }[]>`select pg_backend_pid() as pid, txid_current()::text as xid, ${n}::int as n`;
            return a.pid === b.pid && a.xid === b.xid;
          }),
        ),
        sql`select 3`.execute(),
      ]);
      for (const r of results)
        if (r.status === "rejected") failures.push(String((r.reason as { code?: string }).code ?? r.reason));
        else if (r.value === false) failures.push("a transaction's statements ran on two backends or in two transactions");
    }
    expect(failures).toEqual([]);
    // No connection went back to the pool inside a transaction: a plain statement is its own transaction.
    const [x] = await sql<{ a: string }[]>`select txid_current()::text as a`;
    const [y] = await sql<{ a: string }[]>`select txid_current()::text as a`;
    expect(x.a).not.toBe(y.a);
  });
});
