import type { z } from "zod";

import type { Decision } from "../../domain";
import type { RequestStatus } from "../../repositories/requests.server";
import { engineDecisionOf } from "../../repositories/requests.server";
import { fetchOrderForDecision } from "../../shopify/orders.server";
import { findingWords } from "../inspection";
import { NotDecidable, decideAtReceipt, refusalWords } from "../inspection.server";
import { inspectSchema } from "../schemas";
import { FROM, isAllowed } from "../machine";
import { actorOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/** Receive and inspect: the items arrive, and what the shop found is decided again by the policy. */
export function receiveActions(core: DeskCore) {
  const { deps, now, load, stale } = core;

  async function simpleMove(shop: string, id: string, action: "receive", to: RequestStatus, message: string, data: Record<string, unknown>): Promise<ActionResult> {
    const request = await load(shop, id);
    if (!isAllowed(request, action)) return stale(shop, request, action);
    if (!(await deps.desk.transition(shop, id, FROM[action], to))) return stale(shop, request, action);
    await deps.desk.record(shop, { requestId: id, type: "received", ...actorOf(deps.staff), message, data, at: now() });
    return ok(message, { key: "request.entry.received" });
  }

  return {
    receive(shop: string, id: string): Promise<ActionResult> {
      return simpleMove(shop, id, "receive", "received", "Item received at the shop.", {});
    },

    /**
     * Records what the shop found on each line (condition and cause, in the policy's vocabulary)
     * and has the engine decide the request again on it. That decision replaces the one made on
     * the shopper's word (kept beside it for the desk): the resolutions offered, the money
     * ceiling and the refund follow it, and the lines it refuses are marked to be sent back.
     */
    async inspect(shop: string, id: string, input: z.input<typeof inspectSchema>): Promise<ActionResult> {
      const { lines: findings, note } = inspectSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "inspect") || request.resolution) return stale(shop, request, "inspect");
      const ids = new Set(request.lines.map((l) => l.id));
      if (findings.length !== ids.size || !findings.every((f) => ids.has(f.lineId)) || new Set(findings.map((f) => f.lineId)).size !== ids.size) {
        return refuse(422, "Record what was found on each item of this request, once each. Nothing changed.");
      }
      if (!deps.policyOf) return refuse(503, "The shop's policy cannot be read here, so the findings cannot be decided. Nothing changed.");
      const policy = await deps.policyOf(request.policyVersionId);
      let order;
      try {
        order = await fetchOrderForDecision(deps.admin, request.orderId, { collections: policy.groups.some((g) => g.match.collections !== undefined), staggeredPromotions: policy.discounts.staggeredRefundLowest.promotions, exceptReturnId: request.shopifyReturnId });
      } catch (error) {
        return refuse(502, shopifyProblem(error));
      }
      let decision: Decision;
      try {
        decision = decideAtReceipt(policy, order, request, findings, await deps.requests.summariesForOrder(shop, request.orderId));
      } catch (error) {
        if (error instanceof NotDecidable) return refuse(422, `The policy cannot decide on these findings (${error.message}). Nothing changed.`);
        throw error;
      }
      const shopperDecision = engineDecisionOf(request.decision);
      const preview = typeof request.decision === "object" && request.decision !== null && "preview" in request.decision ? (request.decision as { preview: unknown }).preview : null;
      const byItem = new Map(decision.lines.map((l) => [l.lineId, l]));
      // The engine says which refused items go back to the shopper (`sendBack`, contract rule 16).
      const sendBack = request.lines.filter((l) => byItem.get(l.lineItemId)?.sendBack === true);
      const recorded = await deps.desk.recordInspection(shop, id, FROM.inspect, {
        findings,
        shopperDecision,
        decision,
        stored: { engine: decision, preview },
        currency: request.currency,
        sendBack: sendBack.map((l) => l.id),
        note,
        staffId: deps.staff.id,
        staffName: deps.staff.name,
        at: now(),
      });
      if (!recorded) return stale(shop, request, "inspect");
      const perLine = request.lines.map((l) => {
        const finding = findings.find((f) => f.lineId === l.id) as (typeof findings)[number];
        const d = byItem.get(l.lineItemId);
        const verdict = !d ? "not decided" : d.eligible ? `accepted (${d.resolutions.join(", ") || "nothing to give"})` : `refused: ${refusalWords(d).join(" ")}`;
        return `${l.title || "Item"}: ${findingWords(finding)}. The policy on this: ${verdict}`;
      });
      const message = `Inspected. ${perLine.join(" ")}${sendBack.length ? ` To send back to the shopper: ${sendBack.map((l) => l.title || "Item").join(", ")}.` : ""}${note ? ` Note: ${note}` : ""}`;
      await deps.desk.record(shop, { requestId: id, type: "inspected", ...actorOf(deps.staff), message, data: { findings, note, sendBack: sendBack.map((l) => l.id) }, at: now() });
      const refused = decision.lines.filter((l) => !l.eligible).length;
      return ok(
        refused === 0
          ? "Inspection recorded: the policy accepts the request on what was found."
          : refused === decision.lines.length
            ? "Inspection recorded: on what was found, the policy refuses the request. Decline it with the policy's words, or quote a repair where the policy offers one."
            : "Inspection recorded: on what was found, the policy refuses part of the request; those items are marked to be sent back.",
      );
    },
  };
}
