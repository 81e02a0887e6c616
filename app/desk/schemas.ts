import { z } from "zod";

import { exponentOf } from "../domain/money";
import { CAUSES } from "../domain/vocabulary";

/** What the desk's actions accept (client-safe: the routes' forms and the use-case module share them). */

/** Why the desk cancels a request before its item arrives, in the team's words (kept on the timeline). */
export const cancelSchema = z.object({
  reason: z.string().trim().min(1, "Say why the request is cancelled").max(500),
});
export const declineSchema = z.object({
  reason: z.enum(["RETURN_PERIOD_ENDED", "FINAL_SALE", "OTHER"]),
  message: z.string().trim().min(1, "Write a message to the shopper").max(500),
});
/**
 * What the shop found on one line once the item arrived, in the scenario contract's terms (the
 * form shows them in the policy's words, see app/desk/inspection.ts): its condition, and the
 * cause of any damage (null: none found, or not known).
 */
export const findingSchema = z.object({
  lineId: z.string().min(1).max(64),
  condition: z.object({
    used: z.boolean(),
    worn: z.boolean(),
    tagsAttached: z.boolean(),
    originalPackaging: z.boolean(),
    packagingOpened: z.boolean(),
    soiled: z.boolean().default(false),
    damaged: z.boolean().default(false),
  }),
  cause: z.enum(CAUSES, { message: "Choose a cause from the policy's list" }).nullable().default(null),
});
export type Finding = z.infer<typeof findingSchema>;

/** The inspection: a finding for every line of the request, and the team's own note. */
export const inspectSchema = z.object({
  lines: z.array(findingSchema).min(1, "Record what was found on each item").max(100),
  note: z.string().trim().max(2000).default(""),
});
export const noteSchema = z.object({ note: z.string().trim().min(1, "Write the note").max(2000) });
export const overrideSchema = z.object({
  lineId: z.string().min(1),
  decision: z.enum(["approve", "refuse"]),
  note: z.string().trim().min(1, "An override needs a note saying why").max(2000),
});
export const resolveSchema = z.object({
  method: z.enum(["refund", "store_credit", "exchange", "repair", "replacement", "parts", "service", "quote"]),
  /** Parts sent only: how many (crystals, stones, clasps). */
  parts: z.coerce.number().int().min(1, "Say how many parts were sent").max(1000).nullable().default(null),
  /**
   * Store credit only: null gives the policy's expiry (its period from its starting point); a
   * number of days from today overrides it, which needs a note and is recorded.
   */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
  note: z.string().trim().max(2000).default(""),
});
export type ResolveInput = z.input<typeof resolveSchema>;

/** A paid repair quote: the price in the order's currency (a decimal as typed) and what it covers. */
export const quoteSchema = z.object({
  amount: z.string().trim().regex(/^\d{1,9}(\.\d{1,3})?$/, "Enter the price as a number, for example 45.00"),
  description: z.string().trim().min(1, "Say what the quote covers").max(500),
});

/**
 * Why `amount` (as typed, already in quoteSchema's shape) is not a price in `currency`, or null:
 * a price may have at most as many decimals as the currency has minor units (ISO 4217: JPY 0,
 * GBP 2, KWD 3), so "45.001" GBP or "4500.50" JPY is refused beside the field, never rounded.
 * Trailing zeros beyond them change nothing and pass ("45.000" GBP is 45.00).
 */
export function quotePriceIssue(amount: string, currency: string): string | null {
  const decimals = /\.(\d*?)0*$/.exec(amount.trim())?.[1].length ?? 0;
  let exponent: number;
  try {
    exponent = exponentOf(currency);
  } catch {
    return `${currency} is not a currency a price can be given in.`;
  }
  if (decimals <= exponent) return null;
  const example = exponent === 0 ? "4500" : `45.${"0".repeat(exponent)}`;
  return exponent === 0
    ? `${currency} has no decimal places: enter the price in whole units, for example ${example}`
    : `${currency} has ${exponent} decimal place${exponent === 1 ? "" : "s"}: enter the price with at most ${exponent}, for example ${example}`;
}

export const quoteAnswerSchema = z.object({ answer: z.enum(["accept", "decline"]) });

/**
 * Evidence of sending staff accept (issue 26, seed 002): the carrier's tracking read as moving
 * (in transit or delivered) or the shopper's photo of the proof of postage. Recorded on the
 * timeline; where the policy refunds on evidence of sending, the money may then go before receipt.
 */
export const evidenceSchema = z.discriminatedUnion("evidence", [
  z.object({ evidence: z.literal("tracking"), tracking: z.enum(["in_transit", "delivered"], { message: "Say what the carrier's tracking shows: in transit or delivered" }) }),
  z.object({ evidence: z.literal("proof") }),
]);
export type EvidenceInput = z.input<typeof evidenceSchema>;
