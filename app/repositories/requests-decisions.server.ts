import { parseMinorUnits } from "../domain/money";
import { exchangeSettlementSchema } from "../schemas/requests";

/** Reading the engine's decision a request stores, and the money it gives back (the request's money ceiling). */

/**
 * The engine's decision inside what a request stores: the request flow stores
 * `{ engine: Decision, preview }`, the desk and older rows the engine's decision itself. Every
 * reader of a stored decision goes through this, so both shapes read alike.
 */
export function engineDecisionOf(stored: unknown): unknown {
  if (typeof stored === "object" && stored !== null && !("refund" in stored) && "engine" in stored) {
    return (stored as { engine: unknown }).engine;
  }
  return stored ?? null;
}

/**
 * The exchange difference the shopper was shown and submitted with (the stored preview's
 * `exchange`), when there is one to settle: null for no exchange, a same-value one, or a
 * decision stored before previews carried it.
 */
export function exchangeDifferenceOf(stored: unknown): { settlement: "refund" | "store_credit" | "charge"; amount: { amountMinor: number; currency: string } } | null {
  const preview = typeof stored === "object" && stored !== null && "preview" in stored ? (stored as { preview: unknown }).preview : null;
  const exchange = typeof preview === "object" && preview !== null && "exchange" in preview ? exchangeSettlementSchema.safeParse((preview as { exchange: unknown }).exchange) : null;
  if (!exchange?.success) return null;
  const { settlement, amount } = exchange.data;
  return settlement !== "none" && amount.amountMinor > 0 ? { settlement, amount } : null;
}

/**
 * The money a decision gives back (its refund's total, or for an exchange the difference owed to
 * the shopper), in minor units of the request's currency; 0 when it gives none; null when the decision is not an engine decision in that
 * currency. Takes an engine Decision, or a stored record holding one under `engine`.
 */
export function decidedMinorOf(stored: unknown, currency: string): number | null {
  const decision = engineDecisionOf(stored);
  if (typeof decision !== "object" || decision === null || !("refund" in decision)) return null;
  const refund = (decision as { refund: unknown }).refund;
  if (refund === null) {
    // An exchange moves no refund, but a difference owed to the shopper (refunded or credited in
    // the exchange's processing) is money the decision gives back.
    const difference = exchangeDifferenceOf(stored);
    return difference && difference.settlement !== "charge" && difference.amount.currency === currency ? difference.amount.amountMinor : 0;
  }
  if (typeof refund !== "object") return null;
  const { total, currency: refundCurrency } = refund as { total?: unknown; currency?: unknown };
  if (typeof total !== "string" || (refundCurrency !== undefined && refundCurrency !== currency)) return null;
  return parseMinorUnits(total, currency);
}
