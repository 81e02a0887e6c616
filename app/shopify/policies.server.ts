import { assertNoUserErrors, send, type Admin } from "./client.server";
import { parseMinorUnits } from "../domain/money";
import type { OrderLine } from "../domain/scenario";
import type { CatalogueForPolicyQuery } from "../types/admin.generated";
import { PRODUCT_FOR_POLICY } from "./fragments";

/**
 * What the policy editor asks of Shopify: the shop's catalogue (to show which products a group
 * matches, and the cheapest price a fee must stay under), recent orders for the simulator, and
 * the shop's refund policy text.
 */

export const CATALOGUE_FOR_POLICY = `#graphql
  query CatalogueForPolicy($first: Int!, $after: String) {
    shop { currencyCode }
    products(first: $first, after: $after, sortKey: TITLE) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id title
        ...ProductForPolicy
        collections(first: 10) { nodes { title handle } }
        variants(first: 1) { nodes { price compareAtPrice } }
      }
    }
  }
  ${PRODUCT_FOR_POLICY}
` as const;

export const RECENT_ORDERS = `#graphql
  query RecentOrdersForSimulator($first: Int!, $query: String) {
    orders(first: $first, sortKey: PROCESSED_AT, reverse: true, query: $query) {
      nodes { id name processedAt displayFulfillmentStatus customer { displayName } }
    }
  }
`;

export const SHOP_POLICY_UPDATE = `#graphql
  mutation ShopPolicyUpdate($shopPolicy: ShopPolicyInput!) {
    shopPolicyUpdate(shopPolicy: $shopPolicy) {
      shopPolicy { id type body updatedAt }
      userErrors { field message code }
    }
  }
`;

/** A product as a group matcher sees it: shaped like an order line so the engine's own matcher runs on it. */
export type CatalogueProduct = { id: string; title: string; price: string; line: OrderLine };
export type Catalogue = { currency: string; products: CatalogueProduct[]; complete: boolean };

const PAGE = 100;

/** Up to `max` products, in title order; `complete` says whether that was all of them. */
export async function fetchCatalogue(admin: Admin, max = 500): Promise<Catalogue> {
  const products: CatalogueProduct[] = [];
  let after: string | null = null;
  let currency = "USD";
  for (;;) {
    const data: CatalogueForPolicyQuery = await send(admin, CATALOGUE_FOR_POLICY, { first: Math.min(PAGE, max - products.length), after });
    currency = data.shop.currencyCode;
    for (const p of data.products.nodes) {
      const variant = p.variants.nodes[0];
      const price = variant?.price ?? "0";
      products.push({
        id: p.id,
        title: p.title,
        price,
        line: {
          id: p.id,
          title: p.title,
          productType: p.productType,
          tags: p.tags,
          collections: p.collections.nodes.flatMap((c) => [c.title, c.handle]),
          quantity: 1,
          refundedQuantity: 0,
          unitPrice: price,
          compareAtUnitPrice: variant?.compareAtPrice ?? null,
          discountAllocations: [],
          properties: {},
          metafields: {
            crystal_count: p.crystalCount?.value ? Number(p.crystalCount.value) : null,
            adjustable: p.adjustable?.value === "true",
          },
        },
      });
    }
    if (!data.products.pageInfo.hasNextPage || products.length >= max) {
      return { currency, products, complete: !data.products.pageInfo.hasNextPage };
    }
    after = data.products.pageInfo.endCursor ?? null;
  }
}

/** The cheapest product by its first variant's price, for fee checks. */
export function cheapestOf(catalogue: Catalogue): { title: string; price: string; currency: string } | undefined {
  let best: CatalogueProduct | undefined;
  let bestMinor = Infinity;
  for (const p of catalogue.products) {
    const minor = parseMinorUnits(p.price, catalogue.currency);
    if (minor > 0 && minor < bestMinor) {
      best = p;
      bestMinor = minor;
    }
  }
  return best && { title: best.title, price: best.price, currency: catalogue.currency };
}

export type RecentOrder = { id: string; name: string; processedAt: string; fulfillment: string; customer: string | null };

export async function fetchRecentOrders(admin: Admin, first = 25, query: string | null = null): Promise<RecentOrder[]> {
  const data = await send(admin, RECENT_ORDERS, { first, query });
  return data.orders.nodes.map((o) => ({ id: o.id, name: o.name, processedAt: o.processedAt, fulfillment: o.displayFulfillmentStatus, customer: o.customer?.displayName ?? null }));
}

/** Replaces the shop's refund policy (Settings › Policies) with `body` (HTML). */
export async function updateRefundPolicy(admin: Admin, body: string): Promise<{ id: string; updatedAt: string }> {
  const data = await send(admin, SHOP_POLICY_UPDATE, { shopPolicy: { type: "REFUND_POLICY", body } });
  assertNoUserErrors("ShopPolicyUpdate", data.shopPolicyUpdate);
  const policy = data.shopPolicyUpdate?.shopPolicy;
  if (!policy) throw new Error("shopPolicyUpdate returned no policy");
  return { id: policy.id, updatedAt: policy.updatedAt };
}
