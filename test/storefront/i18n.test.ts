import { describe, expect, it } from "vitest";

import { currencyOf } from "../../app/domain/money";
import { SHOPPER_MESSAGES, shopperMessage, type ShopperMessageKey } from "../../app/schemas/messages";
import { direction, formatAmount, formatDate, formattingLocaleOf, localeOf, localiseMessage, translator, LOCALES } from "../../app/storefront/i18n";

// Intl separates with no-break spaces; compared as plain spaces.
const amount = (minor: number, currency: string, locale: "en" | "fr" | "ar") => formatAmount(minor, currency, locale, currencyOf(currency).exponent).replace(/\s/g, " ");

describe("the shopper pages' languages", () => {
  it("GIVEN storefront locales WHEN mapped THEN fr-CA is French, ar-SA Arabic and right to left, anything else English", () => {
    expect([localeOf("fr-CA"), localeOf("ar_SA"), localeOf("de"), localeOf(null)]).toEqual(["fr", "ar", "en", "en"]);
    expect([direction("ar"), direction("fr")]).toEqual(["rtl", "ltr"]);
  });

  it("GIVEN every message WHEN translated THEN French and Arabic have each English key", () => {
    const en = translator("en");
    for (const locale of LOCALES) {
      const t = translator(locale);
      expect(t("returnable", { date: "X" })).toContain("X");
      expect(t("title")).not.toBe("title");
    }
    expect(en("openOrder", { name: "#1001" })).toBe("Get help with order #1001");
  });

  it("GIVEN each message the request flow writes about the shopper's input WHEN shown on a French or Arabic page THEN it is translated with its values kept; the merchant's own words are left as written", () => {
    const values = { n: 7, name: "ring.jpg", number: 12, mb: 10, type: "PDF" };
    for (const key of Object.keys(SHOPPER_MESSAGES) as ShopperMessageKey[]) {
      const english = shopperMessage(key, values);
      expect(localiseMessage("en", english)).toBe(english);
      for (const locale of ["fr", "ar"] as const) {
        const shown = localiseMessage(locale, english);
        expect(shown, `${key} in ${locale}`).not.toBe(english);
        for (const [name, value] of Object.entries(values)) if (SHOPPER_MESSAGES[key].includes(`{${name}}`)) expect(shown).toContain(String(value));
      }
    }
    expect(localiseMessage("fr", "For hygiene reasons we cannot exchange earrings.")).toBe("For hygiene reasons we cannot exchange earrings.");
  });

  it("GIVEN 0-, 2- and 3-decimal currencies WHEN formatted THEN each shows its own decimals, exactly, in each locale", () => {
    expect(amount(21_600, "GBP", "en")).toBe("£216.00");
    expect(amount(1_234_567, "JPY", "en")).toBe("¥1,234,567");
    expect(amount(12_345, "KWD", "en")).toBe("KWD 12.345");
    expect(amount(21_600, "EUR", "fr")).toBe("216,00 €");
    expect(amount(12_345, "KWD", "ar")).toMatch(/12[.,٫]345/);
    // Exact beyond a double's precision: minor units go in as a decimal string, never a float.
    expect(amount(900_719_925_474_099, "GBP", "en")).toBe("£9,007,199,254,740.99");
    expect(amount(-2_400, "GBP", "en")).toBe("-£24.00");
  });

  it("GIVEN a shop-local date WHEN formatted THEN the day does not move with the server's zone", () => {
    expect(formatDate("2026-12-25", "en")).toBe("December 25, 2026");
    expect(formatDate("2026-12-25", "fr")).toBe("25 décembre 2026");
  });

  it("GIVEN a storefront locale with the shopper's country WHEN formatting THEN dates and amounts follow that country, and a malformed or foreign tag falls back to the language", () => {
    expect([formattingLocaleOf("en-GB"), formattingLocaleOf("fr_CA"), formattingLocaleOf("ar-KW"), formattingLocaleOf("en"), formattingLocaleOf("de-DE"), formattingLocaleOf("en-<script>"), formattingLocaleOf(null)]).toEqual(["en-GB", "fr-CA", "ar-KW", "en", "en", "en", "en"]);
    expect(formatDate("2026-12-25", formattingLocaleOf("en-GB"))).toBe("25 December 2026");
    expect(formatDate("2026-12-25", formattingLocaleOf("en-US"))).toBe("December 25, 2026");
    expect(formatAmount(21_600, "GBP", "en-GB", 2)).toBe("£216.00");
    expect(formatAmount(21_600, "CAD", "fr-CA", 2).replace(/\s/g, " ")).toBe("216,00 $");
  });

  it("GIVEN a pound amount and a discount WHEN written in English, French and Arabic THEN each uses the narrow symbol £ with the locale's sign placement, never £GB or UK£", () => {
    // Bidi marks (U+200E/U+200F/U+061C) kept out of the comparison; Intl's spaces as plain ones.
    const plain = (text: string) => text.replace(/[\u200e\u200f\u061c]/g, "").replace(/\s/g, " ");
    expect(["en-GB", "fr-FR", "ar-GB"].map((l) => plain(formatAmount(8_500, "GBP", l, 2)))).toEqual(["£85.00", "85,00 £", "85.00 £"]);
    expect(["en-GB", "fr-FR", "ar-GB"].map((l) => plain(formatAmount(-1_940, "GBP", l, 2)))).toEqual(["-£19.40", "-19,40 £", "-19.40 £"]);
    // A symbol in the locale's own script stays; a currency without a narrow symbol keeps its code.
    expect(plain(formatAmount(41_175, "KWD", "ar-KW", 3))).not.toContain("KWD");
    expect(plain(formatAmount(41_175, "KWD", "en-GB", 3))).toBe("KWD 41.175");
  });
});
