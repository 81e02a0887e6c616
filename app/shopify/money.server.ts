import { formatMoney, money, parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import { variantPricesIn } from "./shopper.server";
import type { ReturnProcessInput } from "../types/admin.types";

/**
 * Money out of Shopify: refunds (to the original payment or as store credit on the same refund,
 * so the order's books show it) and goodwill store credit. Amounts are integer minor units of the
 * order's currency, exactly what the engine computed. These functions send once per call; the
 * never-twice discipline (operation records, keys, the reconciler) lives in app/jobs/operations.
 */

export const REFUND_CREATE = `#graphql
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`;

export const RETURN_PROCESS = `#graphql
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { id status refunds(first: 10) { nodes { id } } }
      userErrors { field message code }
    }
  }
`;

export const STORE_CREDIT_CREDIT = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id amount { amount currencyCode } account { id } }
      userErrors { field message code }
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

/** A customer's store-credit accounts (one per currency), each with its newest transactions first. */
export const STORE_CREDIT_TRANSACTIONS = `#graphql
  query StoreCreditTransactions($customerId: ID!, $first: Int!) {
    customer(id: $customerId) {
      id
      storeCreditAccounts(first: 5) {
        nodes {
          id
          balance { amount currencyCode }
          transactions(first: $first, reverse: true) {
            nodes { createdAt event amount { amount currencyCode } ... on StoreCreditAccountCreditTransaction { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }
  }
`;

/** The next (older) page of one account's transactions, newest first, after a cursor. */
export const STORE_CREDIT_ACCOUNT_TRANSACTIONS = `#graphql
  query StoreCreditAccountTransactions($id: ID!, $first: Int!, $after: String) {
    storeCreditAccount(id: $id) {
      id
      transactions(first: $first, after: $after, reverse: true) {
        nodes { createdAt event amount { amount currencyCode } ... on StoreCreditAccountCreditTransaction { id } }
        pageInfo { hasNextPage endCursor }
      }
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
function overRefunds(plan: { postageMinor?: number; bonusMinor?: number }): boolean {
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

export type StoreCreditGrant = { customerId: string; amountMinor: number; currency: string; expiresAt: string | null; notify: boolean };

/**
 * storeCreditAccountCredit, for goodwill credit not tied to returned items. No idempotency
 * support: `verify` must look at the account's transactions before anything is resent.
 */
export async function creditStoreCredit(admin: Admin, grant: StoreCreditGrant, verify: () => Promise<unknown>): Promise<{ transactionId: string; accountId: string }> {
  const data = await send(
    admin,
    STORE_CREDIT_CREDIT,
    {
      id: grant.customerId,
      creditInput: { creditAmount: { amount: decimalOf(grant.amountMinor, grant.currency), currencyCode: grant.currency as never }, expiresAt: grant.expiresAt, notify: grant.notify },
    },
    { verify },
  );
  assertNoUserErrors("storeCreditAccountCredit", data.storeCreditAccountCredit);
  const tx = data.storeCreditAccountCredit!.storeCreditAccountTransaction!;
  return { transactionId: tx.id, accountId: tx.account.id };
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

export type StoreCreditTransaction = { id: string | null; accountId: string; event: string; amountMinor: number; currency: string; createdAt: string };

type TransactionNode = { createdAt: string; event: string; amount: { amount: string; currencyCode: string }; id?: string };

function transactionOf(accountId: string, t: TransactionNode): StoreCreditTransaction {
  return {
    // Only a credit transaction has an id of its own (the selection asks it of credits alone).
    id: "id" in t && typeof t.id === "string" ? t.id : null,
    accountId,
    event: t.event,
    amountMinor: parseMinorUnits(t.amount.amount, t.amount.currencyCode),
    currency: t.amount.currencyCode,
    createdAt: t.createdAt,
  };
}

export type CreditHistoryLimits = { pageSize: number; maxPages: number };

/**
 * One currency's store-credit history since a moment, newest first, read page by page (cursor
 * pagination) until `stop` matches a transaction, a transaction older than `since` is reached, or
 * the history ends. `complete` is false when `maxPages` pages were read without getting there:
 * the caller then cannot say what the older part holds.
 */
export type CreditHistory = { transactions: StoreCreditTransaction[]; match: StoreCreditTransaction | null; complete: boolean; pages: number };

export async function storeCreditHistorySince(
  admin: Admin,
  customerId: string,
  currency: string,
  since: Date,
  limits: CreditHistoryLimits,
  stop: (t: StoreCreditTransaction) => boolean = () => false,
): Promise<CreditHistory> {
  const data = await send(admin, STORE_CREDIT_TRANSACTIONS, { customerId, first: limits.pageSize });
  if (!data.customer) throw new ShopifyNotFoundError("StoreCreditTransactions", customerId);
  const account = data.customer.storeCreditAccounts.nodes.find((a) => a.balance.currencyCode === currency);
  const transactions: StoreCreditTransaction[] = [];
  if (!account) return { transactions, match: null, complete: true, pages: 1 };
  let page: { nodes: TransactionNode[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } = account.transactions;
  for (let pages = 1; ; pages++) {
    for (const node of page.nodes) {
      const t = transactionOf(account.id, node);
      if (Date.parse(t.createdAt) < since.getTime()) return { transactions, match: null, complete: true, pages };
      transactions.push(t);
      if (stop(t)) return { transactions, match: t, complete: true, pages };
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { transactions, match: null, complete: true, pages };
    if (pages >= limits.maxPages) return { transactions, match: null, complete: false, pages };
    const next = await send(admin, STORE_CREDIT_ACCOUNT_TRANSACTIONS, { id: account.id, first: limits.pageSize, after: page.pageInfo.endCursor });
    if (!next.storeCreditAccount) throw new ShopifyNotFoundError("StoreCreditAccountTransactions", account.id);
    page = next.storeCreditAccount.transactions;
  }
}

/** The order's successful sale or capture: what a refund to the original payment goes back through. */
async function paymentTransaction(admin: Admin, orderId: string): Promise<{ id: string; gateway: string }> {
  const data = await send(admin, ORDER_REFUNDS, { id: orderId });
  const parent = data.order?.transactions.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
  if (!parent) throw new ShopifyNotFoundError("OrderRefunds", `${orderId} payment transaction`);
  return { id: parent.id, gateway: parent.gateway ?? "manual" };
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
