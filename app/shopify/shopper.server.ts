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
        nodes { id name processedAt currencyCode totalPriceSet { shopMoney { amount } } lineItems(first: 3) { nodes { title } } }
      }
    }
  }
`;

export const ORDER_FOR_SHOPPER = `#graphql
  query OrderForShopper($id: ID!) {
    order(id: $id) {
      id name processedAt currencyCode
      customer { id }
      lineItems(first: 30) {
        nodes {
          id title variantTitle quantity
          image { url(transform: { maxWidth: 160, maxHeight: 160 }) altText width height }
          originalUnitPriceSet { shopMoney { amount } }
          variant {
            id title price
            selectedOptions { name value }
            product {
              id title
              variants(first: 12) { nodes { id title price availableForSale inventoryQuantity selectedOptions { name value } } }
            }
          }
        }
      }
    }
  }
`;

/** Items a shopper may take in exchange when the policy allows other items than the one bought. */
export const EXCHANGE_ITEMS = `#graphql
  query ExchangeItems($query: String!) {
    products(first: 25, query: $query, sortKey: TITLE) {
      nodes {
        id title
        variants(first: 12) { nodes { id title price availableForSale inventoryQuantity selectedOptions { name value } } }
      }
    }
  }
`;

/** A product on sale in the shop, with its variants (for exchanges for another item). */
export type ExchangeProduct = { id: string; title: string; variants: ShopperVariant[] };

/** An order found by its number, with what it holds to recognise the shopper by. */
export type OrderIdentity = { id: string; name: string; customerId: string | null; emails: string[]; phones: string[] };

export type ShopperVariant = { id: string; title: string; price: string; available: boolean; options: { name: string; value: string }[] };

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

export type ShopperOrder = { id: string; name: string; placedAt: string; currency: string; customerId: string | null; lines: ShopperLine[] };

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
    currency: o.currencyCode,
    total: o.totalPriceSet.shopMoney.amount,
    titles: o.lineItems.nodes.map((l) => l.title),
  }));
}

function variantOf(v: { id: string; title: string; price: string; availableForSale: boolean; inventoryQuantity?: number | null; selectedOptions: { name: string; value: string }[] }): ShopperVariant {
  return {
    id: v.id,
    title: v.title,
    price: v.price,
    available: v.availableForSale && (v.inventoryQuantity === null || v.inventoryQuantity === undefined || v.inventoryQuantity > 0),
    options: v.selectedOptions.map((o) => ({ name: o.name, value: o.value })),
  };
}

export async function fetchOrderForShopper(admin: Admin, orderId: string): Promise<ShopperOrder | null> {
  const data = await send(admin, ORDER_FOR_SHOPPER, { id: orderId });
  const order = data.order;
  if (!order) return null;
  return {
    id: order.id,
    name: order.name,
    placedAt: order.processedAt,
    currency: order.currencyCode,
    customerId: order.customer?.id ?? null,
    lines: order.lineItems.nodes.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      quantity: line.quantity,
      unitPrice: line.originalUnitPriceSet.shopMoney.amount,
      image: line.image ? { url: line.image.url, alt: line.image.altText ?? line.title, width: line.image.width ?? null, height: line.image.height ?? null } : null,
      variant: line.variant ? { id: line.variant.id, title: line.variant.title, price: line.variant.price, available: true, options: line.variant.selectedOptions } : null,
      productId: line.variant?.product.id ?? null,
      siblings: (line.variant?.product.variants.nodes ?? []).filter((v) => v.id !== line.variant?.id).map(variantOf),
    })),
  };
}

/** Active products with at least one variant for sale; variants out of stock are marked so, never offered. */
export async function fetchExchangeProducts(admin: Admin): Promise<ExchangeProduct[]> {
  const data = await send(admin, EXCHANGE_ITEMS, { query: "status:active" });
  return data.products.nodes.map((p) => ({ id: p.id, title: p.title, variants: p.variants.nodes.map(variantOf) }));
}
