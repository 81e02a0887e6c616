import { z } from "zod";

import { NotDecidable, scenarioAtReceipt } from "../desk/inspection.server";
import { conditionOf } from "../desk/inspection";
import type { Finding } from "../desk/schemas";
import { decide, type Decision } from "../domain/engine/decide";
import { currencyOf, formatMinorUnits, parseMinorUnits } from "../domain/money";
import type { Policy } from "../domain/policy/schema";
import { describeIssues, scenarioSchema, type Scenario } from "../domain/scenario";
import { POSTAGE_METHODS } from "../domain/vocabulary";
import { execute, operationKey, type MoneyDeps } from "../jobs/money.server";
import type { OperationRecord, OperationRepository } from "../repositories/operations.server";
import { ParcelExists, type ParcelRecord, type ParcelRepository } from "../repositories/parcels.server";
import type { RequestRecord, RequestRepository, RequestSummary } from "../repositories/requests.server";
import { RequestFlowError } from "../requests/errors";
import { PhotoError, type PhotoStore } from "../requests/photos.server";
import { shopperMessage } from "../schemas/messages";
import { journeySchema, type Journey, type Viewer } from "../schemas/requests";
import type { Admin } from "../shopify/client.server";
import { fetchOrderForDecision } from "../shopify/orders.server";
import type { ReverseDeliveryPlan } from "../shopify/reverse-deliveries.server";
import { CARRIER_NAMES, CARRIERS, checkTracking, trackingUrl, type Carrier } from "./carriers";

/**
 * The parcel going back (issues 24 and 26): the shopper says how they sent the items (carrier,
 * tracking number, post or courier), what they paid and, where the policy asks, shows a photo of
 * their proof of postage. The engine decides what of that postage the policy repays (contract
 * rule 15: the case's reasons, the method, from where, the proof, the policy's maximum), the
 * Shopify return gets a reverse delivery carrying the tracking (recorded before it is sent, like
 * money: docs/decisions/005), and the desk repays the postage with the refund
 * (docs/decisions/015). Bad input is refused with the field's message and changes nothing.
 */

/** A request waits for its parcel until the shop receives it. */
export const AWAITING_PARCEL = ["requested", "approved"] as const;
export const REVERSE_DELIVERY_STEP = "reverse-delivery";

const M = (key: Parameters<typeof shopperMessage>[0], values?: Record<string, string | number>) => shopperMessage(key, values);

export const parcelInputSchema = z.object({
  carrier: z.enum(CARRIERS, { error: M("chooseCarrier") }),
  carrierName: z.string().trim().max(60, M("carrierNameTooLong")).default(""),
  trackingNumber: z.string({ error: M("enterTracking") }).trim().min(1, M("enterTracking")).max(60, M("enterTracking")),
  method: z.enum(POSTAGE_METHODS, { error: M("chooseSendMethod") }),
  amount: z.string({ error: M("enterPostage") }).trim().min(1, M("enterPostage")).max(20, M("enterPostage")),
});
export type ParcelInput = z.input<typeof parcelInputSchema>;

/** The parcel as both sides see it. */
export type ParcelView = {
  carrier: Carrier;
  carrierName: string;
  trackingNumber: string;
  trackingUrl: string | null;
  method: string;
  postage: { amountMinor: number; currency: string };
  /** What the policy repays of it, as the engine decided (capped by the policy's maximum). */
  repaid: { amountMinor: number; currency: string };
  /** The policy's words and why (applied, or what stops it: proof still needed, sent by courier). */
  explanation: { text: string; outcome: string; detail: string | null }[];
  proofKey: string | null;
  proofNeeded: boolean;
  inShopify: boolean;
  enteredBy: string;
  createdAt: string;
};

/** What the engine said about the postage, kept on the parcel. */
type PostageDecision = { postage: string; requirements: string[]; explanation: { text: string; outcome: string; detail: string | null }[] };

export type ParcelDeps = {
  requests: RequestRepository;
  parcels: ParcelRepository;
  operations: OperationRepository;
  photos: PhotoStore;
  /** The policy a request was decided with (its published version, else the live policy). */
  policyOf: (shop: string, versionId: string | null) => Promise<Policy>;
  /** The shop's inspection of the request, when there is one: the engine decides on it. */
  findingsOf?: (shop: string, requestId: string) => Promise<Finding[] | null>;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
};

function invalid(fields: Record<string, string>): RequestFlowError {
  return new RequestFlowError("invalid", Object.values(fields)[0] ?? "", fields);
}

/** The journey the shopper was shown (stored with the decision). */
function journeyOf(request: RequestRecord): Journey | null {
  const preview = typeof request.decision === "object" && request.decision !== null && "preview" in request.decision ? (request.decision as { preview: unknown }).preview : null;
  const journey = typeof preview === "object" && preview !== null && "journey" in preview ? journeySchema.safeParse((preview as { journey: unknown }).journey) : null;
  return journey?.success ? journey.data : null;
}

/** An amount as the shopper writes it, in the order's currency's minor units; null when it is not one. */
export function postageMinorOf(text: string, currency: string): number | null {
  const exponent = currencyOf(currency).exponent;
  const plain = text.replace(/\s+/g, "").replace(",", ".");
  const pattern = exponent === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,9}(\\.\\d{1,${exponent}})?$`);
  if (!pattern.test(plain)) return null;
  return parseMinorUnits(plain, currency);
}

/**
 * The request with the shopper's postage: decided on the shop's findings once inspected, else on
 * the shopper's word (their own condition and cause, no inspection), as the desk's receipt does.
 */
function scenarioWithPostage(policy: Policy, order: Awaited<ReturnType<typeof fetchOrderForDecision>>, request: RequestRecord, parcel: Pick<ParcelRecord, "postageMinor" | "method" | "proofKey" | "currency">, stored: RequestSummary[], findings: Finding[] | null): Scenario {
  const onWord = request.lines.map((l) => ({ lineId: l.id, condition: conditionOf(l.condition), cause: l.cause }) as Finding);
  const base = scenarioAtReceipt(policy, order, request, findings ?? onWord, stored);
  const lines = findings ? base.request.lines : base.request.lines.map((line) => ({ ...line, inspection: null }));
  const postage = { amount: formatMinorUnits(parcel.postageMinor, parcel.currency), method: parcel.method, fromCountry: null, proof: parcel.proofKey !== null };
  const parsed = scenarioSchema.safeParse({ ...base, id: base.id.replace(/:inspection$/, ":parcel"), request: { ...base.request, lines, postage } });
  if (!parsed.success) throw new NotDecidable(describeIssues(parsed.error));
  return parsed.data;
}

function postageDecisionOf(decision: Decision): PostageDecision {
  const explanation = (decision.refund?.explanation ?? []).filter((e) => /\.postage\.[^.]+$/.test(e.rule)).map((e) => ({ text: e.text, outcome: e.outcome, detail: e.detail ?? null }));
  return { postage: decision.refund?.postage ?? "0", requirements: decision.requirements.filter((r) => r === "proof_of_postage"), explanation };
}

export function createParcels(deps: ParcelDeps) {
  const now = deps.now ?? (() => new Date());
  const moneyDeps: MoneyDeps = { operations: deps.operations, now };

  /** The engine's answer on this postage: what it repays, in minor units, and its words. */
  async function decideRepaid(admin: Admin, shop: string, request: RequestRecord, parcel: Pick<ParcelRecord, "postageMinor" | "method" | "proofKey" | "currency">): Promise<{ repaidMinor: number; decision: PostageDecision }> {
    const policy = await deps.policyOf(shop, request.policyVersionId);
    const order = await fetchOrderForDecision(admin, request.orderId, { collections: policy.groups.some((g) => g.match.collections !== undefined), staggeredPromotions: policy.discounts.staggeredRefundLowest.promotions, exceptReturnId: request.shopifyReturnId });
    const findings = deps.findingsOf ? await deps.findingsOf(shop, request.id) : null;
    const scenario = scenarioWithPostage(policy, order, request, parcel, await deps.requests.summariesForOrder(shop, request.orderId), findings);
    const decision = postageDecisionOf(decide(policy, scenario));
    return { repaidMinor: parseMinorUnits(decision.postage, request.currency), decision };
  }

  function viewOf(parcel: ParcelRecord): ParcelView {
    const decision = (parcel.decision ?? {}) as Partial<PostageDecision>;
    const carrier = (CARRIERS as readonly string[]).includes(parcel.carrier) ? (parcel.carrier as Carrier) : "other";
    return {
      carrier,
      carrierName: carrier === "other" ? (parcel.carrierName ?? "") : CARRIER_NAMES[carrier],
      trackingNumber: parcel.trackingNumber,
      trackingUrl: trackingUrl(carrier, parcel.trackingNumber),
      method: parcel.method,
      postage: { amountMinor: parcel.postageMinor, currency: parcel.currency },
      repaid: { amountMinor: parcel.repaidMinor, currency: parcel.currency },
      explanation: decision.explanation ?? [],
      proofKey: parcel.proofKey,
      proofNeeded: (decision.requirements ?? []).includes("proof_of_postage"),
      inShopify: parcel.reverseDeliveryId !== null,
      enteredBy: parcel.enteredBy,
      createdAt: parcel.createdAt.toISOString(),
    };
  }

  /**
   * The reverse delivery for the request's parcel, once per request: the operation is recorded
   * under its key before the call, so a retry after a lost answer finds it and looks at the
   * return for the tracking number before ever sending again. Null when there is nothing to
   * attach yet (no parcel, no Shopify return) or the outcome is not known yet.
   */
  async function attach(admin: Admin, shop: string, requestId: string): Promise<OperationRecord | null> {
    const [request, parcel] = await Promise.all([deps.requests.find(shop, requestId), deps.parcels.find(shop, requestId)]);
    if (!request?.shopifyReturnId || !parcel) return null;
    if (parcel.reverseDeliveryId) return deps.operations.find(shop, operationKey(requestId, REVERSE_DELIVERY_STEP));
    const carrier = (CARRIERS as readonly string[]).includes(parcel.carrier) ? (parcel.carrier as Carrier) : "other";
    const plan: ReverseDeliveryPlan = { returnId: request.shopifyReturnId, trackingNumber: parcel.trackingNumber, trackingUrl: trackingUrl(carrier, parcel.trackingNumber), notify: false };
    const key = operationKey(requestId, REVERSE_DELIVERY_STEP);
    const { operation } = await deps.operations.begin(shop, { requestId, step: REVERSE_DELIVERY_STEP, idempotencyKey: key, kind: "reverse_delivery", amountMinor: null, currency: null, input: plan, shopifyOrderId: request.orderId, shopifyTargetId: request.shopifyReturnId });
    const done = await execute(admin, moneyDeps, shop, operation);
    if (done.status === "succeeded" && done.shopifyResultId) await deps.parcels.setReverseDelivery(shop, requestId, done.shopifyResultId);
    return done;
  }

  return {
    view: async (shop: string, requestId: string): Promise<ParcelView | null> => {
      const parcel = await deps.parcels.find(shop, requestId);
      if (!parcel) return null;
      // The reconciler may have finished the reverse delivery since: the parcel learns its id.
      if (!parcel.reverseDeliveryId) {
        const op = await deps.operations.find(shop, operationKey(requestId, REVERSE_DELIVERY_STEP));
        if (op?.status === "succeeded" && op.shopifyResultId) {
          await deps.parcels.setReverseDelivery(shop, requestId, op.shopifyResultId);
          return viewOf({ ...parcel, reverseDeliveryId: op.shopifyResultId });
        }
      }
      return viewOf(parcel);
    },

    /** Whether the request still waits for its parcel (the form is shown). */
    awaiting: (request: { status: string }) => (AWAITING_PARCEL as readonly string[]).includes(request.status),

    /**
     * Records the parcel of a request the caller has already shown the viewer may see (its
     * status link or its order). Refuses, changing nothing: a field that is missing or wrong (a
     * tracking number its carrier does not issue, an amount that is not one in the order's
     * currency or, from the shopper, above the policy's maximum they were shown; a proof that is
     * not an image), a request no longer
     * waiting for its parcel (409) or one that already has it (409).
     */
    async record(ctx: { shop: string; viewer: Viewer; admin: Admin }, requestId: string, raw: unknown, proof: { name: string; bytes: Buffer } | null, by: "shopper" | "staff" = "shopper"): Promise<ParcelView> {
      const request = await deps.requests.find(ctx.shop, requestId);
      if (!request) throw new RequestFlowError("not_found", "This request could not be found.");
      if (await deps.parcels.find(ctx.shop, requestId)) throw new RequestFlowError("conflict", M("parcelAlready"));
      if (!(AWAITING_PARCEL as readonly string[]).includes(request.status)) throw new RequestFlowError("conflict", M("parcelNotAwaited"));
      const parsed = parcelInputSchema.safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
        throw invalid(fields);
      }
      const input = parsed.data;
      const fields: Record<string, string> = {};
      const tracking = checkTracking(input.carrier, input.trackingNumber);
      if (!tracking) fields.trackingNumber = M(input.carrier === "other" ? "trackingFormatOther" : "trackingFormat", { carrier: CARRIER_NAMES[input.carrier] });
      if (input.carrier === "other" && !input.carrierName) fields.carrierName = M("enterCarrierName");
      const postageMinor = postageMinorOf(input.amount, request.currency);
      const maximum = journeyOf(request)?.postage?.maximum ?? null;
      if (postageMinor === null) fields.amount = M("enterPostage");
      // The shopper is held to the maximum they were shown; staff record what the receipt says, and the engine caps what is repaid.
      else if (by === "shopper" && maximum && maximum.currency === request.currency && postageMinor > maximum.amountMinor) fields.amount = M("postageAboveCap", { max: formatMinorUnits(maximum.amountMinor, maximum.currency), currency: maximum.currency });
      if (Object.keys(fields).length) throw invalid(fields);

      let proofKey: string | null = null;
      if (proof) {
        try {
          [proofKey] = await deps.photos.accept(ctx.shop, [proof], { viewer: ctx.viewer, orderId: request.orderId });
        } catch (error) {
          if (error instanceof PhotoError) throw invalid({ proof: error.message });
          throw error;
        }
      }
      const parcel = { postageMinor: postageMinor as number, method: input.method, proofKey: proofKey ?? null, currency: request.currency };
      // The engine's answer now, so the shopper sees it at once; the desk asks again when it repays.
      let decided: { repaidMinor: number; decision: PostageDecision | Record<string, never> } = { repaidMinor: 0, decision: {} };
      try {
        decided = await decideRepaid(ctx.admin, ctx.shop, request, parcel);
      } catch (error) {
        deps.log?.warn({ shop: ctx.shop, requestId, error: String(error) }, "postage not decided yet; the desk decides it when it repays");
      }
      try {
        const recorded = await deps.parcels.record(
          ctx.shop,
          { requestId, carrier: input.carrier, carrierName: input.carrier === "other" ? input.carrierName : null, trackingNumber: tracking as string, method: input.method, postageMinor: parcel.postageMinor, currency: request.currency, proofKey: parcel.proofKey, repaidMinor: decided.repaidMinor, decision: decided.decision, enteredBy: by },
          AWAITING_PARCEL,
        );
        if (!recorded) throw new RequestFlowError("conflict", M("parcelNotAwaited"));
      } catch (error) {
        if (proofKey) await deps.photos.remove(ctx.shop, [proofKey]);
        if (error instanceof ParcelExists) throw new RequestFlowError("conflict", M("parcelAlready"));
        throw error;
      }
      await deps.requests.addEvent(ctx.shop, requestId, { type: "parcel", actor: by === "staff" ? "merchant" : "shopper", message: `${input.carrier === "other" ? input.carrierName : CARRIER_NAMES[input.carrier]} ${tracking as string}`, at: now() });
      try {
        await attach(ctx.admin, ctx.shop, requestId);
      } catch (error) {
        // Recorded and keyed: the reconciler finishes it, never twice.
        deps.log?.warn({ shop: ctx.shop, requestId, error: String(error) }, "reverse delivery not confirmed yet");
      }
      return (await this.view(ctx.shop, requestId)) as ParcelView;
    },

    attach,

    /**
     * What the desk repays for postage now: the engine asked again with the shopper's postage,
     * proof and (once inspected) the shop's findings, capped by the policy's maximum; kept on the
     * parcel so the money ceiling and both sides show the same figure. Zero without a parcel.
     */
    async repaidNow(admin: Admin, shop: string, request: RequestRecord): Promise<number> {
      const parcel = await deps.parcels.find(shop, request.id);
      if (!parcel) return 0;
      const { repaidMinor, decision } = await decideRepaid(admin, shop, request, parcel);
      if (repaidMinor !== parcel.repaidMinor || JSON.stringify(decision) !== JSON.stringify(parcel.decision)) await deps.parcels.setDecision(shop, request.id, repaidMinor, decision);
      return repaidMinor;
    },
  };
}

export type Parcels = ReturnType<typeof createParcels>;
