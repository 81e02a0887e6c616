import type { RequestRecord } from "../../repositories/requests.server";
import { exchangeItemsLeft, removeExchangeLines } from "../../shopify/return-lines.server";
import { fetchReturn } from "../../shopify/returns.server";
import { actorOf, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/**
 * Exchange lines in step (issue 26): a request whose Shopify return still carries exchange items
 * (an exchange set up that the merchant now settles by refund or store credit) has them taken
 * off the return before any money moves, so the return holds only what really happens and Shopify
 * closes it once the returned items are processed. Read from Shopify first each time: a second
 * click or a retry after a lost answer finds nothing left and removes nothing.
 */
export function exchangeLines(core: DeskCore) {
  const { deps, now } = core;

  /** Null when the return carries no waiting exchange items (or they are now removed); else the refusal, nothing sent. */
  async function dropBeforeMoney(shop: string, request: RequestRecord): Promise<ActionResult | null> {
    if (!request.shopifyReturnId) return null;
    try {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId);
      const left = exchangeItemsLeft(state);
      if (!left.length || (state.status !== "OPEN" && state.status !== "REQUESTED")) return null;
      await removeExchangeLines(deps.admin, state.id, left);
      const items = left.map((x) => `${x.quantity} × ${x.variantTitle ?? "item"}`).join(", ");
      await deps.desk.record(shop, { requestId: request.id, type: "note", ...actorOf(deps.staff), message: `Exchange items taken off Shopify return ${state.name}, as the request is settled another way: ${items}.`, data: { shopifyReturnId: state.id, removed: left }, at: now() });
      return null;
    } catch (error) {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange items not taken off the Shopify return: ${shopifyProblem(error)}`, at: now() }).catch(() => undefined);
      return refuse(502, `The exchange items on this request's Shopify return could not be taken off (${shopifyProblem(error)}). Nothing was sent; try again in a moment.`);
    }
  }

  return { dropBeforeMoney };
}
