import { parseMinorUnits } from "./money";

/**
 * The fees a decision keeps that a Shopify return carries itself (issue 26, "fees on the order"):
 * the restocking percentage (Shopify works out each line's amount from it) and the return-label
 * fee, in the decision's currency (the order's). Null when the decision keeps neither, or refunds
 * nothing. Pure: the gateway turns it into ReturnRequestInput / ReturnInput fields.
 */
export type DecidedReturnFees = { currency: string; restockingPercent: number; returnShippingFeeMinor: number; restockingFeeMinor: number };

type RefundWithFees = { currency: string; fees?: { restocking: string; returnShipping: string; restockingPercent?: number } } | null | undefined;

export function returnFeesOf(refund: RefundWithFees): DecidedReturnFees | null {
  const fees = refund?.fees;
  if (!refund || !fees) return null;
  const restockingFeeMinor = parseMinorUnits(fees.restocking, refund.currency);
  const returnShippingFeeMinor = parseMinorUnits(fees.returnShipping, refund.currency);
  // Decisions stored before the percentage was kept carry none: no restocking fee is put on the return.
  const restockingPercent = restockingFeeMinor > 0 ? (fees.restockingPercent ?? 0) : 0;
  if (restockingPercent <= 0 && returnShippingFeeMinor <= 0) return null;
  return { currency: refund.currency, restockingPercent, returnShippingFeeMinor, restockingFeeMinor: restockingPercent > 0 ? restockingFeeMinor : 0 };
}
