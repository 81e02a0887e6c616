// The orders the engine benchmark decides: realistic mixed orders with a request for every line.
import { scenarioSchema, type PresetName, type Scenario, type ScenarioInput } from "../app/domain";

const condition = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };
const SHOPS = {
  "uk-jeweller": { country: "GB", timezone: "Europe/London", currency: "GBP" },
  "gulf-boutique": { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
  "fine-jewellery": { country: "GB", timezone: "Europe/London", currency: "GBP" },
  "crystal-accessories": { country: "GB", timezone: "Europe/London", currency: "GBP" },
} as const;
const PRODUCT_TYPES = ["Rings", "Earrings", "Necklaces", "Bracelets", "Watches", "Pens", "Active Crystals"];

/** A realistic mixed order of `n` lines and a request for every line, for one preset. */
export function scenarioFor(preset: PresetName, n: number): Scenario {
  const service = preset === "crystal-accessories" ? "crystal_replacement" : preset === "fine-jewellery" ? "cleaning" : null;
  const lines = Array.from({ length: n }, (_, i) => ({
    id: `L${String(i + 1).padStart(4, "0")}`,
    productType: service === "crystal_replacement" ? "Phone Cases" : PRODUCT_TYPES[i % PRODUCT_TYPES.length],
    tags: i % 5 === 1 ? ["pierced"] : [],
    quantity: 1 + (i % 3),
    unitPrice: `${40 + ((i * 37) % 400)}.${String((i * 13) % 100).padStart(2, "0")}`,
    compareAtUnitPrice: i % 11 === 0 ? "999.00" : null,
    discountAllocations: [{ discountId: "D1", amount: "1.50" }],
    properties: (i % 9 === 0 ? { Engraving: "A" } : {}) as Record<string, string>,
    metafields: { crystal_count: 500 + i, adjustable: i % 2 === 0 },
  }));
  const input: ScenarioInput = {
    id: `bench-${preset}-${n}`,
    preset,
    now: "2026-03-10T12:00:00Z",
    shop: SHOPS[preset],
    order: {
      placedAt: "2026-02-20T10:00:00Z",
      deliveredAt: "2026-02-23T15:00:00Z",
      shippingCountry: SHOPS[preset].country,
      shippingCharged: "4.95",
      discounts: [{ id: "D1", kind: "percentage", value: "10", minimumSubtotal: "100.00" }],
      lines,
    },
    request: {
      kind: service ? "service" : "return",
      service,
      lines: lines.map((l, i) => ({
        lineId: l.id,
        quantity: 1,
        reason: service === "crystal_replacement" ? "loose_crystal" : i % 4 === 0 ? "defective" : "changed_mind",
        cause: i % 4 === 0 ? "manufacturing" : null,
        condition,
        partsRequested: service === "crystal_replacement" ? 3 : null,
      })),
      proofOfPurchase: true,
      photos: 0,
      liabilityAccepted: true,
    },
  };
  return scenarioSchema.parse(input);
}

