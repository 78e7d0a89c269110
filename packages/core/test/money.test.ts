import { describe, expect, it } from "vitest";
import { centsToEuroInput, parseEuroToCents } from "../src/common/money";

describe("parseEuroToCents", () => {
  it.each([
    ["0", 0],
    ["12", 1200],
    ["007", 700],
    ["12,5", 1250],
    ["12,50", 1250],
    ["12,05", 1205],
    ["0,99", 99],
    ["1234,5", 123450],
    ["1234,56", 123456],
    ["1.234,56", 123456],
    ["1.234", 123400],
    ["12.345", 1234500],
    ["1.234.567,89", 123456789],
    ["12.50", 1250],
    ["12.5", 1250],
    ["0.99", 99],
    ["1234.56", 123456],
    ["€ 12", 1200],
    ["€12", 1200],
    ["€ 1.234,56", 123456],
    ["EUR 12,50", 1250],
    ["eur 12", 1200],
    ["  12,50  ", 1250],
    ["€\u00a012,50", 1250],
    ["12,-", 1200],
    ["12,--", 1200],
    ["999999999999", 99999999999900],
  ])("%j → %d cents", (input, cents) => {
    expect(parseEuroToCents(input)).toBe(cents);
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["€", "currency sign only"],
    ["-12", "negative"],
    ["-12,50", "negative with decimals"],
    ["€ -12", "negative after the sign"],
    ["+12", "explicit plus"],
    ["12,345", "three decimals"],
    ["1.234,567", "three decimals after thousands"],
    ["12.345,6.7", "dot after the comma"],
    ["12,", "comma without decimals"],
    [",50", "no whole euros"],
    [".50", "no whole euros with dot"],
    ["12,5,0", "two commas"],
    ["1,234.56", "English thousands"],
    ["1.23.456", "badly grouped thousands"],
    ["12.3456", "dot then four digits"],
    ["1.2345,00", "thousands group of four"],
    ["12.50.", "trailing dot"],
    ["abc", "letters"],
    ["12a", "letters after digits"],
    ["12 euro", "word after the amount"],
    ["1 234", "space inside the number"],
    ["1e3", "exponent"],
    ["0x10", "hex"],
    ["Infinity", "infinity"],
    ["NaN", "NaN"],
    ["12,5€", "currency sign after"],
    ["1234567890123", "too many digits"],
  ])("rejects %j (%s)", (input) => {
    expect(parseEuroToCents(input)).toBeNull();
  });

  it("returns integer cents without floating point drift", () => {
    for (const input of ["0,29", "0,57", "1,15", "4,35", "19,99", "1.005,01"]) {
      const cents = parseEuroToCents(input);
      expect(Number.isInteger(cents)).toBe(true);
    }
    expect(parseEuroToCents("0,29")).toBe(29);
    expect(parseEuroToCents("4,35")).toBe(435);
  });
});

describe("centsToEuroInput", () => {
  it.each([
    [123456, "1234,56"],
    [1200, "12,00"],
    [5, "0,05"],
    [0, "0,00"],
    [1_600_000, "16000,00"],
  ])("%d → %j", (cents, text) => {
    expect(centsToEuroInput(cents)).toBe(text);
  });

  it("is empty for no amount", () => {
    expect(centsToEuroInput(null)).toBe("");
    expect(centsToEuroInput(undefined)).toBe("");
  });

  it("round-trips through parseEuroToCents", () => {
    for (const cents of [1, 99, 100, 12345, 100_000_000]) expect(parseEuroToCents(centsToEuroInput(cents))).toBe(cents);
  });
});
