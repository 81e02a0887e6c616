import { minorUnits, moneyV2, orderMoney } from "./money";
import { formatMinorUnits } from "../../app/domain/money";
import { transaction } from "./resolvers/refunds";
import type { CustomerRec, DiscountNodeRec, FulfillmentRec, LineItemRec, OrderRec, ProductRec, ShopStore, VariantRec } from "./store";

/**
 * Small, explicit records for tests that need one customer and one paid, delivered order — the
 * demo catalogue lives in seed.ts. Amounts are minor units.
 */
export function addCustomer(store: ShopStore, input: { firstName?: string; lastName?: string; email?: string } = {}): CustomerRec {
  const now = store.timestamp();
  const customer: CustomerRec = {
    __typename: "Customer",
    id: store.nextId("Customer"),
    firstName: input.firstName ?? "Ada",
    lastName: input.lastName ?? "Lovelace",
    email: input.email ?? `customer${store.customers.length + 1}@example.com`,
    phone: null,
    tags: [],
    note: null,
    locale: "en-GB",
    state: "ENABLED",
    verifiedEmail: true,
    taxExempt: false,
    createdAt: now,
    updatedAt: now,
    defaultAddress: null,
    metafields: [],
  };
  store.customers.push(store.index(customer));
  return customer;
}

export function addProduct(store: ShopStore, input: { title: string; price: number; productType?: string; tags?: string[]; sku?: string }): { product: ProductRec; variant: VariantRec } {
  const now = store.timestamp();
  const product: ProductRec = {
    __typename: "Product",
    id: store.nextId("Product"),
    title: input.title,
    handle: input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    productType: input.productType ?? "Ring",
    vendor: store.shop.name,
    tags: input.tags ?? [],
    status: "ACTIVE",
    descriptionHtml: "",
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    metafields: [],
    collectionIds: [],
    variantIds: [],
  };
  const variant: VariantRec = {
    __typename: "ProductVariant",
    id: store.nextId("ProductVariant"),
    productId: product.id,
    title: "Default Title",
    sku: input.sku ?? null,
    price: formatMinorUnits(input.price, store.shop.currencyCode),
    compareAtPrice: null,
    position: 1,
    selectedOptions: [{ __typename: "SelectedOption", name: "Title", value: "Default Title" }],
    inventoryQuantity: 5,
    availableForSale: true,
    taxable: true,
    createdAt: now,
    updatedAt: now,
    metafields: [],
  };
  product.variantIds.push(variant.id);
  store.products.push(store.index(product));
  store.variants.push(store.index(variant));
  return { product, variant };
}

/**
 * A paid order, fulfilled and delivered: each line `{ variant, quantity, discount? }` (discount in
 * minor units for the whole line), optional shipping, paid in one SALE on shopify_payments.
 */
export function addPaidOrder(
  store: ShopStore,
  input: {
    customer: CustomerRec | null;
    lines: { variant: VariantRec; quantity: number; discount?: number; unitPrice?: number }[];
    shipping?: number;
    createdAt?: string;
    deliveredAt?: string | null;
    /** Paid in another currency than the shop's: the shopper's currency and shop units per unit of it. */
    presentment?: { currencyCode: string; rate: string };
  },
): OrderRec {
  const at = input.createdAt ?? store.timestamp();
  const ccy = input.presentment?.currencyCode ?? store.shop.currencyCode;
  const number = 1000 + store.orders.length + 1;
  const order: OrderRec = {
    __typename: "Order",
    id: store.nextId("Order"),
    name: `#${number}`,
    number,
    email: input.customer?.email ?? null,
    phone: null,
    customerId: input.customer?.id ?? null,
    createdAt: at,
    processedAt: at,
    updatedAt: at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    currencyCode: store.shop.currencyCode,
    presentmentCurrencyCode: ccy,
    presentmentRate: input.presentment?.rate ?? "1",
    tags: [],
    note: null,
    customAttributes: [],
    discountCodes: [],
    taxesIncluded: store.shop.taxesIncluded,
    test: false,
    sourceName: "web",
    lineItems: [],
    shippingLines: [],
    discountApplications: [],
    fulfillments: [],
    transactions: [],
    refundIds: [],
    returnIds: [],
    shippingAddress: null,
    billingAddress: null,
    metafields: [],
  };
  for (const line of input.lines) {
    const product = store.find(line.variant.productId, "Product");
    const li: LineItemRec = {
      __typename: "LineItem",
      id: store.nextId("LineItem"),
      orderId: order.id,
      title: product?.title ?? "",
      name: product?.title ?? "",
      variantTitle: null,
      sku: line.variant.sku,
      vendor: product?.vendor ?? null,
      quantity: line.quantity,
      variantId: line.variant.id,
      productId: line.variant.productId,
      customAttributes: [],
      // Amounts in minor units of the order's (presentment) currency; a line without its own
      // `unitPrice` is sold at the variant's price.
      originalUnitPriceSet: orderMoney(order, line.unitPrice ?? minorUnits(line.variant.price, ccy)),
      discountAllocations: line.discount ? [{ __typename: "DiscountAllocation", allocatedAmountSet: orderMoney(order, line.discount), discountApplicationIndex: 0 }] : [],
      requiresShipping: true,
      taxable: true,
      isGiftCard: false,
    };
    order.lineItems.push(li);
  }
  if (input.lines.some((l) => l.discount)) {
    order.discountApplications.push({
      __typename: "DiscountCodeApplication",
      index: 0,
      code: "WELCOME10",
      allocationMethod: "ACROSS",
      targetSelection: "ALL",
      targetType: "LINE_ITEM",
      value: { __typename: "PricingPercentageValue", percentage: 10 },
    });
    order.discountCodes.push("WELCOME10");
  }
  if (input.shipping !== undefined) {
    const price = orderMoney(order, input.shipping);
    order.shippingLines.push({
      __typename: "ShippingLine",
      id: store.nextId("ShippingLine"),
      title: "Royal Mail Special Delivery",
      code: "special",
      source: "shopify",
      carrierIdentifier: null,
      custom: false,
      isRemoved: false,
      originalPriceSet: price,
      discountedPriceSet: price,
      currentDiscountedPriceSet: price,
      discountAllocations: [],
      taxLines: [],
    });
  }
  const fulfillmentId = store.nextId("Fulfillment");
  const fulfillment: FulfillmentRec = {
    __typename: "Fulfillment",
    id: fulfillmentId,
    orderId: order.id,
    name: `${order.name}-F1`,
    status: "SUCCESS",
    displayStatus: input.deliveredAt === null ? "IN_TRANSIT" : "DELIVERED",
    createdAt: at,
    updatedAt: at,
    inTransitAt: at,
    deliveredAt: input.deliveredAt === undefined ? at : input.deliveredAt,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    trackingInfo: [],
    fulfillmentLineItems: order.lineItems.map((li) => ({ __typename: "FulfillmentLineItem", id: store.nextId("FulfillmentLineItem"), fulfillmentId, lineItemId: li.id, quantity: li.quantity })),
  };
  order.fulfillments.push(fulfillment);
  order.transactions.push(transaction(store, order, { kind: "SALE", amount: store.originalTotal(order), gateway: "shopify_payments", parentId: null, at }));
  store.orders.push(store.index(order));
  return order;
}

/** A basic discount code (percentage off the order) with a minimum subtotal in minor units, or none. */
export function addCodeDiscount(store: ShopStore, input: { code: string; percentage: number; minimum: number | null }): DiscountNodeRec {
  const now = store.timestamp();
  const node: DiscountNodeRec = {
    __typename: "DiscountNode",
    id: store.nextId("DiscountCodeNode"),
    discount: {
      __typename: "DiscountCodeBasic",
      title: input.code,
      status: "ACTIVE",
      startsAt: now,
      endsAt: null,
      summary: `${input.percentage}% off entire order`,
      createdAt: now,
      updatedAt: now,
      codes: [{ __typename: "DiscountRedeemCode", id: store.nextId("DiscountRedeemCode"), code: input.code }],
      minimumRequirement:
        input.minimum === null ? null : { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: moneyV2(input.minimum, store.shop.currencyCode) },
      customerGets: {
        __typename: "DiscountCustomerGets",
        value: { __typename: "DiscountPercentage", percentage: input.percentage / 100 },
        items: { __typename: "AllDiscountItems", allItems: true },
        appliesOnOneTimePurchase: true,
        appliesOnSubscription: false,
      },
    },
    metafields: [],
  };
  store.discounts.push(store.index(node));
  return node;
}
