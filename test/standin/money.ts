/**
 * Money as Shopify's Admin API shows it: `Decimal` strings ("129.99", "25.0") in MoneyV2 and
 * MoneyBag objects. The stand-in computes in minor units (pence) so sums never drift.
 */
export type MoneyV2 = { __typename: "MoneyV2"; amount: string; currencyCode: string };
export type MoneyBag = { __typename: "MoneyBag"; shopMoney: MoneyV2; presentmentMoney: MoneyV2 };

/** 12999 → "129.99", 2500 → "25.0" (Shopify prints whole amounts with one decimal place). */
export function decimal(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minor));
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  if (cents === 0) return `${sign}${units}.0`;
  return `${sign}${units}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

/** "129.99" / 129.99 / "25" → 12999 / 2500. Throws on anything that is not a decimal number. */
export function minorUnits(value: string | number): number {
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal amount: ${text}`);
  return Math.round(Number(text) * 100);
}

export function moneyV2(minor: number, currencyCode: string): MoneyV2 {
  return { __typename: "MoneyV2", amount: decimal(minor), currencyCode };
}

/** A shop and presentment amount in the same currency: the demo shop sells only in its own. */
export function moneyBag(minor: number, currencyCode: string): MoneyBag {
  const money = moneyV2(minor, currencyCode);
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: { ...money } };
}

export function minorOf(bag: MoneyBag | MoneyV2): number {
  return minorUnits("shopMoney" in bag ? bag.shopMoney.amount : bag.amount);
}

/** £1,234.50 for pages; Liquid's `money` filter and the theme use it. */
export function formatMoney(minor: number, currencyCode: string, locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode }).format(minor / 100);
}
