import { partsOrderOnce } from "../../jobs/money.server";
import type { RequestRecord } from "../../repositories/requests.server";
import { fetchPartsOrderSource, type PartsOrderSource } from "../../shopify/parts-orders.server";
import { actorOf, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/** Where the parts go, read before anything is recorded: Shopify not answering refuses the click with nothing changed. */
export async function partsOrderSource(core: DeskCore, request: RequestRecord): Promise<PartsOrderSource | ActionResult> {
  try {
    return await fetchPartsOrderSource(core.deps.admin, request.orderId);
  } catch (error) {
    return refuse(503, `The order's shipping address could not be read for the parts order. ${shopifyProblem(error)}`);
  }
}

/**
 * Parts posted to the shopper become a zero-price Shopify order (issue 25, docs/decisions/024):
 * the parts as custom lines at 0.00 in the order's currency, for the order's customer and shipping
 * address, under the request's tag, completed without payment, so Shopify's fulfilment ships them
 * and the order history shows them. Keyed like money (decision 005): recorded before the calls,
 * read back by its tag after an unknown outcome and finished by the reconciler, never made twice.
 * Returns the sentence the desk's answer ends with.
 */
export async function postPartsOrder(core: DeskCore, shop: string, request: RequestRecord, source: PartsOrderSource, perLine: { lineId: string; parts: number }[]): Promise<string> {
  const { deps, now } = core;
  const lines = perLine.flatMap((p) => {
    const line = request.lines.find((l) => l.id === p.lineId);
    return line && p.parts > 0 ? [{ title: `Spare parts for ${line.title}`, quantity: p.parts }] : [];
  });
  if (!lines.length) return "";
  try {
    const done = await partsOrderOnce(deps.admin, core.moneyDeps, shop, request.id, {
      orderId: request.orderId,
      customerId: source.customerId,
      email: source.email,
      currency: source.currency,
      shippingAddress: source.shippingAddress,
      note: `Aftercare: parts for request ${request.id} on order ${source.name}, at no charge`,
      lines,
    });
    if (done.status === "succeeded") {
      const name = done.shopifyResultId ? await orderName(core, done.shopifyResultId) : null;
      await deps.desk.record(shop, { requestId: request.id, type: "note", ...actorOf(deps.staff), message: `Parts order ${name ?? ""} made in Shopify at no charge, for Shopify to fulfil.`.replace("  ", " "), data: { key: done.idempotencyKey, shopifyOrderId: done.shopifyResultId }, at: now() });
      return ` Parts order ${name ?? ""} made in Shopify at no charge.`.replace("  ", " ");
    }
    if (done.status === "failed" || done.status === "needs_review") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Parts order not made in Shopify: ${done.lastError ?? done.status}.`, data: { key: done.idempotencyKey }, at: now() });
      return ` The parts order was not made in Shopify (${done.lastError ?? done.status}).`;
    }
    return " The parts order is not confirmed by Shopify yet: it is checked and finished automatically.";
  } catch (error) {
    await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Parts order not made in Shopify yet: ${shopifyProblem(error)}`, at: now() }).catch(() => undefined);
    return " The parts order is not made in Shopify yet: it is checked and finished automatically.";
  }
}

async function orderName(core: DeskCore, orderId: string): Promise<string | null> {
  try {
    return (await fetchPartsOrderSource(core.deps.admin, orderId)).name;
  } catch {
    return null;
  }
}
