import { refundMomentReached, refundTimingOf, type RefundMomentAnswer } from "../domain/refund-timing";
import type { RefundMoment } from "../domain/policy/schema";
import { policyOfRequest } from "../parcels/index.server";
import type { DeskRepository } from "../repositories/desk.server";
import type { RequestRecord } from "../repositories/requests.server";
import { evidenceOf } from "./actions/refund-timing.server";
import { MONEY_RESOLUTIONS, type Resolution } from "./machine";

/** When the money goes, as the request page shows it (docs/decisions/025). */
export type DeskRefundMoment = {
  when: RefundMoment;
  text: string;
  answer: RefundMomentAnswer;
  trackingMoving: boolean;
  proofAccepted: boolean;
  /** Staff may accept evidence now: the policy refunds on it, the parcel is on its way, the money still waits. */
  canAcceptTracking: boolean;
  canAcceptProof: boolean;
  /** The money may go before receipt: the page offers it beside the card. */
  refundBeforeReceipt: boolean;
};

/** Null where no money waits: a request resolved, refused, not yet approved, or offering no money. */
export async function refundMomentForDesk(desk: DeskRepository, shop: string, request: RequestRecord, resolutions: readonly Resolution[], parcel: { proofKey: string | null } | null): Promise<DeskRefundMoment | null> {
  if (request.resolution || !["approved", "received", "inspected"].includes(request.status)) return null;
  if (!resolutions.some((m) => MONEY_RESOLUTIONS.includes(m))) return null;
  const rule = refundTimingOf(await policyOfRequest(shop, request.policyVersionId));
  const evidence = evidenceOf(await desk.timeline(shop, request.id));
  const answer = refundMomentReached(rule.when, { status: request.status, ...evidence });
  // Once the moment has come, more evidence changes nothing: only what can still release the money is offered.
  const open = rule.when === "evidence_of_sending" && request.status === "approved" && parcel !== null && !answer.reached;
  return {
    when: rule.when,
    text: rule.text,
    answer,
    ...evidence,
    canAcceptTracking: open && !evidence.trackingMoving,
    canAcceptProof: open && !evidence.proofAccepted && Boolean(parcel?.proofKey),
    refundBeforeReceipt: answer.reached && request.status === "approved",
  };
}
