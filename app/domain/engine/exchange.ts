import { parseMinorUnits } from "../money";
import type { ExchangeRule, OfferedCase } from "../policy/schema";

/** An item the shopper might take instead: another variant of the product, or another product. */
export type ExchangeCandidate = {
  variantId: string;
  title: string;
  productTitle: string;
  sameProduct: boolean;
  /** The item's price now, in the order's currency (a decimal string). */
  price: string;
  available: boolean;
};

/** How a difference in value is settled: nothing moves, the store pays it back, or the shopper pays it. */
export type ExchangeSettlement = "none" | "refund" | "store_credit" | "charge";

export type ExchangeOffer = {
  variantId: string;
  title: string;
  productTitle: string;
  sameProduct: boolean;
  /** What the new items cost and what the returned ones were bought at (minor units, for `quantity`). */
  newValueMinor: number;
  oldValueMinor: number;
  /** Always ≥ 0; `settlement` says who pays it. */
  differenceMinor: number;
  settlement: ExchangeSettlement;
};

/** Without an exchange rule: another variant of the same product at the same price. */
const SAME_PRODUCT_SAME_PRICE: Pick<ExchangeRule, "otherItems" | "difference"> = { otherItems: false, difference: "same_value" };

/**
 * What `line` (its `quantity` units) may be exchanged for under `rules`, in the order's
 * `currency`. Pure: the candidates and their stock come from the caller. Never offered: an item
 * out of stock, the same variant, another product unless the rule allows other items, and a
 * different value unless the rule settles differences. Values compare the price the line was
 * bought at (before order discounts, which stay with the order) with the item's price now.
 */
export function exchangeOffers(rules: OfferedCase | null, line: { unitPrice: string; variantId: string | null }, quantity: number, candidates: ExchangeCandidate[], currency: string): ExchangeOffer[] {
  if (!rules || !rules.resolutions.includes("exchange") || quantity <= 0) return [];
  const rule = rules.exchange ?? SAME_PRODUCT_SAME_PRICE;
  const oldValueMinor = parseMinorUnits(line.unitPrice, currency) * quantity;
  const offers: ExchangeOffer[] = [];
  for (const candidate of candidates) {
    if (!candidate.available || candidate.variantId === line.variantId) continue;
    if (!candidate.sameProduct && !rule.otherItems) continue;
    const newValueMinor = parseMinorUnits(candidate.price, currency) * quantity;
    const delta = newValueMinor - oldValueMinor;
    let settlement: ExchangeSettlement = "none";
    if (delta !== 0) {
      if (rule.difference === "same_value") continue;
      settlement = delta > 0 ? "charge" : rule.difference === "store_credit_or_charge" ? "store_credit" : "refund";
    }
    offers.push({
      variantId: candidate.variantId,
      title: candidate.title,
      productTitle: candidate.productTitle,
      sameProduct: candidate.sameProduct,
      newValueMinor,
      oldValueMinor,
      differenceMinor: Math.abs(delta),
      settlement,
    });
  }
  // Same product first (the usual case: another size), then by how close the value is.
  return offers.sort((a, b) => Number(b.sameProduct) - Number(a.sameProduct) || a.differenceMinor - b.differenceMinor || (a.variantId < b.variantId ? -1 : 1));
}

/** The settlement of several exchanged lines together: what one pays the other, net. */
export function netSettlement(offers: ExchangeOffer[], rule: Pick<ExchangeRule, "difference"> | undefined): { settlement: ExchangeSettlement; amountMinor: number } {
  const net = offers.reduce((sum, o) => sum + (o.settlement === "charge" ? o.differenceMinor : -o.differenceMinor), 0);
  if (net === 0) return { settlement: "none", amountMinor: 0 };
  if (net > 0) return { settlement: "charge", amountMinor: net };
  return { settlement: rule?.difference === "store_credit_or_charge" ? "store_credit" : "refund", amountMinor: -net };
}
