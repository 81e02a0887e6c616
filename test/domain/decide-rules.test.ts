import { describe, expect, it } from "vitest";

import { decide, evaluateScenario, presetPolicy, scenarioSchema, type PolicyInput } from "../../app/domain";
import { PRESET_DOCUMENTS } from "../../app/domain/presets";
import { edited, goodCondition, offered, orderLine, requestLine, scenario, service, under, type ScenarioOverrides } from "./builders";

// The engine's rules (app/domain/engine/decide.ts), each stated in its test's name, for the
// rules a mutant could change without any other test noticing (npm run mutation).

const SA = { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" };
const US = { country: "US", timezone: "America/New_York", currency: "USD" };

const faulty = (extra: Partial<Parameters<typeof requestLine>[0]> = {}) => requestLine({ reason: "defective", cause: "manufacturing", ...extra });
const posted = { amount: "6.50", method: "post" as const, fromCountry: "GB", proof: true };

describe("which lines are decided, and in what order", () => {
  it("GIVEN request lines listed L3, L1, L2 THEN the decision lists them by line id: the answer never depends on the order they were asked in", () => {
    const d = evaluateScenario(
      scenario({
        order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" }), orderLine({ id: "L3" })] },
        request: { lines: [requestLine({ lineId: "L3" }), requestLine({ lineId: "L1" }), requestLine({ lineId: "L2" })] },
      }),
    );
    expect(d.lines.map((l) => l.lineId)).toEqual(["L1", "L2", "L3"]);
  });

  it("GIVEN a request line that is not on the order (past validation) THEN the engine refuses to decide rather than guess", () => {
    const parsed = scenarioSchema.parse(scenario());
    const stray = { ...parsed, request: { ...parsed.request, lines: [{ ...parsed.request.lines[0], lineId: "L9" }] } };
    expect(() => decide(presetPolicy("uk-jeweller"), stray)).toThrow(/request line L9 is not on the order/);
  });
});

describe("windows: a group's own windows replace the general ones (CONTRACT rules 1–3)", () => {
  // Gulf: 30 days from receipt (delivered 23 Feb: last day 25 March); here watches get 90.
  const gulfWatches = (groups: string[]) =>
    edited("gulf-boutique", (p) => {
      offered(p.returns.changeOfMind).windows.push({ id: "watches-90-days", groups, window: { unit: "days", amount: 90, from: "receipt" }, text: "Watches: 90 days." });
    });
  const onDay45 = (policy: PolicyInput, productType: string) =>
    under(policy, { shop: SA, now: "2026-04-09T12:00:00Z", order: { shippingCountry: "SA", lines: [orderLine({ productType })] } }).lines[0];

  it("GIVEN watches with a longer window of their own THEN a watch is in time on day 45 under it, and a bracelet is held to the general 30 days", () => {
    const policy = gulfWatches(["watches"]);
    const watch = onDay45(policy, "Watches");
    expect(watch.eligible).toBe(true);
    expect(watch.explanation).toContainEqual({ rule: "returns.changeOfMind.windows.watches-90-days", outcome: "passed", text: "Watches: 90 days.", detail: "in time: the last day is 2026-05-24" });
    expect(onDay45(policy, "Bracelets")).toMatchObject({ eligible: false, blockers: ["window_expired"] });
  });

  it("GIVEN a window for several groups THEN an item in any one of them has it (a pen under a watches-or-pens window)", () => {
    expect(onDay45(gulfWatches(["watches", "pens"]), "Pens").eligible).toBe(true);
  });

  it("GIVEN two general windows THEN the line is in time while either is open; once both have closed each one is named as the blocker", () => {
    // UK change of mind: 14 working days (ends 13 March) or 30 days (ends 25 March) from receipt on 23 February.
    const between = evaluateScenario(scenario({ now: "2026-03-20T12:00:00Z" })).lines[0];
    expect(between.eligible).toBe(true);
    expect(between.explanation).toContainEqual(expect.objectContaining({ rule: "returns.changeOfMind.windows.returns-30-days", outcome: "passed", detail: "in time: the last day is 2026-03-25" }));
    const late = evaluateScenario(scenario({ now: "2026-04-01T12:00:00Z" })).lines[0];
    const windows = late.explanation.filter((e) => e.rule.includes(".windows."));
    expect(windows).toEqual([
      expect.objectContaining({ rule: "returns.changeOfMind.windows.cancellation-14-working-days", outcome: "blocked", detail: "the last day was 2026-03-13" }),
      expect.objectContaining({ rule: "returns.changeOfMind.windows.returns-30-days", outcome: "blocked", detail: "the last day was 2026-03-25" }),
    ]);
  });

  it("GIVEN a window without end THEN the explanation says no time limit applies", () => {
    const d = evaluateScenario(
      scenario({
        preset: "crystal-accessories",
        order: { lines: [orderLine({ productType: "Phone Cases", metafields: { crystal_count: 1000 } })] },
        request: { kind: "service", service: "crystal_replacement", liabilityAccepted: true, lines: [requestLine({ reason: "loose_crystal", partsRequested: 5 })] },
      }),
    );
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "services.crystal_replacement.windows.no-time-limit", outcome: "passed", detail: "no time limit applies yet" }));
  });
});

describe("exclusions and conditions bind returns only, for any of their groups (CONTRACT rule 4)", () => {
  it("GIVEN the UK hygiene exclusion for earrings or pierced pieces THEN a necklace set tagged pierced is excluded too", () => {
    const d = evaluateScenario(scenario({ order: { lines: [orderLine({ productType: "Necklaces", tags: ["pierced"] })] } }));
    expect(d.lines[0].blockers).toEqual(["excluded_item"]);
  });

  it("GIVEN a condition for watches or pens THEN a worn pen fails it", () => {
    const policy = edited("gulf-boutique", (p) => {
      const unworn = p.returns.conditions.find((c) => c.id === "watches-unworn");
      if (!unworn) throw new Error("fixture");
      unworn.groups = ["watches", "pens"];
    });
    const worn = { ...goodCondition, worn: true };
    const d = under(policy, { shop: SA, now: "2026-02-25T12:00:00Z", order: { shippingCountry: "SA", lines: [orderLine({ productType: "Pens" })] }, request: { lines: [requestLine({ condition: worn })] } });
    expect(d.lines[0].blockers).toEqual(["condition_not_met"]);
  });

  it("GIVEN a warranty claim for used earrings without tags or box THEN it is eligible: return exclusions and conditions are not warranty rules", () => {
    const used = { used: true, worn: true, tagsAttached: false, originalPackaging: false, packagingOpened: true };
    const d = evaluateScenario(
      scenario({ now: "2026-06-01T12:00:00Z", order: { lines: [orderLine({ productType: "Earrings", tags: ["pierced"] })] }, request: { kind: "warranty", lines: [faulty({ condition: used })] } }),
    );
    expect(d.lines[0]).toMatchObject({ eligible: true, blockers: [] });
  });

  it("GIVEN a return THEN the explanation opens with the case applied, records each condition met (or waived for a faulty item) and the proof of purchase shown", () => {
    const mind = evaluateScenario(scenario()).lines[0].explanation;
    expect(mind[0]).toEqual({ rule: "returns.changeOfMind", outcome: "applied", text: expect.any(String) });
    expect(mind).toContainEqual(expect.objectContaining({ rule: "returns.conditions.tags", outcome: "passed" }));
    expect(mind).toContainEqual(expect.objectContaining({ rule: "proofOfPurchase.receipt", outcome: "passed" }));
    const fault = evaluateScenario(scenario({ request: { lines: [faulty()] } })).lines[0].explanation;
    expect(fault).toContainEqual(expect.objectContaining({ rule: "returns.conditions.unused", outcome: "exempt", detail: "faulty items are exempt" }));
  });
});

describe("causes: which list of causes not covered applies", () => {
  it("GIVEN a cause only the returns' list excludes THEN a warranty claim for it stands (the warranty's own list rules it) and a faulty return for it is refused", () => {
    const policy = edited("uk-jeweller", (p) => {
      p.returns.causesNotCovered = { id: "damage", causes: ["misuse", "alteration"], text: "Altered or misused items cannot be returned." };
      delete offered(p.warranty).causesCovered;
    });
    const claim = under(policy, { now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [faulty({ cause: "alteration" })] } });
    expect(claim.lines[0].eligible).toBe(true);
    const ret = under(policy, { request: { lines: [faulty({ cause: "alteration" })] } });
    expect(ret.lines[0].blockers).toEqual(["cause_not_covered"]);
  });

  it("GIVEN a warranty that covers manufacturing faults only WHEN the cause found is another one its exclusions do not name THEN cause_not_covered, quoting the covered causes and naming the cause in words", () => {
    const d = evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [faulty({ cause: "care_advice_not_followed" })] } }));
    expect(d.lines[0].blockers).toEqual(["cause_not_covered"]);
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "warranty.causesCovered.manufacturing-faults", outcome: "blocked", detail: "cause: care advice not followed" }));
  });

  it("GIVEN a UK return the shopper says was worn out THEN it is refused under the returns' causes, naming the cause in words", () => {
    const d = evaluateScenario(scenario({ request: { lines: [faulty({ cause: "wear_and_tear" })] } }));
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "returns.causesNotCovered.damage", outcome: "blocked", detail: "cause: wear and tear" }));
  });
});

describe("rule 17: a paid repair is quoted only once the shop has assessed the item", () => {
  it("GIVEN a UK faulty return the shopper says was an accident, not yet inspected THEN it is refused with nothing quoted and nothing sent back", () => {
    const d = evaluateScenario(scenario({ request: { lines: [faulty({ cause: "accident" })] } }));
    expect(d.lines[0]).toMatchObject({ eligible: false, blockers: ["cause_not_covered"], alternative: null, sendBack: false });
  });

  it("GIVEN a store without a warranty WHEN an inspected claim reaches it THEN not_applicable, nothing quoted, and the item goes back", () => {
    const d = evaluateScenario(
      scenario({ preset: "gulf-boutique", shop: SA, request: { kind: "warranty", lines: [faulty({ inspection: { condition: goodCondition, cause: "accident" } })] } }),
    );
    expect(d.lines[0]).toMatchObject({ eligible: false, blockers: ["not_applicable"], alternative: null, sendBack: true });
    expect(d.lines[0].explanation[0]).toMatchObject({ rule: "warranty", outcome: "blocked", detail: "not offered for this request" });
  });

  it("GIVEN a UK faulty return found to be misuse THEN the explanation quotes the repair-quote rule", () => {
    const d = evaluateScenario(scenario({ request: { lines: [faulty({ inspection: { condition: goodCondition, cause: "misuse" } })] } }));
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "returns.faulty.paidAlternative.repair-quote", outcome: "applied", detail: "a paid repair is quoted instead" }));
  });
});

describe("rule 16: refused items after inspection", () => {
  const soiled = { request: { lines: [requestLine({ inspection: { condition: { ...goodCondition, soiled: true }, cause: null } })] } };

  it("GIVEN a policy that says nothing of refused items THEN an inspected, refused item goes back at the shopper's cost", () => {
    const d = under(
      edited("uk-jeweller", (p) => delete p.refusedItems),
      soiled,
    );
    expect(d.lines[0]).toMatchObject({ eligible: false, sendBack: true });
    expect(d.outboundShipping).toBe("customer");
    expect(d.lines[0].explanation.some((e) => e.rule.startsWith("refusedItems"))).toBe(false);
  });

  it("GIVEN the UK policy THEN the refused line's explanation quotes its sent-back rule", () => {
    const d = evaluateScenario(scenario(soiled));
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "refusedItems.sent-back", outcome: "applied", detail: "the item goes back to the shopper" }));
  });

  it("GIVEN a policy that keeps refused items THEN the refused line's explanation says it is not sent back", () => {
    const d = under(
      edited("uk-jeweller", (p) => (p.refusedItems = { id: "kept", sendBack: false, text: "Items we refuse are held for collection." })),
      soiled,
    );
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "refusedItems.kept", outcome: "applied", detail: "the item is not sent back" }));
  });
});

describe("what a line's decision carries", () => {
  it("GIVEN a return for a defect, one for a change of mind, a warranty claim and a service THEN each line names its case", () => {
    expect(evaluateScenario(scenario({ request: { lines: [faulty()] } })).lines[0].case).toBe("faulty");
    expect(evaluateScenario(scenario()).lines[0].case).toBe("change_of_mind");
    expect(evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "changed_mind" })] } })).lines[0].case).toBe("warranty");
    expect(evaluateScenario(scenario({ request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] } })).lines[0].case).toBe("service");
  });

  it("GIVEN a refused return line THEN it offers no resolution, no charge and no parts", () => {
    expect(evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z" })).lines[0]).toMatchObject({ eligible: false, resolutions: [], charge: null, maxParts: null });
  });

  it("GIVEN an eligible return THEN it offers the case's resolutions with no charge (a charge is for work)", () => {
    expect(evaluateScenario(scenario()).lines[0]).toMatchObject({ eligible: true, resolutions: ["refund", "exchange"], charge: null });
  });

  it("GIVEN a warranty that names no charge THEN its repair is free; one that charges makes it paid work", () => {
    const claim = { now: "2026-06-01T12:00:00Z", request: { kind: "warranty" as const, lines: [faulty()] } };
    expect(under(edited("uk-jeweller", (p) => delete offered(p.warranty).charge), claim).lines[0].charge).toBe("free");
    expect(under(edited("uk-jeweller", (p) => (offered(p.warranty).charge = "paid")), claim).lines[0].charge).toBe("paid");
  });
});

describe("services", () => {
  const fine = (policy: PolicyInput, name: string, extra: ScenarioOverrides = {}) =>
    under(policy, { shop: US, now: "2026-03-01T12:00:00Z", request: { kind: "service", service: name as "cleaning", lines: [requestLine({ reason: "other" })] }, ...extra }).lines[0];

  it("GIVEN a service the policy lists but has switched off THEN it is not applicable, in the service's own words", () => {
    const policy = edited("fine-jewellery", (p) => (service(p, "cleaning").enabled = false));
    const line = fine(policy, "cleaning");
    expect(line).toMatchObject({ eligible: false, blockers: ["not_applicable"] });
    expect(line.explanation[0]).toMatchObject({ rule: "services.cleaning", outcome: "blocked", text: service(policy, "cleaning").text });
  });

  it("GIVEN a free resize for adjustable pieces or earrings THEN non-adjustable earrings qualify, and the explanation says so", () => {
    const policy = edited("fine-jewellery", (p) => {
      p.groups.push({ id: "earrings", label: "Earrings", match: { productTypes: ["Earrings"] } });
      const resize = service(p, "resize");
      if (resize.appliesTo) resize.appliesTo.groups = ["adjustable", "earrings"];
    });
    const line = fine(policy, "resize", { order: { lines: [orderLine({ productType: "Earrings" })] } });
    expect(line.eligible).toBe(true);
    expect(line.explanation).toContainEqual(expect.objectContaining({ rule: "services.resize.appliesTo", outcome: "passed" }));
  });

  it("GIVEN a service with a price and a turnaround THEN an eligible line shows them and a refused one does not", () => {
    const policy = edited("fine-jewellery", (p) => {
      const resize = service(p, "resize");
      resize.price = { kind: "free" };
      resize.turnaround = { days: 5, text: "Back to you in five working days." };
    });
    const adjustable = { order: { lines: [orderLine({ metafields: { crystal_count: null, adjustable: true } })] } };
    expect(fine(policy, "resize", adjustable)).toMatchObject({ eligible: true, price: { kind: "free" }, turnaround: "Back to you in five working days." });
    const refused = fine(policy, "resize");
    expect(refused.eligible).toBe(false);
    expect(refused.price).toBeUndefined();
    expect(refused.turnaround).toBeUndefined();
  });

  describe("allowances: uses of the same allowance for the same piece count", () => {
    const threeCleanings = edited("fine-jewellery", (p) => {
      const cleaning = service(p, "cleaning");
      if (cleaning.allowance) cleaning.allowance.limit = 3;
    });
    const used = (entries: [string, string][]) => entries.map(([svc, lineId]) => ({ kind: "service" as const, service: svc as "cleaning", lineId, at: "2026-02-25T10:00:00Z" }));

    it("GIVEN three free cleanings WHEN one was used for this piece, two for another piece and a resize for this one THEN two are left", () => {
      const line = fine(threeCleanings, "cleaning", { history: used([["cleaning", "L1"], ["cleaning", "L2"], ["cleaning", "L2"], ["resize", "L1"]]) });
      expect(line).toMatchObject({ eligible: true, allowanceLeft: 2 });
      expect(line.explanation).toContainEqual(expect.objectContaining({ rule: "services.cleaning.allowance.lifetime", outcome: "passed", detail: "used 1 of 3" }));
    });

    it("GIVEN all three used for this piece THEN limit_reached, with nothing left to report", () => {
      const line = fine(threeCleanings, "cleaning", { history: used([["cleaning", "L1"], ["cleaning", "L1"], ["cleaning", "L1"]]) });
      expect(line).toMatchObject({ eligible: false, blockers: ["limit_reached"] });
      expect(line.allowanceLeft).toBeUndefined();
      expect(line.explanation).toContainEqual(expect.objectContaining({ rule: "services.cleaning.allowance.lifetime", outcome: "blocked", detail: "used 3 of 3" }));
    });
  });

  describe("crystals: the parts quota", () => {
    const crystals = (count: number | string | null, extra: { policy?: PolicyInput; liabilityAccepted?: boolean; cause?: "misuse" } = {}) =>
      under(extra.policy ?? (structuredClone(PRESET_DOCUMENTS["crystal-accessories"]) as PolicyInput), {
        order: { lines: [orderLine({ productType: "Phone Cases", metafields: { crystal_count: count } })] },
        request: {
          kind: "service",
          service: "crystal_replacement",
          liabilityAccepted: extra.liabilityAccepted ?? true,
          lines: [requestLine({ reason: "loose_crystal", cause: extra.cause ?? null, partsRequested: 5 })],
        },
      });
    const noAppliesTo = edited("crystal-accessories", (p) => delete service(p, "crystal_replacement").appliesTo);

    it("GIVEN an item whose crystal count is zero or not a number THEN the quota gives nothing and the service does not apply, even with no appliesTo rule", () => {
      expect(crystals(0, { policy: noAppliesTo }).lines[0]).toMatchObject({ eligible: false, blockers: ["not_applicable"] });
      expect(crystals("many", { policy: noAppliesTo }).lines[0]).toMatchObject({ eligible: false, blockers: ["not_applicable"] });
      expect(crystals(250, { policy: noAppliesTo }).lines[0]).toMatchObject({ eligible: true, maxParts: 2, partsAllowance: { total: 2, sent: 0 } });
    });

    it("GIVEN no crystals sent before THEN the explanation gives the quota of the count alone", () => {
      const line = crystals(1000).lines[0];
      expect(line.explanation).toContainEqual(expect.objectContaining({ rule: "services.crystal_replacement.partsQuota.one-percent", outcome: "applied", detail: "at most 10 of 1000" }));
    });

    it("GIVEN a shopper who has not accepted the do-it-yourself terms THEN the crystals are still offered but the acknowledgement is required", () => {
      const d = crystals(1000, { liabilityAccepted: false });
      expect(d.lines[0].eligible).toBe(true);
      expect(d.requirements).toEqual(["liability_acknowledgement"]);
      expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "services.crystal_replacement.liabilityAcknowledgement.diy-liability", outcome: "applied" }));
      expect(crystals(1000).requirements).toEqual([]);
    });

    it("GIVEN crystals lost through misuse THEN the service does not cover them (cause_not_covered)", () => {
      expect(crystals(1000, { cause: "misuse" }).lines[0]).toMatchObject({ eligible: false, blockers: ["cause_not_covered"] });
    });
  });
});

describe("what every decision carries", () => {
  it("GIVEN the UK policy THEN a decision carries its notes and the shop's local date it was made on", () => {
    const d = evaluateScenario(scenario({ now: "2026-03-10T23:30:00-05:00" }));
    expect(d.notes).toEqual([{ rule: "notes.statutory-rights", text: "This does not affect your statutory rights." }]);
    expect(d.decidedOn).toBe("2026-03-11");
    expect(d.scenario).toBe("test");
  });
});

describe("rule 10: one parcel goes back", () => {
  it("GIVEN a change-of-mind line and a faulty line in one UK return THEN the store pays the return, as the faulty line's rule says", () => {
    const d = evaluateScenario(
      scenario({ order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] }, request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })] } }),
    );
    expect(d.returnShipping).toBe("store");
  });

  it("GIVEN a change-of-mind line listed before a faulty one THEN the delivery charge is refunded, as the faulty line's rule says", () => {
    const d = evaluateScenario(
      scenario({ order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] }, request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })] } }),
    );
    expect(d.refund).toMatchObject({ items: "160.00", shipping: "4.95", total: "164.95" });
  });
});

describe("rule 15: postage repaid", () => {
  const ukFaulty = (extra: ScenarioOverrides = {}) => ({ ...extra, request: { lines: [faulty()], postage: posted, ...extra.request } });

  it("GIVEN two lines whose return the store pays, only the second's rule repaying postage THEN the postage follows the line whose rule repays it", () => {
    const policy = edited("uk-jeweller", (p) => {
      const mind = offered(p.returns.changeOfMind);
      if (mind.returnShipping) mind.returnShipping = { ...mind.returnShipping, payer: "store" };
    });
    const d = under(policy, {
      order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] },
      request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })], postage: posted },
    });
    expect(d.refund?.postage).toBe("6.50");
  });

  it("GIVEN a line whose own return the shopper pays THEN its postage rule repays nothing, even beside a line whose return the store pays", () => {
    const policy = edited("uk-jeweller", (p) => (offered(p.returns.changeOfMind).postage = { id: "generous", repaid: true, text: "We repay postage." }));
    const d = under(policy, {
      order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] },
      request: { lines: [requestLine({ lineId: "L1" }), faulty({ lineId: "L2" })], postage: { ...posted, proof: false } },
    });
    expect(d.refund?.postage).toBe("0.00");
    expect(d.requirements).toEqual(["proof_of_postage"]);
  });

  it("GIVEN a UK faulty return posted without proof THEN nothing is repaid yet and proof of postage is asked for", () => {
    const d = evaluateScenario(scenario(ukFaulty({ request: { postage: { ...posted, proof: false } } })));
    expect(d.requirements).toEqual(["proof_of_postage"]);
    expect(d.refund?.postage).toBe("0.00");
    expect(d.refund?.explanation).toContainEqual(expect.objectContaining({ rule: "returns.faulty.postage.posted-with-proof", outcome: "blocked", detail: "proof of postage still needed" }));
  });

  it("GIVEN no country of posting and an order with no shipping country THEN the parcel was posted from the shop's own country", () => {
    const d = evaluateScenario(scenario(ukFaulty({ order: { shippingCountry: null }, request: { postage: { amount: "6.50", method: "post", proof: true } } })));
    expect(d.refund?.postage).toBe("6.50");
  });

  it("GIVEN a rule that repays postage however and from wherever it was sent THEN a courier parcel from abroad is repaid", () => {
    const d = evaluateScenario(
      scenario({
        preset: "fine-jewellery",
        shop: US,
        order: { shippingCountry: "US" },
        request: { photos: 1, lines: [faulty()], postage: { amount: "12.00", method: "courier", fromCountry: "CA", proof: false } },
      }),
    );
    expect(d.refund?.postage).toBe("12.00");
  });

  it("GIVEN a cap THEN the explanation says the postage was repaid up to it; under the cap it adds nothing", () => {
    const capped = edited("uk-jeweller", (p) => {
      const postage = offered(p.returns.faulty).postage;
      if (postage) postage.maximum = "5.00";
    });
    const entry = (policy: PolicyInput) => under(policy, ukFaulty()).refund?.explanation.find((e) => e.rule === "returns.faulty.postage.posted-with-proof");
    expect(entry(capped)).toEqual({ rule: "returns.faulty.postage.posted-with-proof", outcome: "applied", text: expect.any(String), detail: "repaid up to 5.00" });
    expect(entry(structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput)).toEqual({ rule: "returns.faulty.postage.posted-with-proof", outcome: "applied", text: expect.any(String) });
  });

  it("GIVEN a case the store pays the return of but with no postage rule THEN postage is not repaid", () => {
    const policy = edited("uk-jeweller", (p) => delete offered(p.returns.faulty).postage);
    expect(under(policy, ukFaulty()).refund).toMatchObject({ postage: "0.00", total: "84.95" });
  });

  it("GIVEN a free service whose return the store pays and whose postage it repays THEN the postage alone is refunded", () => {
    const policy = edited("fine-jewellery", (p) => {
      const cleaning = service(p, "cleaning");
      cleaning.returnShipping = { id: "ours", payer: "store", text: "We pay for you to send it." };
      cleaning.postage = { id: "repaid", repaid: true, text: "We repay your postage." };
    });
    const d = under(policy, { shop: US, order: { shippingCountry: "US" }, request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })], postage: { amount: "8.00", method: "post", proof: false } } });
    expect(d.returnShipping).toBe("store");
    expect(d.refund).toMatchObject({ method: "original_payment", postage: "8.00", total: "8.00" });
  });

  it("GIVEN a UK warranty repair posted with proof THEN the postage alone is refunded, to the original payment", () => {
    const claim = (postage: typeof posted | null) => evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [faulty()], postage } }));
    expect(claim(posted).refund).toEqual({
      method: "original_payment",
      items: "0.00",
      shipping: "0.00",
      postage: "6.50",
      total: "6.50",
      storeCreditExpiresOn: null,
      currency: "GBP",
      explanation: [expect.objectContaining({ rule: "warranty.postage.posted-with-proof", outcome: "applied" })],
    });
    expect(claim(null).refund).toBeNull();
  });
});

describe("refunds: method, delivery and bonus", () => {
  it("GIVEN store credit by default and a refund also offered WHEN the shopper prefers the refund THEN it goes to the original payment, with no store-credit expiry", () => {
    const policy = edited("gulf-boutique", (p) => (offered(p.returns.changeOfMind).resolutions = ["store_credit", "refund"]));
    const d = under(policy, { shop: SA, order: { shippingCountry: "SA" }, request: { preferredResolution: "refund" } });
    expect(d.refund).toMatchObject({ method: "original_payment", storeCreditExpiresOn: null });
  });

  it("GIVEN a shopper who prefers an exchange the case does not offer THEN the refund goes ahead", () => {
    const d = evaluateScenario(scenario({ request: { preferredResolution: "exchange", lines: [faulty()] } }));
    expect(d.refund).toMatchObject({ method: "original_payment", items: "80.00" });
  });

  it("GIVEN a faulty return of an order with no shipping country THEN delivery counts as domestic and is refunded", () => {
    expect(evaluateScenario(scenario({ order: { shippingCountry: null }, request: { lines: [faulty()] } })).refund?.shipping).toBe("4.95");
  });

  it("GIVEN delivery partly refunded before THEN only what is left is refunded; all of it refunded, nothing, and the explanation says so", () => {
    const after = (shippingRefunded: string) => evaluateScenario(scenario({ order: { shippingRefunded }, request: { lines: [faulty()] } })).refund;
    expect(after("2.00")?.shipping).toBe("2.95");
    const none = after("4.95");
    expect(none?.shipping).toBe("0.00");
    expect(none?.explanation).toContainEqual(expect.objectContaining({ rule: "refundDelivery.delivery-charge", outcome: "applied", detail: "delivery was already refunded on this order" }));
    expect(after("0.00")?.explanation).toContainEqual({ rule: "refundDelivery.delivery-charge", outcome: "applied", text: expect.any(String) });
  });

  it("GIVEN a faulty item shipped abroad THEN the explanation says its delivery is not refunded because it went abroad; a rule not limited to home refunds it", () => {
    const abroad = { order: { shippingCountry: "FR" }, request: { lines: [faulty()] } };
    expect(evaluateScenario(scenario(abroad)).refund?.explanation).toContainEqual(expect.objectContaining({ rule: "refundDelivery.delivery-charge", outcome: "blocked", detail: "shipped abroad" }));
    const everywhere = edited("uk-jeweller", (p) => {
      const delivery = offered(p.returns.faulty).refundDelivery;
      if (delivery) delivery.domesticOnly = false;
    });
    expect(under(everywhere, abroad).refund?.shipping).toBe("4.95");
  });

  it("GIVEN a store-credit bonus WHEN the shopper takes a refund instead THEN the bonus is 0.00 and not given as applied", () => {
    const policy = edited("uk-jeweller", (p) => {
      const mind = offered(p.returns.changeOfMind);
      mind.resolutions = ["refund", "store_credit"];
      mind.bonus = { id: "b", storeCreditPercent: 10, text: "Bonus." };
    });
    const refund = under(policy, { request: { preferredResolution: "refund" } }).refund;
    expect(refund).toMatchObject({ method: "original_payment", bonus: "0.00", total: "80.00" });
    expect(refund?.explanation.some((e) => e.rule === "bonus.b")).toBe(false);
    const credit = under(policy, { request: { preferredResolution: "store_credit" } }).refund;
    expect(credit?.explanation).toContainEqual(expect.objectContaining({ rule: "bonus.b", outcome: "applied" }));
  });
});

describe("discounts in the refund (CONTRACT rule 7)", () => {
  // Gulf: staggered promotions refund the lowest price they gave, and a minimum spend is re-checked.
  type Order = NonNullable<ScenarioOverrides["order"]>;
  const gulf = (order: Order, returned: string[]) =>
    evaluateScenario(
      scenario({ preset: "gulf-boutique", shop: SA, order: { shippingCountry: "SA", ...order }, request: { lines: returned.map((lineId) => requestLine({ lineId })) } }),
    ).refund;
  const minimum = (minimumSubtotal: string) => [{ id: "D1", kind: "percentage" as const, value: "10", minimumSubtotal }];
  const priced = (id: string, unitPrice: string, off: string, more: Partial<Parameters<typeof orderLine>[0]> = {}) =>
    orderLine({ id, unitPrice, discountAllocations: [{ discountId: "D1", amount: off }], ...more });

  it("GIVEN a return that takes the order below a discount's minimum spend THEN the whole discount comes off the refund, and the explanation names it and the amount", () => {
    const refund = gulf({ discounts: minimum("100.00"), lines: [priced("L1", "60.00", "6.00"), priced("L2", "70.00", "7.00")] }, ["L2"]);
    // 70.00 − its own 7.00 share − the 6.00 the kept ring no longer earns.
    expect(refund?.items).toBe("57.00");
    expect(refund?.explanation).toContainEqual(expect.objectContaining({ rule: "discounts.recheckMinimumSpend", outcome: "applied", detail: "discount D1: 6.00 more deducted" }));
  });

  it("GIVEN what is kept exactly at the minimum spend THEN the discount still holds", () => {
    expect(gulf({ discounts: minimum("100.00"), lines: [priced("L1", "100.00", "10.00"), priced("L2", "70.00", "7.00")] }, ["L2"])?.items).toBe("63.00");
  });

  it("GIVEN an earlier return already took the order below the minimum spend THEN a later return gives back only its own share (the discount was lost once)", () => {
    const order = { discounts: minimum("150.00"), lines: [priced("L1", "60.00", "6.00", { refundedQuantity: 1 }), priced("L2", "70.00", "7.00"), priced("L3", "50.00", "5.00")] };
    expect(gulf(order, ["L2"])?.items).toBe("63.00");
  });

  it("GIVEN two allocations of one discount on a line THEN both come off what was paid", () => {
    const line = orderLine({ id: "L1", unitPrice: "100.00", discountAllocations: [{ discountId: "D1", amount: "5.00" }, { discountId: "D1", amount: "5.00" }] });
    expect(gulf({ discounts: minimum("50.00"), lines: [line] }, ["L1"])?.items).toBe("90.00");
  });

  it("GIVEN a staggered promotion THEN a returned line it did not touch refunds its own price, and only a touched line is said to be refunded at the lowest price", () => {
    const order = {
      discounts: [{ id: "S", kind: "staggered" as const, value: null, minimumSubtotal: null }],
      lines: [
        orderLine({ id: "L1", unitPrice: "100.00", discountAllocations: [{ discountId: "S", amount: "0.00" }] }),
        orderLine({ id: "L2", unitPrice: "100.00", discountAllocations: [{ discountId: "S", amount: "50.00" }] }),
        orderLine({ id: "L3", unitPrice: "80.00" }),
      ],
    };
    const untouched = gulf(order, ["L3"]);
    expect(untouched?.items).toBe("80.00");
    expect(untouched?.explanation.some((e) => e.rule === "discounts.staggeredRefundLowest")).toBe(false);
    expect(gulf(order, ["L1"])?.explanation).toContainEqual(expect.objectContaining({ rule: "discounts.staggeredRefundLowest", outcome: "applied" }));
  });
});
