import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { evaluateScenario, PRESET_DOCUMENTS, type PolicyInput, type ScenarioInput } from "../../app/domain";
import { goodCondition } from "./builders";

/** Runs per property; mutation testing (vitest.mutation.config.ts) scales them down to keep each mutant's run short. */
const runs = (n: number) => Math.max(20, Math.round(n * Number(process.env.PROPERTY_RUNS_SCALE ?? "1")));

// Random orders in minor units; amounts are written as decimal strings the way Shopify sends them.
const CURRENCIES = [
  { code: "GBP", exponent: 2 },
  { code: "JPY", exponent: 0 },
  { code: "KWD", exponent: 3 },
];
const decimal = (minor: number, exponent: number) =>
  exponent === 0 ? String(minor) : `${Math.floor(minor / 10 ** exponent)}.${String(minor % 10 ** exponent).padStart(exponent, "0")}`;

type GenLine = { quantity: number; unit: number; discount: number; staggered: boolean; returnQty: number };

const genOrder = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  preset: fc.constantFrom("uk-jeweller", "gulf-boutique"),
  shipping: fc.integer({ min: 0, max: 2_000 }),
  minimum: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: null }),
  lines: fc.array(
    fc
      .record({ quantity: fc.integer({ min: 1, max: 4 }), unit: fc.integer({ min: 1, max: 50_000 }), staggered: fc.boolean(), discountShare: fc.double({ min: 0, max: 1, noNaN: true }), returnShare: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ quantity, unit, staggered, discountShare, returnShare }): GenLine => ({
        quantity,
        unit,
        discount: Math.floor(unit * quantity * discountShare * 0.5),
        staggered,
        returnQty: Math.max(1, Math.round(quantity * returnShare)),
      })),
    { minLength: 1, maxLength: 6 },
  ),
});

type Gen = typeof genOrder extends fc.Arbitrary<infer T> ? T : never;

function build(gen: Gen, returned: { index: number; quantity: number }[]): ScenarioInput {
  const { code, exponent } = gen.currency;
  const shop = gen.preset === "uk-jeweller"
    ? { country: "GB", timezone: "Europe/London", currency: code }
    : { country: "SA", timezone: "Asia/Riyadh", currency: code };
  return {
    id: "property",
    preset: gen.preset,
    now: "2026-03-10T12:00:00Z",
    shop,
    order: {
      placedAt: "2026-02-20T10:00:00Z",
      deliveredAt: "2026-02-23T15:00:00Z",
      shippingCountry: shop.country,
      shippingCharged: decimal(gen.shipping, exponent),
      discounts: [
        { id: "D1", kind: "percentage", value: "10", minimumSubtotal: gen.minimum === null ? null : decimal(gen.minimum, exponent) },
        { id: "S1", kind: "staggered", value: null, minimumSubtotal: null },
      ],
      lines: gen.lines.map((l, i) => ({
        id: `L${i + 1}`,
        productType: "Bracelets",
        quantity: l.quantity,
        unitPrice: decimal(l.unit, exponent),
        discountAllocations: [{ discountId: l.staggered ? "S1" : "D1", amount: decimal(l.discount, exponent) }],
      })),
    },
    request: {
      kind: "return",
      lines: returned.map(({ index, quantity }) => ({ lineId: `L${index + 1}`, quantity, reason: "changed_mind", condition: goodCondition })),
      proofOfPurchase: true,
      photos: 0,
    },
  };
}

const minorOf = (text: string | undefined, exponent: number) => Math.round(Number(text ?? "0") * 10 ** exponent);
const paid = (l: GenLine, q: number) => l.unit * q - Math.floor((l.discount * q) / l.quantity);

describe("refund properties", () => {
  it("never refunds more than was paid for the returned units plus delivery", () => {
    fc.assert(
      fc.property(genOrder, (gen) => {
        const returned = gen.lines.map((l, index) => ({ index, quantity: l.returnQty }));
        const refund = evaluateScenario(build(gen, returned)).refund;
        const ceiling = gen.lines.reduce((acc, l) => acc + paid(l, l.returnQty), 0) + gen.shipping;
        expect(minorOf(refund?.total, gen.currency.exponent)).toBeLessThanOrEqual(ceiling);
        expect(minorOf(refund?.items, gen.currency.exponent)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: runs(300) },
    );
  });

  it("successive partial returns of a line, each after the last was refunded, sum to exactly what was paid", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (currency, quantity, unit, share, steps) => {
          const discount = Math.floor(unit * quantity * share);
          const gen: Gen = { currency, preset: "uk-jeweller", shipping: 0, minimum: null, lines: [{ quantity, unit, discount, staggered: false, returnQty: 1 }] };
          let refundedQuantity = 0;
          let refunded = 0;
          // Split the line into successive requests of the drawn sizes, the last taking what is left.
          for (const step of [...steps, quantity]) {
            const n = Math.min(step, quantity - refundedQuantity);
            if (n === 0) break;
            const s = build(gen, [{ index: 0, quantity: n }]);
            s.order.lines = (s.order.lines ?? []).map((l) => ({ ...l, refundedQuantity }));
            refunded += minorOf(evaluateScenario(s).refund?.items, currency.exponent);
            refundedQuantity += n;
          }
          expect(refundedQuantity).toBe(quantity);
          expect(refunded).toBe(unit * quantity - discount);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("delivery across successive faulty returns is refunded once, never above what was charged", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 5 }), (currency, charged, requests) => {
        const gen: Gen = { currency, preset: "uk-jeweller", shipping: charged, minimum: null, lines: Array.from({ length: requests }, () => ({ quantity: 1, unit: 1_000, discount: 0, staggered: false, returnQty: 1 })) };
        let shippingRefunded = 0;
        for (let index = 0; index < requests; index++) {
          const s = build(gen, [{ index, quantity: 1 }]);
          s.request.lines = s.request.lines.map((l) => ({ ...l, reason: "defective" }));
          s.order.shippingRefunded = decimal(shippingRefunded, currency.exponent);
          s.order.lines = (s.order.lines ?? []).map((l, i) => ({ ...l, refundedQuantity: i < index ? 1 : 0 }));
          const shipping = minorOf(evaluateScenario(s).refund?.shipping, currency.exponent);
          expect(shipping).toBeLessThanOrEqual(charged - shippingRefunded);
          shippingRefunded += shipping;
        }
        // The uk-jeweller preset refunds delivery on faulty returns: the first takes all of it.
        expect(shippingRefunded).toBe(charged);
      }),
      { numRuns: runs(200) },
    );
  });

  it("a decision never depends on the order lines are listed in", () => {
    fc.assert(
      fc.property(genOrder, fc.integer({ min: 0, max: 1_000 }), (gen, seed) => {
        const returned = gen.lines.map((l, index) => ({ index, quantity: l.returnQty }));
        const scenario = build(gen, returned);
        const shuffled = structuredClone(scenario);
        const rotate = <T,>(items: T[]) => items.map((_, i) => items[(i + seed) % items.length]);
        shuffled.order.lines = rotate(shuffled.order.lines ?? []);
        shuffled.request.lines = rotate(shuffled.request.lines).reverse();
        expect(evaluateScenario(shuffled)).toEqual(evaluateScenario(scenario));
      }),
      { numRuns: runs(200) },
    );
  });
});

describe("window properties", () => {
  it("widening a window never turns an eligible line ineligible", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("days", "working_days", "months", "years"),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 800 }),
        (unit, amount, extra, daysLater) => {
          const withWindow = (n: number) => {
            const policy = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput;
            if (!policy.returns.changeOfMind.enabled) throw new Error("fixture");
            policy.returns.changeOfMind.windows = [{ id: "w", window: { unit: unit as "days", amount: n, from: "receipt" }, text: "window" }];
            const now = new Date(Date.parse("2026-02-23T15:00:00Z") + daysLater * 86_400_000).toISOString();
            const s = build({ currency: CURRENCIES[0], preset: "uk-jeweller", shipping: 0, minimum: null, lines: [{ quantity: 1, unit: 100, discount: 0, staggered: false, returnQty: 1 }] }, [{ index: 0, quantity: 1 }]);
            return evaluateScenario({ ...s, now, preset: null, policy }).lines[0].eligible;
          };
          if (withWindow(amount)) expect(withWindow(amount + extra)).toBe(true);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

// Revision 3 (CONTRACT rules 15–18) added inputs (postage, inspection, soiled/damaged) and rules
// (postage repaid, the journey home, refused items sent back, paid alternatives). A scenario
// without the new inputs must decide exactly as the policy did without the new rules.
const PRESET_SHOPS: Record<string, ScenarioInput["shop"]> = {
  "uk-jeweller": { country: "GB", timezone: "Europe/London", currency: "GBP" },
  "gulf-boutique": { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
  "fine-jewellery": { country: "US", timezone: "America/New_York", currency: "USD" },
  "crystal-accessories": { country: "GB", timezone: "Europe/London", currency: "GBP" },
};

/** The preset as it was before revision 3: none of its rules 15–18 and no soiled/damaged conditions. */
function withoutRevision3(name: keyof typeof PRESET_DOCUMENTS): PolicyInput {
  const policy = structuredClone(PRESET_DOCUMENTS[name]) as PolicyInput;
  delete policy.refusedItems;
  policy.returns.conditions = policy.returns.conditions.filter((c) => c.require !== "clean" && c.require !== "undamaged");
  for (const rules of [policy.returns.changeOfMind, policy.returns.faulty, policy.warranty]) {
    if (!rules.enabled) continue;
    delete rules.postage;
    delete rules.outboundShipping;
    delete rules.paidAlternative;
  }
  for (const service of policy.services) {
    delete service.postage;
    delete service.outboundShipping;
  }
  return policy;
}

const genRequestLine = fc.record({
  reason: fc.constantFrom("changed_mind", "defective", "damaged_in_transit", "wrong_item", "loose_crystal", "other"),
  cause: fc.constantFrom(null, "manufacturing", "accident", "misuse", "wear_and_tear", "tarnishing"),
  condition: fc.record({ used: fc.boolean(), worn: fc.boolean(), tagsAttached: fc.boolean(), originalPackaging: fc.boolean(), packagingOpened: fc.boolean() }),
  partsRequested: fc.constantFrom(null, 3, 20),
});

const genScenario = fc.record({
  preset: fc.constantFrom(...(Object.keys(PRESET_SHOPS) as (keyof typeof PRESET_DOCUMENTS)[])),
  kind: fc.constantFrom("return", "warranty", "service"),
  service: fc.constantFrom("crystal_replacement", "repair_by_merchant", "cleaning", "resize", "redesign", "accessory_repair", "restoration"),
  preferredResolution: fc.constantFrom(null, "refund", "store_credit", "exchange"),
  daysLater: fc.integer({ min: 0, max: 500 }),
  lines: fc.array(genRequestLine, { minLength: 1, maxLength: 3 }),
  productType: fc.constantFrom("Necklaces", "Earrings", "Watches", "Pens", "Phone Cases"),
  crystals: fc.constantFrom(null, 1000),
  adjustable: fc.boolean(),
  proofOfPurchase: fc.boolean(),
  photos: fc.constantFrom(0, 2),
  usesStoreCourier: fc.boolean(),
  liabilityAccepted: fc.boolean(),
  usedBefore: fc.boolean(),
});

function revision2Scenario(gen: typeof genScenario extends fc.Arbitrary<infer T> ? T : never): ScenarioInput {
  const shop = PRESET_SHOPS[gen.preset];
  return {
    id: "rev2",
    preset: gen.preset,
    now: new Date(Date.parse("2026-02-24T12:00:00Z") + gen.daysLater * 86_400_000).toISOString(),
    shop,
    order: {
      placedAt: "2026-02-20T10:00:00Z",
      deliveredAt: "2026-02-23T15:00:00Z",
      shippingCountry: shop.country,
      shippingCharged: "5.00",
      lines: gen.lines.map((_, i) => ({
        id: `L${i + 1}`,
        productType: gen.productType,
        quantity: 1,
        unitPrice: "120.00",
        metafields: { crystal_count: gen.crystals, adjustable: gen.adjustable },
      })),
    },
    request: {
      kind: gen.kind,
      service: gen.kind === "service" ? gen.service : null,
      preferredResolution: gen.preferredResolution,
      lines: gen.lines.map((l, i) => ({ lineId: `L${i + 1}`, quantity: 1, ...l })),
      proofOfPurchase: gen.proofOfPurchase,
      photos: gen.photos,
      usesStoreCourier: gen.usesStoreCourier,
      liabilityAccepted: gen.liabilityAccepted,
    },
    history: gen.usedBefore ? [{ kind: "service", service: gen.service, lineId: "L1", at: "2026-02-22T10:00:00Z" }] : [],
  };
}

describe("revision 3 properties", () => {
  it("a scenario without postage or inspection decides exactly as before on every preset: postage 0.00, nothing sent back, no alternative", () => {
    fc.assert(
      fc.property(genScenario, (gen) => {
        const scenario = revision2Scenario(gen);
        const now = evaluateScenario(scenario);
        const before = evaluateScenario({ ...scenario, preset: null, policy: withoutRevision3(gen.preset) });
        const decided = (d: typeof now) => ({
          lines: d.lines.map(({ explanation: _explanation, ...line }) => line),
          refund: d.refund && { ...d.refund, explanation: undefined },
          returnShipping: d.returnShipping,
          requirements: d.requirements,
        });
        expect(decided(now)).toEqual(decided(before));
        for (const line of now.lines) {
          expect(line.sendBack).toBe(false);
          expect(line.alternative).toBeNull();
        }
        if (now.refund) expect(now.refund.postage).toBe("0.00");
        expect(now.requirements).not.toContain("proof_of_postage");
      }),
      { numRuns: runs(400) },
    );
  });

  it("an inspection that finds what the shopper said changes nothing but sending refused items back", () => {
    fc.assert(
      fc.property(genScenario, (gen) => {
        const scenario = revision2Scenario(gen);
        const inspected = structuredClone(scenario);
        inspected.request.lines = inspected.request.lines.map((l) => ({ ...l, inspection: { condition: l.condition, cause: l.cause ?? null } }));
        const word = evaluateScenario(scenario);
        const found = evaluateScenario(inspected);
        expect(found.refund).toEqual(word.refund);
        found.lines.forEach((line, i) => {
          expect(line.eligible).toBe(word.lines[i].eligible);
          expect(line.blockers).toEqual(word.lines[i].blockers);
          expect(line.sendBack).toBe(!line.eligible);
        });
      }),
      { numRuns: runs(200) },
    );
  });
});
