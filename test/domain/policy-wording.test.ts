import { describe, expect, it } from "vitest";

import { PRESET_NAMES, presetPolicy } from "../../app/domain";
import { periodsIn, wordingWarnings } from "../../app/domain/policy/consistency";
import { checkPolicy } from "../../app/domain/policy/validate";

/** Issue 22, item 16: a section's own words checked against the numbers of its rules. */
describe("a policy's words against its rules", () => {
  it("GIVEN each of the four presets THEN their words agree with their rules: no warning", () => {
    for (const name of PRESET_NAMES) expect(wordingWarnings(presetPolicy(name)), name).toEqual([]);
  });

  it("GIVEN the change-of-mind window shortened to 14 days WHEN its words still say 30 days THEN the editor's check warns on those words", () => {
    const policy = structuredClone(presetPolicy("gulf-boutique"));
    const changeOfMind = policy.returns.changeOfMind;
    if (!changeOfMind.enabled) throw new Error("the preset offers change-of-mind returns");
    changeOfMind.windows[0].window = { unit: "days", amount: 14, from: "receipt" };
    const warnings = checkPolicy(policy).warnings.filter((w) => w.path === "returns.changeOfMind.windows.0.text");
    expect(warnings).toEqual([{ kind: "wording", path: "returns.changeOfMind.windows.0.text", message: 'Change of mind: the words say "30 days" but the window is 14 days. Shoppers read the words; the rules decide.', code: "wordingWindow", params: { case: "changeOfMind", words: "30 days", periods: [{ unit: "days", amount: 14 }] } }]);
  });

  it("GIVEN a crystal quota of 1% WHEN its words say 2% THEN it warns; and a fixed price of 45.00 whose words say £40 warns", () => {
    const policy = structuredClone(presetPolicy("crystal-accessories"));
    const i = policy.services.findIndex((s) => s.partsQuota);
    const quota = policy.services[i].partsQuota!;
    quota.text = quota.text.replace(/\d+(\.\d+)?\s?%/, "2%");
    expect(wordingWarnings(policy).map((w) => [w.path, w.message])).toEqual([[`services.${i}.partsQuota.text`, expect.stringContaining('the words say "2%" but the rules say 1%')]]);

    const priced = structuredClone(presetPolicy("fine-jewellery"));
    const j = 0;
    priced.services[j] = { ...priced.services[j], enabled: true, charge: "paid", price: { kind: "fixed", amount: "45.00" }, text: "Polish and re-plate for £40." };
    expect(wordingWarnings(priced).map((w) => w.message)).toEqual([expect.stringContaining('the words say "£40" but the rules say 45.00')]);
  });

  it("names periods in digits and words, working days and weeks", () => {
    expect(periodsIn("Return it within 30 days, or 14 working days to cancel; a one-year guarantee; 2 weeks to repair").map((p) => [p.unit, p.amount])).toEqual([
      ["days", 30],
      ["working_days", 14],
      ["years", 1],
      ["days", 14],
    ]);
  });
});
