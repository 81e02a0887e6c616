import { parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import { variantPricesIn } from "./shopper.server";

/** Money the shopper owes on an order: its outstanding balance, its invoice (orderInvoiceSend), and an exchange's figures before its return exists. */

/** What the customer still owes on an order (Order.totalOutstandingSet) and where its invoice goes. */
export const ORDER_BALANCE = `#graphql
  query OrderBalance($id: ID!) {
    order(id: $id) {
      id email presentmentCurrencyCode
      totalOutstandingSet { presentmentMoney { amount currencyCode } }
    }
  }
`;

/** Emails the customer Shopify's invoice for the order, with a payment link for its outstanding amount. */
export const ORDER_INVOICE_SEND = `#graphql
  mutation OrderInvoiceSend($id: ID!, $email: EmailInput) {
    orderInvoiceSend(id: $id, email: $email) {
      order { id }
      userErrors { field message code }
    }
  }
`;

export type OrderBalance = { orderId: string; currency: string; outstandingMinor: number; email: string | null };

export async function fetchOrderBalance(admin: Admin, orderId: string): Promise<OrderBalance> {
  const data = await send(admin, ORDER_BALANCE, { id: orderId });
  if (!data.order) throw new ShopifyNotFoundError("OrderBalance", orderId);
  const money = data.order.totalOutstandingSet.presentmentMoney;
  return { orderId: data.order.id, currency: money.currencyCode, outstandingMinor: parseMinorUnits(money.amount, money.currencyCode), email: data.order.email ?? null };
}

/** An invoice for what an order has outstanding: the amount the app expects it to be, recorded before the send. */
export type InvoicePlan = { orderId: string; currency: string; amountMinor: number; customMessage: string | null };

/**
 * orderInvoiceSend, to the order's own email. No idempotency support and nothing to read back
 * (Shopify does not show sent invoices on the order), so it is never resent after an ambiguous
 * failure: the client throws ShopifyOutcomeUnknownError and the operation goes to a person.
 */
export async function sendOrderInvoice(admin: Admin, plan: InvoicePlan): Promise<string> {
  const data = await send(admin, ORDER_INVOICE_SEND, { id: plan.orderId, email: plan.customMessage ? { customMessage: plan.customMessage } : null });
  assertNoUserErrors("orderInvoiceSend", data.orderInvoiceSend);
  return data.orderInvoiceSend!.order?.id ?? plan.orderId;
}

/**
 * Shopify's figures for an exchange before its exchange return exists: what was paid for the
 * returned units (Order.suggestedRefund, without shipping) and the order's email (where its
 * invoice goes) and market (its shipping, else billing, country); the new variants' prices are
 * then read for that market (shopper.server's contextual prices), in the shopper's currency.
 */
export const EXCHANGE_FIGURES = `#graphql
  query ExchangeFigures($orderId: ID!, $lines: [RefundLineItemInput!]!) {
    order(id: $orderId) {
      id email presentmentCurrencyCode
      shippingAddress { countryCodeV2 }
      billingAddress { countryCodeV2 }
      suggestedRefund(refundLineItems: $lines, refundShipping: false) { subtotalSet { presentmentMoney { amount currencyCode } } }
    }
  }
`;

export type ExchangeFigures = {
  email: string | null;
  /** The order's presentment currency (the shopper's). */
  currency: string;
  /** What the returned units were paid, in `currency`. */
  returnedMinor: number;
  /**
   * The new variants' price today for the quantities asked, in `currency` (their contextual
   * price in the order's market); null when a variant is gone or its market price is in another
   * currency than the shopper paid in.
   */
  newMinor: number | null;
};

export async function fetchExchangeFigures(admin: Admin, orderId: string, returned: { lineItemId: string; quantity: number }[], wanted: { variantId: string; quantity: number }[]): Promise<ExchangeFigures> {
  const data = await send(admin, EXCHANGE_FIGURES, { orderId, lines: returned.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })) });
  if (!data.order) throw new ShopifyNotFoundError("ExchangeFigures", orderId);
  const currency = data.order.presentmentCurrencyCode;
  const subtotal = data.order.suggestedRefund?.subtotalSet.presentmentMoney;
  const country = data.order.shippingAddress?.countryCodeV2 ?? data.order.billingAddress?.countryCodeV2 ?? null;
  const prices = await variantPricesIn(admin, [...new Set(wanted.map((w) => w.variantId))], country, currency);
  const newMinor = wanted.every((w) => typeof prices.get(w.variantId) === "string") ? wanted.reduce((sum, w) => sum + parseMinorUnits(prices.get(w.variantId) as string, currency) * w.quantity, 0) : null;
  return { email: data.order.email ?? null, currency, returnedMinor: subtotal ? parseMinorUnits(subtotal.amount, subtotal.currencyCode) : 0, newMinor };
}
