import type { OperationKind, OperationRecord } from "../repositories/operations.server";
import type { Admin } from "../shopify/client.server";
import { fetchOrderRefunds, storeCreditHistorySince, type ProcessPlan, type RefundPlan, type StoreCreditGrant } from "../shopify/money.server";
import { fetchReturn } from "../shopify/returns.server";
import { findRepairDraft, type RepairDraftPlan } from "../shopify/draft-orders.server";
import type { PartsOrderPlan } from "../shopify/parts-orders.server";
import { findReverseDelivery, type ReverseDeliveryPlan } from "../shopify/reverse-deliveries.server";
import { creditLookup, LookupUndecided, type MoneyDeps, type QuoteInvoicePlan } from "./money-deps.server";

/**
 * How an operation recognises its own effect on Shopify: what Shopify held just before a send,
 * and, after an unknown outcome, whether that send landed (never resent blind: 005).
 */

/** What the kind needs to recognise its own effect later: ids that existed before this send. */
export async function stateBefore(admin: Admin, deps: MoneyDeps, operation: OperationRecord): Promise<unknown> {
  switch (operation.kind as OperationKind) {
    case "refund":
      return undefined; // the refund carries the key in its note, and the key itself guards resends
    case "return_process":
      return { refundIds: (await fetchReturn(admin, (operation.input as ProcessPlan).returnId)).refunds.map((r) => r.id) };
    case "invoice":
      return undefined; // nothing about a sent invoice can be read back (see effectOf)
    case "reverse_delivery":
      return undefined; // the tracking number on the return is its mark (see effectOf)
    case "draft_order":
      return undefined; // the quote's tag is its mark (see effectOf)
    case "draft_invoice": {
      // The draft order to invoice: made by the quote's draft_order operation, found by its tag.
      // Not made yet (that operation unfinished): this one waits, nothing sent.
      const draft = await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag);
      if (!draft) throw new Error("the quote's draft order is not made yet; its invoice waits for it");
      return { draftId: draft.id };
    }
    case "return_close":
      return undefined; // the return's status is its mark
    case "parts_order":
      return undefined; // the request's tag on the draft order is its mark
    case "draft_delete": {
      // A draft still being made (its draft_order unfinished) would appear after a delete that saw
      // nothing: the delete waits for it, nothing sent.
      const making = (await deps.operations.forRequest(operation.shop, operation.requestId as string)).filter((o) => o.kind === "draft_order" && (o.status === "pending" || o.status === "sent") && (o.input as RepairDraftPlan).tag === (operation.input as QuoteInvoicePlan).tag);
      if (making.length) throw new Error("the quote's draft order is still being made; its deletion waits for it");
      return { draftId: (await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag))?.id ?? null };
    }
    case "store_credit": {
      // Every credit the later lookup could see that is not ours: back to now less the margin
      // (the lookup reads back to the send less the same margin, and the send comes after this).
      const grant = operation.input as StoreCreditGrant;
      const limits = creditLookup(deps);
      const history = await storeCreditHistorySince(admin, grant.customerId, grant.currency, new Date((deps.now ?? (() => new Date()))().getTime() - limits.marginMs), limits);
      return { transactionIds: history.transactions.map((t) => t.id).filter(Boolean) };
    }
  }
}

/**
 * Did an earlier send of this operation land? Returns Shopify's id of its effect, or null.
 * - refund: a refund on the order whose note names the key;
 * - return_process: a refund on the return that was not there before the send;
 * - store_credit: a credit of exactly this amount and currency on the customer's account that
 *   was not there before the send and that no other operation has claimed, looked for in the
 *   account's history back to the send (less a margin); a history too long to read that far
 *   throws LookupUndecided (the caller hands the operation to a person).
 */
export async function effectOf(admin: Admin, deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<string | null> {
  const before = (operation.shopifyState ?? {}) as { refundIds?: string[]; transactionIds?: string[] };
  switch (operation.kind as OperationKind) {
    case "refund": {
      const plan = operation.input as RefundPlan;
      const refunds = await fetchOrderRefunds(admin, plan.orderId);
      return refunds.find((r) => r.note === plan.note)?.id ?? null;
    }
    case "return_process": {
      const plan = operation.input as ProcessPlan;
      const state = await fetchReturn(admin, plan.returnId);
      const known = new Set(before.refundIds ?? []);
      const fresh = state.refunds.find((r) => !known.has(r.id));
      if (fresh) return fresh.id;
      // Processed without money (nothing to refund): the lines show it.
      const processed = plan.lines.every((l) => (state.lines.find((x) => x.id === l.returnLineItemId)?.processedQuantity ?? 0) >= l.quantity);
      return processed && plan.toPaymentMinor + plan.storeCreditMinor === 0 ? state.id : null;
    }
    case "reverse_delivery": {
      const plan = operation.input as ReverseDeliveryPlan;
      return findReverseDelivery(admin, plan.returnId, plan.trackingNumber);
    }
    case "draft_order":
      return (await findRepairDraft(admin, (operation.input as RepairDraftPlan).tag))?.id ?? null;
    case "draft_invoice": {
      // A sent invoice shows as the draft's invoiceSentAt ("when the invoice was last emailed").
      const draft = await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag);
      return draft?.invoiceSentAt || draft?.status === "COMPLETED" ? draft.id : null;
    }
    case "parts_order": {
      // Landed only once the draft under the tag is completed into its order; a draft made but not
      // completed is finished by the next send (which finds it by the tag and only completes it).
      const draft = await findRepairDraft(admin, (operation.input as PartsOrderPlan).tag);
      return draft?.status === "COMPLETED" && draft.order ? draft.order.id : null;
    }
    case "draft_delete": {
      // Deleted once nothing shows under the tag; a draft still there (paid or not) is not an effect.
      const draft = await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag);
      return draft ? null : ((operation.shopifyState as { draftId?: string | null } | null)?.draftId ?? `none:${(operation.input as QuoteInvoicePlan).tag}`);
    }
    case "return_close": {
      const state = await fetchReturn(admin, (operation.input as { returnId: string }).returnId);
      return state.status === "CLOSED" ? state.id : null;
    }
    case "invoice":
      // Shopify keeps no record of sent invoices that an app can read: an invoice whose send may
      // have landed is never resent automatically.
      throw new LookupUndecided("held for review: Shopify did not confirm the invoice email and cannot be asked whether it went out; check the order's timeline in Shopify admin before sending it again");
    case "store_credit": {
      const grant = operation.input as StoreCreditGrant;
      const known = new Set(before.transactionIds ?? []);
      const claimed = await deps.operations.claimedResults(shop, "store_credit");
      // Newest first, page by page, back to the send less a margin: a credit of ours cannot be
      // older than that, however many other credits the customer has had since.
      const limits = creditLookup(deps);
      const sentAt = operation.sentAt ?? operation.updatedAt;
      const since = new Date(sentAt.getTime() - limits.marginMs);
      const history = await storeCreditHistorySince(
        admin,
        grant.customerId,
        grant.currency,
        since,
        limits,
        (t) => t.id !== null && !known.has(t.id) && !claimed.has(t.id) && t.event === "ADJUSTMENT" && t.amountMinor === grant.amountMinor && t.currency === grant.currency,
      );
      if (history.match) return history.match.id;
      if (!history.complete) {
        throw new LookupUndecided(
          `held for review: read ${history.pages} pages (${history.transactions.length} transactions) of the customer's store credit without reaching the send at ${sentAt.toISOString()}; whether the credit landed is unknown, so it was not sent again`,
        );
      }
      return null;
    }
  }
}
