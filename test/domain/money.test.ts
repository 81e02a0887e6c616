import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { dinero } from "dinero.js";
import { GBP } from "dinero.js/currencies";

import { currencyOf, exponentOf, formatMinorUnits, formatMoney, formatMoneyIn, formatMoneyNarrow, minorUnits, money, MoneyError, parseMinorUnits, parseMoney, shareOfMinor, shopLocale } from "../../app/domain/money";

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

  it.each([
    ["1250.0", "JPY", 1250],
    ["12500.000", "JPY", 12500],
    ["12.50000", "GBP", 1250],
    ["41.1750", "KWD", 41175],
  ])("GIVEN %s %s as Shopify prints it THEN the trailing zeros are accepted (%i)", (text, currency, minor) => {
    expect(parseMinorUnits(text, currency)).toBe(minor);
  });

  it.each([
    ["1250.5", "JPY"],
    ["12.501", "GBP"],
    ["41.1751", "KWD"],
  ])("GIVEN %s %s with real precision the currency lacks THEN it is refused", (text, currency) => {
    expect(() => parseMinorUnits(text, currency)).toThrow(/more decimals/);
  });

  it("GIVEN three one-unit returns of a 3-unit line with 1.00 off each THEN they give back exactly 3.00 of discount", () => {
    // floor(300 × 1 ÷ 3) = 100, then floor(300 × 2 ÷ 3) − 100 = 100, then 300 − 200 = 100.
    expect([0, 1, 2].map((already) => shareOfMinor(300, 1, 3, already))).toEqual([100, 100, 100]);
    expect([0, 1, 2].map((already) => shareOfMinor(100, 1, 3, already))).toEqual([33, 33, 34]);
  });

  it("GIVEN any total THEN the first k units carry floor(total × k ÷ units), and all of them the whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), (total, whole, part) => {
        const k = Math.min(part, whole);
        expect(shareOfMinor(total, part, whole)).toBe(Math.floor((total * k) / whole));
      }),
    );
  });

  it("GIVEN amounts beyond what a double multiplies exactly THEN shares stay exact", () => {
    const total = 2 ** 50 + 7;
    expect(shareOfMinor(total, 999, 1000)).toBe(Number((BigInt(total) * 999n) / 1000n));
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

describe("parse and print round-trip for every decimal exponent", () => {
  // ISO 4217 currencies with 0, 2 and 3 decimals (no base-10 currency has exactly 1).
  const CURRENCIES = fc.constantFrom(["JPY", 0], ["KRW", 0], ["GBP", 2], ["EUR", 2], ["KWD", 3], ["BHD", 3]) as fc.Arbitrary<[string, number]>;

  it("GIVEN any amount THEN printing with the currency's own decimals and parsing gives it back", () => {
    fc.assert(
      fc.property(CURRENCIES, fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), ([code, exponent], minor) => {
        const printed = formatMinorUnits(minor, code);
        expect(printed.split(".")[1]?.length ?? 0).toBe(exponent);
        expect(parseMinorUnits(printed, code)).toBe(minor);
      }),
    );
  });

  it("GIVEN any amount printed as Shopify prints it (at least one decimal, trailing zeros dropped or padded) THEN it parses back exactly", () => {
    fc.assert(
      fc.property(CURRENCIES, fc.integer({ min: 0, max: 2 ** 50 }), fc.nat(4), ([code], minor, padding) => {
        const own = formatMinorUnits(minor, code);
        const trimmed = own.includes(".") ? own.replace(/0+$/, "").replace(/\.$/, ".0") : `${own}.0`;
        expect(parseMinorUnits(trimmed + "0".repeat(padding), code)).toBe(minor);
        expect(formatMinorUnits(parseMinorUnits(trimmed, code), code)).toBe(own);
      }),
    );
  });

  it("GIVEN a non-zero digit past the currency's decimals THEN it is refused, whatever the exponent", () => {
    fc.assert(
      fc.property(CURRENCIES, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 9 }), ([code, exponent], minor, digit) => {
        const own = formatMinorUnits(minor, code);
        const extra = exponent === 0 ? `${own}.${digit}` : `${own}${digit}`;
        expect(() => parseMinorUnits(extra, code)).toThrow(/more decimals/);
      }),
    );
  });
});

describe("money shown to the merchant", () => {
  it.each([
    [4410, "GBP", "en-GB", "£44.10"],
    [1250, "JPY", "en-GB", "JP¥1,250"],
    [1250, "JPY", "ja-JP", "￥1,250"],
    [41175, "KWD", "en-GB", "KWD 41.175"],
    [123456789, "EUR", "fr-FR", "1 234 567,89 €"],
    [-500, "GBP", "en-GB", "-£5.00"],
  ])("GIVEN %i minor units of %s in %s THEN it reads %s", (minor, currency, locale, text) => {
    expect(formatMoneyIn(minor, currency, locale).replace(/\u202f|\u00a0/g, " ")).toBe(text);
  });

  it("GIVEN an amount past a double's exact range THEN every digit the ledger holds is printed", () => {
    expect(formatMoneyIn(9007199254740991, "GBP", "en-GB")).toBe("£90,071,992,547,409.91");
  });

  it("GIVEN a locale that is not a tag THEN English is used rather than an error", () => {
    expect(formatMoneyIn(4410, "GBP", "not a locale!!")).toBe("£44.10");
  });

  it.each([
    ["en", "GB", "en-GB"],
    ["fr-CA", "FR", "fr-FR"],
    [null, "JP", "en-JP"],
    ["en", "", "en"],
  ])("GIVEN the admin's language %s and the shop's country %s THEN the locale is %s", (language, country, locale) => {
    expect(shopLocale(language, country)).toBe(locale);
  });
});

describe("reading amounts exactly", () => {
  it("GIVEN a currency code in lower case THEN it is the same currency", () => {
    expect(currencyOf("gbp").code).toBe("GBP");
    expect(exponentOf("jpy")).toBe(0);
    expect(exponentOf("KWD")).toBe(3);
  });

  it("GIVEN a minus sign or spaces around the amount THEN it is read as a negative amount, the spaces ignored", () => {
    expect(parseMinorUnits(" -12.50 ", "GBP")).toBe(-1250);
    expect(parseMinorUnits("-0.05", "GBP")).toBe(-5);
    expect(parseMinorUnits("7", "GBP")).toBe(700);
  });

  it.each(["", "-", ".50", "12.", "1.2.3", "12/50", "12:50", "--1", "1-2", "1 2"])("GIVEN %o THEN it is not a decimal amount", (text) => {
    expect(() => parseMinorUnits(text, "GBP")).toThrow(/is not a decimal amount/);
  });

  it("GIVEN more minor units than a double holds exactly THEN the amount is refused as too large", () => {
    expect(() => parseMinorUnits("90071992547409.92", "GBP")).toThrow(/too large/);
    expect(parseMinorUnits("90071992547409.91", "GBP")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("GIVEN a decimal amount THEN parseMoney holds it exactly in its currency", () => {
    expect(minorUnits(parseMoney("12.50", "GBP"))).toBe(1250);
    expect(formatMoney(parseMoney("41.175", "KWD"))).toBe("41.175");
  });

  it("GIVEN a fraction of a minor unit THEN no money value is made of it", () => {
    expect(() => money(12.5, "GBP")).toThrow(MoneyError);
    expect(() => money(Number.NaN, "GBP")).toThrow(/not a whole number of minor units/);
  });

  it("GIVEN an amount held at a finer scale than its currency's THEN its minor units are refused rather than misread", () => {
    expect(minorUnits(money(1250, "GBP"))).toBe(1250);
    expect(() => minorUnits(dinero({ amount: 12500, currency: GBP, scale: 3 }))).toThrow(/not at the currency's own scale/);
  });

  it("GIVEN minor units THEN they print with the currency's own decimals", () => {
    expect(formatMinorUnits(1250, "JPY")).toBe("1250");
    expect(formatMinorUnits(41175, "KWD")).toBe("41.175");
    expect(formatMinorUnits(-5, "GBP")).toBe("-0.05");
  });
});

describe("money shown to the shopper: the narrow symbol", () => {
  it.each([
    [-1940, "GBP", "fr-FR", "-19,40 £"],
    [8500, "GBP", "ar", "\u200f85.00 £"],
    [8500, "USD", "en-CA", "$85.00"],
    [1250, "JPY", "fr", "1 250 ¥"],
    [500, "XAF", "en", "FCFA 500"],
  ])("GIVEN %i minor units of %s in %s THEN it reads %s: a symbol that only adds a country to the plain one is the plain one", (minor, currency, locale, text) => {
    expect(formatMoneyNarrow(minor, currency, locale).replace(/\u202f|\u00a0/g, " ")).toBe(text);
  });

  it("GIVEN a symbol in the locale's own script THEN it is kept", () => {
    expect(formatMoneyNarrow(41175, "KWD", "ar-KW")).toContain("د.ك.");
  });
});

describe("the shop's locale", () => {
  it.each([
    ["!!", "GB", "en-GB"],
    ["fr", "gb", "fr-GB"],
    ["fr", "GBR", "fr"],
    [undefined, null, "en"],
    ["", "JP", "en-JP"],
  ])("GIVEN the language %o and the country %o THEN the locale is %s (a bad language is English, a bad country no region)", (language, country, locale) => {
    expect(shopLocale(language, country)).toBe(locale);
  });
});

describe("discount shares at the edges (CONTRACT rule 7)", () => {
  it("GIVEN no units, no discount or a line of no units THEN the share is nothing", () => {
    expect(shareOfMinor(300, 0, 3)).toBe(0);
    expect(shareOfMinor(0, 2, 3)).toBe(0);
    expect(shareOfMinor(300, 1, 0)).toBe(0);
  });

  it("GIVEN a negative total THEN the shares are its mirror image, rounded towards zero", () => {
    expect([0, 1, 2].map((already) => shareOfMinor(-100, 1, 3, already))).toEqual([-33, -33, -34]);
  });

  it("GIVEN more units asked for than the line has left THEN only what is left is shared; a negative count of earlier refunds counts as none", () => {
    expect(shareOfMinor(300, 5, 3, 1)).toBe(200);
    expect(shareOfMinor(300, 1, 3, 3)).toBe(0);
    expect(shareOfMinor(300, 1, 3, -2)).toBe(100);
  });
});
