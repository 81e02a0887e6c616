import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { evaluateScenario } from "../../app/domain";

// The published evaluation samples (a copy of shared/evaluation/samples), checked the way
// shared/evaluation/score.py checks them: every expected field must agree.
const dir = join(process.cwd(), "test", "fixtures", "policy-samples");
const samples = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));

describe("the published policy samples", () => {
  it("are all here", () => expect(samples.length).toBeGreaterThanOrEqual(26));

  it.each(samples.map((s) => [s.id, s]))("%s", (_id, sample) => {
    const { expect: expected, ...input } = sample;
    const decision = evaluateScenario(input);
    for (const line of expected.lines) {
      const got = decision.lines.find((l) => l.lineId === line.lineId);
      expect(got, `line ${line.lineId}`).toBeDefined();
      expect(got?.eligible).toBe(line.eligible);
      expect([...(got?.blockers ?? [])].sort()).toEqual([...line.blockers].sort());
      if (line.resolutions) expect(got?.resolutions).toEqual(expect.arrayContaining(line.resolutions));
      if ("charge" in line) expect(got?.charge).toBe(line.charge);
      if ("maxParts" in line) expect(got?.maxParts).toBe(line.maxParts);
      if ("sendBack" in line) expect(got?.sendBack).toBe(line.sendBack);
      if ("alternative" in line) expect(got?.alternative).toEqual(line.alternative);
    }
    if ("refund" in expected) {
      if (expected.refund === null) expect(decision.refund).toBeNull();
      else {
        expect(decision.refund).toMatchObject({ method: expected.refund.method });
        for (const key of ["items", "shipping", "postage", "total"] as const) {
          if (key in expected.refund) expect(Number(decision.refund?.[key]), key).toBe(Number(expected.refund[key]));
        }
        if (expected.refund.storeCreditExpiresOn) {
          expect(decision.refund?.storeCreditExpiresOn).toBe(expected.refund.storeCreditExpiresOn);
        }
      }
    }
    if ("returnShipping" in expected) expect(decision.returnShipping).toBe(expected.returnShipping);
    if ("outboundShipping" in expected) expect(decision.outboundShipping).toBe(expected.outboundShipping);
    if ("requirements" in expected) {
      if (expected.requirements.length === 0) expect(decision.requirements).toEqual([]);
      else expect(decision.requirements).toEqual(expect.arrayContaining(expected.requirements));
    }
  });
});
