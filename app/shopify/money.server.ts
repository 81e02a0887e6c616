import { assertNoUserErrors, send, type Admin } from "./client.server";
import { decimalOf } from "./money-refunds.server";

/**
 * Money out of Shopify: refunds (to the original payment or as store credit on the same refund,
 * so the order's books show it) and goodwill store credit. Amounts are integer minor units of the
 * order's currency, exactly what the engine computed. These functions send once per call; the
 * never-twice discipline (operation records, keys, the reconciler) lives in app/jobs/money.server.ts.
 *
 * One module per Shopify object, re-exported here: refunds (money-refunds), a return's processing
 * (money-return-process), invoices and exchange figures (money-invoices), store-credit history
 * (money-store-credit-history). Goodwill store credit stays here, its one definition.
 */

export {
  ORDER_REFUNDS,
  REFUND_CREATE,
  SUGGESTED_REFUND,
  createRefund,
  decimalOf,
  fetchOrderRefunds,
  fetchSuggestedRefund,
  type OrderRefund,
  type RefundPlan,
  type RefundResult,
  type SuggestedRefundLines,
} from "./money-refunds.server";
export {
  RETURN_FINANCIAL_OUTCOME,
  RETURN_PROCESS,
  RETURN_RESTOCK_LINES,
  fetchExchangeOutcome,
  processReturn,
  restockDispositions,
  type Disposition,
  type ExchangeOutcome,
  type ProcessPlan,
} from "./money-return-process.server";
export {
  EXCHANGE_FIGURES,
  ORDER_BALANCE,
  ORDER_INVOICE_SEND,
  fetchExchangeFigures,
  fetchOrderBalance,
  sendOrderInvoice,
  type ExchangeFigures,
  type InvoicePlan,
  type OrderBalance,
} from "./money-invoices.server";
export {
  STORE_CREDIT_ACCOUNT_TRANSACTIONS,
  STORE_CREDIT_TRANSACTIONS,
  storeCreditHistorySince,
  type CreditHistory,
  type CreditHistoryLimits,
  type StoreCreditTransaction,
} from "./money-store-credit-history.server";

export const STORE_CREDIT_CREDIT = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id amount { amount currencyCode } account { id } }
      userErrors { field message code }
    }
  }
`;

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
