import type { z } from "zod";

import type { Decision } from "../../domain";
import type { RequestRecord } from "../../repositories/requests.server";
import { approveReturn, cancelReturn, declineReturn, fetchReturn } from "../../shopify/returns.server";
import { declineSchema } from "../schemas";
import { FROM, isAllowed } from "../machine";
import { actorOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/** Review: approving or declining a request (before receipt, and after an inspection the policy refuses). */
export function reviewActions(core: DeskCore) {
  const { deps, now, load, stale, shopifyNotifies } = core;

  /**
   * A decline once the items arrived: only when the engine, on what the shop found, refused every
   * line (the merchant's message carries the policy's words). The items go back to the shopper:
   * the Shopify return is cancelled, which puts them back as fulfilled to the shopper, and the
   * request's lines are marked to be sent back (by the inspection) for the repair bench's "sent
   * back" step.
   */
  async function declineAfterReceipt(shop: string, request: RequestRecord, reason: string, message: string): Promise<ActionResult> {
    const inspection = await deps.desk.inspectionOf(shop, request.id);
    const decided = inspection ? (inspection.decision as Decision) : null;
    if (!decided) return refuse(409, "Record the inspection first: a request is declined after receipt on the policy's decision about what was found.");
    const accepted = decided.lines.filter((l) => l.eligible);
    if (accepted.length) {
      const titles = accepted.map((l) => request.lines.find((r) => r.lineItemId === l.lineId)?.title || "an item").join(", ");
      return refuse(422, `Not declined: on what was found, the policy still accepts ${titles}. Resolve the request instead; refused items are already marked to be sent back.`);
    }
    if (!(await deps.desk.transition(shop, request.id, ["inspected"], "declined"))) return stale(shop, request, "decline");
    if (request.shopifyReturnId) {
      try {
        // Recorded first: the returns/cancel webhook this causes must not read as the shopper
        // cancelling (the request stays declined).
        await deps.desk.markReturnReplaced(shop, request.shopifyReturnId, request.id, now());
        const state = await fetchReturn(deps.admin, request.shopifyReturnId);
        if (state.status === "OPEN" || state.status === "REQUESTED") await cancelReturn(deps.admin, request.shopifyReturnId);
      } catch (error) {
        await deps.desk.transition(shop, request.id, ["declined"], "inspected");
        await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Decline failed: ${shopifyProblem(error)}`, at: now() });
        return refuse(502, shopifyProblem(error));
      }
    }
    const back = request.lines.filter((l) => l.sendBack).map((l) => l.title || "Item");
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "declined",
      ...actorOf(deps.staff),
      message: `Declined after inspection: ${message}`,
      data: { reason, message, afterReceipt: true, sendBack: request.lines.filter((l) => l.sendBack).map((l) => l.id) },
      at: now(),
    });
    return ok(`Request declined after inspection.${back.length ? ` To send back to the shopper: ${back.join(", ")}.` : ""}`);
  }

  return {
    async approve(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      if (!isAllowed(request, "approve")) return stale(shop, request, "approve");
      if (await deps.holds?.isHeld(shop, id)) return refuse(409, "Held for review by a Shopify Flow workflow: release the hold before approving. Nothing changed.");
      if (!(await deps.desk.transition(shop, id, FROM.approve, "approved"))) return stale(shop, request, "approve");
      // What the timeline says is only what the app did: asked Shopify to approve and notify, or nothing.
      const shopifySends = await shopifyNotifies("approved");
      let said = shopifySends ? "Approved. No Shopify return is linked, so no notification was sent to the shopper." : "Approved. No Shopify return is linked: Aftercare emails the shopper.";
      if (request.shopifyReturnId) {
        try {
          await approveReturn(deps.admin, request.shopifyReturnId, { notifyCustomer: shopifySends });
          said = shopifySends
            ? "Approved. Shopify's return was approved, with Shopify asked to notify the shopper."
            : "Approved. Shopify's return was approved without Shopify's email: Aftercare emails the shopper.";
        } catch (error) {
          // Already approved in Shopify admin: the desk simply follows.
          const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
          said = "Approved. Shopify's return was already approved in Shopify admin, so nothing was sent to Shopify or the shopper.";
          if (!(state && (state.status === "OPEN" || state.status === "CLOSED"))) {
            await deps.desk.transition(shop, id, ["approved"], "requested");
            await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Approval failed: ${shopifyProblem(error)}`, at: now() });
            return refuse(502, shopifyProblem(error));
          }
        }
      }
      await deps.desk.record(shop, { requestId: id, type: "approved", ...actorOf(deps.staff), message: said, data: { shopifyReturnId: request.shopifyReturnId }, at: now() });
      // A parcel the shopper sent before approval goes on the now open return (keyed, once).
      await deps.parcel?.attach(shop, id).catch(() => undefined);
      return ok("Request approved.", { key: "request.done.approved" });
    },

    async decline(shop: string, id: string, input: z.input<typeof declineSchema>): Promise<ActionResult> {
      const { reason, message } = declineSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "decline")) return stale(shop, request, "decline");
      if (request.status === "inspected") return declineAfterReceipt(shop, request, reason, message);
      if (!(await deps.desk.transition(shop, id, ["requested"], "declined"))) return stale(shop, request, "decline");
      const shopifySends = await shopifyNotifies("declined");
      if (request.shopifyReturnId) {
        try {
          await declineReturn(deps.admin, request.shopifyReturnId, { reason, note: message, notifyCustomer: shopifySends });
        } catch (error) {
          await deps.desk.transition(shop, id, ["declined"], "requested");
          await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Decline failed: ${shopifyProblem(error)}`, at: now() });
          return refuse(502, shopifyProblem(error));
        }
      }
      await deps.desk.record(shop, { requestId: id, type: "declined", ...actorOf(deps.staff), message: `Declined (${reason.replace(/_/g, " ").toLowerCase()}): ${message}`, data: { reason, message }, at: now() });
      if (!shopifySends) return ok("Request declined; Aftercare emails the shopper your message, which their status page shows too.", { key: "request.done.declinedAftercareMails" });
      return request.shopifyReturnId
        ? ok("Request declined; Shopify was asked to send the shopper your message.", { key: "request.done.declinedShopifyMails" })
        : ok("Request declined. No Shopify return is linked, so no email was sent: the shopper reads your message on their status page.", { key: "request.done.declinedNoEmail" });
    },
  };
}
