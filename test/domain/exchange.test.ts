import { describe, expect, it } from "vitest";

import { exchangeOffers, netSettlement, presetPolicy, type ExchangeCandidate } from "../../app/domain";
import type { OfferedCase } from "../../app/domain/policy/schema";

const policy = presetPolicy("uk-jeweller");
if (!policy.returns.changeOfMind.enabled) throw new Error("the preset offers change-of-mind returns");
const changeOfMind: OfferedCase = policy.returns.changeOfMind;
const line = { unitPrice: "300.00", variantId: "v-bought" };
const candidate = (variantId: string, price: string, more: Partial<ExchangeCandidate> = {}): ExchangeCandidate => ({ variantId, title: variantId, productTitle: "Ring", sameProduct: true, price, available: true, ...more });
const candidates = [
  candidate("v-bought", "300.00"),
  candidate("same-size-up", "300.00"),
  candidate("sold-out", "300.00", { available: false }),
  candidate("dearer", "320.00"),
  candidate("pendant", "250.00", { sameProduct: false, productTitle: "Pendant" }),
];
const withRule = (difference: "same_value" | "refund_or_charge" | "store_credit_or_charge", otherItems: boolean): OfferedCase => ({ ...changeOfMind, exchange: { id: "x", otherItems, difference, text: "Exchanges." } });

describe("exchange offers", () => {
  it("GIVEN no exchange rule WHEN offers are made THEN only another in-stock variant of the same product at the same price", () => {
    expect(exchangeOffers(changeOfMind, line, 1, candidates, "GBP").map((o) => o.variantId)).toEqual(["same-size-up"]);
  });

  it("GIVEN a case that does not offer exchanges WHEN offers are made THEN none", () => {
    expect(exchangeOffers({ ...changeOfMind, resolutions: ["refund"] }, line, 1, candidates, "GBP")).toEqual([]);
    expect(exchangeOffers(null, line, 1, candidates, "GBP")).toEqual([]);
  });

  it("GIVEN refund_or_charge with other items WHEN offers are made for two units THEN dearer is charged, cheaper refunded, out of stock never offered", () => {
    const offers = exchangeOffers(withRule("refund_or_charge", true), line, 2, candidates, "GBP");
    expect(offers.map((o) => [o.variantId, o.settlement, o.differenceMinor])).toEqual([
      ["same-size-up", "none", 0],
      ["dearer", "charge", 4_000],
      ["pendant", "refund", 10_000],
    ]);
    expect(netSettlement(offers.slice(1), { difference: "refund_or_charge" })).toEqual({ settlement: "refund", amountMinor: 6_000 });
  });

  it("GIVEN store_credit_or_charge WHEN a cheaper item is chosen THEN the difference is store credit; same_value offers no other value", () => {
    const credit = exchangeOffers(withRule("store_credit_or_charge", true), line, 1, candidates, "GBP").find((o) => o.variantId === "pendant");
    expect(credit).toMatchObject({ settlement: "store_credit", differenceMinor: 5_000 });
    expect(exchangeOffers(withRule("same_value", true), line, 1, candidates, "GBP").map((o) => o.variantId)).toEqual(["same-size-up"]);
    expect(exchangeOffers(withRule("refund_or_charge", false), line, 1, candidates, "GBP").map((o) => o.variantId)).toEqual(["same-size-up", "dearer"]);
  });

  it("GIVEN a 0-decimal currency WHEN a difference is computed THEN it is in whole yen", () => {
    const offers = exchangeOffers(withRule("refund_or_charge", false), { unitPrice: "30000", variantId: "a" }, 1, [candidate("b", "32000")], "JPY");
    expect(offers[0]).toMatchObject({ differenceMinor: 2_000, settlement: "charge" });
  });
});

describe("how offers are ordered and settled", () => {
  it("GIVEN offers THEN the same product comes first, then the closest in value, then by variant id", () => {
    const offers = exchangeOffers(
      withRule("refund_or_charge", true),
      line,
      1,
      [candidate("other-same-price", "300.00", { sameProduct: false }), candidate("b-dearer", "340.00"), candidate("a-dearer", "340.00"), candidate("near", "310.00")],
      "GBP",
    );
    expect(offers.map((o) => o.variantId)).toEqual(["near", "a-dearer", "b-dearer", "other-same-price"]);
  });

  it("GIVEN two units THEN both the old and the new value are for the two units", () => {
    const [offer] = exchangeOffers(withRule("refund_or_charge", false), line, 2, [candidate("dearer", "320.00")], "GBP");
    expect(offer).toMatchObject({ oldValueMinor: 60_000, newValueMinor: 64_000, differenceMinor: 4_000, settlement: "charge", title: "dearer", productTitle: "Ring", sameProduct: true });
  });

  it("GIVEN no units THEN nothing is offered", () => {
    expect(exchangeOffers(withRule("refund_or_charge", true), line, 0, candidates, "GBP")).toEqual([]);
  });

  it("GIVEN several exchanged lines THEN what one side owes the other is netted: more charged than refunded is a charge, equal is nothing", () => {
    const offer = (settlement: "charge" | "refund" | "store_credit" | "none", differenceMinor: number) => ({ ...exchangeOffers(withRule("refund_or_charge", false), line, 1, [candidate("x", "300.00")], "GBP")[0], settlement, differenceMinor });
    expect(netSettlement([offer("charge", 5_000), offer("refund", 2_000)], { difference: "refund_or_charge" })).toEqual({ settlement: "charge", amountMinor: 3_000 });
    expect(netSettlement([offer("charge", 2_000), offer("refund", 2_000)], { difference: "refund_or_charge" })).toEqual({ settlement: "none", amountMinor: 0 });
    expect(netSettlement([], undefined)).toEqual({ settlement: "none", amountMinor: 0 });
    expect(netSettlement([offer("store_credit", 1_500)], { difference: "store_credit_or_charge" })).toEqual({ settlement: "store_credit", amountMinor: 1_500 });
    expect(netSettlement([offer("refund", 1_500)], undefined)).toEqual({ settlement: "refund", amountMinor: 1_500 });
  });
});
