import { describe, expect, it } from "vitest";
import { hasDeferredData } from "./deferred-data";

const context = (loaderData: Record<string, unknown>) => ({ staticHandlerContext: { loaderData } }) as unknown as Parameters<typeof hasDeferredData>[0];

describe("which pages stream", () => {
  it("a page whose loader returns a promise among its values streams; every other page is sent whole", () => {
    expect(hasDeferredData(context({ root: { user: null }, "routes/x": { rows: [1, 2], total: 2 } }))).toBe(false);
    expect(hasDeferredData(context({ root: null, "routes/x": "text" }))).toBe(false);
    expect(hasDeferredData(context({}))).toBe(false);
    const later = new Promise(() => {});
    expect(hasDeferredData(context({ root: { user: null }, "routes/x": { chapters: later } }))).toBe(true);
  });
});
