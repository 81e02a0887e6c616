import { parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { decimalOf } from "./money.server";

/**
 * A paid repair quote the shopper accepted becomes a Shopify draft order: one custom line at the
 * quoted price in the order's currency, for the shopper's customer account, tagged with the
 * quote's key. draftOrderCreate takes no idempotency key, so the tag is the key: the draft is
 * looked for by it before creating and after an ambiguous failure, and a retry never makes two.
 * The shopper pays through the draft order's invoice URL (Shopify's secure checkout).
 */

export const QUOTE_DRAFT_FIND = `#graphql
  query QuoteDraftFind($query: String!) {
    draftOrders(first: 1, query: $query) {
      nodes { id name invoiceUrl status totalPriceSet { presentmentMoney { amount currencyCode } } }
    }
  }
`;

export const QUOTE_DRAFT_CREATE = `#graphql
  mutation QuoteDraftCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder { id name invoiceUrl status totalPriceSet { presentmentMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`;

export type QuoteDraftPlan = {
  /** The quote's key, stored before the call; becomes the draft order's tag. */
  key: string;
  customerId: string | null;
  email: string | null;
  title: string;
  amountMinor: number;
  currency: string;
  note: string;
};

export type QuoteDraft = { id: string; name: string; invoiceUrl: string | null; status: string; amountMinor: number; currency: string };

export function quoteTag(key: string): string {
  return `aftercare-${key}`;
}

type DraftNode = { id: string; name: string; invoiceUrl?: string | null; status: string; totalPriceSet: { presentmentMoney: { amount: string; currencyCode: string } } };

function toDraft(node: DraftNode): QuoteDraft {
  const { amount, currencyCode } = node.totalPriceSet.presentmentMoney;
  return { id: node.id, name: node.name, invoiceUrl: node.invoiceUrl ?? null, status: node.status, amountMinor: parseMinorUnits(amount, currencyCode), currency: currencyCode };
}

/** The draft order made for a quote's key, if Shopify has one. */
export async function findQuoteDraft(admin: Admin, key: string): Promise<QuoteDraft | null> {
  const data = await send(admin, QUOTE_DRAFT_FIND, { query: `tag:${quoteTag(key)}` });
  const node = data.draftOrders.nodes[0];
  return node ? toDraft(node) : null;
}

/** The quote's draft order: the one already made under its key, or a new one. */
export async function createQuoteDraft(admin: Admin, plan: QuoteDraftPlan): Promise<QuoteDraft> {
  const existing = await findQuoteDraft(admin, plan.key);
  if (existing) return existing;
  const data = await send(
    admin,
    QUOTE_DRAFT_CREATE,
    {
      input: {
        ...(plan.customerId ? { purchasingEntity: { customerId: plan.customerId } } : {}),
        ...(plan.email ? { email: plan.email } : {}),
        presentmentCurrencyCode: plan.currency as never,
        note: plan.note,
        tags: [quoteTag(plan.key)],
        lineItems: [{ title: plan.title, quantity: 1, originalUnitPriceWithCurrency: { amount: decimalOf(plan.amountMinor, plan.currency), currencyCode: plan.currency as never }, requiresShipping: false, taxable: true }],
      },
    },
    {
      verify: async () => {
        const made = await findQuoteDraft(admin, plan.key);
        return made ? { draftOrderCreate: { draftOrder: { ...made, totalPriceSet: { presentmentMoney: { amount: decimalOf(made.amountMinor, made.currency), currencyCode: made.currency } } }, userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("draftOrderCreate", data.draftOrderCreate);
  return toDraft(data.draftOrderCreate!.draftOrder! as DraftNode);
}
