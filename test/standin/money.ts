import { exponentOf, formatMinorUnits, parseMinorUnits } from "../../app/domain/money";

/**
 * Money as Shopify's Admin API shows it: `Decimal` strings in MoneyV2 and MoneyBag objects,
 * printed with at least one decimal place and no trailing zeros beyond it ("129.99", "25.0",
 * "1250.0" for JPY, "41.175" for KWD). The stand-in computes in integer minor units of each
 * currency, through the domain's own currency functions, so sums never drift.
 *
 * An order is paid in its presentment currency (what the shopper saw); the shop keeps its books
 * in its own currency. A MoneyBag carries both: `presentmentMoney` is the amount, `shopMoney` the
 * same amount converted at the order's rate. The stand-in computes every order figure in the
 * presentment currency, as Shopify's refunds must be.
 */
export type MoneyV2 = { __typename: "MoneyV2"; amount: string; currencyCode: string };
export type MoneyBag = { __typename: "MoneyBag"; shopMoney: MoneyV2; presentmentMoney: MoneyV2 };

/** How an order's presentment amounts become shop amounts: shop units per presentment unit ("0.85"). */
export type ShopConversion = { currencyCode: string; rate: string };

/** 12999 GBP → "129.99", 2500 → "25.0", 1250 JPY → "1250.0", 41175 KWD → "41.175". */
export function decimal(minor: number, currencyCode = "GBP"): string {
  const text = formatMinorUnits(minor, currencyCode);
  if (!text.includes(".")) return `${text}.0`;
  return text.replace(/0+$/, "").replace(/\.$/, ".0");
}

/** "129.99" / 129.99 / "1250.0" → minor units of the currency. Throws on anything that is not an exact amount. */
export function minorUnits(value: string | number, currencyCode = "GBP"): number {
  return parseMinorUnits(String(value), currencyCode);
}

export function moneyV2(minor: number, currencyCode: string): MoneyV2 {
  return { __typename: "MoneyV2", amount: decimal(minor, currencyCode), currencyCode };
}

/**
 * A presentment amount and its shop-currency counterpart. Without a conversion (or with the same
 * currency) both sides are the same amount.
 */
export function moneyBag(minor: number, currencyCode: string, shop?: ShopConversion): MoneyBag {
  const presentment = moneyV2(minor, currencyCode);
  const shopMoney = !shop || shop.currencyCode === currencyCode ? { ...presentment } : moneyV2(convert(minor, currencyCode, shop.currencyCode, shop.rate), shop.currencyCode);
  return { __typename: "MoneyBag", shopMoney, presentmentMoney: presentment };
}

/** An amount of an order, in its presentment currency, with the shop-currency side at the order's rate. */
export function orderMoney(order: { currencyCode: string; presentmentCurrencyCode: string; presentmentRate?: string }, minor: number): MoneyBag {
  return moneyBag(minor, order.presentmentCurrencyCode, { currencyCode: order.currencyCode, rate: order.presentmentRate ?? "1" });
}

/** The amount a bag or MoneyV2 holds, in minor units of its (presentment) currency. */
export function minorOf(bag: MoneyBag | MoneyV2): number {
  const money = "presentmentMoney" in bag ? bag.presentmentMoney : bag;
  return parseMinorUnits(money.amount, money.currencyCode);
}

/**
 * `minor` of `from` in minor units of `to` at `rate` (units of `to` per unit of `from`, a decimal
 * string), rounded half away from zero: exact integer arithmetic, no floats.
 */
export function convert(minor: number, from: string, to: string, rate: string): number {
  const [whole, fraction = ""] = rate.trim().split(".");
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) throw new Error(`not a rate: ${rate}`);
  const rateScaled = BigInt(whole + fraction);
  const rateScale = 10n ** BigInt(fraction.length);
  const shift = exponentOf(to) - exponentOf(from);
  let numerator = BigInt(Math.abs(minor)) * rateScaled;
  let denominator = rateScale;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  const rounded = (numerator * 2n + denominator) / (denominator * 2n);
  return (minor < 0 ? -1 : 1) * Number(rounded);
}

/** £1,234.50, ¥1,250, KWD 41.175 for pages; Liquid's `money` filter and the theme use it. */
export function formatMoney(minor: number, currencyCode: string, locale = "en-GB"): string {
  // Intl formats a decimal string exactly (no float on the way).
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode }).format(formatMinorUnits(minor, currencyCode) as unknown as number);
}
