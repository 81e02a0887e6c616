import { minorOf } from "./money";
import { transaction } from "./resolvers/refunds";
import type { Args, Ctx } from "./resolvers/fields";
import type { DraftOrderRec, LineItemRec, OrderRec, ShopStore } from "./store";

/**
 * Draft orders after draftOrderCreate, as the 2026-10 schema describes them:
 * - draftOrderInvoiceSend "Sends an invoice email for a DraftOrder. The invoice includes a secure
 *   checkout link for reviewing and paying for the order": the email is recorded with the other
 *   invoices, `invoiceSentAt` is "when the invoice was last emailed" and the status becomes
 *   INVOICE_SENT ("An invoice for the draft order has been sent to the customer"); a completed
 *   draft order cannot be invoiced again.
 * - the shopper paying at the invoice's checkout (`payDraftOrder`, what a test does in place of
 *   the shopper): the draft is COMPLETED ("The draft order has been paid"), `completedAt` set,
 *   and `order` is "The order that was created from the draft order": its lines, customer,
 *   currency and tags, paid in full by one sale, source `shopify_draft_order`. Shopify then
 *   sends orders/create for the order and draft_orders/update for the draft.
 * - draftOrderComplete "Completes a draft order and converts it into a regular order. The order
 *   appears in the merchant's orders list": without `paymentPending` the order is marked paid
 *   ("Mark the order as paid immediately": one sale for its total, none for a zero total, which
 *   Shopify shows PAID), with it the order is pending payment; `sourceName` "attribution for
 *   tracking order sources" (default `shopify_draft_order`). The order carries the draft's lines,
 *   customer, currency, tags and shipping address; its lines that require shipping are
 *   fulfillable. A completed draft cannot be completed again.
 * - draftOrderDelete "Deletes a draft order": `deletedId` is "The ID of the deleted draft order";
 *   afterwards neither `draftOrder(id:)` nor `draftOrders` shows it (Shopify then sends
 *   draft_orders/delete). The schema puts no condition on the draft's status, so the stand-in
 *   deletes a completed one too (its order stays): keeping paid drafts is the app's to decide.
 *   Each deletion is kept in `deletedDraftOrders` for tests to count.
 */

export const draftOrderInvoiceSend = (args: Args, ctx: Ctx) => {
  const store = ctx.store;
  const draft = store.find(String(args.id), "DraftOrder");
  const email = (args.email ?? null) as { to?: string | null; customMessage?: string | null } | null;
  if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED") return { draftOrder: draft, userErrors: [{ field: ["id"], message: "Draft order has been paid and cannot be invoiced" }] };
  const to = email?.to ?? draft.email;
  if (!to) return { draftOrder: draft, userErrors: [{ field: ["email", "to"], message: "To can't be blank" }] };
  const total = draft.lineItems.reduce((sum, li) => sum + minorOf(li.originalUnitPriceSet) * li.quantity, 0);
  const at = store.timestamp();
  store.invoices.push({ orderId: draft.id, to, amountMinor: total, currencyCode: draft.presentmentCurrencyCode, customMessage: email?.customMessage ?? null, sentAt: at });
  draft.invoiceSentAt = at;
  draft.status = "INVOICE_SENT";
  draft.updatedAt = at;
  store.emit("draft_orders/update", draft);
  return { draftOrder: draft, userErrors: [] };
};

export const draftOrderComplete = (args: Args, ctx: Ctx) => {
  const draft = ctx.store.find(String(args.id), "DraftOrder") as DraftOrderRec | undefined;
  if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED") return { draftOrder: draft, userErrors: [{ field: ["id"], message: "This order has been completed" }] };
  const paid = args.paymentPending !== true;
  completeDraft(ctx.store, draft, { paid, gateway: paid ? "manual" : null, sourceName: args.sourceName ? String(args.sourceName) : "shopify_draft_order" });
  return { draftOrder: draft, userErrors: [] };
};

export const draftOrderDelete = (args: Args, ctx: Ctx) => {
  const store = ctx.store;
  const id = String((args.input as { id?: string } | null)?.id ?? "");
  const draft = store.find(id, "DraftOrder") as DraftOrderRec | undefined;
  if (!draft) return { deletedId: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  store.draftOrders.splice(store.draftOrders.indexOf(draft), 1);
  store.forget(draft.id);
  store.deletedDraftOrders.push({ id: draft.id, name: draft.name, tags: [...draft.tags], status: draft.status, at: store.timestamp() });
  store.emit("draft_orders/delete", draft);
  return { deletedId: draft.id, userErrors: [] };
};

/** The shopper pays the draft order's invoice at checkout: it completes into a paid order. */
export function payDraftOrder(store: ShopStore, draftId: string): OrderRec {
  const draft = store.find(draftId, "DraftOrder") as DraftOrderRec | undefined;
  if (!draft) throw new Error(`no draft order ${draftId} in ${store.domain}`);
  if (draft.status === "COMPLETED") throw new Error(`draft order ${draft.name} is already paid`);
  return completeDraft(store, draft, { paid: true, gateway: "shopify_payments", sourceName: "shopify_draft_order" });
}

function completeDraft(store: ShopStore, draft: DraftOrderRec, how: { paid: boolean; gateway: string | null; sourceName: string }): OrderRec {
  const at = store.timestamp();
  const number = 1000 + store.orders.length + 1;
  const customer = store.find(draft.customerId, "Customer");
  const order: OrderRec = {
    __typename: "Order",
    id: store.nextId("Order"),
    name: `#${number}`,
    number,
    email: draft.email ?? customer?.email ?? null,
    phone: null,
    customerId: draft.customerId,
    createdAt: at,
    processedAt: at,
    updatedAt: at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    currencyCode: draft.currencyCode,
    presentmentCurrencyCode: draft.presentmentCurrencyCode,
    presentmentRate: "1",
    tags: [...draft.tags],
    note: draft.note2,
    customAttributes: [...draft.customAttributes],
    discountCodes: [],
    taxesIncluded: draft.taxesIncluded,
    test: false,
    sourceName: how.sourceName,
    lineItems: [],
    shippingLines: [],
    discountApplications: [],
    fulfillments: [],
    transactions: [],
    refundIds: [],
    returnIds: [],
    shippingAddress: draft.shippingAddress ?? null,
    billingAddress: null,
    metafields: [],
  };
  order.lineItems = draft.lineItems.map(
    (li): LineItemRec => ({
      __typename: "LineItem",
      id: store.nextId("LineItem"),
      orderId: order.id,
      title: li.title,
      name: li.name,
      variantTitle: null,
      sku: li.sku,
      vendor: null,
      quantity: li.quantity,
      variantId: li.variantId,
      productId: li.productId,
      customAttributes: [...li.customAttributes],
      originalUnitPriceSet: li.originalUnitPriceSet,
      discountAllocations: [],
      requiresShipping: li.requiresShipping,
      taxable: li.taxable,
      isGiftCard: false,
    }),
  );
  const total = store.originalTotal(order);
  if (how.paid && total > 0) order.transactions.push(transaction(store, order, { kind: "SALE", amount: total, gateway: how.gateway ?? "manual", parentId: null, at }));
  store.orders.push(store.index(order));
  draft.status = "COMPLETED";
  draft.completedAt = at;
  draft.orderId = order.id;
  draft.updatedAt = at;
  store.emit("orders/create", order);
  store.emit("draft_orders/update", draft);
  return order;
}
