import type { Decision } from "../../domain/engine/decide";
import { exchangeOffers, netSettlement, type ExchangeCandidate, type ExchangeOffer } from "../../domain/engine/exchange";
import type { OfferedCase, Policy } from "../../domain/policy/schema";
import type { ExchangeOption, Preview } from "../../schemas/requests";
import { caseRulesOf } from "./decide.server";
import type { Loaded } from "./shared.server";

/** What a line may be exchanged for on the order as loaded, and the difference an exchange settles. */

/** What a line could be exchanged for: its product's other variants, and other items where the policy allows. */
export function exchangeCandidates(loaded: Loaded, lineId: string): { line: { unitPrice: string; variantId: string | null }; candidates: ExchangeCandidate[] } | null {
  const line = loaded.shopper.lines.find((l) => l.id === lineId);
  if (!line?.variant) return null;
  const productTitle = line.title;
  // An item whose price today in the order's currency Shopify does not give is never offered:
  // its value next to what the shopper paid cannot be known (issue 22, item 5).
  const candidates: ExchangeCandidate[] = line.siblings.flatMap((v) => (v.price === null ? [] : [{ variantId: v.id, title: v.title, productTitle, sameProduct: true, price: v.price, available: v.available }]));
  for (const product of loaded.snapshot.products) {
    if (product.id === line.productId) continue;
    for (const v of product.variants) if (v.price !== null) candidates.push({ variantId: v.id, title: v.title, productTitle: product.title, sameProduct: false, price: v.price, available: v.available });
  }
  // The price the line was bought at (Shopify's original unit price), not the variant's price today.
  return { line: { unitPrice: line.unitPrice, variantId: line.variant.id }, candidates };
}

export function optionOf(offer: ExchangeOffer, currency: string): ExchangeOption {
  const m = (amountMinor: number) => ({ amountMinor, currency });
  return {
    variantId: offer.variantId,
    title: offer.title,
    productTitle: offer.productTitle,
    sameProduct: offer.sameProduct,
    price: m(offer.newValueMinor),
    difference: m(offer.differenceMinor),
    settlement: offer.settlement,
  };
}

/** The case a line's exchange is decided under on the order page (before a reason is chosen): change of mind, else faulty. */
export function exchangeRulesForView(policy: Policy): OfferedCase | null {
  for (const rules of [policy.returns.changeOfMind, policy.returns.faulty]) if (rules.enabled && rules.resolutions.includes("exchange")) return rules;
  return null;
}

export function exchangeOptions(loaded: Loaded, lineId: string, rules: OfferedCase | null, quantity: number): ExchangeOffer[] {
  const found = exchangeCandidates(loaded, lineId);
  if (!found) return [];
  return exchangeOffers(rules, found.line, quantity, found.candidates, loaded.order.currency);
}

/** The exchange's difference over all its lines, settled by the first exchanged line's case rule (one parcel, one settlement). */
export function exchangeSettlement(policy: Policy, decision: Decision, offers: ExchangeOffer[], currency: string): NonNullable<Preview["exchange"]> {
  const first = decision.lines.find((l) => l.eligible && l.resolutions.includes("exchange"));
  const rule = first ? caseRulesOf(policy, first)?.exchange : undefined;
  const net = netSettlement(offers, rule);
  return { settlement: net.settlement, amount: { amountMinor: net.amountMinor, currency }, text: rule?.text ?? null };
}
