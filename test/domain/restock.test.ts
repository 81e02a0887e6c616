import { describe, expect, it } from "vitest";

import { policySchema } from "../../app/domain/policy/schema";
import { PRESET_NAMES, presetPolicy } from "../../app/domain/presets";
import { REASONS, restocksOnProcess } from "../../app/domain/vocabulary";

describe("restocking a processed return (policy returns.restockOnProcess)", () => {
  it("GIVEN no setting or never THEN nothing is restocked, whatever the reason", () => {
    for (const reason of REASONS) {
      expect(restocksOnProcess(undefined, [reason])).toBe(false);
      expect(restocksOnProcess("never", [reason])).toBe(false);
      expect(restocksOnProcess("always", [reason])).toBe(true);
    }
  });

  it("GIVEN change of mind only THEN a return with any faulty line is not restocked", () => {
    expect(restocksOnProcess("change_of_mind", ["changed_mind"])).toBe(true);
    expect(restocksOnProcess("change_of_mind", ["changed_mind", "other"])).toBe(true);
    expect(restocksOnProcess("change_of_mind", ["changed_mind", "loose_crystal"])).toBe(false);
    expect(restocksOnProcess("change_of_mind", ["defective"])).toBe(false);
  });

  it("GIVEN a policy WHEN the setting is stored THEN the three choices parse, anything else is refused, and the presets leave it unset (never)", () => {
    const base = presetPolicy(PRESET_NAMES[0]);
    for (const choice of ["never", "change_of_mind", "always"]) {
      expect(policySchema.safeParse({ ...base, returns: { ...base.returns, restockOnProcess: choice } }).success).toBe(true);
    }
    expect(policySchema.safeParse({ ...base, returns: { ...base.returns, restockOnProcess: "sometimes" } }).success).toBe(false);
    for (const name of PRESET_NAMES) expect(presetPolicy(name).returns.restockOnProcess).toBeUndefined();
  });
});
