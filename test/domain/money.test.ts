import { allocate } from "dinero.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatMoney, minorUnits, money, parseMinorUnits, shareOfMinor } from "../../app/domain/money";

describe("money", () => {
  it.each([
    ["12.50", "GBP", 1250],
    ["12.5", "SAR", 1250],
    ["1250", "JPY", 1250],
    ["12.345", "KWD", 12345],
    ["0.001", "KWD", 1],
  ])("GIVEN %s %s THEN it is %i minor units", (text, currency, minor) => {
    expect(parseMinorUnits(text, currency)).toBe(minor);
    expect(formatMoney(money(minor, currency))).toBe(currency === "SAR" ? "12.50" : text);
  });

  it.each([
    ["12.505", "GBP"],
    ["1.5", "JPY"],
    ["12.3456", "KWD"],
    ["12,50", "GBP"],
  ])("GIVEN %s %s THEN it is refused", (text, currency) => {
    expect(() => parseMinorUnits(text, currency)).toThrow();
  });

  it("GIVEN an unknown currency THEN it is refused", () => {
    expect(() => parseMinorUnits("1.00", "XYZ")).toThrow(/unknown currency/);
  });

  it("GIVEN any total split evenly over units THEN the largest shares are what dinero's allocate gives", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (total, whole, part) => {
          const shares = allocate(money(total, "KWD"), new Array<number>(whole).fill(1)).map(minorUnits).sort((a, b) => b - a);
          const expected = shares.slice(0, Math.min(part, whole)).reduce((a, b) => a + b, 0);
          expect(shareOfMinor(total, part, whole)).toBe(expected);
        },
      ),
    );
  });
});

describe("parsing agrees with plain decimal arithmetic", () => {
  it("GIVEN any amount written with at most the currency's decimals THEN it parses to its minor units", () => {
    fc.assert(
      fc.property(fc.constantFrom(["JPY", 0], ["GBP", 2], ["KWD", 3]) as fc.Arbitrary<[string, number]>, fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(3), ([code, exponent], minor, dropped) => {
        const text = exponent === 0 ? String(minor) : `${Math.floor(minor / 10 ** exponent)}.${String(minor % 10 ** exponent).padStart(exponent, "0")}`;
        // Trailing zeros may be left off ("12.5" for 12.50).
        const shortened = exponent > 0 && dropped > 0 ? text.replace(new RegExp(`0{1,${Math.min(dropped, exponent)}}$`), "").replace(/\.$/, "") : text;
        expect(parseMinorUnits(shortened, code)).toBe(minor);
      }),
    );
  });

  it.each(["", ".", "1.", ".5", "1..2", "1.2.3", "-", "+1", "1e3", " "])("GIVEN %j THEN it is refused", (text) => {
    expect(() => parseMinorUnits(text, "GBP")).toThrow();
  });
});
