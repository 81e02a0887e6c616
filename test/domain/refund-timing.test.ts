import { describe, expect, it } from "vitest";

import { policySchema, presetPolicy, PRESET_NAMES } from "../../app/domain";
import { emptyPolicy } from "../../app/domain/policy/empty";
import { policyText, policyTextPlain } from "../../app/domain/policy/text";
import { refundMomentReached, refundTimingOf } from "../../app/domain/refund-timing";

/**
 * Issue 26, when the money goes (docs/decisions/025): on receipt (the default), on inspection, or
 * on evidence of sending or receipt, whichever comes first (seed 002).
 */
const none = { trackingMoving: false, proofAccepted: false };

describe("when the money goes", () => {
  it("GIVEN each moment WHEN asked in each state THEN the money goes at the earliest moment the policy accepts, and not before", () => {
    expect(refundMomentReached("receipt", { status: "approved", ...none, proofAccepted: true })).toEqual({ reached: false, waitingFor: "receipt" });
    expect(refundMomentReached("receipt", { status: "received", ...none })).toEqual({ reached: true, on: "receipt" });
    expect(refundMomentReached("inspection", { status: "received", ...none })).toEqual({ reached: false, waitingFor: "inspection" });
    expect(refundMomentReached("inspection", { status: "inspected", ...none })).toEqual({ reached: true, on: "inspection" });
    expect(refundMomentReached("evidence_of_sending", { status: "approved", ...none })).toEqual({ reached: false, waitingFor: "evidence_of_sending" });
    expect(refundMomentReached("evidence_of_sending", { status: "approved", ...none, trackingMoving: true })).toEqual({ reached: true, on: "tracking" });
    expect(refundMomentReached("evidence_of_sending", { status: "approved", ...none, proofAccepted: true })).toEqual({ reached: true, on: "proof" });
    expect(refundMomentReached("evidence_of_sending", { status: "received", ...none })).toEqual({ reached: true, on: "receipt" });
    expect(refundMomentReached("evidence_of_sending", { status: "requested", ...none })).toEqual({ reached: false, waitingFor: "evidence_of_sending" });
  });

  it("GIVEN the presets WHEN read THEN the Gulf boutique refunds on evidence of sending with its policy's sentence, the others on receipt; a policy without the rule refunds on receipt", () => {
    expect(presetPolicy("gulf-boutique").refundTiming).toMatchObject({ when: "evidence_of_sending", source: expect.stringContaining("whichever is the earliest") });
    for (const name of PRESET_NAMES.filter((n) => n !== "gulf-boutique")) expect(presetPolicy(name).refundTiming?.when).toBe("receipt");
    expect(policySchema.parse(emptyPolicy()).refundTiming?.when).toBe("receipt");
    const { refundTiming: _dropped, ...older } = presetPolicy("uk-jeweller");
    expect(refundTimingOf(policySchema.parse(older)).when).toBe("receipt");
    expect(policySchema.safeParse({ ...older, refundTiming: { id: "x", when: "on_a_whim", text: "Whenever." } }).success).toBe(false);
  });

  it("GIVEN the Gulf boutique WHEN its policy text is written THEN it says the money goes on receipt or evidence of sending, whichever comes first", () => {
    const text = policyTextPlain(policyText(presetPolicy("gulf-boutique")));
    expect(text).toContain("We refund once we have received the products back or you have shown us evidence of having sent them back, whichever comes first. (Refunds are made once the items are back with us or once you show us they are on their way");
  });
});
