import { randomUUID } from "node:crypto";

import type { z } from "zod";

import { formatMoneyIn, parseMinorUnits } from "../../domain/money";
import { engineDecisionOf, type RequestRecord } from "../../repositories/requests.server";
import { openTicketOnResolve } from "../../repairs/open.server";
import { quotePriceIssue, quoteSchema } from "../schemas";
import { FROM, RESOLUTION_LABELS, isAllowed, offersPaidRepair } from "../machine";
import { EXCHANGE_CLAIM_MS, actorOf, ok, refuse, type ActionResult, type DeskCore } from "./core.server";

/** Quotes for a paid repair: offered, withdrawn before the shopper answers, and resolved once accepted and invoiced by Shopify. */
export function quoteActions(core: DeskCore) {
  const { deps, now, load, stale } = core;

  /** Resolve a paid repair once the shopper accepted its quote and Shopify holds its draft order. */
  async function quotePaid(shop: string, request: RequestRecord, note: string): Promise<ActionResult> {
    const quote = await deps.desk.currentQuote(shop, request.id);
    if (!quote || quote.status !== "accepted") return refuse(422, quote?.status === "awaiting" ? "The shopper has not answered the quote yet." : "There is no accepted quote on this request.");
    if (!quote.draftOrderId) return refuse(409, "The shopper accepted, but Shopify's draft order for the quote is not made yet. Refresh in a moment.");
    if (!(await deps.desk.claimResolution(shop, request.id, FROM.resolve, "quote"))) return stale(shop, request, "resolve");
    const formatted = formatMoneyIn(quote.amountMinor, quote.currency, deps.locale);
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.quote} — ${quote.description}, ${formatted}${note ? ` — ${note}` : ""}`, data: { method: "quote", quoteId: quote.id, draftOrderId: quote.draftOrderId, note }, at: now() });
    if (deps.repairs) await openTicketOnResolve({ ...deps, repairs: deps.repairs, now }, shop, request, "quote");
    return ok(`Resolved: paid repair of ${formatted}.`);
  }

  return {
    /**
     * Quotes a paid repair: the shopper sees it on the status page and accepts (Shopify then
     * makes a draft order whose invoice they pay) or declines. One quote is open at a time.
     */
    async quote(shop: string, id: string, input: z.input<typeof quoteSchema>): Promise<ActionResult> {
      const { amount, description } = quoteSchema.parse(input);
      const request = await load(shop, id);
      if (!isAllowed(request, "quote") || request.resolution) return stale(shop, request, "quote");
      if (request.kind === "return" && !offersPaidRepair(engineDecisionOf(request.decision))) return refuse(422, "A return is refunded, credited or exchanged; quotes are for warranty and service work, or where the policy offers a paid repair instead.");
      const priceIssue = quotePriceIssue(amount, request.currency);
      if (priceIssue) return { ok: false, status: 422, message: priceIssue, fields: { amount: priceIssue } };
      const amountMinor = parseMinorUnits(amount, request.currency);
      if (amountMinor <= 0) return { ok: false, status: 422, message: "A quote needs a price above zero.", fields: { amount: "A quote needs a price above zero." } };
      const token = randomUUID();
      const claim = await deps.desk.claim(shop, `quote:${id}`, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
      if (!claim.won) return refuse(409, `Not done by this click: ${claim.holder} is quoting this request right now. Refresh in a moment.`);
      try {
        const quote = await deps.desk.offerQuote(shop, { requestId: id, amountMinor, currency: request.currency, description, staffId: deps.staff.id, staffName: deps.staff.name, at: now() });
        if (!quote) {
          const open = await deps.desk.currentQuote(shop, id);
          return refuse(409, `Not done: a quote of ${open ? formatMoneyIn(open.amountMinor, open.currency, deps.locale) : "this request"} is already ${open?.status === "accepted" ? "accepted" : "waiting for the shopper"}${open?.staffName ? ` (quoted by ${open.staffName})` : ""}.`);
        }
        const formatted = formatMoneyIn(amountMinor, request.currency, deps.locale);
        await deps.desk.record(shop, { requestId: id, type: "quoted", ...actorOf(deps.staff), message: `Quote for ${description}: ${formatted}, shown on the shopper's status page to accept or decline.`, amountMinor, currency: request.currency, data: { quoteId: quote.id, description }, at: now() });
        return ok(`Quote of ${formatted} recorded: the shopper sees it on their status page (no email is sent).`);
      } finally {
        await deps.desk.release(shop, `quote:${id}`, token);
      }
    },

    /**
     * Withdraws a repair quote the shopper has not answered: their status page stops offering
     * it and the timeline says so. An accepted quote stays: the shopper agreed to it, and once
     * Shopify holds its draft order the invoice is theirs to pay.
     */
    async withdrawQuote(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      const quote = await deps.desk.currentQuote(shop, id);
      const refusal = (q: typeof quote): ActionResult => {
        if (q?.status === "accepted") {
          return q.draftOrderId
            ? refuse(409, `The shopper accepted this quote and Shopify holds its draft order ${q.draftOrderId.split("/").pop()} with the invoice they pay, so it cannot be withdrawn. If the work will not be done, delete the draft order in Shopify admin and write to the shopper.`)
            : refuse(409, "The shopper accepted this quote and its Shopify invoice is being prepared, so it cannot be withdrawn. Refresh in a moment.");
        }
        if (q?.status === "declined") return refuse(409, "The shopper already declined this quote: there is nothing to withdraw.");
        if (q?.status === "withdrawn") return refuse(409, "This quote was already withdrawn.");
        return refuse(422, "There is no quote waiting for the shopper on this request.");
      };
      if (!quote || quote.status !== "awaiting") return refusal(quote);
      if (!(await deps.desk.withdrawQuote(shop, quote.id, now()))) return refusal(await deps.desk.currentQuote(shop, id));
      const formatted = formatMoneyIn(quote.amountMinor, quote.currency, deps.locale);
      await deps.desk.record(shop, { requestId: request.id, type: "quote_withdrawn", ...actorOf(deps.staff), message: `Quote withdrawn: ${quote.description}, ${formatted}.`, amountMinor: quote.amountMinor, currency: quote.currency, data: { quoteId: quote.id }, at: now() });
      return ok(`Quote of ${formatted} withdrawn: the shopper no longer sees it.`);
    },

    quotePaid,
  };
}
