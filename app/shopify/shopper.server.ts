import { parseMinorUnits } from "../domain/money";
import type { CountryCode } from "../types/admin.types";
import { send, type Admin } from "./client.server";

/**
 * What the shopper's request flow (app/requests) reads from Shopify beyond the engine's order:
 * finding an order by its number, the orders of a logged-in customer, and each line's picture,
 * variant and the product's other variants (for an exchange). Identity fields (email, phone,
 * customer) are read only to check who may see the order; they are never shown back.
 */

export const FIND_ORDER_BY_NAME = `#graphql
  query FindOrderByName($query: String!) {
    orders(first: 5, query: $query) {
      nodes {
        id name email phone
        customer { id defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        shippingAddress { phone }
        billingAddress { phone }
      }
    }
  }
`;

export const CUSTOMER_ORDERS = `#graphql
  query CustomerOrders($id: ID!) {
    customer(id: $id) {
      id
      orders(first: 20, sortKey: PROCESSED_AT, reverse: true) {
        nodes { id name processedAt presentmentCurrencyCode totalPriceSet { presentmentMoney { amount currencyCode } } lineItems(first: 3) { nodes { title } } }
      }
    }
  }
`;

/**
 * The order as the shopper bought it. Every amount is the order's `presentmentMoney` (what the
 * shopper paid, in their currency), never the shop's `shopMoney`: a £100 ring bought for €116
 * reads €116. Variant prices are read afterwards in the order's market (VARIANT_PRICES).
 */
export const ORDER_FOR_SHOPPER = `#graphql
  query OrderForShopper($id: ID!) {
    order(id: $id) {
      id name processedAt presentmentCurrencyCode
      customer { id }
      shippingAddress { countryCodeV2 }
      billingAddress { countryCodeV2 }
      netPaymentSet { presentmentMoney { amount currencyCode } }
      lineItems(first: 30) {
        nodes {
          id title variantTitle quantity
          image { url(transform: { maxWidth: 160, maxHeight: 160 }) altText width height }
          originalUnitPriceSet { presentmentMoney { amount currencyCode } }
          variant {
            id title
            selectedOptions { name value }
            product {
              id title
              variants(first: 12) { nodes { id title availableForSale inventoryQuantity selectedOptions { name value } } }
            }
          }
        }
      }
    }
  }
`;

/**
 * What variants cost today for a buyer in the order's country (its market): the contextual
 * price, in that market's currency. \`variant.price\` is the shop's own price in the shop's
 * currency, which would label pounds as euros on a euro order.
 */
export const VARIANT_PRICES = `#graphql
  query VariantPrices($ids: [ID!]!, $country: CountryCode) {
    nodes(ids: $ids) {
      ... on ProductVariant { id contextualPricing(context: { country: $country }) { price { amount currencyCode } } }
    }
  }
`;

/** Items a shopper may take in exchange when the policy allows other items than the one bought. */
export const EXCHANGE_ITEMS = `#graphql
  query ExchangeItems($query: String!, $country: CountryCode) {
    products(first: 25, query: $query, sortKey: TITLE) {
      nodes {
        id title
        variants(first: 12) {
          nodes { id title availableForSale inventoryQuantity selectedOptions { name value } contextualPricing(context: { country: $country }) { price { amount currencyCode } } }
        }
      }
    }
  }
`;

/** A product on sale in the shop, with its variants (for exchanges for another item). */
export type ExchangeProduct = { id: string; title: string; variants: ShopperVariant[] };

/** An order found by its number, with what it holds to recognise the shopper by. */
export type OrderIdentity = { id: string; name: string; customerId: string | null; emails: string[]; phones: string[] };

/**
 * `price`: what the variant costs today in the order's market and currency (its contextual
 * price), or null when Shopify gives it in another currency than the order's: then it cannot be
 * compared with what the shopper paid, and it is never offered in exchange.
 */
export type ShopperVariant = { id: string; title: string; price: string | null; available: boolean; options: { name: string; value: string }[] };

export type ShopperLine = {
  id: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPrice: string;
  image: { url: string; alt: string; width: number | null; height: number | null } | null;
  variant: ShopperVariant | null;
  productId: string | null;
  /** The product's other variants (an exchange picks among these). */
  siblings: ShopperVariant[];
};

/**
 * `currency`: the order's presentment currency (what the shopper paid in); every amount is in it.
 * `country`: the order's market for prices today (shipping country, else billing; null if none).
 * `refundableMinor`: what Shopify says the order still holds (its net payment: received less
 * refunded), in minor units of `currency`.
 */
export type ShopperOrder = {
  id: string;
  name: string;
  placedAt: string;
  currency: string;
  country: string | null;
  refundableMinor: number;
  customerId: string | null;
  lines: ShopperLine[];
};

export type CustomerOrderSummary = { id: string; name: string; placedAt: string; currency: string; total: string; titles: string[] };

/** Orders whose name is exactly `name` ("#1001" or "1001"), with their contact details. */
export async function findOrdersByName(admin: Admin, name: string): Promise<OrderIdentity[]> {
  const bare = name.replace(/^#/, "");
  // Quoted, so a shopper's input is a value, never search syntax.
  const data = await send(admin, FIND_ORDER_BY_NAME, { query: `name:"#${bare.replace(/["\\]/g, "")}"` });
  return data.orders.nodes
    .filter((o) => o.name.replace(/^#/, "") === bare)
    .map((o) => ({
      id: o.id,
      name: o.name,
      customerId: o.customer?.id ?? null,
      emails: [o.email, o.customer?.defaultEmailAddress?.emailAddress].filter((e): e is string => !!e),
      phones: [o.phone, o.customer?.defaultPhoneNumber?.phoneNumber, o.shippingAddress?.phone, o.billingAddress?.phone].filter((p): p is string => !!p),
    }));
}

export async function fetchCustomerOrders(admin: Admin, customerId: string): Promise<CustomerOrderSummary[]> {
  const data = await send(admin, CUSTOMER_ORDERS, { id: customerId });
  return (data.customer?.orders.nodes ?? []).map((o) => ({
    id: o.id,
    name: o.name,
    placedAt: o.processedAt,
    currency: o.presentmentCurrencyCode,
    total: o.totalPriceSet.presentmentMoney.amount,
    titles: o.lineItems.nodes.map((l) => l.title),
  }));
}

type RawVariant = { id: string; title: string; availableForSale: boolean; inventoryQuantity?: number | null; selectedOptions: { name: string; value: string }[] };

/** A contextual price, kept only when it is in the order's currency. */
function priceIn(pricing: { price: { amount: string; currencyCode: string } } | null | undefined, currency: string): string | null {
  return pricing && pricing.price.currencyCode === currency ? pricing.price.amount : null;
}

function variantOf(v: RawVariant, price: string | null): ShopperVariant {
  return {
    id: v.id,
    title: v.title,
    price,
    available: v.availableForSale && (v.inventoryQuantity === null || v.inventoryQuantity === undefined || v.inventoryQuantity > 0),
    options: v.selectedOptions.map((o) => ({ name: o.name, value: o.value })),
  };
}

/**
 * Today's prices of `ids` for a buyer in `country` (the order's market), in `currency` (the
 * order's): null for a price Shopify gives in another currency; absent for a variant gone.
 */
export async function variantPricesIn(admin: Admin, ids: string[], country: string | null, currency: string): Promise<Map<string, string | null>> {
  const prices = new Map<string, string | null>();
  // `nodes` takes at most 250 ids.
  for (let i = 0; i < ids.length; i += 250) {
    const data = await send(admin, VARIANT_PRICES, { ids: ids.slice(i, i + 250), country: country as CountryCode | null });
    for (const node of data.nodes) if (node && "contextualPricing" in node) prices.set(node.id, priceIn(node.contextualPricing, currency));
  }
  return prices;
}

export async function fetchOrderForShopper(admin: Admin, orderId: string): Promise<ShopperOrder | null> {
  const data = await send(admin, ORDER_FOR_SHOPPER, { id: orderId });
  const order = data.order;
  if (!order) return null;
  const currency = order.presentmentCurrencyCode;
  const country = order.shippingAddress?.countryCodeV2 ?? order.billingAddress?.countryCodeV2 ?? null;
  const ids = [...new Set(order.lineItems.nodes.flatMap((line) => (line.variant ? [line.variant.id, ...line.variant.product.variants.nodes.map((v) => v.id)] : [])))];
  const prices = ids.length ? await variantPricesIn(admin, ids, country, currency) : new Map<string, string | null>();
  const net = order.netPaymentSet.presentmentMoney;
  return {
    id: order.id,
    name: order.name,
    placedAt: order.processedAt,
    currency,
    country,
    refundableMinor: net.currencyCode === currency ? parseMinorUnits(net.amount, currency) : 0,
    customerId: order.customer?.id ?? null,
    lines: order.lineItems.nodes.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      quantity: line.quantity,
      unitPrice: line.originalUnitPriceSet.presentmentMoney.amount,
      image: line.image ? { url: line.image.url, alt: line.image.altText ?? line.title, width: line.image.width ?? null, height: line.image.height ?? null } : null,
      variant: line.variant ? { id: line.variant.id, title: line.variant.title, price: prices.get(line.variant.id) ?? null, available: true, options: line.variant.selectedOptions } : null,
      productId: line.variant?.product.id ?? null,
      siblings: (line.variant?.product.variants.nodes ?? []).filter((v) => v.id !== line.variant?.id).map((v) => variantOf(v, prices.get(v.id) ?? null)),
    })),
  };
}

/**
 * Active products with at least one variant for sale, priced for a buyer in `country` in
 * `currency` (the order's); variants out of stock are marked so, never offered.
 */
export async function fetchExchangeProducts(admin: Admin, country: string | null, currency: string): Promise<ExchangeProduct[]> {
  const data = await send(admin, EXCHANGE_ITEMS, { query: "status:active", country: country as CountryCode | null });
  return data.products.nodes.map((p) => ({ id: p.id, title: p.title, variants: p.variants.nodes.map((v) => variantOf(v, priceIn(v.contextualPricing, currency))) }));
}
