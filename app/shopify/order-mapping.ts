import { formatMoney, money, parseMinorUnits, parseMoney } from "../domain/money";
import type { Discount, Order, OrderLine, ShopContext } from "../domain/scenario";
import type { OrderForDecisionQuery, OrderOpenReturnsQuery } from "../types/admin.generated";

type RawShop = OrderForDecisionQuery["shop"];
type RawOrder = NonNullable<OrderForDecisionQuery["order"]>;
export type RawLine = RawOrder["lineItems"]["nodes"][number];
export type RawOpenReturn = NonNullable<OrderOpenReturnsQuery["order"]>["returns"]["nodes"][number];

/** The engine's view of a Shopify order, plus what the desk records about it. */
export type DecisionOrder = {
  shop: ShopContext;
  order: Order;
  orderId: string;
  orderName: string;
  /** The order's presentment currency: what the shopper paid in, and what every amount is in. */
  currency: string;
  cancelled: boolean;
  customer: { id: string; name: string; email: string | null } | null;
  /**
   * Lines bought but no longer returnable, by id: `returned` units Shopify records as refunded or
   * returned (processed); the rest are claimed by a return still open in Shopify.
   */
  unavailable: { lineId: string; title: string; bought: number; returned: number }[];
};

/** Shopify prints "25.0", "1250.0" (JPY) and "129.99"; the domain wants the currency's own decimals ("25.00", "1250"). */
function decimal(amount: string, currency: string): string {
  return formatMoney(parseMoney(amount, currency));
}

type RawApplication = RawOrder["discountApplications"]["nodes"][number];
/** What the mapping reads of a discount application, whichever kind it is (code or automatic, manual, script). */
type ApplicationNames = { index: number; code: string | null; title: string | null };

export function applicationNames(application: RawApplication): ApplicationNames {
  return { index: application.index, code: "code" in application ? application.code : null, title: "title" in application ? application.title : null };
}

function discountId(application: ApplicationNames): string {
  return application.code ?? application.title ?? `discount ${application.index}`;
}

/** Whether the policy names this discount (by code or title, in any case) as a staggered promotion. */
function isStaggered(application: ApplicationNames, promotions: Set<string>): boolean {
  if (promotions.size === 0) return false;
  return [application.code, application.title].some((name) => typeof name === "string" && promotions.has(name.trim().toLowerCase()));
}

function metafieldValue(value: string | undefined | null): string | number | boolean | null {
  if (value === undefined || value === null || value === "") return null;
  if (value === "true" || value === "false") return value === "true";
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/**
 * Maps Shopify's order (OrderForDecision, its further line pages and open returns) to the
 * domain's Order and ShopContext. The only place that knows both shapes:
 * - every amount is the order's `presentmentMoney`, in its presentment currency (what the shopper
 *   paid in; refunds and store credit go back in it), never the shop's converted `shopMoney`;
 * - a line's quantity is what was bought; `refundedQuantity` is what can no longer be returned:
 *   bought less `refundableQuantity` (refunds, including processed returns) plus what open
 *   returns still claim, so the engine gives the next units their exact share (rule 7);
 * - unit prices are Shopify's original unit price; discounts stay separate allocations for the
 *   whole line, keyed by the discount code or title, so the engine can take back a minimum-spend
 *   discount; discounts the policy names as staggered promotions become kind `staggered`;
 * - `deliveredAt` is the latest delivery of a successful fulfillment, `fulfilledAt` the latest
 *   successful fulfillment's creation (receipt is counted from it when no delivery is known),
 *   `placedAt` the processing time; `shippingRefunded` sums the refunds' shipping lines;
 * - product metafields `custom.crystal_count` and `custom.adjustable` become `crystal_count` and
 *   `adjustable`, the keys the presets match on.
 */
export function toDecisionOrder(
  rawShop: RawShop,
  raw: RawOrder,
  lines: RawLine[],
  openReturns: RawOpenReturn[],
  collections: Map<string, string[]> = new Map(),
  minimumSpends: Map<string, string> = new Map(),
  staggeredPromotions: string[] = [],
): DecisionOrder {
  const currency = raw.presentmentCurrencyCode;
  const promotions = new Set(staggeredPromotions.map((name) => name.trim().toLowerCase()));
  const claimed = new Map<string, number>();
  const processed = new Map<string, number>();
  for (const ret of openReturns) {
    if (ret.status !== "OPEN" && ret.status !== "REQUESTED") continue;
    for (const rli of ret.returnLineItems.nodes) {
      // An unverified line (not from a fulfillment) claims no order line.
      if (!("fulfillmentLineItem" in rli)) continue;
      const lineId = rli.fulfillmentLineItem.lineItem.id;
      claimed.set(lineId, (claimed.get(lineId) ?? 0) + rli.quantity - (rli.processedQuantity ?? 0));
      processed.set(lineId, (processed.get(lineId) ?? 0) + (rli.processedQuantity ?? 0));
    }
  }
  const applications = raw.discountApplications.nodes.map((a) => ({ ...applicationNames(a), value: a.value }));
  const byIndex = new Map(applications.map((a) => [a.index, a]));
  const discounts: Discount[] = applications.map((a) => ({
    id: discountId(a),
    kind: isStaggered(a, promotions) ? "staggered" : a.value.__typename === "PricingPercentageValue" ? "percentage" : "fixed_amount",
    value: a.value.__typename === "PricingPercentageValue" ? String(a.value.percentage) : decimal(a.value.amount ?? "0", currency),
    // The order does not carry a code's minimum spend: the gateway reads it from the discount
    // (DISCOUNT_MINIMUM). Without one the engine skips the minimum-spend re-check, never guesses.
    minimumSubtotal: a.code && minimumSpends.has(a.code) ? decimal(minimumSpends.get(a.code) as string, currency) : null,
  }));

  const orderLines: OrderLine[] = [];
  const unavailable: DecisionOrder["unavailable"] = [];
  for (const line of lines) {
    const returnable = Math.max(0, line.refundableQuantity - (claimed.get(line.id) ?? 0));
    if (returnable === 0) {
      // A processed return is usually refunded too: the larger of the two, not their sum.
      const returned = Math.min(line.quantity, Math.max(line.quantity - line.refundableQuantity, processed.get(line.id) ?? 0));
      unavailable.push({ lineId: line.id, title: line.title, bought: line.quantity, returned });
      continue;
    }
    const properties: Record<string, string> = {};
    for (const attribute of line.customAttributes) properties[attribute.key] = attribute.value ?? "";
    const metafields: OrderLine["metafields"] = {};
    const crystals = metafieldValue(line.product?.crystalCount?.value);
    const adjustable = metafieldValue(line.product?.adjustable?.value);
    if (crystals !== null) metafields.crystal_count = crystals;
    if (adjustable !== null) metafields.adjustable = adjustable;
    // Allocations cover every unit bought; the engine gives the returned units their share of
    // them after the units already refunded or claimed (CONTRACT rule 7).
    orderLines.push({
      id: line.id,
      title: line.title,
      productType: line.product?.productType ?? "",
      tags: line.product?.tags ?? [],
      collections: collections.get(line.id) ?? [],
      quantity: line.quantity,
      refundedQuantity: line.quantity - returnable,
      unitPrice: decimal(line.originalUnitPriceSet.presentmentMoney.amount, currency),
      compareAtUnitPrice: line.variant?.compareAtPrice ? decimal(line.variant.compareAtPrice, currency) : null,
      discountAllocations: line.discountAllocations.map((allocation) => ({
        discountId: discountId(byIndex.get(allocation.discountApplication.index) ?? { index: allocation.discountApplication.index, code: null, title: null }),
        amount: decimal(allocation.allocatedAmountSet.presentmentMoney.amount, currency),
      })),
      properties,
      metafields,
    });
  }

  const delivered = raw.fulfillments
    .filter((f) => f.status === "SUCCESS" && f.deliveredAt)
    .map((f) => f.deliveredAt as string)
    .sort();
  const fulfilled = raw.fulfillments
    .filter((f) => f.status === "SUCCESS")
    .map((f) => f.createdAt as string)
    .sort();
  let shippingRefunded = 0;
  for (const refund of raw.refunds) {
    for (const line of refund.refundShippingLines.nodes) shippingRefunded += parseMinorUnits(line.subtotalAmountSet.presentmentMoney.amount, currency);
  }

  return {
    shop: { country: rawShop.shopAddress.countryCodeV2 ?? "US", timezone: rawShop.ianaTimezone, currency: rawShop.currencyCode },
    order: {
      placedAt: raw.processedAt,
      deliveredAt: delivered.at(-1) ?? null,
      fulfilledAt: fulfilled.at(-1) ?? null,
      currency,
      shippingCountry: raw.shippingAddress?.countryCodeV2 ?? null,
      shippingCharged: decimal(raw.totalShippingPriceSet.presentmentMoney.amount, currency),
      shippingRefunded: formatMoney(money(shippingRefunded, currency)),
      discounts,
      lines: orderLines,
    },
    orderId: raw.id,
    orderName: raw.name,
    currency,
    cancelled: raw.cancelledAt !== null,
    customer: raw.customer ? { id: raw.customer.id, name: raw.customer.displayName, email: raw.customer.defaultEmailAddress?.emailAddress ?? null } : null,
    unavailable,
  };
}
