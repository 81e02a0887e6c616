import { partsOrderOnce } from "../../jobs/money.server";
import type { RequestRecord } from "../../repositories/requests.server";
import { fetchPartsOrderSource, type PartsOrderPlan, type PartsOrderSource } from "../../shopify/parts-orders.server";
import { actorOf, refuse, shopifyProblem, type ActionResult, type DeskCore } from "./core.server";

/** Where the parts go, read before anything is recorded: Shopify not answering refuses the click with nothing changed. */
export async function partsOrderSource(core: DeskCore, request: RequestRecord): Promise<PartsOrderSource | ActionResult> {
  try {
    return await fetchPartsOrderSource(core.deps.admin, request.orderId);
  } catch (error) {
    return refuse(503, `The order's shipping address could not be read for the order that posts it. ${shopifyProblem(error)}`);
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
  const lines = perLine.flatMap((p) => {
    const line = request.lines.find((l) => l.id === p.lineId);
    return line && p.parts > 0 ? [{ title: `Spare parts for ${line.title}`, quantity: p.parts }] : [];
  });
  return postZeroPriceOrder(core, shop, request, source, lines, "parts");
}

/** A warranty claim resolved by replacement: the product variants the shopper bought, at 0.00, posted the same way. */
export async function postReplacementOrder(core: DeskCore, shop: string, request: RequestRecord, source: PartsOrderSource): Promise<string> {
  const lines = request.lines.flatMap((l) => {
    const variantId = source.variants.get(l.lineItemId);
    return variantId ? [{ title: l.title, quantity: l.quantity, variantId }] : [];
  });
  return postZeroPriceOrder(core, shop, request, source, lines, "replacement");
}

async function postZeroPriceOrder(core: DeskCore, shop: string, request: RequestRecord, source: PartsOrderSource, lines: PartsOrderPlan["lines"], what: "parts" | "replacement"): Promise<string> {
  const { deps, now } = core;
  const Label = what === "parts" ? "Parts order" : "Replacement order";
  const label = what === "parts" ? "parts order" : "replacement order";
  if (!lines.length) return "";
  try {
    const done = await partsOrderOnce(
      deps.admin,
      core.moneyDeps,
      shop,
      request.id,
      {
        orderId: request.orderId,
        customerId: source.customerId,
        email: source.email,
        currency: source.currency,
        shippingAddress: source.shippingAddress,
        note: `Aftercare: ${what === "parts" ? "parts" : "a replacement piece"} for request ${request.id} on order ${source.name}, at no charge`,
        lines,
      },
      what,
    );
    if (done.status === "succeeded") {
      const name = done.shopifyResultId ? await orderName(core, done.shopifyResultId) : null;
      const named = name ? `${Label} ${name}` : Label;
      await deps.desk.record(shop, { requestId: request.id, type: "note", ...actorOf(deps.staff), message: `${named} made in Shopify at no charge, for Shopify to fulfil.`, data: { key: done.idempotencyKey, shopifyOrderId: done.shopifyResultId }, at: now() });
      return ` ${named} made in Shopify at no charge.`;
    }
    if (done.status === "failed" || done.status === "needs_review") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `${Label} not made in Shopify: ${done.lastError ?? done.status}.`, data: { key: done.idempotencyKey }, at: now() });
      return ` The ${label} was not made in Shopify (${done.lastError ?? done.status}).`;
    }
    return ` The ${label} is not confirmed by Shopify yet: it is checked and finished automatically.`;
  } catch (error) {
    await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `${Label} not made in Shopify yet: ${shopifyProblem(error)}`, at: now() }).catch(() => undefined);
    return ` The ${label} is not made in Shopify yet: it is checked and finished automatically.`;
  }
}

async function orderName(core: DeskCore, orderId: string): Promise<string | null> {
  try {
    return (await fetchPartsOrderSource(core.deps.admin, orderId)).name;
  } catch {
    return null;
  }
}
