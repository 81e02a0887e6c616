import { formatMoneyIn } from "../domain/money";
import { requestReference, type DeskRepository, type QuoteRecord } from "../repositories/desk.server";
import type { RequestRepository } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { createQuoteDraft } from "../shopify/quotes.server";

/**
 * The shopper's side of a paid repair quote (the status page): accept or decline it, once. An
 * acceptance is written with the draft order's key before Shopify is asked (draftOrderCreate
 * finds the draft by that key again, so a retry or a double click never makes two), then the
 * draft order's invoice URL is kept for the status page, where the shopper pays it.
 */

export type QuoteView = {
  id: string;
  amountMinor: number;
  currency: string;
  description: string;
  status: QuoteRecord["status"];
  invoiceUrl: string | null;
};

export type QuoteAnswer = { ok: true; quote: QuoteView } | { ok: false; reason: "none" | "already" | "shopify"; quote: QuoteView | null };

/** `locale`: the language of the page the shopper answers on ("fr"), which their answer's timeline entry is written for. */
export type QuoteDeps = { desk: DeskRepository; requests: RequestRepository; admin: Admin; locale?: string; now?: () => Date };

function view(quote: QuoteRecord): QuoteView {
  return { id: quote.id, amountMinor: quote.amountMinor, currency: quote.currency, description: quote.description, status: quote.status, invoiceUrl: quote.invoiceUrl };
}

export async function quoteFor(desk: DeskRepository, shop: string, requestId: string): Promise<QuoteView | null> {
  const quote = await desk.currentQuote(shop, requestId);
  return quote && quote.status !== "withdrawn" ? view(quote) : null;
}

/**
 * How long after an acceptance its draft order is left to the caller who accepted: a second
 * "accept" inside it is the same shopper's double click and is told it is done already; after
 * it, an acceptance still without its invoice (Shopify failed) may be tried again, and the draft
 * order's tag keeps that to one draft in any case.
 */
export const DRAFT_IN_FLIGHT_MS = 30_000;

function draftInFlight(quote: QuoteRecord, now: Date): boolean {
  return quote.answeredAt !== null && now.getTime() - quote.answeredAt.getTime() < DRAFT_IN_FLIGHT_MS;
}

export async function answerQuote(deps: QuoteDeps, shop: string, requestId: string, answer: "accept" | "decline"): Promise<QuoteAnswer> {
  const now = deps.now ?? (() => new Date());
  const quote = await deps.desk.currentQuote(shop, requestId);
  if (!quote || quote.status === "withdrawn") return { ok: false, reason: "none", quote: null };
  const request = await deps.requests.find(shop, requestId);
  if (!request) return { ok: false, reason: "none", quote: null };
  const formatted = formatMoneyIn(quote.amountMinor, quote.currency, deps.locale ?? "en");
  if (quote.status === "awaiting") {
    const to = answer === "accept" ? "accepted" : "declined";
    if (!(await deps.desk.answerQuote(shop, quote.id, to, now()))) {
      const fresh = await deps.desk.currentQuote(shop, requestId);
      return { ok: false, reason: "already", quote: fresh ? view(fresh) : null };
    }
    await deps.desk.record(shop, {
      requestId,
      type: to === "accepted" ? "quote_accepted" : "quote_declined",
      actor: "shopper",
      message: `${to === "accepted" ? "Accepted" : "Declined"}: ${quote.description}, ${formatted}.`,
      amountMinor: quote.amountMinor,
      currency: quote.currency,
      data: { quoteId: quote.id },
      at: now(),
    });
    if (to === "declined") return { ok: true, quote: view({ ...quote, status: "declined" }) };
  } else if (!(quote.status === "accepted" && answer === "accept" && !quote.draftOrderId) || draftInFlight(quote, now())) {
    // Answered before; only an acceptance whose invoice is still missing is worth another try,
    // and not while the one who accepted may still be making it (two clicks at once).
    return { ok: false, reason: "already", quote: view(quote) };
  }
  const accepted = (await deps.desk.currentQuote(shop, requestId)) as QuoteRecord;
  try {
    const draft = await createQuoteDraft(deps.admin, {
      key: accepted.draftKey ?? `quote-${accepted.id}`,
      customerId: request.customerId,
      email: request.customerEmail,
      title: `Repair for request ${requestReference(request)}: ${accepted.description}`.slice(0, 255),
      amountMinor: accepted.amountMinor,
      currency: accepted.currency,
      note: `Aftercare quote ${accepted.id} for order ${request.orderName}`,
    });
    await deps.desk.attachDraft(shop, accepted.id, { draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl });
    return { ok: true, quote: view({ ...accepted, draftOrderId: draft.id, invoiceUrl: draft.invoiceUrl }) };
  } catch {
    // Accepted and kept: the status page offers to prepare the invoice again, which finds any
    // draft already made under the key.
    return { ok: false, reason: "shopify", quote: view(accepted) };
  }
}
