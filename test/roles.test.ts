// WIJKWERK_ROLE and /readyz on the real `node server.js` over PostgreSQL:
// a web instance serves pages and runs no jobs, and is not ready while no
// worker has installed the job queue; a worker instance runs the jobs and
// answers only /healthz and /readyz; /readyz names what is missing (queue,
// migrations) in a few words. Run `pnpm build` first.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { startAppServer } from "./support/app-server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("postgres");
}, 180_000);
afterAll(async () => {
  await t?.drop();
});

const get = async (url: string) => {
  const res = await fetch(url, { redirect: "manual" });
  return `${res.status} ${(await res.text()).slice(0, 40)}`;
};
const scheduleRows = async () => Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from job_schedules`))[0].n);

async function eventually(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("WIJKWERK_ROLE", () => {
  it("refuses an unknown role before it opens anything", () => {
    const r = spawnSync(process.execPath, ["server.js"], {
      env: { ...process.env, WIJKWERK_ROLE: "beide", DATABASE_URL: t.url! },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("WIJKWERK_ROLE moet web, worker of all zijn");
  });

  it("web serves, worker works, /readyz tells what is missing", async () => {
    const web = await startAppServer({ db: t, env: { WIJKWERK_ROLE: "web" } });
    try {
      expect(await get(`${web.url}/healthz`)).toBe("200 ok");
      expect((await get(`${web.url}/inloggen`)).startsWith("200")).toBe(true);
      // No worker has installed the queue yet.
      expect(await get(`${web.url}/readyz`)).toBe("503 niet klaar: wachtrij niet beschikbaar");
      await new Promise((r) => setTimeout(r, 1500));
      expect(await scheduleRows()).toBe(0); // the web role schedules nothing

      const worker = await startAppServer({ db: t, env: { WIJKWERK_ROLE: "worker" } });
      try {
        expect(await get(`${worker.url}/healthz`)).toBe("200 ok");
        expect((await get(`${worker.url}/inloggen`)).startsWith("404")).toBe(true);
        await eventually(async () => (await get(`${worker.url}/readyz`)) === "200 ok");
        await eventually(async () => (await scheduleRows()) > 0); // the audit sealer's slots at least
        expect(await get(`${web.url}/readyz`)).toBe("200 ok");

        // A migration this build ships but the database lacks: not ready, on both.
        await t.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
        expect(await get(`${web.url}/readyz`)).toBe("503 niet klaar: migraties niet bijgewerkt");
        expect(await get(`${worker.url}/readyz`)).toBe("503 niet klaar: migraties niet bijgewerkt");
      } finally {
        await worker.stop();
      }
      expect(worker.output()).toContain("Wijkwerk is gestopt.");
    } finally {
      await web.stop();
    }
  }, 120_000);
});
