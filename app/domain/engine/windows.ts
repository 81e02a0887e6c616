import { addDays, addMonths, addWorkingDays, addYears, localDate, type LocalDate } from "../calendar";
import type { Window } from "../policy/schema";
import type { Order, ShopContext } from "../scenario";

/**
 * The last local date a window allows (CONTRACT rules 1–3), or null when it never closes or has
 * not started: a receipt-anchored window stays open while the parcel has not arrived.
 */
export function lastDay(window: Window, order: Order, shop: ShopContext): LocalDate | null {
  if (window.unit === "unlimited") return null;
  const anchorInstant = window.from === "purchase" ? order.placedAt : order.deliveredAt;
  if (anchorInstant === null) return null;
  const anchor = localDate(anchorInstant, shop.timezone);
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
