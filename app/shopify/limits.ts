import { z } from "zod";

import type { ShopifyUserErrors } from "./errors";

/**
 * The limits the 2026-10 schema's descriptions put on what Aftercare sends, checked before the
 * call so the shopper or merchant gets a message they can act on instead of a refusal from
 * Shopify. Route and form schemas use the same zod schemas.
 * - ReturnRequestLineItemInput.customerNote: "Maximum length: 300 characters."
 * - ReturnDeclineRequestInput.declineNote: "Maximum length: 500 characters."
 * - connections' `first`/`last`: at most 250 per page.
 * Shopify counts characters (code points), so an emoji is one character, as here.
 */
export const SHOPIFY_LIMITS = { customerNote: 300, declineNote: 500, pageSize: 250 } as const;

function characters(text: string): number {
  return [...text].length;
}

function limitedText(max: number, message: (length: number) => string) {
  return z.string().superRefine((text, ctx) => {
    const length = characters(text);
    if (length > max) ctx.addIssue({ code: "custom", message: message(length) });
  });
}

/** The shopper's note on a returned item. */
export const customerNoteSchema = limitedText(
  SHOPIFY_LIMITS.customerNote,
  (length) => `Your note is ${length} characters long. Please shorten it to ${SHOPIFY_LIMITS.customerNote} characters or fewer.`,
);

/** The merchant's note to the shopper when declining a return request. */
export const declineNoteSchema = limitedText(
  SHOPIFY_LIMITS.declineNote,
  (length) => `The note to the customer is ${length} characters long; Shopify sends at most ${SHOPIFY_LIMITS.declineNote}. Please shorten it.`,
);

/** Input that breaks one of Shopify's limits: nothing was sent, the person can correct it. */
export class InputLimitError extends Error {
  override name = "InputLimitError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `value` with `schema`, throwing InputLimitError (naming `field`) with the schema's message. */
export function withinLimit<T>(schema: z.ZodType<T>, field: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputLimitError(field, parsed.error.issues[0]?.message ?? `${field} is not accepted`);
  return parsed.data;
}

/** What a merchant can do about Shopify's refusal of a store-credit or return write. */
export function merchantMessage(error: ShopifyUserErrors): string {
  if (error.has("CREDIT_LIMIT_EXCEEDED")) {
    return "This credit would take the customer's store-credit balance over Shopify's limit for the account. Issue a smaller amount, or refund to the original payment instead.";
  }
  if (error.has("TOO_LONG")) return "A note is longer than Shopify accepts. Please shorten it and try again.";
  return error.message;
}
