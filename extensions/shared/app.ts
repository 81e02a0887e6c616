import type { I18n, SessionToken } from "@shopify/ui-extensions/customer-account";

/**
 * Where the extensions reach the app: shopify.app.toml's `application_url` (a test keeps the two
 * equal). Customer-account extensions run in Shopify's sandbox on another origin, so every call
 * is cross-origin, carries the customer's session token and is answered with the library's CORS
 * headers (authenticate.public.customerAccount).
 */
export const APP_URL = "https://aftercare.example.com";

export type Money = { minor: number; currency: string; decimal: string };

/** One thing the app says a line may still have done, in the merchant's words. */
export type LineOption = {
  kind: "return" | "exchange" | "warranty" | "repair" | "service";
  key: string;
  label: string;
  eligible: boolean;
  why: string;
  resolutions: string[];
};

export type OrderLine = { id: string; title: string; variantTitle: string | null; quantity: number; options: LineOption[] };
export type OrderView = { order: { id: string; name: string; currency: string }; lines: OrderLine[]; eligible: boolean; reasons: { value: string; label: string }[] };

export type Choice = { option: string; lines: { id: string; quantity: number }[]; resolution: string | null; reason: string | null; note: string; photos: { name: string; type: string; data: string }[] };
export type Preview = { decision: "accepted" | "review" | "refused"; amount: Money | null; why: string[]; resolution: string | null };
export type Submitted = { request: { id: string; reference: string; status: string } };

export type AftercareView = {
  requests: { id: string; reference: string; orderName: string; kind: string; status: string; createdAt: string; amount: Money | null }[];
  items: { title: string; orderName: string; services: { name: string; remaining: number | null }[] }[];
};

export class AppError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A call to the app with a fresh session token (Shopify caches it until it nears expiry). */
export async function callApp<T>(api: { sessionToken: SessionToken }, path: string, body?: unknown): Promise<T> {
  const token = await api.sessionToken.get();
  const response = await fetch(`${APP_URL}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => ({}))) as { error?: string } & T;
  if (!response.ok) throw new AppError(response.status, payload.error ?? response.statusText);
  return payload;
}

/** The order's numeric id, whichever form the API hands over (`gid://shopify/Order/1` or `1`). */
export function orderNumber(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

/** Money from the app (integer minor units) in the customer's locale; the float is for display only. */
export function formatMoney(i18n: I18n, money: Money): string {
  return i18n.formatCurrency(Number(money.decimal), { currency: money.currency });
}
