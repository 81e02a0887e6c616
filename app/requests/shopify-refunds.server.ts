import { parseMinorUnits } from "../domain/money";
import type { OperationRepository } from "../repositories/operations.server";
import type { RequestRepository } from "../repositories/requests.server";

/** What refunds/create keeps of Shopify's payload (app/jobs/webhooks.server.ts). */
export type ShopifyRefund = {
  refundId: string;
  orderId: string;
  /** Absent on jobs stored before these fields were kept. */
  returnId?: string | null;
  lineItemIds?: string[];
  paid?: { amount: string; currency: string }[];
};

type Deps = { requests: RequestRepository; operations: OperationRepository };

/**
 * A refund made in Shopify outside Aftercare — in Shopify admin, or at the counter on POS, which
 * settles its own money — goes on the timeline of the request it pays back, so the desk and the
 * shopper see it and nobody refunds the same piece twice: the request behind the refund's return,
 * or else each request on the order with a line the refund pays back. Aftercare's own refunds are
 * on the timeline already. While one of the order's money operations is unfinished it cannot be
 * told whose the refund is, so this throws and the job runs again after the reconciler.
 * Returns the requests whose timeline gained the entry.
 */
export async function followShopifyRefund(deps: Deps, shop: string, refund: ShopifyRefund, at: Date): Promise<string[]> {
  const unfinished = (await deps.operations.unfinished(shop)).filter((o) => o.shopifyOrderId === refund.orderId);
  if (unfinished.length) throw new Error(`refund ${refund.refundId}: ${unfinished.length} money operation(s) on its order are unfinished; whose refund it is is decided after the reconciler`);
  if (await deps.operations.madeRefund(shop, refund.refundId, refund.returnId ?? null)) return [];

  const requestIds: string[] = [];
  const byReturn = refund.returnId ? await deps.requests.findByReturn(shop, refund.returnId) : null;
  if (byReturn) requestIds.push(byReturn.id);
  else {
    const lines = new Set(refund.lineItemIds ?? []);
    const summaries = await deps.requests.summariesForOrder(shop, refund.orderId);
    for (const s of summaries) if (s.lines.some((l) => lines.has(l.lineItemId))) requestIds.push(s.id);
  }
  if (!requestIds.length) return [];

  // One currency per refund (the order's presentment currency); the sum of its successful refund
  // transactions. A payload without them records the refund without an amount.
  const paid = refund.paid ?? [];
  const currency = paid[0]?.currency ?? null;
  const amountMinor = currency && paid.every((p) => p.currency === currency) ? paid.reduce((sum, p) => sum + parseMinorUnits(p.amount, currency), 0) : null;

  const recorded: string[] = [];
  for (const id of requestIds) {
    if (await deps.requests.recordShopifyRefund(shop, id, { refundId: refund.refundId, amountMinor, currency: amountMinor === null ? null : currency, at })) recorded.push(id);
  }
  return recorded;
}
