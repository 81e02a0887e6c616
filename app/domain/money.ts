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
 * "12.50" as an exact integer count of the currency's minor units (1250); rejects more decimals
 * than the currency has. A digit-by-digit scan rather than a regex and string padding: the engine
 * parses every line's price and discounts on each decision.
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
    minor = minor * 10 + (code - 48);
    digits += 1;
    if (decimals >= 0) decimals += 1;
  }
  if (digits === 0 || decimals === 0) throw new MoneyError(`"${text}" is not a decimal amount`);
  const places = decimals === -1 ? 0 : decimals;
  if (places > exponent) {
    throw new MoneyError(`"${text}" has more decimals than ${currency.code} allows (${exponent})`);
  }
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

/**
 * The share of `total` (a line's discount, in minor units) that `part` of its `whole` units
 * carry. An even split gives every unit the floor of the quotient and one more minor unit to as
 * many units as the remainder counts — exactly dinero's `allocate` with equal ratios, which a test
 * holds it to — so nothing is lost or invented. The returned units take the largest shares,
 * because a request cannot see which units earlier requests returned: this way any sequence of
 * partial returns gives back at most what was paid. Plain arithmetic, as it runs per line.
 */
export function shareOfMinor(total: number, part: number, whole: number): number {
  if (part <= 0 || total === 0) return 0;
  if (part >= whole) return total;
  const sign = total < 0 ? -1 : 1;
  const magnitude = Math.abs(total);
  const base = Math.floor(magnitude / whole);
  const remainder = magnitude - base * whole;
  return sign * (part * base + Math.min(part, remainder));
}
