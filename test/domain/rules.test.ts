import { describe, expect, it } from "vitest";

import { evaluateScenario, PRESET_DOCUMENTS, ScenarioError, type PolicyInput } from "../../app/domain";
import { goodCondition, orderLine, requestLine, scenario, type ScenarioOverrides } from "./builders";

const line = (decision: ReturnType<typeof evaluateScenario>, id = "L1") => {
  const found = decision.lines.find((l) => l.lineId === id);
  if (!found) throw new Error(`no decision for ${id}`);
  return found;
};

const clone = <T>(value: T): T => structuredClone(value);

describe("windows in the shop's time zone", () => {
  const gulf = (now: string) =>
    scenario({
      preset: "gulf-boutique",
      now,
      shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
      order: { placedAt: "2026-02-20T08:00:00Z", deliveredAt: "2026-02-23T12:00:00Z", shippingCountry: "SA" },
    });

  it("GIVEN a 30-day window WHEN asked at 23:30 local on the last day THEN it is in time", () => {
    // Delivered 23 Feb (Riyadh), last day 25 Mar; 20:30Z is 23:30 in Riyadh.
    expect(line(evaluateScenario(gulf("2026-03-25T20:30:00Z"))).blockers).toEqual([]);
  });

  it("GIVEN a 30-day window WHEN asked at 00:10 local the next day THEN it has expired, though it is still the 25th in UTC", () => {
    expect(line(evaluateScenario(gulf("2026-03-25T21:10:00Z"))).blockers).toEqual(["window_expired"]);
  });

  it("GIVEN a receipt-anchored window WHEN the parcel has not arrived THEN it is open", () => {
    const s = scenario({ now: "2027-01-01T12:00:00Z", order: { deliveredAt: null } });
    expect(line(evaluateScenario(s)).eligible).toBe(true);
  });

  it("GIVEN an order shipped but never marked delivered THEN receipt is fulfilment + the policy's transit allowance (14 days unless it says otherwise)", () => {
    // Fulfilled Sat 21 Feb; receipt 7 Mar; the 30-day window's last day is 6 April.
    const shipped = (now: string) => scenario({ now, order: { deliveredAt: null, fulfilledAt: "2026-02-21T10:00:00Z" } });
    expect(line(evaluateScenario(shipped("2026-04-06T12:00:00Z"))).eligible).toBe(true);
    expect(line(evaluateScenario(shipped("2026-04-07T12:00:00Z"))).blockers).toEqual(["window_expired"]);
    // A store that allows 21 days in transit: the same request a week later is still in time.
    const policy = clone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput;
    policy.receipt = { transitAllowanceDays: 21 };
    const generous = { ...shipped("2026-04-13T12:00:00Z"), preset: null, policy };
    expect(line(evaluateScenario(generous)).eligible).toBe(true);
    expect(line(evaluateScenario({ ...shipped("2026-04-14T12:00:00Z"), preset: null, policy })).blockers).toEqual(["window_expired"]);
  });

  it("GIVEN pens WHEN 16 days after purchase THEN their own 14-day purchase window replaces the 30-day one", () => {
    const s = gulf("2026-03-08T09:00:00Z");
    s.order.lines = [orderLine({ productType: "Pens" })];
    expect(line(evaluateScenario(s)).blockers).toEqual(["window_expired"]);
    s.order.lines = [orderLine({ productType: "Necklaces" })];
    expect(line(evaluateScenario(s)).blockers).toEqual([]);
  });
});

describe("calendar months and years", () => {
  const resize = (placedAt: string, now: string) =>
    scenario({
      preset: "fine-jewellery",
      now,
      order: { placedAt, deliveredAt: placedAt, lines: [orderLine({ productType: "Rings", metafields: { adjustable: true } })] },
      request: { kind: "service", service: "resize", lines: [requestLine({ reason: "other" })] },
    });

  it.each([
    ["2025-11-30T12:00:00Z", "2026-02-28T12:00:00Z", true],
    ["2025-11-30T12:00:00Z", "2026-03-01T12:00:00Z", false],
    ["2027-11-30T12:00:00Z", "2028-02-29T12:00:00Z", true],
    ["2027-11-30T12:00:00Z", "2028-03-01T12:00:00Z", false],
  ])("GIVEN a purchase on %s WHEN a resize is asked on %s THEN eligible is %s (3 months end on the month's last day)", (placedAt, now, eligible) => {
    expect(line(evaluateScenario(resize(placedAt, now))).eligible).toBe(eligible);
  });

  it.each([
    ["2025-02-28T12:00:00Z", true],
    ["2025-03-01T12:00:00Z", false],
  ])("GIVEN a purchase on 29 Feb 2024 WHEN a warranty claim comes on %s THEN eligible is %s", (now, eligible) => {
    const s = scenario({
      now,
      order: { placedAt: "2024-02-29T12:00:00Z", deliveredAt: "2024-03-02T12:00:00Z" },
      request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "manufacturing" })] },
    });
    expect(line(evaluateScenario(s)).eligible).toBe(eligible);
  });
});

describe("working days skip weekends and the country's public holidays", () => {
  // Only the 14-working-day cancellation right, so the 30-day window cannot hide the count.
  const policy = clone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput;
  if (!policy.returns.changeOfMind.enabled) throw new Error("fixture");
  policy.returns.changeOfMind.windows = policy.returns.changeOfMind.windows.filter((w) => w.window.unit === "working_days");

  const cancel = (now: string) => {
    const s = scenario({ now, order: { placedAt: "2026-03-30T10:00:00Z", deliveredAt: "2026-04-02T10:00:00Z" } });
    return { ...s, preset: null, policy };
  };

  it("GIVEN delivery on Thursday 2 April 2026 THEN 14 working days end on 24 April, past Good Friday and Easter Monday", () => {
    const decision = evaluateScenario(cancel("2026-04-24T21:00:00Z"));
    expect(line(decision).eligible).toBe(true);
    expect(line(decision).explanation.map((e) => e.detail)).toContain("in time: the last day is 2026-04-24");
  });

  it("GIVEN the same delivery WHEN asked on Saturday 25 April local THEN it is late", () => {
    expect(line(evaluateScenario(cancel("2026-04-25T09:00:00Z"))).blockers).toEqual(["window_expired"]);
  });
});

describe("money in each currency's minor units", () => {
  it.each([
    ["JPY", "12000", "1200", "10800"],
    ["KWD", "12.345", "1.235", "11.110"],
    ["SAR", "450.00", "0.01", "449.99"],
    ["EUR", "99.99", "9.99", "90.00"],
  ])("GIVEN a %s line at %s with %s off THEN the refund is %s", (currency, price, off, refund) => {
    const s = scenario({
      shop: { country: "GB", timezone: "Europe/London", currency },
      order: { shippingCharged: "0", discounts: [{ id: "D1", kind: "fixed_amount", value: off, minimumSubtotal: null }], lines: [orderLine({ unitPrice: price, discountAllocations: [{ discountId: "D1", amount: off }] })] },
    });
    expect(evaluateScenario(s).refund).toMatchObject({ items: refund, total: refund, currency });
  });

  it("GIVEN a JPY amount with decimals THEN the scenario is refused, naming the problem", () => {
    const s = scenario({ shop: { country: "JP", timezone: "Asia/Tokyo", currency: "JPY" }, order: { lines: [orderLine({ unitPrice: "100.5" })] } });
    expect(() => evaluateScenario(s)).toThrow(ScenarioError);
    expect(() => evaluateScenario(s)).toThrow(/more decimals than JPY allows/);
  });

  it("GIVEN a line discount over three units WHEN units come back one and two at a time THEN no minor unit is invented", () => {
    const order = { lines: [orderLine({ quantity: 3, unitPrice: "10.00", discountAllocations: [{ discountId: "D1", amount: "1.00" }] })], discounts: [{ id: "D1", kind: "percentage" as const, value: "3.33", minimumSubtotal: null }] };
    const one = evaluateScenario(scenario({ order, request: { lines: [requestLine({ quantity: 1 })] } })).refund;
    const two = evaluateScenario(scenario({ order, request: { lines: [requestLine({ quantity: 2 })] } })).refund;
    const all = evaluateScenario(scenario({ order, request: { lines: [requestLine({ quantity: 3 })] } })).refund;
    expect(all?.items).toBe("29.00");
    // Rule 7: the first k units carry floor(1.00 × k ÷ 3) of the discount: 0.33, then 0.66.
    expect(one?.items).toBe("9.67");
    expect(two?.items).toBe("19.34");
    // The rest of the line after one unit came back: 2 units carry 1.00 − 0.33 = 0.67.
    const afterOne = { lines: [{ ...order.lines[0], refundedQuantity: 1 }], discounts: order.discounts };
    const rest = evaluateScenario(scenario({ order: afterOne, request: { lines: [requestLine({ quantity: 2 })] } })).refund;
    expect(rest?.items).toBe("19.33");
    expect(Math.round(Number(one?.items) * 100) + Math.round(Number(rest?.items) * 100)).toBe(2900);
  });

  it("GIVEN a line with every unit refunded before THEN more than is left is refused", () => {
    const order = { lines: [orderLine({ quantity: 2, refundedQuantity: 1 })] };
    expect(() => evaluateScenario(scenario({ order, request: { lines: [requestLine({ quantity: 2 })] } }))).toThrow(/not yet refunded/);
  });
});

describe("discount rules", () => {
  const gulf = (order: ScenarioOverrides["order"], lines = [requestLine({ lineId: "L1" })]) =>
    scenario({ preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" }, order: { shippingCountry: "SA", ...order }, request: { lines } });

  it("GIVEN a staggered promotion THEN each returned unit refunds the lowest net price it gave", () => {
    const decision = evaluateScenario(
      gulf({
        discounts: [{ id: "S", kind: "staggered", value: null, minimumSubtotal: null }],
        lines: [
          orderLine({ id: "L1", unitPrice: "100.00", discountAllocations: [{ discountId: "S", amount: "0.00" }] }),
          orderLine({ id: "L2", unitPrice: "100.00", discountAllocations: [{ discountId: "S", amount: "50.00" }] }),
        ],
      }),
    );
    expect(decision.refund).toMatchObject({ items: "50.00", method: "store_credit" });
  });

  it("GIVEN a minimum spend still met by what is kept THEN only the returned units' share comes off", () => {
    const decision = evaluateScenario(
      gulf(
        {
          discounts: [{ id: "D1", kind: "percentage", value: "10", minimumSubtotal: "100.00" }],
          lines: [
            orderLine({ id: "L1", unitPrice: "150.00", discountAllocations: [{ discountId: "D1", amount: "15.00" }] }),
            orderLine({ id: "L2", unitPrice: "70.00", discountAllocations: [{ discountId: "D1", amount: "7.00" }] }),
          ],
        },
        [requestLine({ lineId: "L2" })],
      ),
    );
    expect(decision.refund?.items).toBe("63.00");
  });

  it("GIVEN the UK preset THEN a partial return keeps only its own share (no minimum-spend re-check)", () => {
    const decision = evaluateScenario(
      scenario({
        order: {
          discounts: [{ id: "D1", kind: "percentage", value: "10", minimumSubtotal: "100.00" }],
          lines: [
            orderLine({ id: "L1", unitPrice: "60.00", discountAllocations: [{ discountId: "D1", amount: "6.00" }] }),
            orderLine({ id: "L2", unitPrice: "70.00", discountAllocations: [{ discountId: "D1", amount: "7.00" }] }),
          ],
        },
        request: { lines: [requestLine({ lineId: "L2" })] },
      }),
    );
    expect(decision.refund?.items).toBe("63.00");
  });
});

describe("exclusions, conditions and causes report every failing rule", () => {
  it("GIVEN a used pierced earring asked for late THEN all three blockers are named", () => {
    const s = scenario({
      preset: "gulf-boutique",
      now: "2026-05-01T09:00:00Z",
      shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
      order: { lines: [orderLine({ productType: "Earrings", tags: ["pierced"] })] },
      request: { lines: [requestLine({ condition: { ...goodCondition, used: true } })], proofOfPurchase: false },
    });
    expect(line(evaluateScenario(s)).blockers).toEqual(["condition_not_met", "excluded_item", "proof_missing", "window_expired"]);
  });

  it.each([
    ["changed_mind", false, ["excluded_item"]],
    ["defective", true, []],
  ] as const)("GIVEN an engraved ring returned as %s THEN eligible is %s (unless faulty)", (reason, eligible, blockers) => {
    const s = scenario({
      order: { lines: [orderLine({ productType: "Rings", properties: { Engraving: "A & B" } })] },
      request: { lines: [requestLine({ reason, cause: reason === "defective" ? "manufacturing" : null })] },
    });
    expect(line(evaluateScenario(s))).toMatchObject({ eligible, blockers });
  });

  it("GIVEN an empty Engraving property THEN the item is not made to order", () => {
    const s = scenario({ order: { lines: [orderLine({ properties: { Engraving: " " } })] } });
    expect(line(evaluateScenario(s)).eligible).toBe(true);
  });

  it.each([
    ["changed_mind", ["excluded_item"]],
    ["defective", []],
  ] as const)("GIVEN Active Crystals returned as %s THEN blockers are %j (only if defective)", (reason, blockers) => {
    const s = scenario({
      preset: "gulf-boutique",
      shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
      order: { lines: [orderLine({ productType: "Active Crystals" })] },
      request: { lines: [requestLine({ reason, cause: reason === "defective" ? "manufacturing" : null })] },
    });
    expect(line(evaluateScenario(s)).blockers).toEqual(blockers);
  });

  it("GIVEN a sale item at the Gulf boutique THEN it is excluded; an order discount alone is not a sale", () => {
    const base = { preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" } };
    const sale = scenario({ ...base, order: { lines: [orderLine({ compareAtUnitPrice: "120.00" })] } });
    expect(line(evaluateScenario(sale)).blockers).toEqual(["excluded_item"]);
    const notSale = scenario({ ...base, order: { lines: [orderLine({ compareAtUnitPrice: "80.00", discountAllocations: [{ discountId: "D", amount: "8.00" }] })], discounts: [{ id: "D", kind: "percentage", value: "10", minimumSubtotal: null }] } });
    expect(line(evaluateScenario(notSale)).blockers).toEqual([]);
  });

  it("GIVEN a worn watch THEN the watch-only condition fails", () => {
    const s = scenario({
      preset: "gulf-boutique",
      shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
      order: { lines: [orderLine({ productType: "Watches" })] },
      request: { lines: [requestLine({ condition: { ...goodCondition, worn: true } })] },
    });
    expect(line(evaluateScenario(s)).blockers).toEqual(["condition_not_met"]);
  });

  it("GIVEN a UK warranty claim for chemical damage THEN it is not covered and the rule is quoted", () => {
    const s = scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "chemical" })] } });
    const decided = line(evaluateScenario(s));
    expect(decided.blockers).toEqual(["cause_not_covered"]);
    expect(decided.explanation.find((e) => e.outcome === "blocked")?.text).toMatch(/chemicals/);
  });
});

describe("warranties cover manufacturing faults only", () => {
  it.each([
    ["uk-jeweller", "negligence", ["cause_not_covered"]],
    ["fine-jewellery", "wear_and_tear", ["cause_not_covered"]],
    ["fine-jewellery", "manufacturing", []],
    ["fine-jewellery", null, []],
  ] as const)("GIVEN a %s warranty claim with cause %s THEN the blockers are %j", (preset, cause, blockers) => {
    const s = scenario({ preset, now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause })] } });
    expect(line(evaluateScenario(s)).blockers).toEqual(blockers);
  });

  it("GIVEN a fine-jewellery quality return whose damage was an accident THEN it is not a quality issue", () => {
    const s = scenario({ preset: "fine-jewellery", request: { lines: [requestLine({ reason: "defective", cause: "accident" })] } });
    expect(line(evaluateScenario(s)).blockers).toEqual(["cause_not_covered"]);
  });
});

describe("delivery, shipping and resolution choices", () => {
  it("GIVEN a faulty item shipped abroad THEN the delivery charge is not refunded", () => {
    const s = scenario({ order: { shippingCountry: "FR" }, request: { lines: [requestLine({ reason: "damaged_in_transit" })] } });
    expect(evaluateScenario(s).refund).toMatchObject({ items: "80.00", shipping: "0.00", total: "80.00" });
  });

  it("GIVEN a shopper who prefers an exchange that is offered THEN no money moves", () => {
    const s = scenario({ request: { preferredResolution: "exchange" } });
    const decision = evaluateScenario(s);
    expect(line(decision).resolutions).toContain("exchange");
    expect(decision.refund).toBeNull();
  });

  it("GIVEN a shopper who prefers store credit where only refunds are offered THEN the refund goes to the original payment", () => {
    expect(evaluateScenario(scenario({ request: { preferredResolution: "store_credit" } })).refund?.method).toBe("original_payment");
  });

  it.each([
    [true, "store"],
    [false, "customer"],
  ] as const)("GIVEN the Gulf boutique WHEN the store's courier is used: %s THEN return shipping is paid by %s", (usesStoreCourier, payer) => {
    const s = scenario({ preset: "gulf-boutique", shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" }, request: { usesStoreCourier } });
    expect(evaluateScenario(s).returnShipping).toBe(payer);
  });

  it("GIVEN no eligible line THEN nothing is sent and nothing refunded", () => {
    const decision = evaluateScenario(scenario({ now: "2027-01-01T12:00:00Z" }));
    expect(decision).toMatchObject({ refund: null, returnShipping: "none", requirements: [] });
  });
});

describe("services and allowances", () => {
  const crystal = (service: "crystal_replacement" | "repair_by_merchant", extra: ScenarioOverrides = {}) =>
    scenario({
      preset: "crystal-accessories",
      order: { lines: [orderLine({ productType: "Phone Cases", metafields: { crystal_count: 1999 } })] },
      request: { kind: "service", service, lines: [requestLine({ reason: "loose_crystal", partsRequested: 5 })], liabilityAccepted: true },
      ...extra,
    });

  it("GIVEN 1,999 crystals THEN at most 19 are sent (1%, rounded down)", () => {
    expect(line(evaluateScenario(crystal("crystal_replacement"))).maxParts).toBe(19);
  });

  it("GIVEN crystals already sent once THEN a repair by post is no longer free: the claim shares one allowance", () => {
    const history = [{ kind: "service" as const, service: "crystal_replacement" as const, lineId: "L1", at: "2026-02-01T10:00:00Z" }];
    expect(line(evaluateScenario(crystal("repair_by_merchant", { history }))).blockers).toEqual(["limit_reached"]);
  });

  it("GIVEN crystals already sent for the item on a warranty claim THEN they come off its allowance; once all are sent the service is refused with limit_reached", () => {
    const sent = (partsSent: number) => [{ kind: "warranty" as const, service: null, lineId: "L1", at: "2026-02-01T10:00:00Z", partsSent }];
    const some = line(evaluateScenario(crystal("crystal_replacement", { history: sent(15) })));
    expect([some.eligible, some.maxParts, some.partsAllowance]).toEqual([true, 4, { total: 19, sent: 15 }]);
    expect(some.explanation.find((e) => e.rule.includes("partsQuota"))?.detail).toBe("at most 19 of 1999; 15 already sent, 4 left");
    const none = line(evaluateScenario(crystal("crystal_replacement", { history: sent(19) })));
    expect([none.eligible, none.blockers, none.maxParts]).toEqual([false, ["limit_reached"], null]);
    expect(none.explanation.find((e) => e.rule.includes("partsQuota"))).toMatchObject({ outcome: "blocked", detail: "all 19 of 19 parts already sent" });
    // Parts sent for another item of the order do not count.
    const other = [{ kind: "warranty" as const, service: null, lineId: "L2", at: "2026-02-01T10:00:00Z", partsSent: 19 }];
    expect(line(evaluateScenario(crystal("crystal_replacement", { history: other }))).maxParts).toBe(19);
  });

  it("GIVEN an item without crystals THEN the crystal service does not apply", () => {
    const s = crystal("crystal_replacement");
    s.order.lines = [orderLine({ productType: "Phone Cases", metafields: { crystal_count: null } })];
    expect(line(evaluateScenario(s)).blockers).toEqual(["not_applicable"]);
  });

  it("GIVEN no proof of purchase THEN the crystal service asks for it", () => {
    const s = crystal("crystal_replacement");
    s.request.proofOfPurchase = false;
    expect(line(evaluateScenario(s)).blockers).toEqual(["proof_missing"]);
  });

  it.each([
    ["redesign", "paid"],
    ["restoration", "paid"],
    ["accessory_repair", "paid"],
    ["cleaning", "free"],
  ] as const)("GIVEN fine jewellery WHEN %s is asked THEN it is offered, %s", (service, charge) => {
    const s = scenario({ preset: "fine-jewellery", now: "2030-01-01T12:00:00Z", request: { kind: "service", service, lines: [requestLine({ reason: "other" })] } });
    expect(line(evaluateScenario(s))).toMatchObject({ eligible: true, charge });
  });

  it("GIVEN a ring that is not adjustable THEN the free resize does not apply", () => {
    const s = scenario({ preset: "fine-jewellery", now: "2026-03-01T12:00:00Z", request: { kind: "service", service: "resize", lines: [requestLine({ reason: "other" })] } });
    expect(line(evaluateScenario(s)).blockers).toEqual(["not_applicable"]);
  });

  it("GIVEN a store that offers no such service THEN it is not applicable", () => {
    const s = scenario({ request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] } });
    expect(line(evaluateScenario(s)).blockers).toEqual(["not_applicable"]);
  });
});

describe("bad scenarios", () => {
  it.each([
    [{ request: { lines: [requestLine({ lineId: "L9" })] } }, "request.lines.0.lineId"],
    [{ request: { lines: [requestLine({ quantity: 2 })] } }, "request.lines.0.quantity"],
    [{ now: "yesterday" }, "now"],
  ])("GIVEN %o THEN the error names %s", (override, field) => {
    expect(() => evaluateScenario(scenario(override as ScenarioOverrides))).toThrow(new RegExp(`^${field.replace(/\./g, "\\.")}`));
  });

  it("GIVEN an unknown preset THEN it says so", () => {
    expect(() => evaluateScenario(scenario({ preset: "cartier" }))).toThrow(/unknown preset "cartier"/);
  });
});
