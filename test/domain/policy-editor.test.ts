import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { evaluateScenario, formatMoneyIn, parseMinorUnits, PRESET_DOCUMENTS, PRESET_NAMES, presetPolicy } from "../../app/domain";
import { emptyPolicy } from "../../app/domain/policy/empty";
import { policySchema } from "../../app/domain/policy/schema";
import { policyHighlights, policyText, policyTextPlain } from "../../app/domain/policy/text";
import { checkPolicy } from "../../app/domain/policy/validate";
import { CONDITION_NAMES, serviceName, windowWords } from "../../app/domain/policy/words";

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary fields
const uk = () => clone(PRESET_DOCUMENTS["uk-jeweller"]) as any;

describe("the editor's additions to the model, in the CLI's scenario format", () => {
  const dir = join(process.cwd(), "test", "fixtures", "policy-samples-editor");
  const samples = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));

  it("has its four samples", () => expect(samples.map((s) => s.id)).toHaveLength(4));

  it.each(samples.map((s) => [s.id, s]))("%s decides as expected", (_id, sample) => {
    const { expect: expected, ...input } = sample;
    const decision = evaluateScenario(input);
    expect(decision.lines.map((l) => ({ lineId: l.lineId, eligible: l.eligible, blockers: l.blockers, resolutions: l.resolutions, charge: l.charge }))).toEqual(expected.lines);
    expect(decision.returnShipping).toBe(expected.returnShipping);
    if (expected.refund === null) expect(decision.refund).toBeNull();
    else expect(decision.refund).toMatchObject(expected.refund);
  });

  it("GIVEN a 10% store-credit bonus WHEN the shopper takes a refund instead THEN no bonus is added", () => {
    const sample = JSON.parse(readFileSync(join(dir, "editor-uk-store-credit-bonus-10-percent.json"), "utf8"));
    delete sample.expect;
    sample.request.preferredResolution = "refund";
    const refund = evaluateScenario(sample).refund;
    expect(refund).toMatchObject({ method: "original_payment", items: "80.00", bonus: "0.00", total: "80.00" });
  });

  it("GIVEN a return label fee above the item's price WHEN decided THEN the refund stops at zero, never negative", () => {
    const sample = JSON.parse(readFileSync(join(dir, "editor-uk-restocking-and-label-fees.json"), "utf8"));
    delete sample.expect;
    sample.policy.returns.changeOfMind.fees = { id: "fees", returnShippingFee: "500.00", text: "Label fee." };
    expect(evaluateScenario(sample).refund).toMatchObject({ items: "80.00", total: "0.00", fees: { restocking: "0.00", returnShipping: "80.00" } });
  });

  it("GIVEN a paid service with a fixed price WHEN decided THEN the line carries its price and turnaround", () => {
    const sample = JSON.parse(readFileSync(join(dir, "editor-uk-paid-polish-and-replate.json"), "utf8"));
    delete sample.expect;
    expect(evaluateScenario(sample).lines[0]).toMatchObject({ charge: "paid", price: { kind: "fixed", amount: "45.00" }, turnaround: "About two weeks." });
  });

  it("GIVEN a fixed price on a service marked free THEN the schema names the charge field", () => {
    const doc = uk();
    doc.services = [{ service: "cleaning", enabled: true, text: "Cleaning.", windows: [{ id: "any", window: { unit: "unlimited" }, text: "Any time." }], charge: "free", price: { kind: "fixed", amount: "10.00" }, resolution: "service", returnShipping: { id: "c", payer: "customer", text: "You post it." } }];
    expect(checkPolicy(doc).errors).toEqual([{ path: "services.0.charge", message: "the price says paid, the charge says free", code: "chargeMismatch", params: { price: "paid", charge: "free" } }]);
  });
});

describe("checking a policy as the merchant types", () => {
  it("GIVEN every preset THEN each passes with no errors", () => {
    for (const name of PRESET_NAMES) expect(checkPolicy(PRESET_DOCUMENTS[name]).errors, name).toEqual([]);
  });

  it("GIVEN negative days THEN the window's amount is named", () => {
    const doc = uk();
    doc.returns.changeOfMind.windows[1].window.amount = -5;
    expect(checkPolicy(doc).errors).toEqual([{ path: "returns.changeOfMind.windows.1.window.amount", message: "must be at least 1", code: "positive" }]);
  });

  it("GIVEN a group that matches on nothing THEN the group's matcher is named", () => {
    const doc = uk();
    doc.groups[0].match = {};
    expect(checkPolicy(doc).errors).toEqual([{ path: "groups.0.match", message: "a group must match on something", code: "groupEmpty", params: {} }]);
  });

  it("GIVEN a quota over 100% THEN the quota's field is named", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const doc = clone(PRESET_DOCUMENTS["crystal-accessories"]) as any;
    doc.services[0].partsQuota.basisPoints = 12_000;
    expect(checkPolicy(doc).errors).toEqual([{ path: "services.0.partsQuota.basisPoints", message: "a quota cannot be more than 100%", code: "quotaAbove100" }]);
  });

  it("GIVEN a return label fee above the shop's cheapest item THEN the fee is named", () => {
    const doc = uk();
    doc.returns.changeOfMind.fees = { id: "fees", returnShippingFee: "40.00", text: "We keep the label cost." };
    const check = checkPolicy(doc, { cheapestItem: { title: "Silver studs", price: "25.00", currency: "GBP" } });
    expect(check.policy).toBeNull();
    expect(check.errors).toEqual([{ path: "returns.changeOfMind.fees.returnShippingFee", message: expect.stringContaining("above the price of \"Silver studs\" (£25.00)"), code: "feeAbovePrice", params: { fee: 4000, price: 2500, currency: "GBP", item: "Silver studs" } }]);
  });

  it("GIVEN earrings excluded and a clip-on earrings group with its own window THEN the contradiction is called out", () => {
    const doc = uk();
    doc.groups.push({ id: "clip-on", label: "Clip-on earrings", match: { productTypes: ["Earrings"], tags: ["clip-on"] } });
    doc.returns.changeOfMind.windows.push({ id: "clip-on-30", groups: ["clip-on"], window: { unit: "days", amount: 30, from: "receipt" }, text: "Clip-ons within 30 days." });
    const messages = checkPolicy(doc).warnings.filter((w) => w.kind === "contradiction").map((w) => w.message);
    expect(messages).toContain("Earrings are excluded, but the 'Clip-on earrings' group allows returns: which wins? (Today the exclusion does.)");
  });

  it("GIVEN a UK shop with a 7-day window, no delivery refund and a sale exclusion THEN the 14-day right is cited", () => {
    const doc = uk();
    doc.returns.changeOfMind.windows = [{ id: "week", window: { unit: "days", amount: 7, from: "receipt" }, text: "A week." }];
    doc.groups.push({ id: "sale", label: "Sale", match: { onSale: true } });
    doc.returns.exclusions.push({ id: "sale", groups: ["sale"], unlessFaulty: false, text: "No returns on sale items." });
    const law = checkPolicy(doc, { country: "GB" }).warnings.filter((w) => w.kind === "law");
    expect(law.map((w) => w.path)).toEqual(expect.arrayContaining(["returns.changeOfMind.windows", "returns.exclusions.2", "returns.changeOfMind.refundDelivery"]));
    expect(law.map((w) => w.path)).not.toContain("returns.exclusions.1"); // earrings: the hygiene exception
    expect(checkPolicy(doc, { country: "SA" }).warnings.filter((w) => w.kind === "law")).toEqual([]);
  });

  it("GIVEN a French shop that switches change-of-mind returns off THEN it is warned", () => {
    const doc = uk();
    doc.returns.changeOfMind = { enabled: false, text: "No returns." };
    expect(checkPolicy(doc, { country: "FR" }).warnings).toContainEqual(expect.objectContaining({ kind: "law", path: "returns.changeOfMind.enabled" }));
  });

  it("GIVEN the empty policy THEN it parses and offers nothing", () => {
    const policy = policySchema.parse(emptyPolicy());
    expect(policyHighlights(policy)).toEqual(["No change-of-mind returns.", "No separate faulty-item returns.", "No warranty beyond the law.", "No repair or care services."]);
  });
});

describe("the policy text written from the rules", () => {
  it.each(PRESET_NAMES)("GIVEN the %s preset THEN the text mentions every window, exclusion, condition and service", (name) => {
    const policy = presetPolicy(name);
    const text = policyTextPlain(policyText(policy, { currency: "GBP" }));
    const cases = [policy.returns.changeOfMind, policy.returns.faulty, policy.warranty];
    for (const rules of cases) {
      expect(text).toContain(rules.text);
      if (!rules.enabled) continue;
      for (const w of rules.windows) {
        expect(text).toContain(w.text);
        expect(text).toContain(windowWords(w.window));
      }
    }
    for (const e of policy.returns.exclusions) {
      expect(text).toContain(e.text);
      for (const g of e.groups) expect(text).toContain(policy.groups.find((x) => x.id === g)?.label);
    }
    for (const c of policy.returns.conditions) {
      expect(text).toContain(c.text);
      expect(text).toContain(CONDITION_NAMES[c.require]);
    }
    for (const s of policy.services.filter((x) => x.enabled)) {
      expect(text).toContain(`${serviceName(s)}: ${s.text}`);
      for (const w of s.windows) expect(text).toContain(windowWords(w.window));
      if (s.allowance) expect(text).toContain(s.allowance.text);
    }
  });

  it("GIVEN a translation for a rule WHEN the text is written in that language THEN it uses the merchant's translation", () => {
    const doc = uk();
    doc.translations = { fr: { "returns.exclusions.earrings-hygiene": "Pour des raisons d'hygiène, les boucles d'oreilles ne sont pas reprises." } };
    const policy = policySchema.parse(doc);
    expect(policyTextPlain(policyText(policy, { language: "fr" }))).toContain("Pour des raisons d'hygiène");
    expect(policyTextPlain(policyText(policy))).toContain("For hygiene reasons");
  });

  it("GIVEN a fixed-price service with a turnaround THEN the text gives its price and turnaround", () => {
    const doc = uk();
    doc.services = [{ service: "restoration", label: "Polish and re-plate", enabled: true, text: "We polish and re-plate.", windows: [{ id: "any", window: { unit: "unlimited" }, text: "Any time." }], charge: "paid", price: { kind: "fixed", amount: "45.00" }, turnaround: { text: "About two weeks." }, transport: "post", resolution: "service", returnShipping: { id: "c", payer: "customer", text: "You pay the postage." } }];
    const text = policyTextPlain(policyText(policySchema.parse(doc), { currency: "GBP" }));
    expect(text).toContain("Polish and re-plate: We polish and re-plate. (Price: £45.00. Time limit: no time limit. Turnaround: About two weeks. Travels by post.)");
  });

  it("GIVEN a quoted service asking a 30% deposit and a free resize quoted once used THEN the text says both (docs/decisions/023)", () => {
    const doc = uk();
    const any = [{ id: "any", window: { unit: "unlimited" }, text: "Any time." }];
    const customer = { id: "c", payer: "customer", text: "You pay the postage." };
    doc.services = [
      { service: "redesign", enabled: true, text: "We redesign your piece.", windows: any, charge: "paid", price: { kind: "quote" }, deposit: { kind: "share", percent: 30 }, resolution: "service", returnShipping: customer },
      { service: "resize", enabled: true, text: "One free resize.", windows: any, charge: "free", allowance: { id: "once", limit: 1, key: "resize", text: "One free size adjustment per piece.", thereafter: "quoted" }, resolution: "service", returnShipping: customer },
    ];
    const text = policyTextPlain(policyText(policySchema.parse(doc), { currency: "GBP" }));
    expect(text).toContain("(Price: by quote. Time limit: no time limit. Deposit before quoted work starts: 30% of the quote, the rest when it is ready.)");
    expect(text).toContain("(Price: free. Time limit: no time limit. Once the free uses are spent: paid, by quote.)");
    doc.services[0].deposit = { kind: "share", percent: 100 };
    expect(policySchema.safeParse(doc).success).toBe(false);
  });

  it("GIVEN a fixed-price service WHEN the live policy's highlights are written with the shop's money THEN the price carries its currency, not a bare number", () => {
    const doc = uk();
    doc.services = [{ service: "restoration", label: "Polish and re-plate", enabled: true, text: "We polish and re-plate.", windows: [{ id: "any", window: { unit: "unlimited" }, text: "Any time." }], charge: "paid", price: { kind: "fixed", amount: "45.00" }, transport: "post", resolution: "service", returnShipping: { id: "c", payer: "customer", text: "You pay the postage." } }];
    const gbp = (decimal: string) => formatMoneyIn(parseMinorUnits(decimal, "GBP"), "GBP", "en-GB");
    expect(policyHighlights(policySchema.parse(doc), gbp).at(-1)).toBe("Services: Polish and re-plate (£45.00).");
  });
});
