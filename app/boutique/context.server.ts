import { posAnswer, type CounterContext } from "../repairs/counter-context.server";
import { desk as deskRepository, requests } from "../repositories/index.server";
import { createCounterReturns, type Answer, type CounterReturns } from "./returns.server";

/**
 * What every returns route on Shopify POS starts with: the POS user's token checked and the desk
 * bound to the staff member, exactly as for the counter's repair routes (`posAnswer`), and the
 * boutique's returns over that desk.
 */
export function posReturnsAnswer(request: Request, work: (returns: CounterReturns, shop: string, ctx: CounterContext) => Promise<Answer<unknown>>): Promise<Response> {
  return posAnswer(request, async (ctx) => work(createCounterReturns({ desk: ctx.desk, requests, deskList: deskRepository, locale: ctx.locale }), ctx.shop.domain, ctx));
}
