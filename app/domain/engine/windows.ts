import { addDays, addMonths, addWorkingDays, addYears, localDate, type LocalDate } from "../calendar";
import type { Window } from "../policy/schema";
import type { Order, ShopContext } from "../scenario";

/** Days from fulfilment to assumed receipt when no delivery date is known (CONTRACT rule 3). */
export const DEFAULT_TRANSIT_ALLOWANCE_DAYS = 14;

/**
 * The local date a window counts from: purchase is `placedAt`; receipt is `deliveredAt`, else the
 * fulfilment date plus the transit allowance, else null (nothing shipped yet: not started).
 */
export function anchorDate(
  from: "purchase" | "receipt",
  order: Order,
  shop: ShopContext,
  transitAllowanceDays = DEFAULT_TRANSIT_ALLOWANCE_DAYS,
): LocalDate | null {
  if (from === "purchase") return localDate(order.placedAt, shop.timezone);
  if (order.deliveredAt !== null) return localDate(order.deliveredAt, shop.timezone);
  if (order.fulfilledAt !== null) return addDays(localDate(order.fulfilledAt, shop.timezone), transitAllowanceDays);
  return null;
}

/**
 * The last local date a window allows (CONTRACT rules 1–3), or null when it never closes or has
 * not started: a receipt-anchored window stays open only while nothing has shipped.
 */
export function lastDay(
  window: Window,
  order: Order,
  shop: ShopContext,
  transitAllowanceDays = DEFAULT_TRANSIT_ALLOWANCE_DAYS,
): LocalDate | null {
  if (window.unit === "unlimited") return null;
  const anchor = anchorDate(window.from, order, shop, transitAllowanceDays);
  if (anchor === null) return null;
  switch (window.unit) {
    case "days":
      return addDays(anchor, window.amount);
    case "working_days":
      return addWorkingDays(anchor, window.amount, shop.country);
    case "months":
      return addMonths(anchor, window.amount);
    case "years":
      return addYears(anchor, window.amount);
  }
}
