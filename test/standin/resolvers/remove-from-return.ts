import type { Args, Ctx } from "./fields";
import type { UserError } from "./refunds";

type Removal = { id: string; quantity: number };

const error = (field: string[], message: string, code: string): UserError => ({ __typename: "ReturnUserError", field, message, code });

/**
 * `removeFromReturn` ("Removes return and/or exchange lines from a return"): each line's quantity
 * is reduced by what is removed, never below what was already processed, and a line left with
 * nothing is gone from the return. Nothing changes when any part is wrong: an unknown line, a
 * quantity above what is left unprocessed, or a return that is not requested or open. A return
 * must keep a returned item.
 */
export function removeFromReturn(args: Args, ctx: Ctx) {
  const ret = ctx.store.find(String(args.returnId), "Return");
  if (!ret) return { return: null, userErrors: [error(["returnId"], "Return does not exist.", "NOT_FOUND")] };
  if (ret.status !== "OPEN" && ret.status !== "REQUESTED") return { return: ret, userErrors: [error(["returnId"], `Return is ${ret.status.toLowerCase()}: its lines can no longer be removed.`, "INVALID_STATE")] };
  const exchanges: Removal[] = ((args.exchangeLineItems as { exchangeLineItemId: string; quantity: number }[] | null) ?? []).map((x) => ({ id: x.exchangeLineItemId, quantity: x.quantity }));
  const returned: Removal[] = ((args.returnLineItems as { returnLineItemId: string; quantity: number }[] | null) ?? []).map((x) => ({ id: x.returnLineItemId, quantity: x.quantity }));
  if (!exchanges.length && !returned.length) return { return: ret, userErrors: [error(["returnId"], "No line items to remove were given.", "BLANK")] };
  const errors: UserError[] = [];
  const check = (lines: { id: string; quantity: number; processedQuantity: number }[], removals: Removal[], field: string) =>
    removals.forEach((r, i) => {
      const line = lines.find((l) => l.id === r.id);
      if (!line) errors.push(error([field, String(i), "id"], "Line item does not exist on this return.", "NOT_FOUND"));
      else if (r.quantity < 1 || r.quantity > line.quantity - line.processedQuantity) errors.push(error([field, String(i), "quantity"], "Quantity to remove is more than the unprocessed quantity.", "INVALID"));
    });
  check(ret.exchangeLineItems ?? [], exchanges, "exchangeLineItems");
  check(ret.returnLineItems, returned, "returnLineItems");
  const left = ret.returnLineItems.reduce((n, l) => n + l.quantity - (returned.find((r) => r.id === l.id)?.quantity ?? 0), 0);
  if (!errors.length && left < 1) errors.push(error(["returnLineItems"], "A return must have at least one return line item.", "INVALID"));
  if (errors.length) return { return: ret, userErrors: errors };
  const apply = <T extends { id: string; quantity: number }>(lines: T[], removals: Removal[]) => {
    for (const r of removals) {
      const line = lines.find((l) => l.id === r.id) as T;
      line.quantity -= r.quantity;
    }
    return lines.filter((l) => l.quantity > 0);
  };
  if (ret.exchangeLineItems) ret.exchangeLineItems = apply(ret.exchangeLineItems, exchanges);
  ret.returnLineItems = apply(ret.returnLineItems, returned);
  const order = ctx.store.find(ret.orderId, "Order");
  if (order) order.updatedAt = ctx.store.timestamp();
  return { return: ret, userErrors: [] };
}
