// The patch of @remix-run/router (patches/@remix-run__router@1.23.3.patch, docs/benchmarks.md "the workbudget
// dashboard at 50 users"): the server's route matching ranks a routes array's branches once and compiles a
// route's pattern once, instead of on every match (≈ 3 ms of the one Node thread per page over ≈ 150 routes).
// Checked here: it is the router the server runs, and matching is as before — per array, per pattern, per option.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The router as @remix-run/server-runtime loads it (Node's require: the CommonJS build the patch changes).
const fromServerRuntime = createRequire(createRequire(import.meta.url).resolve("@remix-run/node"));
const serverRuntime = path.dirname(fromServerRuntime.resolve("@remix-run/server-runtime"));
const routerFile = createRequire(path.join(serverRuntime, "index.js")).resolve("@remix-run/router");
const router = createRequire(import.meta.url)(routerFile) as typeof import("@remix-run/router");

const ids = (matches: { route: { id?: string } }[] | null) => matches?.map((m) => m.route.id) ?? null;

describe("the patched route matching", () => {
  it("is the router the server loads", () => {
    expect(readFileSync(routerFile, "utf8")).toContain("rankedBranchesByRoutes");
  });

  it("matches as before, each routes array by its own routes", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "index", index: true },
          {
            id: "team",
            path: "t/:team",
            children: [
              { id: "spend", path: "werkbudget/:spendId" },
              { id: "new", path: "werkbudget/nieuw" },
            ],
          },
          { id: "splat", path: "*" },
        ],
      },
    ];
    expect(ids(router.matchRoutes(routes, "/t/noord/werkbudget/nieuw"))).toEqual(["root", "team", "new"]);
    expect(ids(router.matchRoutes(routes, "/t/noord/werkbudget/42"))).toEqual(["root", "team", "spend"]);
    expect(router.matchRoutes(routes, "/t/noord/werkbudget/42")?.at(-1)?.params).toEqual({ team: "noord", spendId: "42", "*": undefined });
    expect(ids(router.matchRoutes(routes, "/"))).toEqual(["root", "index"]);
    expect(ids(router.matchRoutes(routes, "/elders"))).toEqual(["root", "splat"]);
    // Another array (another build, another request's routes): matched by its own routes, not the first one's.
    const other = [{ id: "only", path: "/t/:team" }];
    expect(ids(router.matchRoutes(other, "/t/noord"))).toEqual(["only"]);
    expect(router.matchRoutes(other, "/t/noord/werkbudget/nieuw")).toBeNull();
    expect(ids(router.matchRoutes(routes, "/t/noord/werkbudget/nieuw"))).toEqual(["root", "team", "new"]);
  });

  it("compiles a pattern per option: to the end or not, case-sensitive or not", () => {
    expect(router.matchPath({ path: "/a/:id", end: false }, "/a/1/b")?.params).toEqual({ id: "1" });
    expect(router.matchPath({ path: "/a/:id", end: true }, "/a/1/b")).toBeNull();
    expect(router.matchPath({ path: "/A/:id", caseSensitive: false }, "/a/1")?.params).toEqual({ id: "1" });
    expect(router.matchPath({ path: "/A/:id", caseSensitive: true }, "/a/1")).toBeNull();
    expect(router.matchPath({ path: "/A/:id", caseSensitive: true }, "/A/1")?.params).toEqual({ id: "1" });
  });
});
