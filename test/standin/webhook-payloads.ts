import { LosslessNumber } from "lossless-json";

import { legacyId } from "./ids";
import { convert, decimal, minorOf } from "./money";
import type { FulfillmentRec, LineItemRec, OrderRec, Rec, RefundRec, ReturnRec, ShopStore } from "./store";

/**
 * Webhook bodies in the shape of Shopify's REST resources (snake_case, numeric ids plus
 * admin_graphql_api_id, decimal strings), for the topics Aftercare handles:
 * https://shopify.dev/docs/api/webhooks?reference=toml
 */
/**
 * REST order and line amounts are in the shop's currency (`currency`), converted at the order's
 * rate from the presentment amounts the stand-in computes in; transactions are in the currency
 * the shopper paid in.
 */
function shopDecimal(order: OrderRec | undefined, minor: number, store: ShopStore): string {
  if (!order || order.presentmentCurrencyCode === order.currencyCode) return decimal(minor, order?.currencyCode ?? store.shop.currencyCode);
  return decimal(convert(minor, order.presentmentCurrencyCode, order.currencyCode, order.presentmentRate ?? "1"), order.currencyCode);
}

/**
 * A REST id: a JSON number, printed with all its digits (ids above 2^53 included) by the
 * delivery's serializer (webhooks.ts), as Shopify prints them.
 */
function restId(value: string): LosslessNumber {
  return new LosslessNumber(legacyId(value));
}

export function payloadFor(store: ShopStore, topic: string, subject: Rec): Record<string, unknown> {
  switch (subject.__typename) {
    case "Order":
      return orderPayload(store, subject);
    case "Refund":
      return refundPayload(store, subject);
    case "Return":
      return returnPayload(store, subject, topic);
    case "Fulfillment":
      return fulfillmentPayload(store, subject);
    case "Shop":
      return shopPayload(store);
    default:
      return { id: restId(subject.id), admin_graphql_api_id: subject.id };
  }
}

const ref = (id: string) => ({ id: restId(id), admin_graphql_api_id: id });

export function shopPayload(store: ShopStore) {
  const s = store.shop;
  return {
    id: restId(s.id),
    name: s.name,
    email: s.email,
    domain: s.myshopifyDomain,
    myshopify_domain: s.myshopifyDomain,
    country_code: s.countryCode,
    country_name: s.countryName,
    currency: s.currencyCode,
    iana_timezone: s.ianaTimezone,
    shop_owner: s.shopOwnerName,
    taxes_included: s.taxesIncluded,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    plan_name: "partner_test",
  };
}

function lineItemPayload(store: ShopStore, li: LineItemRec) {
  const order = store.find(li.orderId, "Order");
  return {
    ...ref(li.id),
    product_id: li.productId ? restId(li.productId) : null,
    variant_id: li.variantId ? restId(li.variantId) : null,
    title: li.title,
    name: li.name,
    variant_title: li.variantTitle,
    sku: li.sku,
    vendor: li.vendor,
    quantity: li.quantity,
    current_quantity: li.quantity - store.refundedQuantity(li),
    fulfillable_quantity: Math.max(0, li.quantity - store.fulfilledQuantity(li)),
    price: shopDecimal(order, minorOf(li.originalUnitPriceSet), store),
    total_discount: shopDecimal(order, store.lineItemDiscount(li), store),
    properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    requires_shipping: li.requiresShipping,
    taxable: li.taxable,
    gift_card: li.isGiftCard,
    discount_allocations: li.discountAllocations.map((a) => ({ amount: shopDecimal(order, minorOf(a.allocatedAmountSet), store), discount_application_index: a.discountApplicationIndex })),
  };
}

function orderPayload(store: ShopStore, o: OrderRec) {
  const customer = store.find(o.customerId, "Customer");
  const fulfillment = store.fulfillmentStatus(o);
  return {
    ...ref(o.id),
    name: o.name,
    order_number: o.number,
    email: o.email,
    created_at: o.createdAt,
    processed_at: o.processedAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt,
    closed_at: o.closedAt,
    currency: o.currencyCode,
    presentment_currency: o.presentmentCurrencyCode,
    financial_status: store.financialStatus(o).toLowerCase(),
    fulfillment_status: fulfillment === "UNFULFILLED" ? null : fulfillment === "FULFILLED" ? "fulfilled" : "partial",
    subtotal_price: shopDecimal(o, store.subtotal(o), store),
    total_price: shopDecimal(o, store.originalTotal(o), store),
    total_discounts: shopDecimal(o, store.totalDiscounts(o), store),
    current_total_price: shopDecimal(o, Math.max(0, store.originalTotal(o) - store.refundedAmount(o)), store),
    taxes_included: o.taxesIncluded,
    tags: o.tags.join(", "),
    note: o.note,
    note_attributes: o.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    discount_codes: o.discountCodes.map((code) => ({ code, type: "percentage" })),
    customer: customer ? { ...ref(customer.id), email: customer.email, first_name: customer.firstName, last_name: customer.lastName } : null,
    line_items: o.lineItems.map((li) => lineItemPayload(store, li)),
    shipping_lines: o.shippingLines.map((s) => ({ ...ref(s.id), title: s.title, code: s.code, price: shopDecimal(o, minorOf(s.originalPriceSet), store), discounted_price: shopDecimal(o, minorOf(s.discountedPriceSet), store) })),
    fulfillments: o.fulfillments.map((f) => fulfillmentPayload(store, f)),
    refunds: o.refundIds.map((id) => store.find(id, "Refund")).filter((r): r is RefundRec => Boolean(r)).map((r) => refundPayload(store, r)),
  };
}

function refundPayload(store: ShopStore, r: RefundRec) {
  const order = store.find(r.orderId, "Order");
  return {
    ...ref(r.id),
    order_id: restId(r.orderId),
    created_at: r.createdAt,
    processed_at: r.processedAt,
    note: r.note,
    restock: r.refundLineItems.some((l) => l.restocked),
    return: r.returnId ? ref(r.returnId) : null,
    refund_line_items: r.refundLineItems.map((l) => {
      const li = store.find(l.lineItemId, "LineItem");
      return {
        id: restId(l.id),
        line_item_id: restId(l.lineItemId),
        quantity: l.quantity,
        restock_type: l.restockType.toLowerCase(),
        subtotal: shopDecimal(order, minorOf(l.subtotalSet), store),
        total_tax: shopDecimal(order, minorOf(l.totalTaxSet), store),
        line_item: li ? lineItemPayload(store, li) : null,
      };
    }),
    refund_shipping_lines: r.refundShippingLines.map((s) => ({ id: restId(s.id), shipping_line_id: restId(s.shippingLineId), subtotal_amount_set: s.subtotalAmountSet })),
    transactions: r.transactionIds
      .map((id) => store.find(id, "OrderTransaction"))
      .filter((t) => t !== undefined)
      .map((t) => ({
        ...ref(t.id),
        order_id: restId(t.orderId),
        kind: t.kind.toLowerCase(),
        gateway: t.gateway,
        status: t.status.toLowerCase(),
        amount: t.amountSet.presentmentMoney.amount,
        currency: t.amountSet.presentmentMoney.currencyCode,
        parent_id: t.parentTransactionId ? restId(t.parentTransactionId) : null,
        created_at: t.createdAt,
        processed_at: t.processedAt,
      })),
    order_adjustments: [],
  };
}

function returnPayload(store: ShopStore, r: ReturnRec, topic: string) {
  const base = {
    ...ref(r.id),
    name: r.name,
    status: r.status.toLowerCase(),
    order: ref(r.orderId),
    total_return_line_items: r.returnLineItems.reduce((sum, l) => sum + l.quantity, 0),
    return_line_items: r.returnLineItems.map((l) => {
      const fli = store.find(l.fulfillmentLineItemId, "FulfillmentLineItem");
      return {
        ...ref(l.id),
        quantity: l.quantity,
        return_reason: l.returnReason.toLowerCase(),
        return_reason_note: l.returnReasonNote,
        customer_note: l.customerNote,
        fulfillment_line_item: fli ? { ...ref(fli.id), line_item: ref(fli.lineItemId) } : null,
      };
    }),
  };
  if (topic === "returns/decline") return { ...base, decline: r.decline ? { reason: r.decline.reason.toLowerCase(), note: r.decline.note } : null };
  return base;
}

function fulfillmentPayload(store: ShopStore, f: FulfillmentRec) {
  const tracking = f.trackingInfo[0];
  return {
    ...ref(f.id),
    order_id: restId(f.orderId),
    name: f.name,
    status: f.status.toLowerCase(),
    shipment_status: f.deliveredAt ? "delivered" : f.inTransitAt ? "in_transit" : null,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    tracking_company: tracking?.company ?? null,
    tracking_number: tracking?.number ?? null,
    tracking_url: tracking?.url ?? null,
    line_items: f.fulfillmentLineItems
      .map((fli) => ({ fli, li: store.find(fli.lineItemId, "LineItem") }))
      .filter((x) => x.li)
      .map(({ fli, li }) => ({ ...lineItemPayload(store, li as LineItemRec), quantity: fli.quantity })),
  };
}

/** customers/redact, customers/data_request and shop/redact, as Shopify's compliance webhooks send them. */
export function compliancePayload(store: ShopStore, topic: "customers/redact" | "customers/data_request" | "shop/redact", customerId?: string, requestId = 9_900_001) {
  const shop = { shop_id: restId(store.shop.id), shop_domain: store.domain };
  if (topic === "shop/redact") return shop;
  const customer = store.find(customerId, "Customer");
  if (!customer) throw new Error(`${topic} needs a customer of ${store.domain}`);
  const orders = store.orders.filter((o) => o.customerId === customer.id).map((o) => restId(o.id));
  const who = { id: restId(customer.id), email: customer.email, phone: customer.phone };
  if (topic === "customers/redact") return { ...shop, customer: who, orders_to_redact: orders };
  return { ...shop, orders_requested: orders, customer: who, data_request: { id: requestId } };
}
