import { describe, expect, it } from "vitest";

import { evaluateScenario, presetPolicy, redecideWithInspection, ScenarioError, scenarioSchema, type PolicyInput, type ScenarioInput } from "../../app/domain";
import { policyText, policyTextPlain } from "../../app/domain/policy/text";
import { PRESET_DOCUMENTS } from "../../app/domain/presets";
import { goodCondition, orderLine, requestLine, scenario } from "./builders";

// CONTRACT rules 15–18: postage repaid, the inspection decides, what goes back and who pays for it.

type PostageInput = ScenarioInput["request"]["postage"];

const ukFaulty = (postage: PostageInput, extra: Parameters<typeof scenario>[0] = {}) =>
  scenario({
    ...extra,
    now: "2026-03-01T12:00:00Z",
    request: { kind: "return", lines: [requestLine({ reason: "defective", cause: "manufacturing" })], postage, ...extra.request },
  });

function ukWith(edit: (policy: PolicyInput) => void): PolicyInput {
  const policy = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as PolicyInput;
  edit(policy);
  return policy;
}

describe("rule 15: postage repaid", () => {
  it("GIVEN a UK faulty return posted from abroad with proof THEN no postage is repaid (never from overseas)", () => {
    const d = evaluateScenario(ukFaulty({ amount: "6.50", method: "post", fromCountry: "FR", proof: true }));
    expect(d.refund).toMatchObject({ items: "80.00", shipping: "4.95", postage: "0.00", total: "84.95" });
    expect(d.requirements).toEqual([]);
  });

  it("GIVEN no country of posting THEN the order's shipping country decides whether it came from abroad", () => {
    const abroad = evaluateScenario(ukFaulty({ amount: "6.50", method: "post", proof: true }, { order: { shippingCountry: "IE" } }));
    expect(abroad.refund?.postage).toBe("0.00");
    const home = evaluateScenario(ukFaulty({ amount: "6.50", method: "post", proof: true }));
    expect(home.refund?.postage).toBe("6.50");
  });

  it("GIVEN a courier parcel without proof THEN proof is not asked for: the method alone rules the postage out", () => {
    const d = evaluateScenario(ukFaulty({ amount: "11.00", method: "courier", fromCountry: "GB", proof: false }));
    expect(d.requirements).not.toContain("proof_of_postage");
    expect(d.refund?.postage).toBe("0.00");
  });

  it("GIVEN a change-of-mind return posted with proof THEN the shopper pays the journey and nothing is repaid", () => {
    const d = evaluateScenario(scenario({ request: { postage: { amount: "6.50", method: "post", fromCountry: "GB", proof: true } } }));
    expect(d.returnShipping).toBe("customer");
    expect(d.refund).toMatchObject({ postage: "0.00", total: "80.00" });
  });

  it("GIVEN a policy maximum THEN the postage repaid is capped at it", () => {
    const policy = ukWith((p) => {
      if (p.returns.faulty.enabled && p.returns.faulty.postage) p.returns.faulty.postage.maximum = "5.00";
    });
    const d = evaluateScenario({ ...ukFaulty({ amount: "6.50", method: "post", fromCountry: "GB", proof: true }), preset: null, policy });
    expect(d.refund).toMatchObject({ postage: "5.00", total: "89.95" });
  });

  it("GIVEN a maximum above what was paid THEN what was paid is repaid", () => {
    const policy = ukWith((p) => {
      if (p.returns.faulty.enabled && p.returns.faulty.postage) p.returns.faulty.postage.maximum = "10.00";
    });
    const d = evaluateScenario({ ...ukFaulty({ amount: "6.50", method: "post", fromCountry: "GB", proof: true }), preset: null, policy });
    expect(d.refund?.postage).toBe("6.50");
  });

  it("GIVEN a rule limited to some reasons THEN other reasons get no postage back", () => {
    const policy = ukWith((p) => {
      if (p.returns.faulty.enabled && p.returns.faulty.postage) p.returns.faulty.postage.reasons = ["wrong_item"];
    });
    const posted: PostageInput = { amount: "6.50", method: "post", fromCountry: "GB", proof: true };
    expect(evaluateScenario({ ...ukFaulty(posted), preset: null, policy }).refund?.postage).toBe("0.00");
    const wrong = ukFaulty(posted, { request: { lines: [requestLine({ reason: "wrong_item" })] } });
    expect(evaluateScenario({ ...wrong, preset: null, policy }).refund?.postage).toBe("6.50");
  });

  it("GIVEN store credit THEN the postage is paid the same way as the items", () => {
    const policy = ukWith((p) => {
      if (p.returns.faulty.enabled) p.returns.faulty.resolutions = ["refund", "store_credit"];
    });
    const d = evaluateScenario({
      ...ukFaulty({ amount: "6.50", method: "post", fromCountry: "GB", proof: true }, { request: { preferredResolution: "store_credit" } }),
      preset: null,
      policy,
    });
    expect(d.refund).toMatchObject({ method: "store_credit", postage: "6.50", total: "91.45" });
  });

  it("GIVEN the order's currency is JPY THEN the postage is printed in yen's minor units", () => {
    const d = evaluateScenario(
      ukFaulty({ amount: "900", method: "post", fromCountry: "GB", proof: true }, { order: { currency: "JPY", shippingCharged: "700", lines: [orderLine({ unitPrice: "12000" })] } }),
    );
    expect(d.refund).toMatchObject({ postage: "900", total: "13600", currency: "JPY" });
  });

  it("GIVEN postage with more decimals than the currency has THEN the scenario is refused", () => {
    expect(() => evaluateScenario(ukFaulty({ amount: "6.505", method: "post", fromCountry: "GB", proof: true }))).toThrow(ScenarioError);
  });

  it("GIVEN a Gulf return by the store's courier THEN there is no postage to repay", () => {
    const d = evaluateScenario(
      scenario({
        preset: "gulf-boutique",
        shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
        order: { shippingCountry: "SA" },
        request: { usesStoreCourier: true, postage: { amount: "20.00", method: "courier", fromCountry: "SA", proof: true } },
      }),
    );
    expect(d.returnShipping).toBe("store");
    expect(d.refund?.postage).toBe("0.00");
  });
});

describe("rule 16: inspection", () => {
  it("GIVEN a change-of-mind return found damaged THEN its condition fails and it is sent back at the shopper's cost", () => {
    const d = evaluateScenario(scenario({ request: { lines: [requestLine({ inspection: { condition: { ...goodCondition, damaged: true }, cause: null } })] } }));
    expect(d.lines[0]).toMatchObject({ eligible: false, blockers: ["condition_not_met"], sendBack: true, alternative: null });
    expect(d.outboundShipping).toBe("customer");
  });

  it("GIVEN a faulty return found damaged THEN it is exempt from the condition and refunded", () => {
    const d = evaluateScenario(ukFaulty(null, { request: { lines: [requestLine({ reason: "damaged_in_transit", inspection: { condition: { ...goodCondition, damaged: true, used: true }, cause: null } })] } }));
    expect(d.lines[0]).toMatchObject({ eligible: true, sendBack: false });
  });

  it("GIVEN the shopper's own word of a soiled item THEN a change-of-mind return fails without being sent back (nothing was received)", () => {
    const d = evaluateScenario(scenario({ request: { lines: [requestLine({ condition: { ...goodCondition, soiled: true } })] } }));
    expect(d.lines[0]).toMatchObject({ eligible: false, blockers: ["condition_not_met"], sendBack: false });
    expect(d.outboundShipping).toBe("none");
  });

  it("GIVEN an inspection that clears what the shopper declared THEN the inspection wins", () => {
    const d = evaluateScenario(scenario({ request: { lines: [requestLine({ condition: { ...goodCondition, used: true }, inspection: { condition: goodCondition, cause: null } })] } }));
    expect(d.lines[0].eligible).toBe(true);
  });

  it("GIVEN a policy that keeps refused items THEN nothing is sent back and nothing travels", () => {
    const policy = ukWith((p) => {
      p.refusedItems = { id: "kept", sendBack: false, text: "Items we refuse are held for collection." };
    });
    const d = evaluateScenario({ ...scenario({ request: { lines: [requestLine({ inspection: { condition: { ...goodCondition, soiled: true }, cause: null } })] } }), preset: null, policy });
    expect(d.lines[0].sendBack).toBe(false);
    expect(d.outboundShipping).toBe("none");
  });

  it("GIVEN a policy that sends refused items back at its own cost THEN the journey home is the store's", () => {
    const policy = ukWith((p) => {
      p.refusedItems = { id: "ours", sendBack: true, payer: "store", text: "We send refused items back at our cost." };
    });
    const d = evaluateScenario({ ...scenario({ request: { lines: [requestLine({ inspection: { condition: { ...goodCondition, soiled: true }, cause: null } })] } }), preset: null, policy });
    expect(d.outboundShipping).toBe("store");
  });
});

describe("rule 17: paid alternative", () => {
  const warranty = (cause: string, preset = "uk-jeweller") =>
    scenario({
      preset,
      now: "2026-09-01T12:00:00Z",
      request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "manufacturing", inspection: { condition: goodCondition, cause: cause as "accident" } })] },
    });

  it.each(["uk-jeweller", "fine-jewellery"])("GIVEN a %s warranty claim found to be an accident THEN a paid repair is quoted", (preset) => {
    expect(evaluateScenario(warranty("accident", preset)).lines[0].alternative).toEqual({ resolution: "repair", charge: "paid" });
  });

  it("GIVEN a warranty claim refused for its window THEN no repair is quoted (refused for another reason)", () => {
    const late = { ...warranty("manufacturing"), now: "2027-09-01T12:00:00Z" };
    const line = evaluateScenario(late).lines[0];
    expect(line.blockers).toEqual(["window_expired"]);
    expect(line.alternative).toBeNull();
    expect(line.sendBack).toBe(true);
  });

  it("GIVEN a UK faulty return found to be misuse THEN a paid repair is quoted", () => {
    const d = evaluateScenario(ukFaulty(null, { request: { lines: [requestLine({ reason: "defective", inspection: { condition: goodCondition, cause: "misuse" } })] } }));
    expect(d.lines[0]).toMatchObject({ blockers: ["cause_not_covered"], alternative: { resolution: "repair", charge: "paid" }, sendBack: true });
  });

  it("GIVEN a UK change-of-mind return found to be accident-damaged THEN it is refused and sent back, with no quote", () => {
    const d = evaluateScenario(scenario({ request: { lines: [requestLine({ inspection: { condition: goodCondition, cause: "accident" } })] } }));
    expect(d.lines[0]).toMatchObject({ eligible: false, alternative: null, sendBack: true });
  });

  it("GIVEN a Gulf faulty return found to be an accident THEN no repair is quoted (the policy offers none)", () => {
    const d = evaluateScenario(
      scenario({
        preset: "gulf-boutique",
        shop: { country: "SA", timezone: "Asia/Riyadh", currency: "SAR" },
        request: { lines: [requestLine({ reason: "defective", inspection: { condition: goodCondition, cause: "accident" } })] },
      }),
    );
    expect(d.lines[0]).toMatchObject({ blockers: ["cause_not_covered"], alternative: null, sendBack: true });
  });
});

describe("rule 18: the journey home", () => {
  it("GIVEN a UK change-of-mind exchange THEN the store sends the exchange", () => {
    const d = evaluateScenario(scenario({ request: { preferredResolution: "exchange" } }));
    expect(d.refund).toBeNull();
    expect(d.outboundShipping).toBe("store");
  });

  it("GIVEN a refund THEN nothing is sent", () => {
    expect(evaluateScenario(scenario()).outboundShipping).toBe("none");
  });

  it("GIVEN every line refused without an inspection THEN nothing is sent", () => {
    expect(evaluateScenario(scenario({ now: "2026-06-01T12:00:00Z" })).outboundShipping).toBe("none");
  });

  it("GIVEN a paid service THEN its journey home is the shopper's", () => {
    const d = evaluateScenario(
      scenario({
        preset: "fine-jewellery",
        shop: { country: "US", timezone: "America/New_York", currency: "USD" },
        request: { kind: "service", service: "restoration", lines: [requestLine({ reason: "other" })] },
      }),
    );
    expect(d.lines[0]).toMatchObject({ eligible: true, charge: "paid" });
    expect(d.outboundShipping).toBe("customer");
  });

  it("GIVEN a free service whose policy says nothing of the way home THEN it is the shopper's; a free case's is the store's", () => {
    const policy = structuredClone(PRESET_DOCUMENTS["fine-jewellery"]) as PolicyInput;
    for (const s of policy.services) delete s.outboundShipping;
    if (policy.warranty.enabled) delete policy.warranty.outboundShipping;
    const base = { preset: "fine-jewellery", shop: { country: "US", timezone: "America/New_York", currency: "USD" } };
    const cleaning = scenario({ ...base, request: { kind: "service", service: "cleaning", lines: [requestLine({ reason: "other" })] } });
    expect(evaluateScenario({ ...cleaning, preset: null, policy }).outboundShipping).toBe("customer");
    const claim = scenario({ ...base, now: "2026-06-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "manufacturing" })] } });
    expect(evaluateScenario({ ...claim, preset: null, policy }).outboundShipping).toBe("store");
  });

  it("GIVEN one line repaired free and another sent back refused THEN the shopper pays the way home", () => {
    const d = evaluateScenario(
      scenario({
        now: "2026-09-01T12:00:00Z",
        order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] },
        request: {
          kind: "warranty",
          lines: [
            requestLine({ lineId: "L1", reason: "defective", cause: "manufacturing" }),
            requestLine({ lineId: "L2", reason: "defective", cause: "manufacturing", inspection: { condition: goodCondition, cause: "bathing" } }),
          ],
        },
      }),
    );
    expect(d.lines.map((l) => l.eligible)).toEqual([true, false]);
    expect(d.outboundShipping).toBe("customer");
  });
});

describe("redecideWithInspection: the desk re-decides a stored request on what it found", () => {
  const stored = scenarioSchema.parse(
    scenario({ now: "2026-09-01T12:00:00Z", request: { kind: "warranty", lines: [requestLine({ reason: "defective", cause: "manufacturing" })] } }),
  );

  it("GIVEN the shop finds accidental damage THEN the claim is refused, sent back and quoted a paid repair", () => {
    const before = redecideWithInspection(presetPolicy("uk-jeweller"), stored, []);
    expect(before.lines[0].eligible).toBe(true);
    const after = redecideWithInspection(presetPolicy("uk-jeweller"), stored, [{ lineId: "L1", condition: goodCondition, cause: "accident" }]);
    expect(after.lines[0]).toMatchObject({ eligible: false, blockers: ["cause_not_covered"], sendBack: true, alternative: { resolution: "repair", charge: "paid" } });
    expect(after.outboundShipping).toBe("customer");
  });

  it("GIVEN a finding for a line not on the request, or twice for one line, or an unknown cause THEN it is refused", () => {
    const policy = presetPolicy("uk-jeweller");
    expect(() => redecideWithInspection(policy, stored, [{ lineId: "L9", condition: goodCondition, cause: null }])).toThrow(/L9/);
    const twice = [{ lineId: "L1", condition: goodCondition, cause: null }, { lineId: "L1", condition: goodCondition, cause: null }];
    expect(() => redecideWithInspection(policy, stored, twice)).toThrow(/twice/);
    expect(() => redecideWithInspection(policy, stored, [{ lineId: "L1", condition: goodCondition, cause: "gremlins" as "accident" }])).toThrow(ScenarioError);
  });
});

describe("the policy text says the journey rules", () => {
  const text = (name: string) => policyTextPlain(policyText(presetPolicy(name), { currency: "GBP", locale: "en-GB" }));

  it("GIVEN the UK preset THEN it says postage is refunded only by post from home with proof, who sends repairs home, the repair quote and refused items", () => {
    const t = text("uk-jeweller");
    expect(t).toContain("We refund the postage you paid when sent by post, sent from within the country we ship from and with proof of postage.");
    expect(t).toContain("We send your repaired piece or its replacement to you at our cost. (Sending it to you is paid by us.)");
    expect(t).toContain("(If we find the damage is not covered, we quote for paid repair instead.)");
    expect(t).toContain("(We send items we cannot accept back to you at your cost.)");
    expect(t).toContain("(The item must be clean, not soiled.) Faulty items are exempt.");
  });

  it("GIVEN the fine-jewellery preset THEN cleaning says the way home is the shopper's", () => {
    expect(text("fine-jewellery")).toMatch(/Cleaning: .*Shipping the piece back to you is yours too\. \(Sending it to you is paid by you\.\)/);
  });

  it("GIVEN a postage cap and reasons THEN the text gives them as money and words", () => {
    const policy = presetPolicy("uk-jeweller");
    const capped = structuredClone(policy);
    if (capped.returns.faulty.enabled && capped.returns.faulty.postage) {
      capped.returns.faulty.postage.maximum = "7.50";
      capped.returns.faulty.postage.reasons = ["wrong_item"];
    }
    expect(policyTextPlain(policyText(capped, { currency: "GBP", locale: "en-GB" }))).toContain("We refund the postage you paid for wrong item when sent by post, sent from within the country we ship from and with proof of postage, up to £7.50.");
  });

  it("GIVEN the Gulf preset THEN it says its own courier is the only postage it pays", () => {
    expect(text("gulf-boutique")).toContain("postage you pay yourself is not refunded. (Postage you pay yourself is not refunded.)");
  });
});
