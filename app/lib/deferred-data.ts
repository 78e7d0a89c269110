// Whether a page streams (app/entry.server.tsx): only a page with deferred data does.
import type { EntryContext } from "@remix-run/node";

/** Whether a route's loader data holds a promise (deferred data, which an <Await> shows as it comes). */
export function hasDeferredData(context: Pick<EntryContext, "staticHandlerContext">): boolean {
  return Object.values(context.staticHandlerContext.loaderData ?? {}).some(
    (data) => data !== null && typeof data === "object" && Object.values(data).some((value) => value instanceof Promise),
  );
}
