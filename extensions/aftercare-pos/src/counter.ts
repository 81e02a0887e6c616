import type { I18n } from "@shopify/ui-extensions/admin";

import { callAdminApp, AdminAppError, type AdminOrderAnswer, type Entitlement } from "../../shared/admin";
// Type-only: the extension and the app agree on one contract, and nothing of the app is bundled.
import type { CounterOrder, CounterPreview, CounterReturn, CounterTicket, TakenIn } from "../../../app/schemas/pos";

export type { AdminOrderAnswer, CounterOrder, CounterPreview, CounterReturn, CounterTicket, Entitlement, TakenIn };

/**
 * A call to the app from Shopify POS: a relative URL resolves against the app's application_url
 * and POS adds the signed-in user's session token as a bearer itself (as Shopify admin does for
 * the admin extensions, so the same helper serves both).
 */
export const callApp = callAdminApp;
export { AdminAppError as AppError };

export type T = (key: string, options?: Record<string, string | number>) => string;

export function translator(i18n: I18n): T {
  return (key, options) => i18n.translate(key, options);
}

export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A shop-local date (yyyy-mm-dd) as a long date in the POS language, read as the calendar date it is. */
export function localDay(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
