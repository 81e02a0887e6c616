import { describe, expect, it } from "vitest";

import { evaluateScenario } from "../../app/domain";
import { edited, goodCondition, offered, orderLine, requestLine, scenario, service, under } from "./builders";

// More of the engine's rules (app/domain/engine/decide.ts), each stated in its test's name: the
// ones the mutation run (npm run mutation; bench/results/mutation-by-file.json) found no test
// checking.

const faulty = (extra: Partial<Parameters<typeof requestLine>[0]> = {}) => requestLine({ reason: "defective", cause: "manufacturing", ...extra });
const twoLines = { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] };

describe("requirements (CONTRACT rule 11)", () => {
  const crystals = edited("crystal-accessories", (p) => (service(p, "crystal_replacement").photos = { id: "photos", text: "Send us a photo of the piece." }));
  const crystalRequest = (lines: ReturnType<typeof requestLine>[]) =>
    under(crystals, {
      order: { lines: [orderLine({ id: "L1", productType: "Phone Cases", metafields: { crystal_count: 1000 } }), orderLine({ id: "L2", productType: "Phone Cases", metafields: { crystal_count: 500 } })] },
      request: { kind: "service", service: "crystal_replacement", liabilityAccepted: false, lines },
    });

  it("GIVEN a service that needs photos and the do-it-yourself terms, neither given THEN both are required, listed in alphabetical order whatever order the rules raised them", () => {
    expect(crystalRequest([requestLine({ reason: "loose_crystal" })]).requirements).toEqual(["liability_acknowledgement", "photos"]);
  });

  it("GIVEN two lines that each need photos THEN photos are required once", () => {
    expect(crystalRequest([requestLine({ lineId: "L1", reason: "loose_crystal" }), requestLine({ lineId: "L2", reason: "loose_crystal" })]).requirements).toEqual([
      "liability_acknowledgement",
      "photos",
    ]);
  });
});

describe("outbound shipping (CONTRACT rule 18)", () => {
  it("GIVEN one line refunded and another repaired in the same return THEN the repaired piece still travels home at the store's cost: only money back sends nothing", () => {
    const policy = edited("uk-jeweller", (p) => (offered(p.returns.faulty).resolutions = ["repair", "replacement"]));
    const d = under(policy, { order: twoLines, request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })] } });
    expect(d.lines.map((l) => l.resolutions)).toEqual([["refund", "exchange"], ["repair", "replacement"]]);
    expect(d.refund?.items).toBe("80.00");
    expect(d.outboundShipping).toBe("store");
  });
});


describe("item conditions (CONTRACT rules 4 and 16): each condition looks at its own fact", () => {
  const facts = [
    ["unused", { used: true }],
    ["unworn", { worn: true }],
    ["tags_attached", { tagsAttached: false }],
    ["original_packaging", { originalPackaging: false }],
    ["unopened_packaging", { packagingOpened: true }],
    ["clean", { soiled: true }],
    ["undamaged", { damaged: true }],
  ] as const;

  it.each(facts)("GIVEN a return whose only condition is %s THEN an item as sold meets it and one with %o fails it (condition_not_met)", (require, fact) => {
    const policy = edited("uk-jeweller", (p) => (p.returns.conditions = [{ id: "the-condition", require, exemptIfFaulty: false, text: "The one condition." }]));
    const asSold = under(policy).lines[0];
    expect(asSold).toMatchObject({ eligible: true, blockers: [] });
    expect(asSold.explanation).toContainEqual({ rule: "returns.conditions.the-condition", outcome: "passed", text: "The one condition." });
    const changed = under(policy, { request: { lines: [requestLine({ condition: { ...goodCondition, ...fact } })] } }).lines[0];
    expect(changed).toMatchObject({ eligible: false, blockers: ["condition_not_met"] });
  });
});

describe("postage repaid (CONTRACT rule 15)", () => {
  const posted = { amount: "6.50", method: "post" as const, fromCountry: "GB", proof: true };

  it("GIVEN a UK faulty return sent with the store's courier THEN no postage is repaid: the store paid that journey itself", () => {
    const byCourier = evaluateScenario(scenario({ request: { lines: [faulty()], postage: posted, usesStoreCourier: true } }));
    expect(byCourier.returnShipping).toBe("store");
    expect(byCourier.refund).toMatchObject({ postage: "0.00", total: "84.95" });
    expect(byCourier.refund?.explanation.map((e) => e.rule)).not.toContain("returns.faulty.postage.posted-with-proof");
    expect(evaluateScenario(scenario({ request: { lines: [faulty()], postage: posted } })).refund).toMatchObject({ postage: "6.50", total: "91.45" });
  });
});

describe("the refund's explanation names only the rules that changed it", () => {
  it("GIVEN a UK faulty return of an order without discounts THEN neither the minimum-spend nor the staggered-promotion rule is cited", () => {
    const rules = evaluateScenario(scenario({ request: { lines: [faulty()] } })).refund?.explanation.map((e) => e.rule);
    expect(rules).toEqual(["refund.original-payment", "refundDelivery.delivery-charge"]);
  });
});

describe("paid work travels at the shopper's cost (CONTRACT rule 18)", () => {
  it("GIVEN a warranty that charges for its repairs THEN the repaired piece comes home at the shopper's cost, though the free warranty's would come at the store's", () => {
    const claim = (policy: ReturnType<typeof edited>) => under(policy, { now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [faulty()] } });
    const paid = claim(edited("uk-jeweller", (p) => (offered(p.warranty).charge = "paid")));
    expect(paid.lines[0].charge).toBe("paid");
    expect(paid.outboundShipping).toBe("customer");
    expect(claim(edited("uk-jeweller")).outboundShipping).toBe("store");
  });
});

describe("a service line carries only what its rules give", () => {
  it("GIVEN a service without an allowance, a parts quota, a price or a turnaround THEN its line says nothing of any of them", () => {
    const policy = edited("fine-jewellery", (p) => delete service(p, "cleaning").allowance);
    const line = under(policy, {
      shop: { country: "US", timezone: "America/New_York", currency: "USD" },
      order: { shippingCountry: "US" },
      request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] },
    }).lines[0];
    expect(line.eligible).toBe(true);
    expect(line.maxParts).toBeNull();
    for (const key of ["allowanceLeft", "partsAllowance", "price", "turnaround"]) expect(line).not.toHaveProperty(key);
  });
});

describe("who pays the way home follows the case's own rule (CONTRACT rule 18)", () => {
  it("GIVEN a faulty-item case that repairs only and sends repairs home at the shopper's cost THEN the journey home is the shopper's, not the store's default", () => {
    const policy = edited("uk-jeweller", (p) => {
      const fault = offered(p.returns.faulty);
      fault.resolutions = ["repair"];
      fault.outboundShipping = { id: "you-pay", payer: "customer", text: "Repairs are posted back at your cost." };
    });
    const d = under(policy, { request: { lines: [faulty()] } });
    expect(d.lines[0]).toMatchObject({ eligible: true, resolutions: ["repair"] });
    expect(d.refund).toBeNull();
    expect(d.outboundShipping).toBe("customer");
  });
});

describe("the parts quota counts this piece's parts only (CONTRACT rule 5)", () => {
  it("GIVEN crystals sent before for another piece on the order THEN they do not come off this piece's quota", () => {
    const d = under(edited("crystal-accessories"), {
      order: { lines: [orderLine({ id: "L1", productType: "Phone Cases", metafields: { crystal_count: 1000 } }), orderLine({ id: "L2", productType: "Phone Cases", metafields: { crystal_count: 1000 } })] },
      request: { kind: "service", service: "crystal_replacement", liabilityAccepted: true, lines: [requestLine({ lineId: "L1", reason: "loose_crystal", partsRequested: 5 })] },
      history: [{ kind: "service", service: "crystal_replacement", lineId: "L2", at: "2026-02-25T10:00:00Z", partsSent: 6 }],
    });
    expect(d.lines[0]).toMatchObject({ eligible: true, maxParts: 10, partsAllowance: { total: 10, sent: 0 } });
  });
});

describe("exclusions and conditions are return rules (CONTRACT rule 4)", () => {
  it("GIVEN returns that take only unused pieces, faulty or not THEN a used piece's warranty claim still stands: the condition is not a warranty rule", () => {
    const policy = edited("uk-jeweller", (p) => (p.returns.conditions = [{ id: "unused-always", require: "unused", exemptIfFaulty: false, text: "Only unused pieces come back." }]));
    const used = requestLine({ reason: "defective", cause: "manufacturing", condition: { ...goodCondition, used: true } });
    expect(under(policy, { now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [used] } }).lines[0]).toMatchObject({ eligible: true, blockers: [] });
    expect(under(policy, { request: { lines: [used] } }).lines[0]).toMatchObject({ eligible: false, blockers: ["condition_not_met"] });
  });

  it("GIVEN UK earrings returned for a change of mind THEN the explanation quotes the hygiene exclusion; returned faulty, it says they are exempt", () => {
    const earrings = { order: { lines: [orderLine({ productType: "Earrings" })] } };
    const text = "For hygiene reasons we cannot exchange or refund earrings unless they are faulty.";
    expect(evaluateScenario(scenario(earrings)).lines[0].explanation).toContainEqual({ rule: "returns.exclusions.earrings-hygiene", outcome: "blocked", text });
    expect(evaluateScenario(scenario({ ...earrings, request: { lines: [faulty()] } })).lines[0].explanation).toContainEqual({
      rule: "returns.exclusions.earrings-hygiene",
      outcome: "exempt",
      text,
      detail: "faulty items are exempt",
    });
  });
});

describe("a cause the policy does not cover is quoted from the rules of the request's own kind", () => {
  it("GIVEN a UK warranty claim for chemical damage THEN the warranty's own list of causes not covered is named, not the returns' list", () => {
    const d = evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "chemical" })] } }));
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "warranty.causesNotCovered.not-covered", outcome: "blocked", detail: "cause: chemical" }));
  });
});

describe("a service's allowance counts uses of the service only (CONTRACT rule 5)", () => {
  it("GIVEN one free resize per piece and a history entry of a warranty claim that names the resize THEN the resize is still free: only service requests use it up", () => {
    const resize = (history: NonNullable<Parameters<typeof under>[1]>["history"]) =>
      under(edited("fine-jewellery"), {
        shop: { country: "US", timezone: "America/New_York", currency: "USD" },
        order: { shippingCountry: "US", lines: [orderLine({ metafields: { crystal_count: null, adjustable: true } })] },
        request: { kind: "service", service: "resize", lines: [requestLine({ reason: "other" })] },
        history,
      }).lines[0];
    expect(resize([{ kind: "warranty", service: "resize", lineId: "L1", at: "2026-02-25T10:00:00Z" }])).toMatchObject({ eligible: true, allowanceLeft: 1 });
    expect(resize([{ kind: "service", service: "resize", lineId: "L1", at: "2026-02-25T10:00:00Z" }])).toMatchObject({ eligible: false, blockers: ["limit_reached"] });
  });
});

describe("a refused service line", () => {
  const US = { country: "US", timezone: "America/New_York", currency: "USD" };
  const resize = (extra: { now?: string; adjustable?: boolean; used?: boolean }) =>
    under(edited("fine-jewellery"), {
      shop: US,
      now: extra.now,
      order: { shippingCountry: "US", lines: [orderLine({ metafields: { crystal_count: null, adjustable: extra.adjustable ?? true } })] },
      request: { kind: "service", service: "resize", lines: [requestLine({ reason: "other" })] },
      history: extra.used ? [{ kind: "service", service: "resize", lineId: "L1", at: "2026-02-25T10:00:00Z" }] : [],
    }).lines[0];

  it("GIVEN a free resize asked for by a piece that is not adjustable THEN the line offers no service and no charge", () => {
    expect(resize({ adjustable: false })).toMatchObject({ eligible: false, blockers: ["not_applicable"], resolutions: [], charge: null, maxParts: null });
  });

  it("GIVEN the one free resize used and its three months over THEN both blockers are named, in alphabetical order", () => {
    expect(resize({ now: "2026-06-01T12:00:00Z", used: true }).blockers).toEqual(["limit_reached", "window_expired"]);
  });
});

describe("a service that asks for photos says so in its explanation (CONTRACT rule 11)", () => {
  it("GIVEN cleaning that asks for photos and none sent THEN the line quotes the photos rule and says photos are still needed", () => {
    const policy = edited("fine-jewellery", (p) => (service(p, "cleaning").photos = { id: "before-cleaning", text: "Send us photos before cleaning." }));
    const line = under(policy, {
      shop: { country: "US", timezone: "America/New_York", currency: "USD" },
      order: { shippingCountry: "US" },
      request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] },
    }).lines[0];
    expect(line.explanation).toContainEqual({ rule: "services.cleaning.photos.before-cleaning", outcome: "applied", text: "Send us photos before cleaning.", detail: "photos still needed" });
  });
});

describe("which postage rule decides (CONTRACT rule 15)", () => {
  it("GIVEN a faulty return the store pays for whose postage rule says postage is not repaid THEN nothing is repaid, and the explanation says so", () => {
    const policy = edited("uk-jeweller", (p) => {
      const postage = offered(p.returns.faulty).postage;
      if (postage) postage.repaid = false;
    });
    const d = under(policy, { request: { lines: [faulty()], postage: { amount: "6.50", method: "post", fromCountry: "GB", proof: true } } });
    expect(d.refund?.postage).toBe("0.00");
    expect(d.refund?.explanation).toContainEqual(expect.objectContaining({ rule: "returns.faulty.postage.posted-with-proof", outcome: "blocked", detail: "postage is not repaid in this case" }));
  });

  it("GIVEN two store-paid lines, the first's rule repaying postage only for a faulty item and the second faulty THEN the postage is repaid under the second's rule", () => {
    const policy = edited("uk-jeweller", (p) => {
      const mind = offered(p.returns.changeOfMind);
      mind.returnShipping = { id: "free-returns", payer: "store", text: "Returns are free." };
      mind.postage = { id: "faulty-only", repaid: true, reasons: ["defective"], text: "Postage is repaid for faulty items only." };
    });
    const d = under(policy, { order: twoLines, request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })], postage: { amount: "6.50", method: "post", fromCountry: "GB", proof: true } } });
    expect(d.refund?.postage).toBe("6.50");
  });
});
