// The request log and the request id (docs/operations.md, "Logboek (pino)"):
// an Express middleware in front of the request gate (server.js). It gives
// every request an id (echoed in the `X-Request-Id` response header, passed
// to Remix in the load context, written into audit events and shown on the
// 500 page), and when the answer is sent writes one JSON line: request id,
// method, Remix route id, status, duration, and the user and tenant ids the
// checkpoint noted — never the URL's query, a body, a name or an e-mail
// address. The same numbers feed the request duration histogram.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { logger, requestIdFor, runInRequest, type RequestState } from "./logger.server";
import { observeRequest } from "./metrics.server";

type RouteTree = AgnosticRouteObject & { id: string; children?: RouteTree[] };

/** The build's flat route manifest as the nested tree react-router matches against. */
export function routeTree(routes: ServerBuild["routes"]): RouteTree[] {
  const byParent = new Map<string | undefined, ServerBuild["routes"][string][]>();
  for (const route of Object.values(routes)) {
    const list = byParent.get(route.parentId) ?? [];
    list.push(route);
    byParent.set(route.parentId, list);
  }
  const build = (parentId: string | undefined): RouteTree[] =>
    (byParent.get(parentId) ?? []).map((r) => {
      const children = build(r.id);
      return (
        r.index ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children }
      ) as RouteTree;
    });
  return build(undefined);
}

/**
 * The Remix route id a path is answered by (the deepest match), for the log
 * and the metrics: `routes/t.$team.werkbudget.$spendId`, never the URL with
 * its ids. Single-fetch data requests (`/x.data`, `/_root.data`) count for
 * their page. "unmatched" when no route matches (the 404 page).
 */
export function routeIdFor(tree: RouteTree[], pathname: string): string {
  let path = pathname;
  if (path === "/_root.data") path = "/";
  else if (path.endsWith(".data")) path = path.slice(0, -".data".length);
  try {
    decodeURIComponent(path);
  } catch {
    return "unmatched"; // a malformed percent-encoding no route can answer
  }
  const matches = matchRoutes(tree, path);
  const last = matches?.[matches.length - 1]?.route as RouteTree | undefined;
  return last?.id ?? "unmatched";
}

/**
 * server.js's first middleware for everything that is not a static file.
 * Fixed paths that Remix does not answer (/metrics) get their own route id.
 */
export function createRequestLogger(build: ServerBuild, fixed: Record<string, string> = { "/metrics": "metrics" }) {
  const tree = routeTree(build.routes);
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const state: RequestState = { requestId: requestIdFor(req.headers["x-request-id"]) };
    res.locals.requestId = state.requestId;
    res.setHeader("X-Request-Id", state.requestId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pathname = (req.originalUrl ?? "/").split("?")[0];
      const route = fixed[pathname] ?? routeIdFor(tree, pathname);
      // A client that went away before the answer was complete: 499, as nginx logs it.
      const status = res.writableFinished ? res.statusCode : 499;
      observeRequest(route, req.method, status, seconds);
      const line = {
        requestId: state.requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(state.userId ? { userId: state.userId } : {}),
        ...(state.municipalityId ? { municipalityId: state.municipalityId } : {}),
        ...(state.teamId ? { teamId: state.teamId } : {}),
        ...(state.partnerId ? { partnerId: state.partnerId } : {}),
      };
      if (status >= 500) logger.error(line, "request");
      else logger.info(line, "request");
    };
    res.on("finish", done);
    res.on("close", done);
    runInRequest(state, next);
  };
}
