import { minorUnits, money, parseMoney, shareOf, sum, type Money } from "../money";
import type { Policy } from "../policy/schema";
import type { Order, OrderLine } from "../scenario";

export type ReturnedUnits = { line: OrderLine; quantity: number };

export type ItemsRefund = {
  items: Money;
  /** What each returned line paid for its returned units, before any order-level adjustment. */
  perLine: Map<string, Money>;
  /** Discounts lost because the rest of the order fell below their minimum spend. */
  minimumSpendAdjustments: { discountId: string; amount: Money }[];
  staggeredLines: string[];
};

function lineDiscount(line: OrderLine, currency: string, discountId?: string): Money {
  return sum(
    line.discountAllocations
      .filter((a) => discountId === undefined || a.discountId === discountId)
      .map((a) => parseMoney(a.amount, currency)),
    currency,
  );
}

function unitPrice(line: OrderLine, currency: string): number {
  return minorUnits(parseMoney(line.unitPrice, currency));
}

/** What the customer paid for `quantity` units: price less their even share of the line's discounts. */
export function paidFor(line: OrderLine, quantity: number, currency: string): Money {
  const gross = unitPrice(line, currency) * quantity;
  const discount = minorUnits(shareOf(lineDiscount(line, currency), quantity, line.quantity));
  return money(Math.max(0, gross - discount), currency);
}

/**
 * The refund for returned units (CONTRACT rule 7): what was paid for them, except that a
 * staggered promotion refunds the lowest net unit price among the lines it touched, and a
 * partial return that leaves the rest of the order below a discount's minimum spend gives back
 * the whole of that discount instead of the returned units' share. Never below zero and never
 * more than was paid for the units.
 */
export function refundForItems(order: Order, returned: ReturnedUnits[], policy: Policy, currency: string): ItemsRefund {
  const perLine = new Map<string, Money>();
  const staggeredLines: string[] = [];
  const staggered = policy.discounts.staggeredRefundLowest.enabled
    ? order.discounts.filter((d) => d.kind === "staggered")
    : [];

  for (const { line, quantity } of returned) {
    let paid = paidFor(line, quantity, currency);
    for (const discount of staggered) {
      const touched = order.lines.filter((l) => l.discountAllocations.some((a) => a.discountId === discount.id));
      if (!touched.some((l) => l.id === line.id)) continue;
      const lowestNetUnit = Math.min(...touched.map((l) => minorUnits(paidFor(l, 1, currency))));
      const lowest = lowestNetUnit * quantity;
      if (lowest < minorUnits(paid)) paid = money(lowest, currency);
      staggeredLines.push(line.id);
    }
    perLine.set(line.id, paid);
  }

  let total = minorUnits(sum([...perLine.values()], currency));
  const minimumSpendAdjustments: ItemsRefund["minimumSpendAdjustments"] = [];

  if (policy.discounts.recheckMinimumSpend.enabled) {
    const returnedQty = new Map(returned.map((r) => [r.line.id, r.quantity]));
    const remaining = order.lines.reduce(
      (acc, l) => acc + unitPrice(l, currency) * (l.quantity - (returnedQty.get(l.id) ?? 0)),
      0,
    );
    for (const discount of order.discounts) {
      if (discount.minimumSubtotal === null) continue;
      if (remaining >= minorUnits(parseMoney(discount.minimumSubtotal, currency))) continue;
      const whole = order.lines.reduce((acc, l) => acc + minorUnits(lineDiscount(l, currency, discount.id)), 0);
      const alreadyShared = returned.reduce(
        (acc, r) => acc + minorUnits(shareOf(lineDiscount(r.line, currency, discount.id), r.quantity, r.line.quantity)),
        0,
      );
      const extra = whole - alreadyShared;
      if (extra > 0) {
        total -= extra;
        minimumSpendAdjustments.push({ discountId: discount.id, amount: money(extra, currency) });
      }
    }
  }

  return { items: money(Math.max(0, total), currency), perLine, minimumSpendAdjustments, staggeredLines };
}
