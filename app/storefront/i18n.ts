import { currencyOf, formatMoneyNarrow } from "../domain/money";
import { SHOPPER_MESSAGES, type ShopperMessageKey } from "../schemas/messages";
import { ar, arInput } from "./i18n/ar";
import { en, type Messages } from "./i18n/en";
import { fr, frInput } from "./i18n/fr";
import { REPAIR_MESSAGES } from "./i18n-repair";

export type { Messages } from "./i18n/en";

/**
 * The shopper pages' own words in English, French and Arabic, one module per language in
 * ./i18n/ (English has every key; the others are typed to match it). The merchant's policy sentences
 * are shown as the merchant wrote them; everything around them comes from here. Money and dates
 * are formatted by Intl for the locale, in the order's currency and the shop's time zone.
 */
export const LOCALES = ["en", "fr", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** The storefront's locale ("fr", "fr-CA", "ar-SA"…) as one we speak; English otherwise. */
export function localeOf(value: string | null | undefined): Locale {
  const base = (value ?? "").toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : "en";
}

/**
 * The tag Intl formats dates and amounts with: the storefront's locale as given when it names a
 * region ("en-GB", "fr-CA", the theme block adds the shopper's country), else the language we
 * speak ("en"). Anything that is not a well-formed tag, or in a language we do not speak, falls
 * back to the language `localeOf` chose.
 */
export function formattingLocaleOf(value: string | null | undefined): string {
  const language = localeOf(value);
  try {
    const [tag] = Intl.getCanonicalLocales((value ?? "").replace(/_/g, "-"));
    return tag && localeOf(tag) === language && tag.toLowerCase().startsWith(language) ? tag : language;
  } catch {
    return language;
  }
}

export function direction(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

const MESSAGES: Record<Locale, Messages> = { en, fr, ar };

export type Translate = (key: keyof Messages | string, values?: Record<string, string | number>) => string;

/** A translator for the locale: `t("returnable", { date })`. Unknown keys fall back to English, then to the key. */
export function translator(locale: Locale): Translate {
  const messages = { ...MESSAGES[locale], ...REPAIR_MESSAGES[locale] } as Record<string, string>;
  const fallback = { ...en, ...REPAIR_MESSAGES.en } as Record<string, string>;
  return (key, values = {}) => {
    const template = messages[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
  };
}

/**
 * The request flow's messages about the shopper's input (app/schemas/messages.ts), in French and
 * Arabic. The flow writes them in English; `localiseMessage` finds which one a text is and writes
 * it in the page's language, values kept. A text that is none of them (the merchant's own words
 * from the policy) is shown as it is.
 */
const INPUT_MESSAGES: Record<Exclude<Locale, "en">, Record<ShopperMessageKey, string>> = { fr: frInput, ar: arInput };

/** Each English message as a pattern that finds it in a text and reads its values back. */
const MESSAGE_PATTERNS = (Object.entries(SHOPPER_MESSAGES) as [ShopperMessageKey, string][]).map(([key, template]) => {
  const names: string[] = [];
  const source = template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{(\w+)\\\}/g, (_, name: string) => {
    names.push(name);
    return "(.+?)";
  });
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

/** A message of the request flow (English) in the page's language; any other text unchanged. */
export function localiseMessage(locale: Locale, message: string): string {
  if (locale === "en") return message;
  for (const { key, names, pattern } of MESSAGE_PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
    return INPUT_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
  }
  return message;
}

/** Every field's message in the page's language. */
export function localiseErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, localiseMessage(locale, message)]));
}

/**
 * An amount in minor units, formatted for the locale in its currency (0, 2 or 3 decimals) with the
 * currency's narrow symbol and the locale's sign placement: the domain's formatMoneyNarrow, which
 * knows each currency's exponent (`exponent` must agree with it).
 */
export function formatAmount(amountMinor: number, currency: string, locale: string, exponent: number): string {
  if (currencyOf(currency).exponent !== exponent) throw new Error(`${currency} has ${currencyOf(currency).exponent} decimals, not ${exponent}`);
  return formatMoneyNarrow(amountMinor, currency, locale);
}

/** A shop-local date (yyyy-mm-dd) in the locale's long form. */
export function formatDate(localDate: string, locale: string): string {
  const [y, m, d] = localDate.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as a date in the shop's time zone. */
export function formatInstant(instant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(instant));
}
