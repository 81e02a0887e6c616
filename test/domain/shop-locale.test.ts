import { describe, expect, it } from "vitest";

import { shopLocale } from "../../app/domain/money";

// The locale money and dates are shown in for a shop (app/domain/money.ts): the admin's language
// with the shop's country as the region, where the country is a two-letter ISO 3166 code.

describe("the shop's country as the locale's region", () => {
  it("GIVEN a country that is a UN region number (419, Latin America) rather than a two-letter code THEN the locale has no region: it is not a shop's country", () => {
    expect(shopLocale("es", "419")).toBe("es");
  });

  it("GIVEN a two-letter country THEN it is the region, in capitals", () => {
    expect(shopLocale("es", "mx")).toBe("es-MX");
  });
});
