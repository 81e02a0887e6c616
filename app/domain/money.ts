import * as currencies from "dinero.js/currencies";
import {
  dinero,
  toDecimal,
  toSnapshot,
  type DineroCurrency,
  type Dinero,
} from "dinero.js";

/**
 * Money is an integer count of the currency's minor units (pence, halalas, fils, yen), never a
 * float. dinero.js supplies the ISO 4217 exponents, the values and their formatting; this module
 * adds exact parsing of the decimal strings Shopify and the scenario contract use, and the even
 * split of a discount over a line's units.
 */
export type Money = Dinero<number>;

const byCode = currencies as unknown as Record<string, DineroCurrency<number> | undefined>;

export function currencyOf(code: string): DineroCurrency<number> {
  const currency = byCode[code] ?? byCode[code.toUpperCase()];
  if (!currency || typeof currency !== "object" || !("exponent" in currency)) {
    throw new MoneyError(`unknown currency "${code}"`);
  }
  return currency;
}

export class MoneyError extends Error {
  override name = "MoneyError";
}

/**
 * "12.50" as an exact integer count of the currency's minor units (1250). Shopify prints amounts
 * with at least one decimal place whatever the currency ("1250.0" for JPY), so decimals past the
 * currency's own are accepted while they are zeros; a non-zero digit there is real precision the
 * currency cannot hold, and is refused. A digit-by-digit scan rather than a regex and string
 * padding: the engine parses every line's price and discounts on each decision.
 */
export function parseMinorUnits(text: string, currencyCode: string): number {
  const currency = currencyOf(currencyCode);
  const exponent = currency.exponent;
  const trimmed = text.trim();
  let i = 0;
  const negative = trimmed.charCodeAt(0) === 45; // "-"
  if (negative) i = 1;
  let minor = 0;
  let digits = 0;
  let decimals = -1; // -1: no decimal point seen yet
  for (; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if (code === 46 && decimals === -1 && digits > 0) {
      decimals = 0;
      continue;
    }
    if (code < 48 || code > 57) throw new MoneyError(`"${text}" is not a decimal amount`);
    digits += 1;
    if (decimals >= 0) {
      decimals += 1;
      if (decimals > exponent) {
        if (code !== 48) throw new MoneyError(`"${text}" has more decimals than ${currency.code} allows (${exponent})`);
        continue;
      }
    }
    minor = minor * 10 + (code - 48);
  }
  if (digits === 0 || decimals === 0) throw new MoneyError(`"${text}" is not a decimal amount`);
  const places = decimals === -1 ? 0 : Math.min(decimals, exponent);
  minor *= 10 ** (exponent - places);
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`"${text}" is too large`);
  return negative ? -minor : minor;
}

/** Parses "12.50" exactly; rejects more decimals than the currency has. */
export function parseMoney(text: string, currencyCode: string): Money {
  return money(parseMinorUnits(text, currencyCode), currencyCode);
}

export function money(minor: number, currencyCode: string): Money {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`${minor} is not a whole number of minor units`);
  return dinero({ amount: minor, currency: currencyOf(currencyCode) });
}

export function minorUnits(value: Money): number {
  const snapshot = toSnapshot(value);
  if (snapshot.scale !== snapshot.currency.exponent) {
    throw new MoneyError("amount is not at the currency's own scale");
  }
  return snapshot.amount;
}

/** "12.50", "1250" (JPY), "12.345" (KWD): the currency's own number of decimals. */
export function formatMoney(value: Money): string {
  return toDecimal(value);
}

/** `minor` printed with the currency's own decimals: 1250 JPY → "1250", 41175 KWD → "41.175". */
export function formatMinorUnits(minor: number, currencyCode: string): string {
  return formatMoney(money(minor, currencyCode));
}

/**
 * `minor` as a reader in `locale` expects to see it: 4410 GBP in en-GB → "£44.10", 1250 JPY →
 * "¥1,250" (no decimals), 41175 KWD → "KWD 41.175" (three). Intl.NumberFormat does the symbol,
 * grouping and sign; it is given the exact decimal string (never a float) and the currency's own
 * ISO 4217 exponent as its number of decimals, so the digits are the ones the ledger holds.
 */
export function formatMoneyIn(minor: number, currencyCode: string, locale: string): string {
  const currency = currencyOf(currencyCode);
  const format = currencyFormat(locale, currency, "symbol");
  // A decimal string is formatted exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(formatMinorUnits(minor, currency.code) as unknown as number);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `minor` for a shopper reading in `locale`: the locale's digits, grouping and sign placement with
 * the currency's narrow symbol, so a French page reads "-19,40 £" (not "-19,40 £GB") and an Arabic
 * one "‏85.00 £" (not "UK£", whose Latin letters the right-to-left page reorders). Where the
 * locale's own narrow symbol only adds a country to the plain one ("UK£", "US$"), the plain one is
 * used; a symbol in the locale's own script ("د.ك.‏") is kept.
 */
export function formatMoneyNarrow(minor: number, currencyCode: string, locale: string): string {
  const currency = currencyOf(currencyCode);
  const format = currencyFormat(locale, currency, "narrowSymbol");
  const plain = plainSymbol(currency.code);
  return format
    .formatToParts(formatMinorUnits(minor, currency.code) as unknown as number)
    .map((part) => (part.type === "currency" && part.value !== plain && part.value.includes(plain) ? plain : part.value))
    .join("");
}

/** One cached Intl format per locale, currency and symbol style, with the currency's own number of decimals. */
function currencyFormat(locale: string, currency: { code: string; exponent: number }, display: "symbol" | "narrowSymbol"): Intl.NumberFormat {
  const key = `${display}|${locale}|${currency.code}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(safeLocale(locale), {
      style: "currency",
      currency: currency.code,
      currencyDisplay: display,
      minimumFractionDigits: currency.exponent,
      maximumFractionDigits: currency.exponent,
    });
    numberFormats.set(key, format);
  }
  return format;
}

const plainSymbols = new Map<string, string>();

/** The currency's narrow symbol in English ("£", "$", "¥"), or its code when it has none. */
function plainSymbol(code: string): string {
  let symbol = plainSymbols.get(code);
  if (symbol === undefined) {
    symbol = new Intl.NumberFormat("en", { style: "currency", currency: code, currencyDisplay: "narrowSymbol" }).formatToParts(0).find((p) => p.type === "currency")?.value ?? code;
    plainSymbols.set(code, symbol);
  }
  return symbol;
}

/** A locale tag Intl accepts, else English: a shop's stored or sent tag is never trusted blindly. */
function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    return "en";
  }
}

/**
 * The locale money and dates are shown in for a shop: the admin's language (Shopify sends it as
 * the `locale` parameter of an embedded app's URL, "en" or "fr-CA") with the shop's country as the
 * region, so a British shop reads "£44.10" and a Japanese one "￥1,250" in the staff's language.
 */
export function shopLocale(language: string | null | undefined, country: string | null | undefined): string {
  let base = "en";
  try {
    base = new Intl.Locale(language || "en").language;
  } catch {
    base = "en";
  }
  try {
    return new Intl.Locale(base, country && /^[A-Za-z]{2}$/.test(country) ? { region: country.toUpperCase() } : {}).toString();
  } catch {
    return base;
  }
}

/** The currency's number of decimal places (ISO 4217 exponent): JPY 0, GBP 2, KWD 3. */
export function exponentOf(currencyCode: string): number {
  return currencyOf(currencyCode).exponent;
}

/**
 * The share of a line's discount `total` (minor units, all `whole` units of the line) that `part`
 * units carry when `already` units of the line were refunded before (CONTRACT rule 7): the first
 * k units refunded carry together floor(total × k ÷ whole), so this is
 * floor(total × (already + part) ÷ whole) − floor(total × already ÷ whole). Successive partial
 * refunds therefore add up to exactly `total`, the last unit taking the remainder, and no
 * sequence of returns gives back more than was paid. Plain arithmetic, as it runs per line;
 * BigInt only when the product would leave the exact range of a double.
 */
export function shareOfMinor(total: number, part: number, whole: number, already = 0): number {
  if (part <= 0 || total === 0 || whole <= 0) return 0;
  const before = Math.min(Math.max(already, 0), whole);
  const after = Math.min(before + part, whole);
  return cumulativeShare(total, after, whole) - cumulativeShare(total, before, whole);
}

function cumulativeShare(total: number, units: number, whole: number): number {
  if (units <= 0) return 0;
  if (units >= whole) return total;
  const sign = total < 0 ? -1 : 1;
  const magnitude = Math.abs(total);
  const product = magnitude * units;
  if (Number.isSafeInteger(product)) return sign * Math.floor(product / whole);
  return sign * Number((BigInt(magnitude) * BigInt(units)) / BigInt(whole));
}
