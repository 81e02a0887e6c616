import { DateTime } from "luxon";

import type { Decision } from "../../domain";
import { formatMoneyIn, parseMinorUnits } from "../../domain/money";
import { restocksOnProcess } from "../../domain/vocabulary";
import { operationKey } from "../../jobs/money.server";
import type { OperationIntent } from "../../repositories/operations.server";
import { engineDecisionOf, type RequestRecord } from "../../repositories/requests.server";
import { fetchExchangeOutcome, fetchSuggestedRefund, type ProcessPlan, type RefundPlan } from "../../shopify/money.server";
import { fetchReturn, type ReturnState } from "../../shopify/returns.server";
import { resolveSchema, type ResolveInput } from "../schemas";
import type { Resolution } from "../machine";
import { addLocalDays, expiresAtOf, expiryDate, refuse, type ActionResult, type DeskCore } from "./core.server";

/** The store-credit bonus the engine added to the request's refund, in minor units (0 when none). */
function bonusOf(request: RequestRecord): number {
  const refund = (engineDecisionOf(request.decision) as Decision | null)?.refund;
  return refund?.bonus && refund.method === "store_credit" ? parseMinorUnits(refund.bonus, refund.currency) : 0;
}

/** Whether Shopify's return carries restocking or return-label fees (put there when it was made). */
function returnCarriesFees(state: ReturnState): boolean {
  return state.returnShippingFeeMinor > 0 || state.lines.some((l) => l.restockingFeeMinor > 0);
}

/** The engine's refund for the request, in minor units of the currency the shopper paid in. */
export function engineRefund(request: RequestRecord): { amountMinor: number; itemsMinor: number; shippingMinor: number; feesMinor: number; currency: string; method: string; storeCreditExpiresOn: string | null } | null {
  const decision = engineDecisionOf(request.decision) as Decision | null;
  const refund = decision?.refund;
  if (!refund) return null;
  return {
    amountMinor: parseMinorUnits(refund.total, refund.currency),
    itemsMinor: parseMinorUnits(refund.items ?? refund.total, refund.currency),
    // The delivery the policy refunds (already capped by the engine at what is left to refund).
    shippingMinor: refund.shipping ? parseMinorUnits(refund.shipping, refund.currency) : 0,
    // What the policy keeps (restocking, return label): Shopify's return carries them (decision 022).
    feesMinor: refund.fees ? parseMinorUnits(refund.fees.restocking, refund.currency) + parseMinorUnits(refund.fees.returnShipping, refund.currency) : 0,
    currency: refund.currency,
    method: refund.method,
    storeCreditExpiresOn: refund.storeCreditExpiresOn ?? null,
  };
}

export type MoneyPreview = {
  method: Resolution;
  amountMinor: number;
  currency: string;
  formatted: string;
  to: string;
  how: string;
  expiresOn: string | null;
  /** What the policy makes the store credit's expiry (its period from its starting point); `expiresOn` differs only as a recorded override. */
  policyExpiresOn: string | null;
  /** The engine's figure for the items alone (without shipping): what Shopify's suggestion is compared with. */
  itemsMinor: number;
  itemsFormatted: string;
  /** Shopify's own suggested refund for the same units (Order.suggestedRefund, without shipping), when it gives one. */
  shopifyMinor: number | null;
  shopifyFormatted: string | null;
  /** The shopper's postage the policy repays, included in the amount (app/parcels). */
  postageMinor?: number;
  postageFormatted?: string | null;
  warning: string | null;
};

/**
 * Settle money, before anything moves: what a refund or store credit would send (the engine's
 * figure beside Shopify's suggestion, the policy's credit expiry), and the durable operation's
 * intent it is sent under.
 */
export function moneyPreviews(core: DeskCore) {
  const { deps, now, load, shopifyNotifies } = core;

  /**
   * The store credit's expiry as the policy sets it (issue 22 item 21): the refund rule's period
   * (`storeCreditExpiryDays` of the request's case, e.g. the Gulf boutique's "valid for 90 days
   * from the date of the return") counted from its starting point, the decision's local date — the
   * day the return was asked for (policy schema: "days after the decision's local date") — never
   * from the day the desk sends it. Without the live policy's days, the decision's own date.
   */
  function policyCreditExpiry(request: RequestRecord): string | null {
    const decision = engineDecisionOf(request.decision) as Decision | null;
    const moneyCase = decision?.lines?.find((l) => l.eligible && (l.resolutions.includes("store_credit") || l.resolutions.includes("refund")))?.case ?? (request.kind === "warranty" ? "warranty" : undefined);
    const days = moneyCase && deps.storeCreditExpiryDays && moneyCase in deps.storeCreditExpiryDays ? (deps.storeCreditExpiryDays[moneyCase] ?? null) : undefined;
    if (days === undefined) return decision?.refund?.storeCreditExpiresOn ?? null;
    if (days === null) return null;
    const from = decision?.decidedOn ?? DateTime.fromJSDate(request.createdAt).setZone(deps.timezone).toISODate();
    return from ? addLocalDays(from, days) : null;
  }

  async function previewOf(request: RequestRecord, method: Resolution, expiresInDays: number | null): Promise<MoneyPreview | ActionResult> {
    const decided = engineRefund(request);
    if (!decided) return refuse(422, "The engine has no refund figure for this request, so no money can be moved from the desk.");
    if (decided.currency !== request.currency) return refuse(422, `The engine's figure is in ${decided.currency} but the shopper paid in ${request.currency}: nothing can be moved.`);
    const postageMinor = deps.parcel ? await deps.parcel.postageMinor(request) : 0;
    const figure = { ...decided, amountMinor: decided.amountMinor + postageMinor };
    if (figure.amountMinor <= 0) return refuse(422, "The engine's figure is zero: there is nothing to refund.");
    if (method === "store_credit" && !request.customerId) return refuse(422, "Store credit needs a customer account: this order has none.");
    const text = (minor: number) => formatMoneyIn(minor, figure.currency, deps.locale);
    const warnings: string[] = [];
    // Shopify's suggested refund for the same units: a difference above one minor unit per line
    // is shown (the money job holds such a refund for review anyway).
    let shopifyMinor: number | null = null;
    const suggested = await fetchSuggestedRefund(deps.admin, request.orderId, request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity }))).catch(() => null);
    if (!suggested) warnings.push("Shopify did not give its suggested refund for these items just now; check the order in Shopify admin before sending.");
    else if (suggested.currency !== figure.currency) warnings.push(`Shopify's suggestion is in ${suggested.currency} but the shopper paid in ${figure.currency}.`);
    else {
      shopifyMinor = suggested.lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
      if (Math.abs(shopifyMinor - figure.itemsMinor) > request.lines.length) {
        warnings.push(`Shopify suggests ${text(shopifyMinor)} for these items; the policy gives ${text(figure.itemsMinor)}. Check which is right before sending.`);
      }
    }
    if (request.shopifyReturnId) {
      // Anything already refunded on the return means money moved outside the desk.
      const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
      const refunded = state ? state.refunds.reduce((sum, r) => sum + parseMinorUnits(r.amount, r.currency), 0) : 0;
      if (refunded > 0) warnings.push(`Shopify already shows ${text(refunded)} refunded on this return. Check before sending more.`);
      const carried = state ? state.returnShippingFeeMinor + state.lines.reduce((sum, l) => sum + l.restockingFeeMinor, 0) : 0;
      if (state && carried > 0) {
        // The return carries the policy's fees: Shopify's figure is its own outcome for these units
        // after them, compared with the engine's items less its fees (what the money job checks).
        warnings.splice(0, warnings.length, ...warnings.filter((w) => !w.startsWith("Shopify suggests")));
        const unprocessed = state.lines.filter((l) => l.quantity > l.processedQuantity).map((l) => ({ returnLineItemId: l.id, quantity: l.quantity - l.processedQuantity }));
        const outcome = await fetchExchangeOutcome(deps.admin, state.id, unprocessed, []).catch(() => null);
        shopifyMinor = outcome && outcome.currency === figure.currency ? (outcome.settlement === "invoice" ? -outcome.amountMinor : outcome.amountMinor) : null;
        if (shopifyMinor === null) warnings.push("Shopify did not give its figure for this return after its fees just now; check the order in Shopify admin before sending.");
        else if (Math.abs(shopifyMinor - (figure.itemsMinor - figure.feesMinor)) > request.lines.length) {
          warnings.push(`Shopify's return gives ${text(shopifyMinor)} for these items after the fees it carries (${text(carried)}); the policy gives ${text(figure.itemsMinor - figure.feesMinor)} after its fees (${text(figure.feesMinor)}). Check which is right before sending.`);
        }
      }
    }
    const formatted = text(figure.amountMinor);
    // The policy's expiry (its period from its starting point), unless the merchant overrides it.
    const policyExpiresOn = method === "store_credit" ? policyCreditExpiry(request) : null;
    const expiresOn = method !== "store_credit" ? null : expiresInDays === null ? policyExpiresOn : expiryDate(deps.timezone, now(), expiresInDays);
    if (method === "store_credit" && expiresOn !== policyExpiresOn) warnings.push(`The policy's store credit ${policyExpiresOn ? `expires on ${policyExpiresOn}` : "never expires"}; this credit ${expiresOn ? `expires on ${expiresOn}` : "never expires"} instead, recorded as an override with your note.`);
    const to = request.customerName ?? request.customerEmail ?? "the shopper";
    const how = method === "refund" ? "Refund to the original payment" : `Store credit${expiresOn ? ` expiring ${expiresOn}` : " (no expiry)"}`;
    const warning = warnings.length ? warnings.join(" ") : null;
    return {
      method,
      amountMinor: figure.amountMinor,
      currency: figure.currency,
      formatted,
      to,
      how,
      expiresOn,
      policyExpiresOn,
      itemsMinor: figure.itemsMinor,
      itemsFormatted: text(figure.itemsMinor),
      shopifyMinor,
      shopifyFormatted: shopifyMinor === null ? null : text(shopifyMinor),
      ...(postageMinor > 0 ? { postageMinor, postageFormatted: text(postageMinor) } : {}),
      warning,
    };
  }

  async function intentOf(shop: string, request: RequestRecord, method: Resolution, step: string, preview: MoneyPreview): Promise<OperationIntent> {
    const key = operationKey(request.id, step);
    const toPaymentMinor = method === "refund" ? preview.amountMinor : 0;
    const storeCreditMinor = method === "store_credit" ? preview.amountMinor : 0;
    const storeCreditExpiresAt = method === "store_credit" ? expiresAtOf(deps.timezone, preview.expiresOn) : null;
    // The decided delivery goes on the refund's shipping (Shopify then records delivery refunded,
    // so a later return does not refund it again), and the items are compared with Shopify's
    // figure for the items alone (issue 22 item 3).
    const figure = engineRefund(request);
    const shippingMinor = Math.min(figure?.shippingMinor ?? 0, preview.amountMinor);
    const itemsMinor = preview.itemsMinor;
    // The policy's bonus for choosing store credit, part of the credit (beyond what the items cost).
    const bonusMinor = method === "store_credit" ? Math.min(bonusOf(request), preview.amountMinor) : 0;
    if (request.shopifyReturnId) {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId);
      const input: ProcessPlan = {
        returnId: state.id,
        orderId: request.orderId,
        currency: preview.currency,
        note: `Aftercare ${key}`,
        lines: state.lines.map((l) => ({ returnLineItemId: l.id, quantity: l.quantity })),
        restock: restocksOnProcess(deps.restockOnProcess, request.lines.map((l) => l.reason)),
        toPaymentMinor,
        storeCreditMinor,
        storeCreditExpiresAt,
        shippingMinor,
        itemsMinor,
        ...(preview.postageMinor ? { postageMinor: preview.postageMinor } : {}),
        ...(bonusMinor ? { bonusMinor } : {}),
        ...(returnCarriesFees(state) ? { feesMinor: figure?.feesMinor ?? 0 } : {}),
        notify: await shopifyNotifies(method === "store_credit" ? "credited" : "refunded"),
      };
      return { requestId: request.id, step, idempotencyKey: key, kind: "return_process", amountMinor: preview.amountMinor, currency: preview.currency, input, shopifyOrderId: request.orderId, shopifyTargetId: state.id };
    }
    // Store credit that pays back items is a refund (App Store requirement 1.1.15, decision 022):
    // refundCreate with a store-credit refund method and its expiry, so the order records it;
    // storeCreditAccountCredit is kept for goodwill that refunds nothing.
    const plan: RefundPlan = {
      orderId: request.orderId,
      currency: preview.currency,
      note: `Aftercare ${key}`,
      lines: request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restock: false })),
      toPaymentMinor,
      storeCreditMinor,
      storeCreditExpiresAt,
      shippingMinor,
      itemsMinor,
      ...(preview.postageMinor ? { postageMinor: preview.postageMinor } : {}),
      ...(bonusMinor ? { bonusMinor } : {}),
      notify: await shopifyNotifies(method === "store_credit" ? "credited" : "refunded"),
    };
    void shop;
    return { requestId: request.id, step, idempotencyKey: key, kind: "refund", amountMinor: preview.amountMinor, currency: preview.currency, input: plan, shopifyOrderId: request.orderId, shopifyTargetId: null };
  }

  return {
    /** What a money resolution would move, before the merchant confirms it. */
    async preview(shop: string, id: string, input: ResolveInput): Promise<MoneyPreview | ActionResult> {
      const { method, expiresInDays } = resolveSchema.parse(input);
      const request = await load(shop, id);
      return previewOf(request, method, expiresInDays);
    },

    previewOf,
    intentOf,
  };
}
