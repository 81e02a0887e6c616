import { describe, expect, it } from "vitest";

import { presetPolicy, type Decision } from "../../app/domain";
import { policySchema } from "../../app/domain/policy/schema";
import { policyText, policyTextPlain } from "../../app/domain/policy/text";
import { checkPolicy } from "../../app/domain/policy/validate";
import { decisionSummary } from "../../app/policies/service.server";

/**
 * Amounts the merchant reads in the policy simulator, its saved-scenario comparisons and the
 * policy text are locale money ("£80.00"), with each currency's own decimals (JPY 0, KWD 3),
 * never a bare number followed by the currency code.
 */
const decision = (total: string, currency: string): Decision => ({
  scenario: "s",
  decidedOn: "2026-11-20",
  lines: [{ lineId: "L1", eligible: true, blockers: [], resolutions: ["refund"], charge: null, maxParts: null, case: "change_of_mind", explanation: [], sendBack: false, alternative: null }],
  refund: { method: "original_payment", items: total, shipping: "0", postage: "0", total, storeCreditExpiresOn: null, currency, explanation: [] },
  returnShipping: "none",
  outboundShipping: "none",
  requirements: [],
  notes: [],
});

describe("money shown to the merchant", () => {
  it.each([
    ["80.00", "GBP", "en-GB", "L1 eligible (refund); refund £80.00"],
    ["1250", "JPY", "en-GB", "L1 eligible (refund); refund JP¥1,250"],
    ["41.175", "KWD", "en-GB", "L1 eligible (refund); refund KWD 41.175"],
    ["80.00", "EUR", "fr-FR", "L1 eligible (refund); refund 80,00 €"],
  ])("GIVEN a refund of %s %s WHEN summarised for %s THEN it reads %j", (total, currency, locale, expected) => {
    expect(decisionSummary(decision(total, currency), locale).replace(/\u00a0|\u202f/g, " ")).toBe(expected);
  });

  it("GIVEN fixed service prices and a return label fee THEN the policy text writes them as money in the shop's currency", () => {
    const withPrice = structuredClone(presetPolicy("uk-jeweller"));
    const service = (amount: string) => policySchema.parse({ ...withPrice, services: [{ service: "restoration", label: "Polish and re-plate", enabled: true, text: "We polish and re-plate.", windows: [{ id: "any", window: { unit: "unlimited" }, text: "Any time." }], charge: "paid", price: { kind: "fixed", amount }, transport: "post", resolution: "service", returnShipping: { id: "c", payer: "customer", text: "You pay the postage." } }] });
    const text = (amount: string, currency: string, locale?: string) => policyTextPlain(policyText(service(amount), { currency, locale })).replace(/\u00a0|\u202f/g, " ");
    expect(text("4500", "JPY")).toContain("Price: ¥4,500.");
    expect(text("12.500", "KWD", "en-GB")).toContain("Price: KWD 12.500.");
    expect(text("45.00", "GBP", "en-GB")).toContain("Price: £45.00.");
  });

  it("GIVEN a return label fee above the cheapest item THEN the policy check says so in money", () => {
    const policy = structuredClone(presetPolicy("uk-jeweller"));
    policy.returns.changeOfMind = { ...policy.returns.changeOfMind, fees: { id: "fees", text: "We deduct a label fee.", returnShippingFee: "12.00" } } as typeof policy.returns.changeOfMind;
    const check = checkPolicy(policy, { cheapestItem: { title: "Charm", price: "9.50", currency: "GBP" } });
    expect(check.errors.map((e) => e.message)).toContain('a £12.00 fee is above the price of "Charm" (£9.50): it would take the whole refund');
  });
});
