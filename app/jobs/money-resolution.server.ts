import { formatMoneyIn } from "../domain/money";
import { DEPOSIT_REFUND_STEP, type OperationRecord } from "../repositories/operations.server";
import type { RefundPlan, StoreCreditGrant } from "../shopify/money.server";
import type { MoneyDeps } from "./money-deps.server";

/**
 * The resolution an operation settles its request by: the desk's money resolution (steps
 * `resolve`, `resolve-2`…: a refund, or store credit when only credit is given) or its exchange
 * (`exchange…`). Null for money that does not resolve the request (an invoice, goodwill).
 */
export function resolutionOf(operation: Pick<OperationRecord, "step" | "kind" | "input">): string | null {
  if (/^exchange(-\d+)?$/.test(operation.step)) return "exchange";
  if (!/^resolve(-\d+)?$/.test(operation.step)) return null;
  if (operation.kind === "store_credit") return "store_credit";
  const plan = operation.input as Partial<RefundPlan>;
  return (plan.storeCreditMinor ?? 0) > 0 && (plan.toPaymentMinor ?? 0) === 0 ? "store_credit" : "refund";
}

/**
 * A succeeded operation that resolves its request by refund or store credit, recorded on the
 * request (its resolution, status and timeline: OperationRepository.settleResolution) when the
 * desk could not do it: the reconciler or a money job confirmed it after the desk's click ended
 * without an answer. Anything else: nothing to do.
 */
export async function settleConfirmed(deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<void> {
  if (operation.kind === "parts_order" && operation.status === "succeeded" && operation.requestId) {
    // The parts order whose answer the desk's click lost, found made by its tag (docs/decisions/024).
    const what = operation.step.startsWith("replacement") ? "Replacement order" : operation.step.startsWith("return") ? "Return order (the piece sent back unrepaired)" : "Parts order";
    const message = `${what} made in Shopify at no charge, for Shopify to fulfil (confirmed with Shopify after the desk could not confirm it).`;
    await deps.operations.noteConfirmed(shop, operation.requestId, operation.idempotencyKey, message, { shopifyOrderId: operation.shopifyResultId }, (deps.now ?? (() => new Date()))());
    return;
  }
  if (operation.kind === "draft_delete" && operation.requestId && (operation.status === "succeeded" || operation.status === "failed")) {
    // A quote's unpaid draft order deleted (or kept, paid) once its ticket closed (docs/decisions/026): said once on the timeline.
    const message = operation.status === "succeeded" ? `The quote's unpaid draft order was deleted in Shopify (${operation.shopifyResultId?.startsWith("none:") ? "none was left to delete" : "confirmed by reading it back"}).` : `The quote's draft order was not deleted in Shopify: ${operation.lastError ?? "refused"}.`;
    await deps.operations.noteConfirmed(shop, operation.requestId, operation.idempotencyKey, message, { deletedDraftOrderId: operation.shopifyResultId }, (deps.now ?? (() => new Date()))());
    return;
  }
  if (operation.step === DEPOSIT_REFUND_STEP && operation.requestId && operation.status !== "pending" && operation.status !== "sent") {
    // A cancelled repair ticket's deposit given back (docs/decisions/026): said once on the timeline.
    const amount = formatMoneyIn(operation.amountMinor ?? 0, operation.currency ?? "XXX", "en-GB");
    const message = operation.status === "succeeded" ? `Deposit of ${amount} refunded to the original payment in Shopify (the ticket was cancelled).` : `Deposit of ${amount} not refunded in Shopify: ${operation.lastError ?? operation.status}. Refund it from Shopify admin.`;
    await deps.operations.noteConfirmed(shop, operation.requestId, operation.idempotencyKey, message, { refundId: operation.shopifyResultId, amountMinor: operation.amountMinor, currency: operation.currency }, (deps.now ?? (() => new Date()))());
    return;
  }
  const method = resolutionOf(operation);
  if (operation.status !== "succeeded" || !operation.requestId || (method !== "refund" && method !== "store_credit")) return;
  const amount = formatMoneyIn(operation.amountMinor ?? 0, operation.currency ?? "XXX", "en");
  const expiresAt = operation.kind === "store_credit" ? (operation.input as StoreCreditGrant).expiresAt : (operation.input as RefundPlan).storeCreditExpiresAt;
  await deps.operations.settleResolution(shop, {
    requestId: operation.requestId,
    key: operation.idempotencyKey,
    method,
    amountMinor: operation.amountMinor ?? 0,
    currency: operation.currency ?? "XXX",
    message: `${method === "refund" ? "Refund to the original payment" : "Store credit"}: ${amount} (confirmed with Shopify after the desk could not confirm it)`,
    resolvedMessage: `Resolved: ${method === "refund" ? "refund to original payment" : "store credit"} (confirmed with Shopify)`,
    data: { shopifyOrderId: operation.shopifyOrderId, shopifyTargetId: operation.shopifyTargetId, shopifyResultId: operation.shopifyResultId, amountMinor: operation.amountMinor, currency: operation.currency, expiresAt: method === "store_credit" ? expiresAt : null },
    actor: "system",
    at: (deps.now ?? (() => new Date()))(),
  });
}
