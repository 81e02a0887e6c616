import { refundMomentReached, refundTimingOf, type RefundMomentAnswer } from "../../domain/refund-timing";
import type { RefundTimingRule } from "../../domain/policy/schema";
import type { DeskEventRecord } from "../../repositories/desk.server";
import type { RequestRecord } from "../../repositories/requests.server";
import { evidenceSchema, type EvidenceInput } from "../schemas";
import { actorOf, ok, refuse, type ActionResult, type DeskCore } from "./core.server";

/**
 * When the money goes (issue 26, docs/decisions/025): the policy's moment for a refund or store
 * credit — on receipt (the default), on inspection, or on evidence of sending or receipt,
 * whichever comes first — asked before the desk offers or sends money, and the evidence staff
 * accept, each recorded once on the timeline. Shopify's reverse delivery carries the tracking
 * number and URL but no carrier status (2026-10), so staff read the carrier's page and say what
 * it shows; a proof of postage counts once staff accept its photo.
 */

/** Where the parcel is, as far as the desk knows (app/parcels). */
export type ParcelEvidence = { trackingNumber: string; trackingUrl: string | null; proofKey: string | null };

/** The moment for a request's money, its rule (the policy's words) and what was accepted. */
export type RefundMomentView = { rule: RefundTimingRule; answer: RefundMomentAnswer; trackingMoving: boolean; proofAccepted: boolean };

/** Requests whose money waits for its moment: those not yet resolved, before or after receipt. */
const WAITING = ["approved", "received", "inspected"];

export function evidenceOf(timeline: readonly Pick<DeskEventRecord, "type" | "data">[]): { trackingMoving: boolean; proofAccepted: boolean } {
  const kinds = timeline.filter((e) => e.type === "evidence").map((e) => (e.data as { evidence?: unknown }).evidence);
  return { trackingMoving: kinds.includes("tracking"), proofAccepted: kinds.includes("proof") };
}

const WAITING_WORDS: Record<RefundTimingRule["when"], string> = {
  receipt: "The policy refunds once the items are received: mark them received first.",
  inspection: "The policy refunds once the items are inspected: record the inspection first.",
  evidence_of_sending: "The policy refunds once the items are received or the shopper has shown they are on their way: accept the carrier's tracking showing the parcel moving, or the shopper's proof of postage, or mark the items received.",
};

export function refundTimingActions(core: DeskCore) {
  const { deps, now, load } = core;

  async function ruleOf(request: RequestRecord): Promise<RefundTimingRule> {
    return deps.policyOf ? refundTimingOf(await deps.policyOf(request.policyVersionId)) : refundTimingOf({});
  }

  async function momentOf(shop: string, request: RequestRecord): Promise<RefundMomentView> {
    const rule = await ruleOf(request);
    const evidence = evidenceOf(await deps.desk.timeline(shop, request.id));
    return { rule, answer: refundMomentReached(rule.when, { status: request.status, ...evidence }), ...evidence };
  }

  return {
    momentOf,

    /**
     * The refusal a money resolution gets before the policy's moment (a clear message; nothing
     * changes), or null when the money may go. Only asked of a request still waiting for its money.
     */
    async moneyRefusal(shop: string, request: RequestRecord): Promise<ActionResult | null> {
      if (!WAITING.includes(request.status) || request.resolution) return null;
      const { rule, answer } = await momentOf(shop, request);
      if (answer.reached) return null;
      return refuse(409, `Not yet: ${WAITING_WORDS[answer.waitingFor]} The policy says: "${rule.text}" Nothing was sent.`);
    },

    /**
     * Staff accept evidence of sending: the carrier's tracking read as in transit or delivered, or
     * the shopper's proof-of-postage photo. Refused, changing nothing, where the policy does not
     * refund on evidence, the request is not waiting for its parcel, or there is no parcel (or no
     * proof photo) to accept. Accepting the same evidence twice records it once.
     */
    async acceptEvidence(shop: string, id: string, input: EvidenceInput | { evidence: string; tracking?: string }): Promise<ActionResult> {
      const parsed = evidenceSchema.safeParse(input);
      if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => i.message).join("; "), fields: { tracking: parsed.error.issues[0]?.message ?? "" } };
      const evidence = parsed.data;
      const request = await load(shop, id);
      const rule = await ruleOf(request);
      if (rule.when !== "evidence_of_sending") return refuse(422, `The policy does not refund on evidence of sending ("${rule.text}"), so there is nothing to accept. Nothing changed.`);
      if (request.status !== "approved" || request.resolution) return refuse(409, "Evidence of sending is accepted only while the parcel is on its way (the request approved, not yet received or resolved). Nothing changed.");
      const parcel = deps.parcel?.evidence ? await deps.parcel.evidence(shop, id) : null;
      if (!parcel) return refuse(422, "The shopper has not given the parcel's carrier and tracking number yet, so there is no evidence to accept. Nothing changed.");
      if (evidence.evidence === "proof" && !parcel.proofKey) return refuse(422, "The shopper sent no photo of the proof of postage. Nothing changed.");
      if (evidenceOf(await deps.desk.timeline(shop, id))[evidence.evidence === "tracking" ? "trackingMoving" : "proofAccepted"]) {
        return ok(evidence.evidence === "tracking" ? "The tracking was already accepted as showing the parcel moving." : "The proof of postage was already accepted.");
      }
      const message =
        evidence.evidence === "tracking"
          ? `Evidence of sending accepted: the carrier's tracking for ${parcel.trackingNumber} shows the parcel ${evidence.tracking === "delivered" ? "delivered" : "in transit"}.`
          : `Evidence of sending accepted: the shopper's proof of postage for ${parcel.trackingNumber}.`;
      const data = evidence.evidence === "tracking" ? { evidence: "tracking", tracking: evidence.tracking, trackingNumber: parcel.trackingNumber, trackingUrl: parcel.trackingUrl } : { evidence: "proof", proofKey: parcel.proofKey, trackingNumber: parcel.trackingNumber };
      await deps.desk.record(shop, { requestId: id, type: "evidence", ...actorOf(deps.staff), message, data, at: now() });
      return ok(`${message} The policy's moment has come: the refund can go now.`);
    },
  };
}
