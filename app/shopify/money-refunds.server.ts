import { formatMoney, money, parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";

/** Refunds on an order (refundCreate), the order's refunds and payment, and Shopify's suggested refund for some units. */

export const REFUND_CREATE = `#graphql
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`;

export const ORDER_REFUNDS = `#graphql
  query OrderRefunds($id: ID!) {
    order(id: $id) {
      id presentmentCurrencyCode
      transactions(first: 5) { id kind status gateway }
      refunds(first: 50) { id note createdAt return { id } totalRefundedSet { presentmentMoney { amount } } }
    }
  }
`;

/**
 * Shopify's own proposal for refunding these units (without shipping), per line, in the order's
 * presentment currency: the figure a refund is checked against before it is sent.
 */
export const SUGGESTED_REFUND = `#graphql
  query SuggestedRefund($id: ID!, $lines: [RefundLineItemInput!]!) {
    order(id: $id) {
      id presentmentCurrencyCode
      suggestedRefund(refundLineItems: $lines, refundShipping: false) {
        refundLineItems { quantity lineItem { id } subtotalSet { presentmentMoney { amount currencyCode } } }
      }
    }
  }
`;

/** Minor units → the decimal string Shopify's MoneyInput takes ("12.50", "1250" for JPY). */
export function decimalOf(minor: number, currency: string): string {
  return formatMoney(money(minor, currency));
}

export type RefundPlan = {
  orderId: string;
  /** The order's presentment currency (Shopify requires refunds in it). */
  currency: string;
  note: string;
  lines: { lineItemId: string; quantity: number; restock: boolean }[];
  /** To the original payment, against the order's sale or capture (found by the gateway). */
  toPaymentMinor: number;
  /** As store credit on the same refund. */
  storeCreditMinor: number;
  storeCreditExpiresAt: string | null;
  /** The part of the money above that refunds shipping (Shopify records it on the refund's shipping line). */
  shippingMinor: number;
  /**
   * The engine's figure for the items alone: what Shopify's suggested refund for the same units is
   * compared with before the send. The money above may also carry delivery (`shippingMinor`), a
   * store-credit bonus or, less, the policy's fees. Absent on rows recorded before it was kept:
   * the money less its shipping.
   */
  itemsMinor?: number;
  /**
   * The shopper's return postage the policy repays, part of the money above (app/parcels). It is
   * money beyond what the order was paid for, so the refund allows over-refunding
   * (docs/decisions/015); absent or 0 on every other refund, which Shopify keeps within the payment.
   */
  postageMinor?: number;
  /**
   * The policy's bonus for choosing store credit, part of the store credit above: value beyond
   * what the items cost, so the refund allows over-refunding like postage (decision 022).
   */
  bonusMinor?: number;
  notify: boolean;
};

export type RefundResult = { refundId: string; totalMinor: number };

/**
 * Only a refund carrying money beyond what the items were paid (the shopper's postage, the
 * store-credit bonus) may pass what the order was paid; every other refund stays bound by it.
 */
export function overRefunds(plan: { postageMinor?: number; bonusMinor?: number }): boolean {
  return (plan.postageMinor ?? 0) > 0 || (plan.bonusMinor ?? 0) > 0;
}

/**
 * refundCreate with `@idempotent(key:)`: Shopify answers a repeated key with the first call's
 * refund, so this call is safe to resend with the same key and the same input.
 */
export async function createRefund(admin: Admin, idempotencyKey: string, plan: RefundPlan): Promise<RefundResult> {
  const parent = plan.toPaymentMinor > 0 ? await paymentTransaction(admin, plan.orderId) : null;
  const data = await send(admin, REFUND_CREATE, {
    idempotencyKey,
    input: {
      orderId: plan.orderId,
      currency: plan.currency as never,
      note: plan.note,
      notify: plan.notify,
      ...(overRefunds(plan) ? { allowOverRefunding: true } : {}),
      refundLineItems: plan.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restockType: l.restock ? ("RETURN" as const) : ("NO_RESTOCK" as const) })),
      // In `currency`, the order's presentment currency, like every amount of this input.
      shipping: plan.shippingMinor > 0 ? { amount: decimalOf(plan.shippingMinor, plan.currency) } : null,
      transactions: parent
        ? [{ orderId: plan.orderId, parentId: parent.id, gateway: parent.gateway, kind: "REFUND", amount: decimalOf(plan.toPaymentMinor, plan.currency) }]
        : [],
      refundMethods:
        plan.storeCreditMinor > 0
          ? [{ storeCreditRefund: { amount: { amount: decimalOf(plan.storeCreditMinor, plan.currency), currencyCode: plan.currency as never }, expiresAt: plan.storeCreditExpiresAt } }]
          : [],
    },
  });
  assertNoUserErrors("refundCreate", data.refundCreate);
  const refund = data.refundCreate!.refund!;
  return { refundId: refund.id, totalMinor: parseMinorUnits(refund.totalRefundedSet.presentmentMoney.amount, plan.currency) };
}

export type OrderRefund = { id: string; note: string | null; returnId: string | null; totalMinor: number; createdAt: string | null };

export async function fetchOrderRefunds(admin: Admin, orderId: string): Promise<OrderRefund[]> {
  const data = await send(admin, ORDER_REFUNDS, { id: orderId });
  if (!data.order) throw new ShopifyNotFoundError("OrderRefunds", orderId);
  const currency = data.order.presentmentCurrencyCode;
  return data.order.refunds.map((r) => ({ id: r.id, note: r.note ?? null, returnId: r.return?.id ?? null, totalMinor: parseMinorUnits(r.totalRefundedSet.presentmentMoney.amount, currency), createdAt: r.createdAt ?? null }));
}

export type SuggestedRefundLines = { currency: string; lines: { lineItemId: string; quantity: number; subtotalMinor: number }[] };

/** Shopify's suggested refund for the given units, per line, without shipping. */
export async function fetchSuggestedRefund(admin: Admin, orderId: string, lines: { lineItemId: string; quantity: number }[]): Promise<SuggestedRefundLines> {
  const data = await send(admin, SUGGESTED_REFUND, { id: orderId, lines: lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })) });
  if (!data.order) throw new ShopifyNotFoundError("SuggestedRefund", orderId);
  const currency = data.order.presentmentCurrencyCode;
  return {
    currency,
    lines: (data.order.suggestedRefund?.refundLineItems ?? []).map((l) => ({
      lineItemId: l.lineItem.id,
      quantity: l.quantity,
      subtotalMinor: parseMinorUnits(l.subtotalSet.presentmentMoney.amount, l.subtotalSet.presentmentMoney.currencyCode),
    })),
  };
}

/** The order's successful sale or capture: what a refund to the original payment goes back through. */
export async function paymentTransaction(admin: Admin, orderId: string): Promise<{ id: string; gateway: string }> {
  const data = await send(admin, ORDER_REFUNDS, { id: orderId });
  const parent = data.order?.transactions.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
  if (!parent) throw new ShopifyNotFoundError("OrderRefunds", `${orderId} payment transaction`);
  return { id: parent.id, gateway: parent.gateway ?? "manual" };
}
