import { money, parseMinorUnits, shareOfMinor, type Money } from "../money";
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

/** A line's money in minor units, parsed once per decision. */
type PricedLine = {
  line: OrderLine;
  unit: number;
  /** All of the line's discount allocations, for all its units. */
  discount: number;
  byDiscount: Map<string, number>;
};

function priceLine(line: OrderLine, currency: string): PricedLine {
  const byDiscount = new Map<string, number>();
  let discount = 0;
  for (const allocation of line.discountAllocations) {
    const amount = parseMinorUnits(allocation.amount, currency);
    discount += amount;
    byDiscount.set(allocation.discountId, (byDiscount.get(allocation.discountId) ?? 0) + amount);
  }
  return { line, unit: parseMinorUnits(line.unitPrice, currency), discount, byDiscount };
}

/**
 * What the customer paid for `quantity` more units after `already` were refunded: price less
 * their floor-of-cumulative share of the line's discounts (rule 7).
 */
function paidFor(priced: PricedLine, quantity: number, already: number): number {
  const gross = priced.unit * quantity;
  return Math.max(0, gross - shareOfMinor(priced.discount, quantity, priced.line.quantity, already));
}

/**
 * The refund for returned units (CONTRACT rule 7): what was paid for them, except that a
 * staggered promotion refunds the lowest net unit price among the lines it touched, and a
 * partial return that leaves the rest of the order below a discount's minimum spend gives back
 * the whole of that discount instead of the returned units' share. Never below zero and never
 * more than was paid for the units.
 *
 * Amounts are parsed once into integer minor units; each order-level figure (the lowest price a
 * staggered promotion gave, the subtotal left behind) is computed once, so the cost grows
 * linearly with the order's lines.
 */
export function refundForItems(order: Order, returned: ReturnedUnits[], policy: Policy, currency: string): ItemsRefund {
  const priced = new Map<string, PricedLine>();
  const pricedLine = (line: OrderLine) => {
    let p = priced.get(line.id);
    if (!p) {
      p = priceLine(line, currency);
      priced.set(line.id, p);
    }
    return p;
  };

  const staggered = policy.discounts.staggeredRefundLowest.enabled
    ? order.discounts.filter((d) => d.kind === "staggered")
    : [];
  // Per staggered promotion: the lowest net unit price among the lines it touched.
  const lowestNetUnit = new Map<string, number>();
  for (const discount of staggered) {
    let lowest = Infinity;
    for (const line of order.lines) {
      const p = pricedLine(line);
      if (p.byDiscount.has(discount.id)) lowest = Math.min(lowest, paidFor(p, 1, 0));
    }
    if (lowest !== Infinity) lowestNetUnit.set(discount.id, lowest);
  }

  const perLineMinor = new Map<string, number>();
  const staggeredLines: string[] = [];
  for (const { line, quantity } of returned) {
    const p = pricedLine(line);
    let paid = paidFor(p, quantity, line.refundedQuantity);
    for (const discount of staggered) {
      const lowest = lowestNetUnit.get(discount.id);
      if (lowest === undefined || !p.byDiscount.has(discount.id)) continue;
      paid = Math.min(paid, lowest * quantity);
      staggeredLines.push(line.id);
    }
    perLineMinor.set(line.id, paid);
  }

  let total = 0;
  for (const paid of perLineMinor.values()) total += paid;
  const minimumSpendAdjustments: ItemsRefund["minimumSpendAdjustments"] = [];

  const withMinimum = policy.discounts.recheckMinimumSpend.enabled
    ? order.discounts.filter((d) => d.minimumSubtotal !== null)
    : [];
  if (withMinimum.length > 0) {
    const returnedQty = new Map(returned.map((r) => [r.line.id, r.quantity]));
    // What the order still holds before and after this return, on unit prices before discounts;
    // units refunded earlier are gone from both.
    let before = 0;
    let after = 0;
    for (const line of order.lines) {
      const kept = line.quantity - line.refundedQuantity;
      before += pricedLine(line).unit * kept;
      after += pricedLine(line).unit * (kept - (returnedQty.get(line.id) ?? 0));
    }
    for (const discount of withMinimum) {
      const minimum = parseMinorUnits(discount.minimumSubtotal as string, currency);
      // Only the return that takes the order below the minimum loses the discount; an earlier
      // one that did already gave it back.
      if (after >= minimum || before < minimum) continue;
      let whole = 0;
      let shared = 0;
      for (const line of order.lines) {
        const onLine = pricedLine(line).byDiscount.get(discount.id) ?? 0;
        whole += onLine;
        // Shares already carried by units refunded earlier and by this return's units.
        shared += shareOfMinor(onLine, line.refundedQuantity + (returnedQty.get(line.id) ?? 0), line.quantity);
      }
      const extra = whole - shared;
      if (extra > 0) {
        total -= extra;
        minimumSpendAdjustments.push({ discountId: discount.id, amount: money(extra, currency) });
      }
    }
  }

  const perLine = new Map([...perLineMinor].map(([id, minor]) => [id, money(minor, currency)]));
  return { items: money(Math.max(0, total), currency), perLine, minimumSpendAdjustments, staggeredLines };
}
