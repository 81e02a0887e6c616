import type { PolicyInput } from "./schema";

/**
 * "Start empty": a document that offers nothing yet but says so in words, so the merchant
 * turns on what the shop offers rule by rule. It passes the schema like any other policy.
 */
export function emptyPolicy(name = "My policy"): PolicyInput {
  return {
    schemaVersion: 1,
    name,
    summary: "",
    groups: [],
    proofOfPurchase: { id: "order", required: false, text: "We find your order: no separate proof of purchase is needed." },
    returns: {
      exclusions: [],
      conditions: [],
      changeOfMind: { enabled: false, text: "We do not take back items for a change of mind." },
      faulty: { enabled: false, text: "Contact us about a faulty item." },
    },
    warranty: { enabled: false, text: "We do not offer a warranty beyond your statutory rights." },
    services: [],
    discounts: {
      recheckMinimumSpend: { enabled: false, text: "Refunds are not re-checked against a discount's minimum spend." },
      staggeredRefundLowest: { enabled: false, text: "Staggered promotions refund what was paid for the item." },
    },
    refundTiming: { id: "on-receipt", when: "receipt", text: "We refund once we have received the items back." },
    notes: [],
  };
}
