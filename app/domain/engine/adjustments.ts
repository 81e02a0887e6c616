import { parseMinorUnits } from "../money";
import type { BonusRule, FeesRule, OfferedCase } from "../policy/schema";

/**
 * What a case's bonus and fees change in a refund, in minor units of the order's currency.
 * Kept apart from the refund arithmetic (refund.ts) so the policy editor's additions never touch
 * how an item's paid price is worked out. Percentages round down (the shopper is never promised
 * a fraction of a minor unit); fees never take the refund below zero.
 */
export type RefundAdjustment = {
  bonus: number;
  restockingFee: number;
  returnShippingFee: number;
  bonusRule: BonusRule | null;
  feesRule: FeesRule | null;
};

export function refundAdjustment(
  rules: OfferedCase,
  itemsMinor: number,
  method: "original_payment" | "store_credit",
  currency: string,
): RefundAdjustment {
  const bonusRule = rules.bonus ?? null;
  const feesRule = rules.fees ?? null;
  const bonus = method === "store_credit" && bonusRule?.storeCreditPercent ? Math.floor((itemsMinor * bonusRule.storeCreditPercent) / 100) : 0;
  const restockingFee = feesRule?.restockingPercent ? Math.floor((itemsMinor * feesRule.restockingPercent) / 100) : 0;
  const label = feesRule?.returnShippingFee ? parseMinorUnits(feesRule.returnShippingFee, currency) : 0;
  // The label fee is kept at most up to what is left after restocking: never a negative refund.
  const returnShippingFee = Math.min(label, Math.max(0, itemsMinor - restockingFee));
  return { bonus, restockingFee, returnShippingFee, bonusRule, feesRule };
}

/** The bonus added to an exchange's value, when the shopper prefers an exchange. */
export function exchangeBonus(rules: OfferedCase, itemsMinor: number): number {
  const percent = rules.bonus?.exchangePercent;
  return percent ? Math.floor((itemsMinor * percent) / 100) : 0;
}
