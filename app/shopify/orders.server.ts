import { send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import type { OrderLineCollectionsQuery, OrderOpenReturnsQuery } from "../types/admin.generated";
import { ORDER_LINE_FOR_DECISION } from "./fragments";
import { applicationNames, toDecisionOrder, type DecisionOrder, type RawLine, type RawOpenReturn } from "./order-mapping";

/**
 * Everything the policy engine needs about one order, in one query (plus a page per further 20
 * lines, and the order's returns, read from the returns themselves). ORDER_LINES_PAGE reads the
 * further lines through the same fragment.
 */
export const ORDER_FOR_DECISION = `#graphql
  query OrderForDecision($id: ID!, $lines: Int!) {
    shop { ianaTimezone currencyCode shopAddress { countryCodeV2 } }
    order(id: $id) {
      id name processedAt currencyCode presentmentCurrencyCode cancelledAt
      customer { id displayName defaultEmailAddress { emailAddress } }
      shippingAddress { countryCodeV2 }
      totalShippingPriceSet { presentmentMoney { amount } }
      fulfillments(first: 10) { status createdAt deliveredAt }
      refunds(first: 20) { refundShippingLines(first: 2) { nodes { subtotalAmountSet { presentmentMoney { amount } } } } }
      discountApplications(first: 5) {
        nodes {
          index
          value { __typename ... on PricingPercentageValue { percentage } ... on MoneyV2 { amount } }
          ... on DiscountCodeApplication { code }
          ... on AutomaticDiscountApplication { title }
          ... on ManualDiscountApplication { title }
          ... on ScriptDiscountApplication { title }
        }
      }
      lineItems(first: $lines) {
        pageInfo { hasNextPage endCursor }
        nodes { ...OrderLineForDecision }
      }
    }
  }
  ${ORDER_LINE_FOR_DECISION}
` as const;

export const ORDER_LINES_PAGE = `#graphql
  query OrderLinesPage($id: ID!, $lines: Int!, $after: String!) {
    order(id: $id) {
      lineItems(first: $lines, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { ...OrderLineForDecision }
      }
    }
  }
  ${ORDER_LINE_FOR_DECISION}
` as const;

/**
 * The order's returns, a page at a time. Requested and open ones still claim their unprocessed
 * units, whatever `Order.returnStatus` says: that is a display aggregate with a precedence Shopify
 * does not publish (an inspected return can hide a requested one), so it never decides whether
 * to look.
 */
export const ORDER_OPEN_RETURNS = `#graphql
  query OrderOpenReturns($id: ID!, $after: String) {
    order(id: $id) {
      returns(first: 5, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id status
          returnLineItems(first: 50) {
            nodes { quantity ... on ReturnLineItem { processedQuantity fulfillmentLineItem { lineItem { id } } } }
          }
        }
      }
    }
  }
`;

/** Product collections, fetched only for policies that match on collections. */
export const ORDER_LINE_COLLECTIONS = `#graphql
  query OrderLineCollections($id: ID!, $lines: Int!, $after: String) {
    order(id: $id) {
      lineItems(first: $lines, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id product { collections(first: 5) { nodes { handle title } } } }
      }
    }
  }
`;

/**
 * A discount code's minimum spend. The order records the code and what it took off, not the
 * condition it was given under; the engine re-checks it when a partial return leaves the rest of
 * the order below it. Read as the discount stands now: a merchant who changes a code's minimum
 * changes it for earlier orders' returns too.
 */
export const DISCOUNT_MINIMUM = `#graphql
  query DiscountMinimum($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      codeDiscount {
        ... on DiscountCodeBasic { minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } } }
        ... on DiscountCodeFreeShipping { minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } } }
      }
    }
  }
`;

/** Lines per page: one page covers the typical jewellery order. */
export const LINE_PAGE_SIZE = 20;

/**
 * Reads an order for the engine and maps it to the domain's types (order-mapping.ts).
 *
 * @example
 * const { admin } = await authenticate.admin(request);
 * const { shop, order } = await fetchOrderForDecision(admin.graphql, "gid://shopify/Order/1");
 * const decision = decide(policy, { ...scenario, shop, order });
 */
export async function fetchOrderForDecision(
  admin: Admin,
  orderId: string,
  /**
   * `exceptReturnId`: a return whose claimed units still count as returnable — the desk deciding
   * a request again at receipt reads the order as it was before that request's own return.
   */
  options: { collections?: boolean; staggeredPromotions?: string[]; exceptReturnId?: string | null } = {},
): Promise<DecisionOrder> {
  const first = await send(admin, ORDER_FOR_DECISION, { id: orderId, lines: LINE_PAGE_SIZE });
  if (!first.order) throw new ShopifyNotFoundError("OrderForDecision", orderId);
  const lines: RawLine[] = [...first.order.lineItems.nodes];
  let page = first.order.lineItems.pageInfo;
  while (page.hasNextPage && page.endCursor) {
    const next = await send(admin, ORDER_LINES_PAGE, { id: orderId, lines: LINE_PAGE_SIZE, after: page.endCursor });
    if (!next.order) throw new ShopifyNotFoundError("OrderLinesPage", orderId);
    lines.push(...next.order.lineItems.nodes);
    page = next.order.lineItems.pageInfo;
  }
  const openReturns = (await fetchOrderReturns(admin, orderId)).filter((r) => r.id !== options.exceptReturnId);
  const collections = options.collections ? await fetchLineCollections(admin, orderId) : new Map<string, string[]>();
  // Prices are in the shopper's (presentment) currency: a minimum must be set in it to compare.
  const minimums = await fetchMinimumSpends(admin, first.order.discountApplications.nodes.map(applicationNames), first.order.presentmentCurrencyCode);
  return toDecisionOrder(first.shop, first.order, lines, openReturns, collections, minimums, options.staggeredPromotions ?? []);
}

/** Every return of the order (the mapping keeps those that still claim units). */
async function fetchOrderReturns(admin: Admin, orderId: string): Promise<RawOpenReturn[]> {
  const returns: RawOpenReturn[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OrderOpenReturnsQuery = await send(admin, ORDER_OPEN_RETURNS, { id: orderId, after });
    const connection = page.order?.returns;
    if (!connection) return returns;
    returns.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return returns;
    after = connection.pageInfo.endCursor;
  }
}

/** Each discount code's minimum subtotal in the order's currency, by code; codes without one are absent. */
async function fetchMinimumSpends(admin: Admin, applications: { code: string | null }[], currency: string): Promise<Map<string, string>> {
  const minimums = new Map<string, string>();
  const codes = [...new Set(applications.flatMap((a) => (a.code ? [a.code] : [])))];
  for (const code of codes) {
    const node = (await send(admin, DISCOUNT_MINIMUM, { code })).codeDiscountNodeByCode;
    const discount = node?.codeDiscount;
    const requirement = discount && "minimumRequirement" in discount ? discount.minimumRequirement : null;
    const subtotal = requirement && "greaterThanOrEqualToSubtotal" in requirement ? requirement.greaterThanOrEqualToSubtotal : null;
    // A minimum set in another currency cannot be compared with this order's prices.
    if (subtotal && subtotal.currencyCode === currency) minimums.set(code, subtotal.amount);
  }
  return minimums;
}

async function fetchLineCollections(admin: Admin, orderId: string): Promise<Map<string, string[]>> {
  const byLine = new Map<string, string[]>();
  let after: string | null = null;
  for (;;) {
    const page: OrderLineCollectionsQuery = await send(admin, ORDER_LINE_COLLECTIONS, { id: orderId, lines: LINE_PAGE_SIZE, after });
    for (const line of page.order?.lineItems.nodes ?? []) {
      byLine.set(line.id, (line.product?.collections.nodes ?? []).flatMap((c) => [c.handle, c.title]));
    }
    const info: { hasNextPage: boolean; endCursor?: string | null } | undefined = page.order?.lineItems.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) return byLine;
    after = info.endCursor;
  }
}
