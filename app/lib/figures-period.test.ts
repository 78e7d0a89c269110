import { describe, expect, it } from "vitest";
import { addMonths, monthCount, parsePeriod, periodPresets } from "./figures-period";

const q = (s: string) => new URLSearchParams(s);

describe("the figures period", () => {
  it("without months: this calendar year so far; the quick choices for a date", () => {
    expect(parsePeriod(q(""), "2026-12-04")).toEqual({ ok: true, period: { from: "2026-01", to: "2026-12" }, values: { van: "2026-01", tot: "2026-12" } });
    expect(parsePeriod(q(""), "2027-03-01")).toMatchObject({ ok: true, period: { from: "2027-01", to: "2027-03" } });
    expect(periodPresets("2026-12-04")).toEqual({
      thisYear: { from: "2026-01", to: "2026-12" },
      lastYear: { from: "2025-01", to: "2025-12" },
      all: { from: "2007-01", to: "2026-12" },
    });
    expect(monthCount(periodPresets("2026-05-31").all.from, "2026-05")).toBe(240);
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 13)).toBe("2027-01");
  });

  it("two valid months pass as typed", () => {
    expect(parsePeriod(q("van=2013-04&tot=2014-03"), "2026-12-04")).toMatchObject({ ok: true, period: { from: "2013-04", to: "2014-03" } });
  });

  it("refuses with a Dutch message at the field, keeping what was typed", () => {
    expect(parsePeriod(q("van=2026-13&tot=2026-02"), "2026-12-04")).toEqual({
      ok: false,
      values: { van: "2026-13", tot: "2026-02" },
      errors: { van: ["Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01."] },
    });
    expect(parsePeriod(q("van=2026-01"), "2026-12-04")).toMatchObject({ ok: false, errors: { tot: ["Vul een maand in."] } });
    expect(parsePeriod(q("van=2026-06&tot=2026-05"), "2026-12-04")).toMatchObject({
      ok: false,
      errors: { tot: ["De laatste maand ligt vóór de eerste maand."] },
    });
    expect(parsePeriod(q("van=2006-12&tot=2026-12"), "2026-12-04")).toMatchObject({ ok: false, errors: { van: ["Kies een periode van hoogstens 20 jaar."] } });
    expect(parsePeriod(q("van=1999-12&tot=2000-01"), "2026-12-04")).toMatchObject({ ok: false, errors: { van: ["Kies een maand tussen 2000 en 2100."] } });
  });
});
