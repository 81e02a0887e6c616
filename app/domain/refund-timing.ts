import type { Policy, RefundMoment, RefundTimingRule } from "./policy/schema";

/**
 * When a return's money may go (issue 26, seed 002: "We may withhold reimbursement until we have
 * received the products back or you have supplied evidence of having sent back the goods,
 * whichever is the earliest"). Pure: the desk asks it before offering or sending a refund, the
 * status page and the policy text say it in words.
 */

/** The rule a policy without one follows: the money goes once the items are received. */
export const DEFAULT_REFUND_TIMING: RefundTimingRule = {
  id: "on-receipt",
  when: "receipt",
  text: "We refund once we have received the items back.",
};

export function refundTimingOf(policy: Pick<Policy, "refundTiming">): RefundTimingRule {
  return policy.refundTiming ?? DEFAULT_REFUND_TIMING;
}

/** What the desk knows of the parcel and the items when it asks. */
export type RefundFacts = {
  /** The request's status at the desk ("approved", "received", "inspected", …). */
  status: string;
  /** Staff read the carrier's tracking as moving (in transit or delivered), recorded on the timeline. */
  trackingMoving: boolean;
  /** Staff accepted the shopper's photo of the proof of postage, recorded on the timeline. */
  proofAccepted: boolean;
};

/** Whether the moment has come, and on what: the earliest of the moments the policy accepts. */
export type RefundMomentAnswer =
  | { reached: true; on: "receipt" | "inspection" | "tracking" | "proof" }
  | { reached: false; waitingFor: RefundMoment };

const RECEIVED = ["received", "inspected"];

export function refundMomentReached(when: RefundMoment, facts: RefundFacts): RefundMomentAnswer {
  if (when === "inspection") return facts.status === "inspected" ? { reached: true, on: "inspection" } : { reached: false, waitingFor: "inspection" };
  if (RECEIVED.includes(facts.status)) return { reached: true, on: "receipt" };
  if (when === "evidence_of_sending") {
    if (facts.trackingMoving) return { reached: true, on: "tracking" };
    if (facts.proofAccepted) return { reached: true, on: "proof" };
  }
  return { reached: false, waitingFor: when };
}
