import { execute, operationKey, type MoneyDeps, type QuoteInvoicePlan } from "../jobs/money.server";
import type { OperationRecord, OperationRepository } from "../repositories/operations.server";
import type { MoveOperation, QuoteLine, RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { Admin } from "../shopify/client.server";
import { findRepairDraft, repairQuoteTag, ticketOfTag, type RepairDraftPlan } from "../shopify/draft-orders.server";
import { describe } from "../shopify/errors";
import type { Policy } from "../domain/policy/schema";
import { QUOTE_VALIDITY_DAYS, quoteValidityDaysOf } from "./policy";
import { draftDeleteOperations } from "./closing.server";

/**
 * A repair ticket's quote, paid through Shopify (docs/decisions/018-quotes):
 * - the `quote` move records, in its own transaction, two operations (docs/decisions/005): the
 *   draft order under the ticket's tag (`draft_order`) and the invoice Shopify emails for it
 *   (`draft_invoice`). A crash after the move leaves them pending for the reconciler; a lost
 *   answer leaves the draft to be found by its tag, never made twice;
 * - `sendQuote` takes them through the money path at once and keeps the draft's id and checkout
 *   URL on the ticket (the shopper's pay button);
 * - the ticket is accepted only when Shopify shows the draft order paid: `followPaidQuotes` runs
 *   on orders/create (the order it completes into carries the draft's tags) and reads the draft
 *   again by its tag, so a forged or early webhook moves nothing.
 */

/** The quote's steps, one per ticket (a ticket is quoted once: `quote` moves only from `assessed`). */
export const QUOTE_STEP = "repair-quote";
export const QUOTE_INVOICE_STEP = "repair-quote-invoice";

export type QuoteRequest = { customerId: string | null; customerEmail: string | null; orderName: string };

/** A draft order's two steps (made, then invoiced) and how its id and checkout URL are kept on the ticket. */
export type DraftSteps = { draft: string; invoice: string; attach: (admin: Admin, repairs: RepairRepository, shop: string, ticketId: string) => Promise<string | null> };

/** The operations a ticket's quote records with its move: the draft order, then its invoice. */
export function quoteOperations(ticket: Pick<RepairTicketRecord, "id" | "job" | "requestId" | "currency">, request: QuoteRequest, lines: QuoteLine[]): MoveOperation[] {
  return draftOperations(ticket, request, lines, repairQuoteTag(ticket.id), QUOTE_STEPS);
}

/** A draft order under `tag` for these lines and its invoice, as two operations under the steps' keys. */
export function draftOperations(ticket: Pick<RepairTicketRecord, "job" | "requestId" | "currency">, request: QuoteRequest, lines: QuoteLine[], tag: string, steps: Pick<DraftSteps, "draft" | "invoice">): MoveOperation[] {
  const plan: RepairDraftPlan = {
    tag,
    customerId: request.customerId,
    email: request.customerEmail,
    currency: ticket.currency,
    note: `Aftercare repair ${ticket.job} (order ${request.orderName})`,
    lines: lines.map((l) => ({ title: `${ticket.job}: ${l.title}`.slice(0, 255), quantity: l.quantity, unitMinor: l.unitMinor })),
  };
  const invoice: QuoteInvoicePlan = { tag };
  return [
    { requestId: ticket.requestId, step: steps.draft, idempotencyKey: operationKey(ticket.requestId, steps.draft), kind: "draft_order", input: plan },
    { requestId: ticket.requestId, step: steps.invoice, idempotencyKey: operationKey(ticket.requestId, steps.invoice), kind: "draft_invoice", input: invoice },
  ];
}

export type QuoteDeps = { repairs: RepairRepository; operations: OperationRepository; now?: () => Date; crash?: MoneyDeps["crash"]; reconcileGraceMs?: number };

/** `refused`: Shopify's own words when it refused the draft order or its invoice (nothing to retry). */
export type QuoteSent = { draft: OperationRecord["status"] | "missing"; invoice: OperationRecord["status"] | "missing"; invoiceUrl: string | null; error: string | null; refused: string | null };

/**
 * Takes a quoted ticket's two operations as far as they go now: the draft order, its id and
 * checkout URL kept on the ticket, then the invoice email. An unknown outcome or a Shopify that
 * does not answer leaves them for the reconciler (said in `error`); nothing is sent twice.
 */
export async function sendQuote(admin: Admin, deps: QuoteDeps, shop: string, ticket: Pick<RepairTicketRecord, "id" | "requestId">, steps: DraftSteps = QUOTE_STEPS): Promise<QuoteSent> {
  const money: MoneyDeps = { operations: deps.operations, now: deps.now, crash: deps.crash, reconcileGraceMs: deps.reconcileGraceMs };
  const result: QuoteSent = { draft: "missing", invoice: "missing", invoiceUrl: null, error: null, refused: null };
  try {
    const draftOp = await deps.operations.find(shop, operationKey(ticket.requestId, steps.draft));
    if (!draftOp) return result;
    const made = await execute(admin, money, shop, draftOp);
    result.draft = made.status;
    if (made.status === "failed") result.refused = made.lastError;
    if (made.status !== "succeeded") return result;
    result.invoiceUrl = await steps.attach(admin, deps.repairs, shop, ticket.id);
    const invoiceOp = await deps.operations.find(shop, operationKey(ticket.requestId, steps.invoice));
    if (!invoiceOp) return result;
    const invoiced = await execute(admin, money, shop, invoiceOp);
    result.invoice = invoiced.status;
    if (invoiced.status === "failed") result.refused = invoiced.lastError;
  } catch (error) {
    result.error = describe(error);
  }
  return result;
}

/** Keeps the draft order found under the ticket's tag on the ticket (its id and checkout URL); returns the URL. */
export async function attachDraft(admin: Admin, repairs: RepairRepository, shop: string, ticketId: string): Promise<string | null> {
  const draft = await findRepairDraft(admin, repairQuoteTag(ticketId));
  if (!draft) return null;
  await repairs.attachDraft(shop, ticketId, { draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl });
  return draft.invoiceUrl;
}

/** The quote's steps; with a deposit the same draft order under the ticket's tag is the deposit's (app/repairs/deposits.server.ts). */
export const QUOTE_STEPS: DraftSteps = { draft: QUOTE_STEP, invoice: QUOTE_INVOICE_STEP, attach: attachDraft };

/**
 * Shopify created an order (orders/create): each of its tags that names a ticket's quote is read
 * back from Shopify, and a quote whose draft order is COMPLETED ("has been paid") into an order
 * moves its ticket from quoted to quote accepted, once (compare-and-set), with the order on the
 * ticket and on its timeline. Returns the tickets moved, and the job numbers of quoted tickets
 * whose draft Shopify does not show paid (the job tries again).
 */
export async function followPaidQuotes(admin: Admin, repairs: RepairRepository, shop: string, tags: readonly string[], now: Date): Promise<{ moved: string[]; waiting: string[] }> {
  const moved: string[] = [];
  const waiting: string[] = [];
  for (const ticketId of new Set(tags.map(ticketOfTag).filter((id): id is string => id !== null))) {
    const ticket = await repairs.find(shop, ticketId);
    if (!ticket || ticket.state !== "quoted") continue;
    const draft = await findRepairDraft(admin, repairQuoteTag(ticketId));
    if (!draft || draft.status !== "COMPLETED" || !draft.order) {
      // Quoted, and an order names it, but Shopify does not show the draft paid (yet): asked again later.
      waiting.push(ticket.job);
      continue;
    }
    await repairs.attachDraft(shop, ticketId, { draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl });
    const ok = await repairs.move(
      shop,
      ticketId,
      "quoted",
      "quote_accepted",
      { quoteOrderId: draft.order.id, quotePaidAt: now },
      { staffId: null, staffName: null, actor: "shopify", message: `${ticket.job} ${ticket.quote?.depositMinor ? "deposit" : "quote"} paid: draft order ${draft.name} completed into order ${draft.order.name}.`, data: { move: "accept", draftOrderId: draft.id, orderId: draft.order.id, words: [{ key: ticket.quote?.depositMinor ? "ticket.entry.depositPaid" : "ticket.entry.quotePaid", values: { job: ticket.job, draft: draft.name, order: draft.order.name } }] }, at: now },
    );
    if (ok) moved.push(ticketId);
  }
  return { moved, waiting };
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The quote-expiry task: every ticket still quoted past its quote's validity (the service's
 * `quoteValidityDays` in the shop's live policy, else 30 days) moves to quote expired, once
 * (compare-and-set from quoted: a payment that lands first wins), with a timeline entry by the
 * system, and the deletion of its unpaid draft order recorded with it. Returns the tickets expired
 * with the keys of those deletions (the caller sends them).
 */
export async function expireQuotes(deps: { repairs: RepairRepository; policyOf: (shop: string) => Promise<Policy | null> }, now: Date): Promise<{ shop: string; id: string; keys: string[] }[]> {
  const expired: { shop: string; id: string; keys: string[] }[] = [];
  const policies = new Map<string, Policy | null>();
  // No validity is shorter than a day; anything quoted within the last day is never a candidate.
  for (const candidate of await deps.repairs.quotedBefore(new Date(now.getTime() - DAY_MS))) {
    if (!policies.has(candidate.shop)) policies.set(candidate.shop, await deps.policyOf(candidate.shop));
    const days = quoteValidityDaysOf(policies.get(candidate.shop) ?? null, candidate.service);
    if (candidate.quotedAt.getTime() + days * DAY_MS > now.getTime()) continue;
    const ticket = await deps.repairs.find(candidate.shop, candidate.id);
    if (!ticket) continue;
    // Its unpaid draft order is deleted in Shopify (docs/decisions/026): recorded with the move, sent by the caller's money job.
    const operations = draftDeleteOperations(ticket, "expire");
    const moved = await deps.repairs.move(
      candidate.shop,
      candidate.id,
      "quoted",
      "quote_expired",
      {},
      { staffId: null, staffName: null, actor: "system", message: `${ticket.job} quote expired unanswered after ${days} days${days === QUOTE_VALIDITY_DAYS ? "" : " (the policy's validity)"}; the piece goes back without work.`, data: { move: "expire", days, words: [{ key: "ticket.entry.expired", values: { job: ticket.job, days } }] }, at: now },
      operations,
    );
    if (moved) expired.push({ shop: candidate.shop, id: candidate.id, keys: operations.map((o) => o.idempotencyKey) });
  }
  return expired;
}
