import { parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { decimalOf } from "./money.server";

/**
 * A repair ticket's quote as a Shopify draft order (docs/decisions/018-quotes): its lines at the
 * quoted prices in the shopper's currency, for their customer account, tagged with the quote's
 * tag. draftOrderCreate takes no idempotency key, so the tag is the key: the operation's record
 * looks for the draft by it before any resend, and never sends a second create after an unknown
 * outcome. draftOrderInvoiceSend emails the shopper its checkout link; a sent invoice shows as the
 * draft's `invoiceSentAt`. "COMPLETED: The draft order has been paid" — the draft's status and the
 * order it completed into are what the ticket's payment is read from, never the shopper's click.
 */

export const REPAIR_DRAFT_BY_TAG = `#graphql
  query RepairDraftByTag($query: String!) {
    draftOrders(first: 1, query: $query) {
      nodes { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }
    }
  }
`;

export const REPAIR_DRAFT_CREATE = `#graphql
  mutation RepairDraftCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }
      userErrors { field message }
    }
  }
`;

export const REPAIR_DRAFT_INVOICE_SEND = `#graphql
  mutation RepairDraftInvoiceSend($id: ID!) {
    draftOrderInvoiceSend(id: $id) {
      draftOrder { id name status invoiceUrl invoiceSentAt tags totalPriceSet { presentmentMoney { amount currencyCode } } order { id name displayFinancialStatus } }
      userErrors { field message }
    }
  }
`;

export const REPAIR_DRAFT_DELETE = `#graphql
  mutation RepairDraftDelete($input: DraftOrderDeleteInput!) {
    draftOrderDelete(input: $input) {
      deletedId
      userErrors { field message }
    }
  }
`;

export type RepairDraftLine = { title: string; quantity: number; unitMinor: number };

/** What the operation records before the call, and sends as it is on any retry. */
export type RepairDraftPlan = {
  tag: string;
  customerId: string | null;
  email: string | null;
  currency: string;
  note: string;
  lines: RepairDraftLine[];
};

export type RepairDraft = {
  id: string;
  name: string;
  status: "OPEN" | "INVOICE_SENT" | "COMPLETED";
  invoiceUrl: string | null;
  invoiceSentAt: string | null;
  tags: string[];
  amountMinor: number;
  currency: string;
  order: { id: string; name: string; financialStatus: string | null } | null;
};

type DraftNode = {
  id: string;
  name: string;
  status: string;
  invoiceUrl?: string | null;
  invoiceSentAt?: unknown;
  tags: string[];
  totalPriceSet: { presentmentMoney: { amount: unknown; currencyCode: string } };
  order?: { id: string; name: string; displayFinancialStatus?: string | null } | null;
};

/** The tag a ticket's quote is made and found under. */
export function repairQuoteTag(ticketId: string): string {
  return `aftercare-repair-${ticketId}`;
}

/** The tag a deposit's balance is made and found under (docs/decisions/023): the quote's own draft order is then the deposit's. */
export function repairBalanceTag(ticketId: string): string {
  return `aftercare-repair-balance-${ticketId}`;
}

/** The ticket whose balance a tag names, or null for any other tag. */
export function balanceTicketOfTag(tag: string): string | null {
  const match = /^aftercare-repair-balance-([0-9a-f-]{36})$/i.exec(tag.trim());
  return match ? match[1].toLowerCase() : null;
}

/** The ticket a tag names, or null for any other tag. */
export function ticketOfTag(tag: string): string | null {
  const match = /^aftercare-repair-([0-9a-f-]{36})$/i.exec(tag.trim());
  return match ? match[1].toLowerCase() : null;
}

function toDraft(node: DraftNode): RepairDraft {
  const { amount, currencyCode } = node.totalPriceSet.presentmentMoney;
  return {
    id: node.id,
    name: node.name,
    status: node.status as RepairDraft["status"],
    invoiceUrl: node.invoiceUrl ?? null,
    invoiceSentAt: node.invoiceSentAt ? String(node.invoiceSentAt) : null,
    tags: node.tags,
    amountMinor: parseMinorUnits(String(amount), currencyCode),
    currency: currencyCode,
    order: node.order ? { id: node.order.id, name: node.order.name, financialStatus: node.order.displayFinancialStatus ?? null } : null,
  };
}

/** The draft order made under a quote's tag, if Shopify has one. */
export async function findRepairDraft(admin: Admin, tag: string): Promise<RepairDraft | null> {
  const data = await send(admin, REPAIR_DRAFT_BY_TAG, { query: `tag:${JSON.stringify(tag)}` });
  const node = data.draftOrders.nodes[0] as DraftNode | undefined;
  return node ? toDraft(node) : null;
}

/** draftOrderCreate for the plan; after an unknown outcome, only a draft already found under its tag answers. */
export async function createRepairDraft(admin: Admin, plan: RepairDraftPlan): Promise<RepairDraft> {
  const data = await send(
    admin,
    REPAIR_DRAFT_CREATE,
    {
      input: {
        ...(plan.customerId ? { purchasingEntity: { customerId: plan.customerId } } : {}),
        ...(plan.email ? { email: plan.email } : {}),
        presentmentCurrencyCode: plan.currency as never,
        note: plan.note,
        tags: [plan.tag],
        lineItems: plan.lines.map((line) => ({
          title: line.title,
          quantity: line.quantity,
          originalUnitPriceWithCurrency: { amount: decimalOf(line.unitMinor, plan.currency), currencyCode: plan.currency as never },
          requiresShipping: false,
          taxable: true,
        })),
      },
    },
    {
      verify: async () => {
        const made = await findRepairDraft(admin, plan.tag);
        return made ? { draftOrderCreate: { draftOrder: fromDraft(made), userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("draftOrderCreate", data.draftOrderCreate);
  return toDraft(data.draftOrderCreate!.draftOrder! as DraftNode);
}

/** draftOrderInvoiceSend: Shopify emails the draft's checkout link to its customer. */
export async function sendRepairInvoice(admin: Admin, draftId: string, tag: string): Promise<RepairDraft> {
  const data = await send(
    admin,
    REPAIR_DRAFT_INVOICE_SEND,
    { id: draftId },
    {
      verify: async () => {
        const draft = await findRepairDraft(admin, tag);
        return draft?.invoiceSentAt ? { draftOrderInvoiceSend: { draftOrder: fromDraft(draft), userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("draftOrderInvoiceSend", data.draftOrderInvoiceSend);
  return toDraft(data.draftOrderInvoiceSend!.draftOrder! as DraftNode);
}

function fromDraft(draft: RepairDraft): DraftNode {
  return {
    id: draft.id,
    name: draft.name,
    status: draft.status,
    invoiceUrl: draft.invoiceUrl,
    invoiceSentAt: draft.invoiceSentAt,
    tags: draft.tags,
    totalPriceSet: { presentmentMoney: { amount: decimalOf(draft.amountMinor, draft.currency), currencyCode: draft.currency } },
    order: draft.order ? { id: draft.order.id, name: draft.order.name, displayFinancialStatus: draft.order.financialStatus } : null,
  };
}

/** A draft Aftercare will not delete: Shopify shows it paid (completed into an order), so it is the team's to settle. */
export class PaidDraftKept extends Error {
  override name = "PaidDraftKept";
}

/**
 * Deletes the draft order under a tag (draftOrderDelete: "Deletes a draft order"), found by its
 * tag just before the call. Nothing under the tag: nothing to delete (null). A draft completed into
 * an order is never deleted (PaidDraftKept): the shopper paid it. After an unknown outcome the
 * client looks under the tag again; a draft no longer there was deleted. Returns the deleted id.
 */
export async function deleteRepairDraft(admin: Admin, tag: string): Promise<string | null> {
  const draft = await findRepairDraft(admin, tag);
  if (!draft) return null;
  if (draft.status === "COMPLETED") throw new PaidDraftKept(`draft order ${draft.name} was paid (completed into order ${draft.order?.name ?? "?"}): it is kept, never deleted; the team decides what the payment is for`);
  const data = await send(
    admin,
    REPAIR_DRAFT_DELETE,
    { input: { id: draft.id } },
    {
      verify: async () => ((await findRepairDraft(admin, tag)) ? null : { draftOrderDelete: { deletedId: draft.id, userErrors: [] } }),
    },
  );
  assertNoUserErrors("draftOrderDelete", data.draftOrderDelete);
  return data.draftOrderDelete?.deletedId ?? draft.id;
}
