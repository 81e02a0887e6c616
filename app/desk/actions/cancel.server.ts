import type { z } from "zod";

import { cancelReturn, fetchReturn } from "../../shopify/returns.server";
import { FROM, isAllowed } from "../machine";
import type { cancelSchema } from "../schemas";
import { actorOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/**
 * Cancelling a request at the desk, before its item is received (the shopper phoned to say they
 * keep it, or asked twice): the request is cancelled and its Shopify return with it, so Shopify's
 * order shows no open return (issue 26, "a request cancelled at the desk cancels its Shopify
 * return"). After receipt a request is resolved or declined instead: the item is at the shop.
 */
export function cancelActions(core: DeskCore) {
  const { deps, now, load, stale } = core;

  return {
    async cancel(shop: string, id: string, input: z.output<typeof cancelSchema>): Promise<ActionResult> {
      const request = await load(shop, id);
      // A refund sent on evidence of sending holds its resolution before receipt (docs/decisions/025).
      if (!isAllowed(request, "cancel") || request.resolution) return stale(shop, request, "cancel");
      if (!(await deps.desk.transition(shop, id, FROM.cancel, "cancelled"))) return stale(shop, request, "cancel");
      let inShopify = "No Shopify return is linked.";
      if (request.shopifyReturnId) {
        try {
          // Recorded first: the returns/cancel webhook this causes must not read as a second
          // cancellation made in Shopify admin.
          await deps.desk.markReturnReplaced(shop, request.shopifyReturnId, request.id, now());
          const state = await fetchReturn(deps.admin, request.shopifyReturnId);
          if (state.status === "OPEN" || state.status === "REQUESTED") {
            // returnCancel is verified by reading the return back, so a lost answer is not sent blind again.
            await cancelReturn(deps.admin, request.shopifyReturnId);
            inShopify = "Shopify's return was cancelled.";
          } else {
            inShopify = `Shopify's return was already ${state.status.toLowerCase()}, so it was left as it is.`;
          }
        } catch (error) {
          await deps.desk.transition(shop, id, ["cancelled"], request.status);
          await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Cancelling failed: ${shopifyProblem(error)}`, at: now() });
          return refuse(502, `Not cancelled: ${shopifyProblem(error)}`);
        }
      }
      await deps.desk.record(shop, { requestId: id, type: "cancelled", ...actorOf(deps.staff), message: `Cancelled at the desk: ${input.reason} ${inShopify}`, data: { reason: input.reason, shopifyReturnId: request.shopifyReturnId }, at: now() });
      return ok(`Request cancelled. ${inShopify}`);
    },
  };
}
