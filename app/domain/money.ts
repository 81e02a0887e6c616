import * as currencies from "dinero.js/currencies";
import {
  add,
  allocate,
  dinero,
  toDecimal,
  toSnapshot,
  type DineroCurrency,
  type Dinero,
} from "dinero.js";

/**
 * Money is an integer count of the currency's minor units (pence, halalas, fils, yen), never a
 * float. dinero.js supplies the ISO 4217 exponents and the allocation that never loses or invents
 * a minor unit; this module adds exact parsing of the decimal strings Shopify and the scenario
 * contract use.
 */
export type Money = Dinero<number>;

const byCode = currencies as unknown as Record<string, DineroCurrency<number> | undefined>;

export function currencyOf(code: string): DineroCurrency<number> {
  const currency = byCode[code.toUpperCase()];
  if (!currency || typeof currency !== "object" || !("exponent" in currency)) {
    throw new MoneyError(`unknown currency "${code}"`);
  }
  return currency;
}

export class MoneyError extends Error {
  override name = "MoneyError";
}

/** Parses "12.50" exactly; rejects more decimals than the currency has. */
export function parseMoney(text: string, currencyCode: string): Money {
  const currency = currencyOf(currencyCode);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new MoneyError(`"${text}" is not a decimal amount`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > currency.exponent) {
    throw new MoneyError(`"${text}" has more decimals than ${currency.code} allows (${currency.exponent})`);
  }
  const minor = Number(whole) * 10 ** currency.exponent + Number(fraction.padEnd(currency.exponent, "0") || "0");
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`"${text}" is too large`);
  return dinero({ amount: sign ? -minor : minor, currency });
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

export function sum(values: Money[], currencyCode: string): Money {
  return values.reduce((total, value) => add(total, value), money(0, currencyCode));
}

/**
 * The share of `total` (a line's discount) that `part` of its `whole` units carry. dinero splits
 * the total over the units without losing or inventing a minor unit; the returned units take the
 * largest per-unit shares, because a request cannot see which units earlier requests returned:
 * this way any sequence of partial returns gives back at most what was paid.
 */
export function shareOf(total: Money, part: number, whole: number): Money {
  if (part <= 0) return money(0, toSnapshot(total).currency.code);
  if (part >= whole) return total;
  const perUnit = allocate(total, new Array<number>(whole).fill(1)).map(minorUnits);
  perUnit.sort((a, b) => b - a);
  const share = perUnit.slice(0, part).reduce((acc, v) => acc + v, 0);
  return money(share, toSnapshot(total).currency.code);
}
