import type { ConditionRuleInput, ItemGroup } from "../policy/schema";

/**
 * Item groups the presets share. They follow the product-data convention presets rely on
 * (CONTRACT rule 13): product types, the `pierced` tag, and the `crystal_count` and
 * `adjustable` metafields. A merchant edits or adds groups like any other rule.
 */
export const GROUPS = {
  earrings: { id: "earrings", label: "Earrings", match: { productTypes: ["Earrings"] } },
  pierced: { id: "pierced", label: "Anything with pierced earrings (sets included)", match: { tags: ["pierced"] } },
  madeToOrder: {
    id: "made-to-order",
    label: "Engraved, personalised or made to order",
    match: { properties: ["Engraving", "Personalisation", "Personalization", "Custom"] },
  },
  onSale: { id: "on-sale", label: "On sale (compare-at price above price)", match: { onSale: true } },
  pens: { id: "pens", label: "Pens", match: { productTypes: ["Pens"] } },
  watches: { id: "watches", label: "Watches", match: { productTypes: ["Watches"] } },
  activeCrystals: { id: "active-crystals", label: "Active Crystals", match: { productTypes: ["Active Crystals"] } },
  adjustable: { id: "adjustable", label: "Adjustable pieces", match: { metafields: [{ key: "adjustable", is: "true" }] } },
  crystalSet: {
    id: "crystal-set",
    label: "Items set with crystals",
    match: { metafields: [{ key: "crystal_count", is: "present" }] },
  },
} satisfies Record<string, ItemGroup>;

export const NO_DISCOUNT_RULES = {
  recheckMinimumSpend: { enabled: false, text: "Refunds are not re-checked against a discount's minimum spend." },
  staggeredRefundLowest: { enabled: false, text: "Staggered promotions refund what was paid for the item." },
};

/**
 * Rule 16: a change-of-mind return found soiled or damaged fails its condition; a faulty item
 * is damaged by definition, so both are exempt when the item is faulty. Presets add their own words.
 */
export const SOILED_OR_DAMAGED = {
  clean: { id: "not-soiled", require: "clean", exemptIfFaulty: true },
  undamaged: { id: "not-damaged", require: "undamaged", exemptIfFaulty: true },
} satisfies Record<string, Omit<ConditionRuleInput, "text">>;
