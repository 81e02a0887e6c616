import { execute, operationKey, settleConfirmed, type MoneyDeps, type QuoteInvoicePlan } from "../jobs/money.server";
import type { OperationRecord, OperationRepository } from "../repositories/operations.server";
import { DEPOSIT_REFUND_STEP as REFUND_STEP } from "../repositories/operations.server";
import { formatMoneyIn } from "../domain/money";
import type { RefundPlan } from "../shopify/money.server";
import type { MoveOperation, RepairTicketRecord } from "../repositories/repairs.server";
import type { Admin } from "../shopify/client.server";
import { findRepairDraft, repairBalanceTag, repairQuoteTag } from "../shopify/draft-orders.server";
import { returnOrderTag, type PartsOrderPlan, type PartsOrderSource } from "../shopify/parts-orders.server";
import { describe } from "../shopify/errors";
import type { RepairMove, RepairState } from "./machine";

/**
 * A ticket that no longer asks for a payment deletes its unpaid draft order in Shopify
 * (docs/decisions/026-repairs-closed-in-shopify): a declined or expired quote (the deposit's
 * draft is the quote's), and on cancellation the quote still open or the balance not paid. The
 * move records one `draft_delete` operation per draft under its own key, in the move's
 * transaction (decision 005); the send finds the draft by its tag just before draftOrderDelete,
 * never deletes one Shopify shows paid, and after an unknown outcome is confirmed by reading the
 * tag back (the reconciler finishes it).
 */

export const QUOTE_DELETE_STEP = "repair-quote-delete";
export const BALANCE_DELETE_STEP = "repair-balance-delete";

function deletion(ticket: Pick<RepairTicketRecord, "requestId">, step: string, tag: string): MoveOperation {
  const input: QuoteInvoicePlan = { tag };
  return { requestId: ticket.requestId, step, idempotencyKey: operationKey(ticket.requestId, step), kind: "draft_delete", input };
}

/** The deletions a move asks for: none unless it closes a ticket whose draft order may still be unpaid. */
export function draftDeleteOperations(ticket: Pick<RepairTicketRecord, "id" | "requestId" | "state" | "quote">, move: RepairMove): MoveOperation[] {
  if (!ticket.quote) return [];
  const ops: MoveOperation[] = [];
  const quoteOpen = ticket.state === "quoted";
  if ((move === "decline" || move === "expire" || move === "cancel") && quoteOpen) ops.push(deletion(ticket, QUOTE_DELETE_STEP, repairQuoteTag(ticket.id)));
  // A deposit paid and the piece ready, then cancelled: its balance's draft is not wanted any more.
  if (move === "cancel" && ticket.state === "ready" && ticket.quote.balance && !ticket.quote.balance.paidAt) ops.push(deletion(ticket, BALANCE_DELETE_STEP, repairBalanceTag(ticket.id)));
  return ops;
}

/**
 * Takes the move's deletions as far as they go now, each said once on the timeline. Returns the
 * sentence the bench's answer ends with; what Shopify did not confirm is left to the reconciler.
 */
export async function deleteClosedDrafts(admin: Admin, deps: { operations: OperationRepository; now?: () => Date; crash?: MoneyDeps["crash"] }, shop: string, operations: readonly Pick<MoveOperation, "kind" | "idempotencyKey">[]): Promise<string> {
  const money: MoneyDeps = { operations: deps.operations, now: deps.now, crash: deps.crash };
  const words: string[] = [];
  for (const op of operations.filter((o) => o.kind === "draft_delete")) {
    try {
      const row = await deps.operations.find(shop, op.idempotencyKey);
      if (!row) continue;
      const done = await execute(admin, money, shop, row);
      await settleConfirmed(money, shop, done);
      if (done.status === "succeeded") words.push(done.shopifyResultId?.startsWith("none:") ? "No draft order was left to delete in Shopify." : "Its unpaid draft order is deleted in Shopify.");
      else if (done.status === "failed") words.push(`Its draft order is kept in Shopify: ${done.lastError ?? "refused"}.`);
      else words.push("Its unpaid draft order is deleted in Shopify once Shopify confirms it (checked automatically).");
    } catch (error) {
      words.push(`Its unpaid draft order is not deleted in Shopify yet (${describe(error)}): it is checked and finished automatically.`);
    }
  }
  return words.join(" ");
}

/** The step of the order that posts a piece back unrepaired (declined or expired work). */
export const RETURN_ORDER_STEP = "return-order";

/** States a piece goes back from without work done. */
export const UNREPAIRED_STATES: readonly RepairState[] = ["quote_declined", "quote_expired"];

/**
 * The order that posts the customer's own piece back unrepaired (docs/decisions/026), as parts go
 * (decision 024): one custom line at 0.00 in the order's currency, requiring shipping, for the
 * order's customer and shipping address (protected customer data: `address`), under the request's
 * tag, completed without payment so Shopify's fulfilment ships it. Recorded with the send-back move.
 */
export function returnOrderOperation(ticket: Pick<RepairTicketRecord, "requestId" | "job" | "itemTitle" | "orderId">, source: PartsOrderSource): MoveOperation {
  const input: PartsOrderPlan = {
    tag: returnOrderTag(ticket.requestId),
    orderId: ticket.orderId,
    customerId: source.customerId,
    email: source.email,
    currency: source.currency,
    shippingAddress: source.shippingAddress,
    note: `Aftercare: ${ticket.job} sent back unrepaired (the customer's own piece, from order ${source.name}), at no charge`,
    lines: [{ title: `${ticket.job}: your ${ticket.itemTitle}, returned unrepaired`.slice(0, 255), quantity: 1 }],
  };
  return { requestId: ticket.requestId, step: RETURN_ORDER_STEP, idempotencyKey: operationKey(ticket.requestId, RETURN_ORDER_STEP), kind: "parts_order", input };
}

/** Takes the send-back's order as far as it goes now, named once on the timeline; returns the bench's sentence. */
export async function postReturnOrder(admin: Admin, deps: { operations: OperationRepository; now?: () => Date; crash?: MoneyDeps["crash"] }, shop: string, key: string): Promise<string> {
  const money: MoneyDeps = { operations: deps.operations, now: deps.now, crash: deps.crash };
  try {
    const row = await deps.operations.find(shop, key);
    if (!row) return "";
    const done = await execute(admin, money, shop, row);
    if (done.status === "succeeded" && done.requestId) {
      const draft = await findRepairDraft(admin, (done.input as PartsOrderPlan).tag).catch(() => null);
      const named = draft?.order ? `Return order ${draft.order.name}` : "Return order";
      await deps.operations.noteConfirmed(shop, done.requestId, done.idempotencyKey, `${named} made in Shopify at no charge: the piece goes back unrepaired, for Shopify to fulfil.`, { shopifyOrderId: done.shopifyResultId }, (deps.now ?? (() => new Date()))());
      return `${named} made in Shopify at no charge, for Shopify to fulfil.`;
    }
    if (done.status === "failed" || done.status === "needs_review") return `The return order was not made in Shopify (${done.lastError ?? done.status}).`;
    return "The return order is not confirmed by Shopify yet: it is checked and finished automatically.";
  } catch (error) {
    return `The return order is not made in Shopify yet (${describe(error)}): it is checked and finished automatically.`;
  }
}

export { DEPOSIT_REFUND_STEP } from "../repositories/operations.server";

/** A deposit Shopify shows paid (its draft completed into an order): what a cancellation gives back. */
export function paidDeposit(ticket: Pick<RepairTicketRecord, "quote">): { orderId: string; amountMinor: number } | null {
  const quote = ticket.quote;
  return quote?.depositMinor && quote.orderId ? { orderId: quote.orderId, amountMinor: quote.depositMinor } : null;
}

/**
 * The refund of a paid deposit when its ticket is cancelled (docs/decisions/026): refundCreate on
 * the deposit's own order, to the original payment, in that order's currency as Shopify shows it,
 * with no line (the money only), under `@idempotent` with the operation's key and the key in its
 * note (how a lost answer is recognised, decision 005). Recorded with the cancel move; bounded by
 * the deposit, not by the request's decided amount (a repair's request decided no money).
 */
export function depositRefundOperation(ticket: Pick<RepairTicketRecord, "requestId" | "job">, deposit: { orderId: string; amountMinor: number }, currency: string): MoveOperation {
  const key = operationKey(ticket.requestId, REFUND_STEP);
  const input: RefundPlan = { orderId: deposit.orderId, currency, note: `Aftercare ${key}`, notify: true, lines: [], toPaymentMinor: deposit.amountMinor, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, itemsMinor: 0 };
  return { requestId: ticket.requestId, step: REFUND_STEP, idempotencyKey: key, kind: "refund", input, amountMinor: deposit.amountMinor, currency, shopifyOrderId: deposit.orderId };
}

/** Takes the cancelled ticket's deposit refund as far as it goes now, said once on the timeline; returns the bench's sentence. */
export async function refundDeposit(admin: Admin, deps: { operations: OperationRepository; now?: () => Date; crash?: MoneyDeps["crash"] }, shop: string, key: string): Promise<string> {
  const money: MoneyDeps = { operations: deps.operations, now: deps.now, crash: deps.crash };
  try {
    const row = await deps.operations.find(shop, key);
    if (!row) return "";
    const done = await execute(admin, money, shop, row);
    await settleConfirmed(money, shop, done);
    const amount = formatMoneyIn(done.amountMinor ?? 0, done.currency ?? "XXX", "en-GB");
    if (done.status === "succeeded") return `Deposit of ${amount} refunded to the original payment in Shopify.`;
    if (done.status === "failed" || done.status === "needs_review") return `The deposit of ${amount} was not refunded in Shopify (${done.lastError ?? done.status}); refund it from Shopify admin.`;
    return `The deposit refund of ${amount} is not confirmed by Shopify yet: it is checked and finished automatically, never sent twice.`;
  } catch (error) {
    return `The deposit refund is not confirmed by Shopify yet (${describe(error)}): it is checked and finished automatically, never sent twice.`;
  }
}

/** What the ticket page says of a cancelled ticket's deposit refund; null when there is none. */
export function depositRefundWords(operation: Pick<OperationRecord, "status" | "amountMinor" | "currency" | "lastError"> | null, locale: string): string | null {
  if (!operation) return null;
  const amount = formatMoneyIn(operation.amountMinor ?? 0, operation.currency ?? "XXX", locale);
  if (operation.status === "succeeded") return `${amount} refunded to the original payment (ticket cancelled)`;
  if (operation.status === "failed" || operation.status === "needs_review") return `${amount} not refunded: ${operation.lastError ?? operation.status}`;
  return `${amount} being refunded (sent once, checked automatically)`;
}
