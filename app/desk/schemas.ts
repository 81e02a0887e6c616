import { z } from "zod";

/** What the desk's actions accept (client-safe: the routes' forms and the use-case module share them). */

export const declineSchema = z.object({
  reason: z.enum(["RETURN_PERIOD_ENDED", "FINAL_SALE", "OTHER"]),
  message: z.string().trim().min(1, "Write a message to the shopper").max(500),
});
export const inspectSchema = z.object({ asDescribed: z.boolean(), note: z.string().trim().max(2000).default("") });
export const noteSchema = z.object({ note: z.string().trim().min(1, "Write the note").max(2000) });
export const overrideSchema = z.object({
  lineId: z.string().min(1),
  decision: z.enum(["approve", "refuse"]),
  note: z.string().trim().min(1, "An override needs a note saying why").max(2000),
});
export const resolveSchema = z.object({
  method: z.enum(["refund", "store_credit", "exchange", "repair", "replacement", "parts", "quote"]),
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

export const quoteAnswerSchema = z.object({ answer: z.enum(["accept", "decline"]) });
