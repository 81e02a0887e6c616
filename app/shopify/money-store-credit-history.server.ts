import { parseMinorUnits } from "../domain/money";
import { send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";

/** A customer's store-credit history, newest first, page by page: where a credit's lookup after an unknown outcome reads. */

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
