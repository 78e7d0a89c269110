import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect";

// Where a browser goes for a Location header: the WHATWG URL parser, relative to the page.
const ORIGIN = "https://wijkwerk.example.nl";
const browserTarget = (location: string) => new URL(location, `${ORIGIN}/inloggen`);
// Header values may not hold these (undici's Headers refuses them: a 500 in Remix).
const INVALID_HEADER_CHARS = /[\0\r\n]/;

describe("safeNextPath", () => {
  it("keeps same-origin paths with query and fragment", () => {
    expect(safeNextPath("/t/daalhof/werkbudget?status=ingediend#lijst")).toBe("/t/daalhof/werkbudget?status=ingediend#lijst");
    expect(safeNextPath("/uitnodiging/abc-123")).toBe("/uitnodiging/abc-123");
    expect(safeNextPath("/werkgroepen/zoeken?q=schuld%20hulp")).toBe("/werkgroepen/zoeken?q=schuld%20hulp");
  });

  it.each([
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example/pad"],
    ["\t//evil.example"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\/evil.example"],
    ["/\\/evil.example"],
    ["/.//evil.example"],
    ["/%2e//evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["evil.example"],
    [" /evil"],
    [""],
  ])("never leaves the site for %j", (next) => {
    const result = safeNextPath(next, "/");
    expect(browserTarget(result).origin).toBe(ORIGIN);
    expect(result).not.toMatch(INVALID_HEADER_CHARS);
    expect(result.startsWith("/")).toBe(true);
  });

  it("answers the fallback for targets on another host", () => {
    expect(safeNextPath("/\t/evil.example", "/start")).toBe("/start");
    expect(safeNextPath("/.//evil.example", "/start")).toBe("/start");
    expect(safeNextPath(null, "/start")).toBe("/start");
  });

  it("gives a valid Location header for a newline or NUL inside the path", () => {
    const result = safeNextPath("/t/daalhof\n/leden\0");
    expect(result).not.toMatch(INVALID_HEADER_CHARS);
    expect(() => new Headers({ Location: result })).not.toThrow();
    expect(browserTarget(result).origin).toBe(ORIGIN);
  });

  it("never leaves the site for any string (property)", () => {
    const piece = fc.constantFrom(
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      ".",
      "%2e",
      "%2f",
      "%5c",
      ":",
      "@",
      "evil.example",
      "javascript:",
      "?",
      "#",
      "\0",
      "\u00a0",
      "t",
      "%",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 8 }), (parts) => {
        const result = safeNextPath(parts.join(""));
        expect(browserTarget(result).origin).toBe(ORIGIN);
        expect(result).not.toMatch(INVALID_HEADER_CHARS);
        expect(() => new Headers({ Location: result })).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
