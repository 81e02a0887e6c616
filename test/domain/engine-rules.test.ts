import { describe, expect, it } from "vitest";

import { evaluateScenario, type PolicyInput } from "../../app/domain";
import { addDays, addMonths, addWorkingDays, addYears, CalendarError, isWorkingDay, localDate } from "../../app/domain/calendar";
import { exchangeBonus, refundAdjustment } from "../../app/domain/engine/adjustments";
import { policySchema } from "../../app/domain/policy/schema";
import { PRESET_DOCUMENTS } from "../../app/domain/presets";
import { goodCondition, orderLine, requestLine, scenario } from "./builders";

// Rules of the engine, money and calendar, each stated in its test's name: written so that a
// change to the rule (a mutant) fails a test (npm run mutation; figures in bench/mutation.md).

const offered = (extra: object) =>
  policySchema.parse({
    ...PRESET_DOCUMENTS["uk-jeweller"],
    returns: { ...PRESET_DOCUMENTS["uk-jeweller"].returns, changeOfMind: { ...PRESET_DOCUMENTS["uk-jeweller"].returns.changeOfMind, ...extra } },
  }).returns.changeOfMind as Parameters<typeof refundAdjustment>[0];

describe("working days (CONTRACT rule 2)", () => {
  it("GIVEN Good Friday and Easter Monday, GB public holidays THEN one working day after Thursday 2 April 2026 is Tuesday 7 April", () => {
    expect(addWorkingDays("2026-04-02", 1, "GB")).toBe("2026-04-07");
    expect(isWorkingDay("2026-04-03", "GB")).toBe(false);
    expect(isWorkingDay("2026-04-06", "GB")).toBe(false);
  });

  it("GIVEN a holiday that is only an observance (Rosenmontag in Germany) THEN it is still a working day: only public holidays are skipped", () => {
    expect(isWorkingDay("2026-02-16", "DE")).toBe(true);
    expect(addWorkingDays("2026-02-13", 1, "DE")).toBe("2026-02-16");
  });

  it("GIVEN Friday, Saturday and Sunday THEN only Friday is a working day", () => {
    expect(isWorkingDay("2026-02-13", "GB")).toBe(true);
    expect(isWorkingDay("2026-02-14", "GB")).toBe(false);
    expect(isWorkingDay("2026-02-15", "GB")).toBe(false);
    expect(isWorkingDay("2026-02-16", "GB")).toBe(true);
  });

  it("GIVEN 14 working days from Monday 23 February 2026 THEN the window ends on Friday 13 March (day 1 is the day after)", () => {
    expect(addWorkingDays("2026-02-23", 14, "GB")).toBe("2026-03-13");
    expect(addWorkingDays("2026-02-23", 0, "GB")).toBe("2026-02-23");
    expect(addWorkingDays("2026-02-20", 1, "GB")).toBe("2026-02-23");
  });
});

describe("dates (CONTRACT rule 1)", () => {
  it("GIVEN day arithmetic THEN it crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("0999-12-31", 1)).toBe("1000-01-01");
  });

  it("GIVEN 31 January plus a month and 29 February plus a year THEN the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
  });

  it("GIVEN 23:30 UTC THEN London and Riyadh are on different local dates", () => {
    expect(localDate("2026-03-10T23:30:00Z", "Europe/London")).toBe("2026-03-10");
    expect(localDate("2026-03-10T23:30:00Z", "Asia/Riyadh")).toBe("2026-03-11");
    expect(localDate("2026-03-10T01:00:00+05:00", "UTC")).toBe("2026-03-09");
  });

  it("GIVEN a bad instant or an unknown time zone THEN a CalendarError names it", () => {
    expect(() => localDate("yesterday", "Europe/London")).toThrow(CalendarError);
    expect(() => localDate("yesterday", "Europe/London")).toThrow(/"yesterday" is not an ISO date-time/);
    expect(() => localDate("2026-03-10T12:00:00Z", "Mars/Olympus")).toThrow(/Mars\/Olympus/);
  });
});

describe("bonus and fees (policy editor)", () => {
  it("GIVEN a 10% store-credit bonus THEN store credit gets 10% of the items, rounded down, and a refund gets nothing", () => {
    const rules = offered({ bonus: { id: "b", storeCreditPercent: 10, text: "Bonus." } });
    expect(refundAdjustment(rules, 1999, "store_credit", "GBP").bonus).toBe(199);
    expect(refundAdjustment(rules, 1999, "original_payment", "GBP").bonus).toBe(0);
  });

  it("GIVEN a 5% exchange bonus THEN an exchange gets 5% of the items, rounded down; without one, nothing", () => {
    expect(exchangeBonus(offered({ bonus: { id: "b", exchangePercent: 5, text: "Bonus." } }), 1999)).toBe(99);
    expect(exchangeBonus(offered({ bonus: { id: "b", storeCreditPercent: 5, text: "Bonus." } }), 1999)).toBe(0);
    expect(exchangeBonus(offered({}), 1999)).toBe(0);
  });

  it("GIVEN a 15% restocking fee THEN 15% of the items is kept, rounded down", () => {
    const adjustment = refundAdjustment(offered({ fees: { id: "f", restockingPercent: 15, text: "Fees." } }), 1999, "original_payment", "GBP");
    expect(adjustment).toMatchObject({ restockingFee: 299, returnShippingFee: 0, bonus: 0 });
  });

  it("GIVEN a return label fee THEN it is kept whole when the refund covers it, and capped at what is left after restocking otherwise", () => {
    const fees = (label: string, restockingPercent?: number) => offered({ fees: { id: "f", returnShippingFee: label, restockingPercent, text: "Fees." } });
    expect(refundAdjustment(fees("3.00"), 1000, "original_payment", "GBP").returnShippingFee).toBe(300);
    expect(refundAdjustment(fees("9.00", 20), 1000, "original_payment", "GBP").returnShippingFee).toBe(800);
    expect(refundAdjustment(fees("8.00", 20), 1000, "original_payment", "GBP").returnShippingFee).toBe(800);
    expect(refundAdjustment(fees("9.00", 100), 1000, "original_payment", "GBP").returnShippingFee).toBe(0);
    expect(refundAdjustment(fees("500", undefined), 400, "original_payment", "JPY").returnShippingFee).toBe(400);
  });

  it("GIVEN a store-credit bonus and fees on a return THEN the total is items plus delivery plus bonus less fees", () => {
    const policy = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput;
    if (!policy.returns.changeOfMind.enabled) throw new Error("fixture");
    policy.returns.changeOfMind.resolutions = ["refund", "store_credit"];
    policy.returns.changeOfMind.bonus = { id: "b", storeCreditPercent: 10, text: "Bonus." };
    policy.returns.changeOfMind.fees = { id: "f", restockingPercent: 5, returnShippingFee: "2.00", text: "Fees." };
    const d = evaluateScenario({ ...scenario({ request: { preferredResolution: "store_credit" } }), preset: null, policy });
    // 80.00 items, no delivery on change of mind, +8.00 bonus, -4.00 restocking, -2.00 label.
    expect(d.refund).toMatchObject({ method: "store_credit", items: "80.00", bonus: "8.00", fees: { restocking: "4.00", returnShipping: "2.00" }, total: "82.00" });
  });
});

describe("when a warranty applies", () => {
  const claim = (reason: string, cause: string | null, preset = "uk-jeweller") =>
    evaluateScenario(scenario({ preset, now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: reason as "other", cause: cause as null })] } })).lines[0];

  it("GIVEN a claim for a defective item with no cause assessed yet THEN the warranty applies", () => {
    expect(claim("defective", null)).toMatchObject({ eligible: true, charge: "free" });
  });

  it("GIVEN a claim for another reason whose cause is a manufacturing fault THEN the warranty applies", () => {
    expect(claim("other", "manufacturing")).toMatchObject({ eligible: true });
  });

  it("GIVEN a claim for another reason with no cause THEN it is not a warranty matter (not_applicable)", () => {
    expect(claim("other", null)).toMatchObject({ eligible: false, blockers: ["not_applicable"], charge: null });
    expect(claim("changed_mind", null).blockers).toEqual(["not_applicable"]);
  });

  it("GIVEN a store with no warranty THEN every claim is not_applicable", () => {
    expect(claim("defective", "manufacturing", "gulf-boutique")).toMatchObject({ eligible: false, blockers: ["not_applicable"] });
  });

  it("GIVEN an eligible warranty claim THEN it offers repair, replacement or exchange and returns go at the store's cost", () => {
    const d = evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "manufacturing" })] } }));
    expect(d.lines[0].resolutions).toEqual(["repair", "replacement", "exchange"]);
    expect(d.returnShipping).toBe("store");
    expect(d.refund).toBeNull();
  });
});

describe("the photos requirement", () => {
  const fine = (photos: number, reason = "defective", cause: string | null = "manufacturing") =>
    evaluateScenario(
      scenario({
        preset: "fine-jewellery",
        shop: { country: "US", timezone: "America/New_York", currency: "USD" },
        order: { shippingCountry: "US" },
        request: { photos, lines: [requestLine({ reason: reason as "defective", cause: cause as null })] },
      }),
    );

  it("GIVEN a fine-jewellery quality return without photos THEN photos are required but the line stays eligible", () => {
    const d = fine(0);
    expect(d.requirements).toEqual(["photos"]);
    expect(d.lines[0].eligible).toBe(true);
    expect(d.lines[0].explanation.some((e) => e.rule === "returns.faulty.photos.quality-photos")).toBe(true);
  });

  it("GIVEN photos attached THEN none are asked for", () => {
    expect(fine(2).requirements).toEqual([]);
  });

  it("GIVEN a line that is refused anyway THEN no photos are asked for", () => {
    const d = fine(0, "defective", "accident");
    expect(d.lines[0].eligible).toBe(false);
    expect(d.requirements).toEqual([]);
  });

  it("GIVEN a service that asks for photos THEN a request without them lists photos, one with them does not", () => {
    const policy = structuredClone(PRESET_DOCUMENTS["fine-jewellery"]) as PolicyInput;
    const cleaning = policy.services.find((s) => s.service === "cleaning");
    if (!cleaning) throw new Error("fixture");
    cleaning.photos = { id: "photos", text: "Send us photos first." };
    const base = { ...scenario({ shop: { country: "US", timezone: "America/New_York", currency: "USD" }, request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] } }), preset: null, policy };
    expect(evaluateScenario(base).requirements).toEqual(["photos"]);
    expect(evaluateScenario({ ...base, request: { ...base.request, photos: 1 } }).requirements).toEqual([]);
  });
});

describe("return shipping (CONTRACT rule 10)", () => {
  const gulf = (usesStoreCourier: boolean) =>
    evaluateScenario(scenario({ preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" }, request: { usesStoreCourier } }));

  it("GIVEN the Gulf store's own courier THEN the store pays only when the shopper books it", () => {
    expect(gulf(true).returnShipping).toBe("store");
    expect(gulf(false).returnShipping).toBe("customer");
  });

  it("GIVEN replacement crystals posted to the shopper THEN nothing is sent back", () => {
    const d = evaluateScenario(
      scenario({
        preset: "crystal-accessories",
        order: { lines: [orderLine({ productType: "Phone Cases", metafields: { crystal_count: 1000, adjustable: false } })] },
        request: { kind: "service", service: "crystal_replacement", liabilityAccepted: true, lines: [requestLine({ reason: "loose_crystal", partsRequested: 5 })] },
      }),
    );
    expect(d.returnShipping).toBe("none");
    expect(d.lines[0]).toMatchObject({ maxParts: 10, charge: "free" });
  });

  it("GIVEN every line refused THEN nothing is sent back and no money moves", () => {
    const d = evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z" }));
    expect(d.returnShipping).toBe("none");
    expect(d.refund).toBeNull();
  });
});

describe("how money goes back", () => {
  it("GIVEN a Gulf return THEN it is eCredit valid 90 days from the local date of the request", () => {
    const d = evaluateScenario(scenario({ preset: "gulf-boutique", now: "2026-03-10T22:30:00Z", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" } }));
    expect(d.refund).toMatchObject({ method: "store_credit", storeCreditExpiresOn: "2026-06-09" });
  });

  it("GIVEN a shopper who prefers store credit where only a refund is offered THEN the refund goes to the original payment", () => {
    const d = evaluateScenario(scenario({ request: { preferredResolution: "store_credit" } }));
    expect(d.refund).toMatchObject({ method: "original_payment", storeCreditExpiresOn: null });
  });

  it("GIVEN a faulty return shipped abroad THEN the delivery charge is not refunded; at home it is", () => {
    const faulty = { request: { lines: [requestLine({ reason: "defective" })] } };
    expect(evaluateScenario(scenario({ ...faulty, order: { shippingCountry: "FR" } })).refund?.shipping).toBe("0.00");
    expect(evaluateScenario(scenario(faulty)).refund?.shipping).toBe("4.95");
  });

  it("GIVEN a change-of-mind return THEN the delivery charge stays with the store", () => {
    expect(evaluateScenario(scenario()).refund).toMatchObject({ items: "80.00", shipping: "0.00", total: "80.00" });
  });
});

describe("conditions and exclusions (CONTRACT rule 4)", () => {
  it("GIVEN a used item returned for a change of mind THEN condition_not_met; the same item faulty is exempt", () => {
    const used = { ...goodCondition, used: true };
    expect(evaluateScenario(scenario({ request: { lines: [requestLine({ condition: used })] } })).lines[0].blockers).toEqual(["condition_not_met"]);
    expect(evaluateScenario(scenario({ request: { lines: [requestLine({ condition: used, reason: "defective" })] } })).lines[0].eligible).toBe(true);
  });

  it("GIVEN a worn watch at the Gulf boutique THEN refused; a worn bracelet is not (the condition is for watches)", () => {
    const worn = (productType: string) =>
      evaluateScenario(
        scenario({ preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" }, order: { lines: [orderLine({ productType })] }, request: { lines: [requestLine({ condition: { ...goodCondition, worn: true } })] } }),
      ).lines[0];
    expect(worn("Watches").blockers).toEqual(["condition_not_met"]);
    expect(worn("Bracelets").eligible).toBe(true);
  });

  it("GIVEN earrings returned faulty in the UK THEN the hygiene exclusion is waived; at the Gulf boutique pierced earrings stay excluded", () => {
    const earrings = orderLine({ productType: "Earrings", tags: ["pierced"] });
    expect(evaluateScenario(scenario({ order: { lines: [earrings] }, request: { lines: [requestLine({ reason: "defective" })] } })).lines[0].eligible).toBe(true);
    const gulf = evaluateScenario(scenario({ preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" }, order: { lines: [earrings] }, request: { lines: [requestLine({ reason: "defective" })] } }));
    expect(gulf.lines[0].blockers).toContain("excluded_item");
  });

  it("GIVEN no proof of purchase where the policy needs it THEN proof_missing; fine jewellery needs none", () => {
    expect(evaluateScenario(scenario({ request: { proofOfPurchase: false } })).lines[0].blockers).toEqual(["proof_missing"]);
    const fine = evaluateScenario(scenario({ preset: "fine-jewellery", shop: { country: "US", timezone: "America/New_York", currency: "USD" }, request: { proofOfPurchase: false } }));
    expect(fine.lines[0].eligible).toBe(true);
  });
});
