import type { I18n, SessionToken } from "@shopify/ui-extensions/customer-account";

// Type-only: the extension and the app agree on one contract, and nothing of the app is bundled.
import type { Entitlement, OrderView, Preview, ServicePriceView, ServiceTerms, StatusView, Submitted } from "../../app/schemas/requests";

export type { Entitlement, OrderView, Preview, ServicePriceView, ServiceTerms, StatusView, Submitted };

/**
 * Where the extensions reach the app: shopify.app.toml's `application_url` (a test keeps the two
 * equal). Customer-account extensions run in Shopify's sandbox on another origin, so every call
 * is cross-origin, carries the customer's session token and is answered with the library's CORS
 * headers (authenticate.public.customerAccount).
 */
export const APP_URL = "https://aftercare.example.com";

export type Money = { amountMinor: number; currency: string };

/**
 * What the app answers on /api/customer/orders/:id: the request module's order view, whether
 * anything is left to ask, and each open request's status page on the shop's storefront, by its number.
 */
export type OrderAnswer = { view: OrderView; eligible: boolean; statusUrls: Record<string, string> };

/** A service on "My aftercare": the merchant's name and price for it, and what is left of it. */
export type ServiceLeft = { service: string; name: string | null; price: ServicePriceView | null; turnaround: string | null; charge: "free" | "paid" | null; until: string | null; allowanceLeft: number | null; notes: string[] };

/** "My aftercare": the customer's requests and what each of their items may still get. */
export type AftercareAnswer = {
  requests: StatusView[];
  items: { orderName: string; title: string; services: ServiceLeft[] }[];
};

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
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

/**
 * Integer minor units shown in the customer's locale with the currency's narrow symbol ("£", not
 * "£GB" or "UK£"); the division is for display only.
 */
export function formatMoney(i18n: I18n, money: Money, localization?: Localization): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: money.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const text = i18n.formatCurrency(money.amountMinor / 10 ** digits, { currency: money.currency, currencyDisplay: "narrowSymbol" });
  // Where the locale's narrow symbol only adds a country to the plain one ("UK£" in Arabic), the
  // plain one, as the storefront writes it (app/domain/money.ts, formatMoneyNarrow).
  const plain = symbolIn("en", money.currency) ?? money.currency;
  const local = localization ? symbolIn(localization.language.value.isoCode, money.currency) : null;
  const written = local && local !== plain && local.includes(plain) ? text.replace(local, plain) : text;
  return localization ? isolate(localization, written) : written;
}

function symbolIn(locale: string, currency: string): string | null {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" }).formatToParts(0).find((p) => p.type === "currency")?.value ?? null;
  } catch {
    return null;
  }
}

/**
 * Text the app did not write in the customer's language (the merchant's words, product titles,
 * amounts) isolated by Unicode's first-strong isolate on a right-to-left page: UI extensions have
 * no <bdi>, and an English sentence in an Arabic page would otherwise show its full stop at its
 * start. Left-to-right pages keep the text as it is.
 */
export function isolate(localization: Localization, text: string): string {
  return /^(ar|he|fa|ur)\b/i.test(localization.language.value.isoCode) ? `\u2068${text}\u2069` : text;
}

type Localization = { language: { value: { isoCode: string } }; country?: { value?: { isoCode: string } | null } };

/**
 * The tag dates are written with: the customer's language with their country ("en" in Britain
 * writes "6 December 2026", as the storefront does), the language alone when no country is known.
 */
export function dateLocale(localization: Localization): string {
  const language = localization.language.value.isoCode;
  const country = localization.country?.value?.isoCode;
  if (/[-_]/.test(language) || !country) return language.replace("_", "-");
  try {
    return new Intl.Locale(language, { region: country }).toString();
  } catch {
    return language;
  }
}

/** A shop-local day (yyyy-mm-dd) or an instant, as a long date for the customer. */
export function formatDay(localization: Localization, iso: string): string {
  const day = iso.length === 10;
  return new Intl.DateTimeFormat(dateLocale(localization), { dateStyle: "long", ...(day ? { timeZone: "UTC" } : {}) }).format(new Date(day ? `${iso}T12:00:00Z` : iso));
}

/** One thing the customer can ask for: a return, a faulty-item return, a warranty claim or a service. */
export type Option = { key: string; kind: Entitlement["kind"]; service: Entitlement["service"] };

export function optionKey(entitlement: Pick<Entitlement, "kind" | "service">): string {
  return entitlement.service ? `${entitlement.kind}:${entitlement.service}` : entitlement.kind;
}
