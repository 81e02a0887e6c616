import { parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import { decimalOf, overRefunds, paymentTransaction } from "./money-refunds.server";
import type { ReturnProcessInput } from "../types/admin.types";

/** A return's processing (returnProcess) with its refund and restocking, and Shopify's financial outcome for settling return and exchange units. */

export const RETURN_PROCESS = `#graphql
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { id status refunds(first: 10) { nodes { id } } }
      userErrors { field message code }
    }
  }
`;

/**
 * What restocking a processed return needs: the reverse fulfilment order's lines (a disposition
 * names one) by the fulfilment line they send back, and the location each fulfilment shipped from.
 */
export const RETURN_RESTOCK_LINES = `#graphql
  query ReturnRestockLines($id: ID!) {
    return(id: $id) {
      id
      returnLineItems(first: 25) { nodes { id ... on ReturnLineItem { fulfillmentLineItem { id } } } }
      reverseFulfillmentOrders(first: 5) {
        nodes { lineItems(first: 25) { nodes { id totalQuantity fulfillmentLineItem { id } dispositions { quantity } } } }
      }
      order { fulfillments(first: 10) { location { id } fulfillmentLineItems(first: 25) { nodes { id } } } }
    }
  }
`;

export type ProcessPlan = {
  returnId: string;
  orderId: string;
  currency: string;
  note: string;
  lines: { returnLineItemId: string; quantity: number }[];
  /** Exchange items of the return (its exchangeLineItems) handed over in this processing. */
  exchangeLines?: { exchangeLineItemId: string; quantity: number }[];
  toPaymentMinor: number;
  storeCreditMinor: number;
  storeCreditExpiresAt: string | null;
  /** The part of the money above that refunds shipping. */
  shippingMinor: number;
  /** The engine's figure for the items alone (see RefundPlan.itemsMinor). */
  itemsMinor?: number;
  /** The shopper's return postage repaid, part of the money above (see RefundPlan.postageMinor). */
  postageMinor?: number;
  /** The store-credit bonus, part of the store credit above (see RefundPlan.bonusMinor). */
  bonusMinor?: number;
  /**
   * The policy's restocking and return-label fees, when the return itself carries fees (put there
   * when it was made: docs/decisions/022-contract.md). Shopify's own figure for the return deducts the fees it
   * carries; the engine's items less these are compared with it before the send. Absent or 0: the
   * return carries none, and the items alone are compared with Shopify's suggested refund.
   */
  feesMinor?: number;
  notify: boolean;
  /**
   * Put the returned units back in stock at the location they shipped from (the merchant's
   * setting, off unless asked). Absent on operations recorded before restocking existed.
   */
  restock?: boolean;
};

export type Disposition = { reverseFulfillmentOrderLineItemId: string; quantity: number; dispositionType: "RESTOCKED"; locationId: string };

/**
 * A RESTOCKED disposition per return line being processed, on its reverse fulfilment order line,
 * at the location its fulfilment shipped from, for no more units than that line has left to
 * dispose. A line Shopify gives no reverse line or location for is left as it is (not restocked)
 * rather than failing the refund.
 */
export async function restockDispositions(admin: Admin, returnId: string, lines: { returnLineItemId: string; quantity: number }[]): Promise<Map<string, Disposition>> {
  const data = await send(admin, RETURN_RESTOCK_LINES, { id: returnId });
  if (!data.return) throw new ShopifyNotFoundError("ReturnRestockLines", returnId);
  const fulfillmentLineOf = new Map(data.return.returnLineItems.nodes.flatMap((l) => ("fulfillmentLineItem" in l ? [[l.id, l.fulfillmentLineItem.id] as const] : [])));
  const reverseLineOf = new Map(
    data.return.reverseFulfillmentOrders.nodes.flatMap((rfo) =>
      rfo.lineItems.nodes.flatMap((l) => (l.fulfillmentLineItem ? [[l.fulfillmentLineItem.id, { id: l.id, left: l.totalQuantity - l.dispositions.reduce((sum, d) => sum + d.quantity, 0) }] as const] : [])),
    ),
  );
  const locationOf = new Map(data.return.order.fulfillments.flatMap((f) => (f.location ? f.fulfillmentLineItems.nodes.map((fli) => [fli.id, f.location!.id] as const) : [])));
  const dispositions = new Map<string, Disposition>();
  for (const line of lines) {
    const fli = fulfillmentLineOf.get(line.returnLineItemId);
    const reverse = fli ? reverseLineOf.get(fli) : undefined;
    const locationId = fli ? locationOf.get(fli) : undefined;
    const quantity = Math.min(line.quantity, reverse?.left ?? 0);
    if (reverse && locationId && quantity > 0) dispositions.set(line.returnLineItemId, { reverseFulfillmentOrderLineItemId: reverse.id, quantity, dispositionType: "RESTOCKED", locationId });
  }
  return dispositions;
}

/**
 * returnProcess: confirms the returned items and refunds them in one call. It has no
 * idempotency support, so the caller passes `verify` (read the return's refunds) and the client
 * never resends it after an ambiguous failure without that look.
 */
export async function processReturn(admin: Admin, plan: ProcessPlan, verify: () => Promise<unknown>): Promise<{ returnId: string; refundIds: string[] }> {
  const parent = plan.toPaymentMinor > 0 ? await paymentTransaction(admin, plan.orderId) : null;
  const money = (minor: number) => ({ amount: decimalOf(minor, plan.currency), currencyCode: plan.currency as never });
  // Restocking is the merchant's setting: dispositions on the reverse fulfilment order's lines.
  const dispositions = plan.restock ? await restockDispositions(admin, plan.returnId, plan.lines) : new Map<string, Disposition>();
  const input: ReturnProcessInput = {
    returnId: plan.returnId,
    note: plan.note,
    notifyCustomer: plan.notify,
    returnLineItems: plan.lines.map((l) => {
      const disposition = dispositions.get(l.returnLineItemId);
      return { id: l.returnLineItemId, quantity: l.quantity, ...(disposition ? { dispositions: [disposition] } : {}) };
    }),
    exchangeLineItems: plan.exchangeLines?.length ? plan.exchangeLines.map((l) => ({ id: l.exchangeLineItemId, quantity: l.quantity })) : null,
    refundShipping: plan.shippingMinor > 0 ? { shippingRefundAmount: money(plan.shippingMinor) } : null,
    financialTransfer:
      plan.toPaymentMinor > 0 || plan.storeCreditMinor > 0
        ? {
            issueRefund: {
              ...(overRefunds(plan) ? { allowOverRefunding: true } : {}),
              orderTransactions: parent ? [{ parentId: parent.id, transactionAmount: money(plan.toPaymentMinor) }] : [],
              refundMethods: plan.storeCreditMinor > 0 ? [{ storeCreditRefund: { amount: money(plan.storeCreditMinor), expiresAt: plan.storeCreditExpiresAt } }] : null,
            },
          }
        : null,
  };
  const data = await send(admin, RETURN_PROCESS, { input }, { verify });
  assertNoUserErrors("returnProcess", data.returnProcess);
  const ret = data.returnProcess!.return!;
  return { returnId: ret.id, refundIds: ret.refunds.nodes.map((r) => r.id) };
}

/**
 * What Shopify makes of settling these return and exchange units (Return.suggestedFinancialOutcome):
 * a refund to the customer or an amount to invoice them, in the order's presentment currency.
 */
export const RETURN_FINANCIAL_OUTCOME = `#graphql
  query ReturnFinancialOutcome($id: ID!, $returnLines: [SuggestedOutcomeReturnLineItemInput!]!, $exchangeLines: [SuggestedOutcomeExchangeLineItemInput!]!) {
    return(id: $id) {
      id
      order { id presentmentCurrencyCode }
      suggestedFinancialOutcome(returnLineItems: $returnLines, exchangeLineItems: $exchangeLines) {
        financialTransfer {
          __typename
          ... on RefundReturnOutcome { amount { presentmentMoney { amount currencyCode } } }
          ... on InvoiceReturnOutcome { amount { presentmentMoney { amount currencyCode } } }
        }
      }
    }
  }
`;

/** Shopify's settlement of an exchange: who pays whom, how much (minor units of `currency`). */
export type ExchangeOutcome = { currency: string; settlement: "refund" | "invoice" | "none"; amountMinor: number };

export async function fetchExchangeOutcome(
  admin: Admin,
  returnId: string,
  lines: { returnLineItemId: string; quantity: number }[],
  exchangeLines: { exchangeLineItemId: string; quantity: number }[],
): Promise<ExchangeOutcome> {
  const data = await send(admin, RETURN_FINANCIAL_OUTCOME, {
    id: returnId,
    returnLines: lines.map((l) => ({ id: l.returnLineItemId, quantity: l.quantity })),
    exchangeLines: exchangeLines.map((l) => ({ id: l.exchangeLineItemId, quantity: l.quantity })),
  });
  if (!data.return) throw new ShopifyNotFoundError("ReturnFinancialOutcome", returnId);
  const currency = data.return.order.presentmentCurrencyCode;
  const transfer = data.return.suggestedFinancialOutcome?.financialTransfer;
  if (!transfer || !("amount" in transfer)) return { currency, settlement: "none", amountMinor: 0 };
  const money = transfer.amount.presentmentMoney;
  return { currency: money.currencyCode, settlement: transfer.__typename === "InvoiceReturnOutcome" ? "invoice" : "refund", amountMinor: parseMinorUnits(money.amount, money.currencyCode) };
}
