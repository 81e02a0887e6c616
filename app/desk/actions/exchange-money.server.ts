import { randomUUID } from "node:crypto";

import { DateTime } from "luxon";

import type { Decision } from "../../domain";
import { formatMoneyIn } from "../../domain/money";
import { execute, operationKey } from "../../jobs/money.server";
import { MoneyCeilingError, OperationKeyConflict, type OperationRecord } from "../../repositories/operations.server";
import { engineDecisionOf, exchangeDifferenceOf, type RequestRecord } from "../../repositories/requests.server";
import { fetchExchangeFigures, fetchOrderBalance, type InvoicePlan } from "../../shopify/money.server";
import { EXCHANGE_CLAIM_MS, addLocalDays, actorOf, chosenWords, ok, refuse, shopifyProblem, type ActionResult, type DeskCore, type Settlement } from "./core.server";

/** What resolving by exchange will do, shown to the merchant before they confirm. */
export type ExchangePreview = {
  method: "exchange";
  /** "1 × Size M". */
  items: string;
  settlement: "none" | "refund" | "store_credit" | "charge";
  /** The difference the shopper was shown, in minor units of the currency they paid in. */
  amountMinor: number;
  currency: string;
  formatted: string;
  /** Who gets the money or the invoice: the shopper's name, and the order's email for an invoice. */
  to: string;
  email: string | null;
  expiresOn: string | null;
  /** The whole outcome in one sentence: "The new item (1 × M) is sent; £20.00 is refunded to the original payment." */
  summary: string;
  /** Shopify's own figure for the same difference (signed: positive the shopper pays), when it can be read. */
  shopifyMinor: number | null;
  shopifyFormatted: string | null;
  warning: string | null;
};

/**
 * An exchange's money: the difference the shopper was shown (refunded, credited or invoiced), its
 * preview beside Shopify's own figure, and the invoice for a difference the shopper owes.
 */
export function exchangeMoney(core: DeskCore) {
  const { deps, now, moneyDeps, load } = core;

  /**
   * The exchange's difference as the shopper was shown and submitted it (the stored preview), in
   * the currency they paid in; a same-value exchange settles "none". Refused when it cannot be
   * settled as shown: another currency, or store credit without a customer account.
   */
  function settlementOf(request: RequestRecord): Settlement | ActionResult {
    const difference = exchangeDifferenceOf(request.decision);
    if (!difference) return { settlement: "none", amountMinor: 0, currency: request.currency, expiresOn: null };
    const { settlement, amount } = difference;
    if (amount.currency !== request.currency) return refuse(422, `The exchange's difference is in ${amount.currency} but the shopper paid in ${request.currency}: it cannot be settled from the desk.`);
    if (settlement === "store_credit" && !request.customerId) return refuse(422, "The difference is owed as store credit, which needs a customer account: this order has none. Refund it instead, or settle it in Shopify admin.");
    let expiresOn: string | null = null;
    if (settlement === "store_credit") {
      const decision = engineDecisionOf(request.decision) as Decision | null;
      const exchanged = decision?.lines?.find((l) => l.eligible && l.resolutions.includes("exchange"));
      const days = exchanged ? (deps.storeCreditExpiryDays?.[exchanged.case] ?? null) : null;
      // Counted from the policy's starting point (the decision's date), not the day it is sent.
      const from = decision?.decidedOn ?? DateTime.fromJSDate(request.createdAt).setZone(deps.timezone).toISODate();
      expiresOn = days !== null && from ? addLocalDays(from, days) : (decision?.refund?.storeCreditExpiresOn ?? null);
    }
    return { settlement, amountMinor: amount.amountMinor, currency: amount.currency, expiresOn };
  }

  /**
   * The invoice for what the shopper owes on an exchange (orderInvoiceSend: Shopify emails the
   * order's invoice with a payment link for its outstanding amount). A durable operation keyed by
   * request and step, so a retry or a second click sends one invoice; a new step only after
   * Shopify refused the previous one (nothing was sent then).
   */
  async function invoiceOnce(shop: string, request: RequestRecord, settlement: Settlement): Promise<ActionResult> {
    const previous = (await deps.operations.forRequest(shop, request.id)).filter((o) => o.kind === "invoice");
    const formatted = formatMoneyIn(settlement.amountMinor, settlement.currency, deps.locale);
    if (previous.some((o) => o.status === "succeeded")) return refuse(409, `Not sent again: the invoice for ${formatted} was already sent to the shopper.`);
    const failed = previous.filter((o) => o.status === "failed").length;
    const step = failed ? `invoice-${failed + 1}` : "invoice";
    const key = operationKey(request.id, step);
    const plan: InvoicePlan = { orderId: request.orderId, currency: settlement.currency, amountMinor: settlement.amountMinor, customMessage: `The difference on your exchange (request ${request.number ?? request.id}): ${formatMoneyIn(settlement.amountMinor, settlement.currency, "en")}.` };
    let operation: OperationRecord;
    try {
      const { operation: begun, created } = await deps.operations.begin(shop, { requestId: request.id, step, idempotencyKey: key, kind: "invoice", amountMinor: settlement.amountMinor, currency: settlement.currency, input: plan, shopifyOrderId: request.orderId, shopifyTargetId: request.orderId });
      // A colleague's click that finished between our read and our begin sent it, not this one.
      if (!created && begun.status === "succeeded") return refuse(409, `Not sent again: the invoice for ${formatted} was already sent to the shopper.`);
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof OperationKeyConflict || error instanceof MoneyCeilingError) return refuse(409, `the invoice was not sent (${error.message}). Refresh the page.`);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Invoice for ${formatted} not confirmed: ${shopifyProblem(error)}`, data: { key }, at: now() });
      return refuse(502, `the invoice for ${formatted} was not confirmed: ${shopifyProblem(error)} It is recorded and will never be sent twice.`);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Invoice for ${formatted} not sent: ${operation.lastError ?? "no reason given"}`, data: { key }, at: now() });
      return refuse(422, `the invoice for ${formatted} was not sent: ${operation.lastError ?? "no reason given"}. Send it again from this page once that is put right.`);
    }
    if (operation.status === "needs_review") return refuse(409, `the invoice for ${formatted} needs a person to check it before it is sent (${operation.lastError ?? "no reason recorded"}). It is listed on the home page.`);
    if (operation.status !== "succeeded") return refuse(409, `the invoice for ${formatted} is being sent right now (another click or a colleague started it). It will be sent once; refresh in a moment.`);
    const to = (await fetchOrderEmail(request)) ?? "the order's email";
    // The timeline (shown on the shopper's status page, kept after a redaction) names no email
    // address: Shopify sends the invoice to the order's own, which Shopify holds.
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "invoiced",
      ...actorOf(deps.staff),
      message: `Invoice for ${formatted} sent to the order's email address: the shopper pays the exchange's difference through Shopify's payment link.`,
      amountMinor: settlement.amountMinor,
      currency: settlement.currency,
      data: { key, shopifyOrderId: request.orderId },
      at: now(),
    });
    return ok(`An invoice for ${formatted} was sent to ${to}.`);
  }

  async function fetchOrderEmail(request: RequestRecord): Promise<string | null> {
    const balance = await fetchOrderBalance(deps.admin, request.orderId).catch(() => null);
    return balance?.email ?? request.customerEmail ?? null;
  }

  return {
    /**
     * What resolving by exchange will do, before the merchant confirms: the items sent, and the
     * difference the shopper was shown — refunded, credited (with its expiry) or invoiced (to the
     * order's email) — beside Shopify's own figure for it, with a warning when they differ.
     */
    async exchangePreview(shop: string, id: string): Promise<ExchangePreview | ActionResult> {
      const request = await load(shop, id);
      const wanted = request.lines.filter((l) => l.exchangeVariantId);
      if (!wanted.length) return refuse(422, "The shopper did not choose anything in exchange on this request.");
      const settlement = settlementOf(request);
      if ("ok" in settlement) return settlement;
      const text = (minor: number) => formatMoneyIn(minor, settlement.currency, deps.locale);
      const items = wanted.map(chosenWords).join(", ");
      const warnings: string[] = [];
      const figures = await fetchExchangeFigures(
        deps.admin,
        request.orderId,
        wanted.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })),
        wanted.map((l) => ({ variantId: l.exchangeVariantId as string, quantity: l.quantity })),
      ).catch(() => null);
      // Signed: positive when the shopper pays.
      const shown = settlement.settlement === "charge" ? settlement.amountMinor : -settlement.amountMinor;
      let shopifyMinor: number | null = null;
      if (!figures) warnings.push("Shopify did not give its prices for these items just now; its figure is checked again before anything moves.");
      else if (figures.currency !== settlement.currency) warnings.push(`Shopify's order is in ${figures.currency} but the difference was shown in ${settlement.currency}.`);
      else if (figures.newMinor === null) warnings.push("Shopify prices the new item in another currency than the shopper paid in; its figure is checked again, in theirs, before anything moves.");
      else {
        shopifyMinor = figures.newMinor - figures.returnedMinor;
        if (Math.abs(shopifyMinor - shown) > wanted.length) {
          const theirs = shopifyMinor > 0 ? `${text(shopifyMinor)} to pay` : shopifyMinor < 0 ? `${text(-shopifyMinor)} back` : "no difference";
          warnings.push(`Shopify's prices give ${theirs}; the shopper was shown ${settlement.settlement === "none" ? "no difference" : settlement.settlement === "charge" ? `${text(settlement.amountMinor)} to pay` : `${text(settlement.amountMinor)} back`}. Check before confirming: Shopify's figure is checked again before anything moves, and a difference holds it for review.`);
        }
      }
      // Shopify sends the invoice to the order's own email: that is the one shown.
      const email = figures ? figures.email : (request.customerEmail ?? null);
      if (settlement.settlement === "charge" && !email) warnings.push("The order has no email address, so Shopify cannot send the invoice: add one to the order in Shopify admin first.");
      const to = request.customerName ?? email ?? "the shopper";
      const formatted = text(settlement.amountMinor);
      const sent = `The new item${wanted.length > 1 || wanted[0].quantity > 1 ? "s" : ""} (${items}) ${wanted.length > 1 || wanted[0].quantity > 1 ? "are" : "is"} sent`;
      const summary =
        settlement.settlement === "refund"
          ? `${sent}; ${formatted} is refunded to ${to}'s original payment.`
          : settlement.settlement === "store_credit"
            ? `${sent}; ${formatted} is credited to ${to} as store credit, ${settlement.expiresOn ? `expiring ${settlement.expiresOn}` : "with no expiry"}.`
            : settlement.settlement === "charge"
              ? `${sent}; an invoice for ${formatted} is sent to ${email ?? "the order's email (none on the order)"} with Shopify's payment link.`
              : `${sent}; no money moves (same value).`;
      return {
        method: "exchange",
        items,
        settlement: settlement.settlement,
        amountMinor: settlement.amountMinor,
        currency: settlement.currency,
        formatted,
        to,
        email,
        expiresOn: settlement.expiresOn,
        summary,
        shopifyMinor,
        shopifyFormatted: shopifyMinor === null ? null : text(Math.abs(shopifyMinor)),
        warning: warnings.length ? warnings.join(" ") : null,
      };
    },

    /**
     * Sends the invoice for an exchange's difference again, after Shopify refused it (the first
     * is sent when the exchange is processed). Once: a sent one is never sent again.
     */
    async invoice(shop: string, id: string): Promise<ActionResult> {
      const request = await load(shop, id);
      const settlement = settlementOf(request);
      if ("ok" in settlement) return settlement;
      if (request.resolution !== "exchange" || settlement.settlement !== "charge") return refuse(422, "Only an exchange the shopper owes a difference on is invoiced, once it is processed.");
      // Two clicks (or colleagues) at once: one holds the claim and reads what was sent, the other
      // is told; reading first and sending second in both would let each report a send.
      const claimKey = `invoice:${request.id}`;
      const token = randomUUID();
      const claim = await deps.desk.claim(shop, claimKey, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
      if (!claim.won) return refuse(409, `Not done by this click: ${claim.holder} is sending this invoice right now. It will be sent once; refresh in a moment.`);
      try {
        const result = await invoiceOnce(shop, request, settlement);
        return result.ok ? result : refuse(result.status, `Not done: ${result.message}`);
      } finally {
        await deps.desk.release(shop, claimKey, token);
      }
    },

    settlementOf,
    invoiceOnce,
  };
}
