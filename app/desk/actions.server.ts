/**
 * The merchant's actions on a request. Each one:
 * - checks the state machine against the request as it is now (a stale page cannot act);
 * - moves the status with a compare-and-set, so two staff members acting at once make one change
 *   and the other is told who did what;
 * - talks to Shopify through the gateway, and moves money only through the durable operations
 *   of app/jobs/money.server.ts (a key per request and step, written before the call);
 * - records who did it on the request's timeline.
 *
 * Each capability is its own module in app/desk/actions/ (review, cancel, receive and inspect, notes,
 * quotes, money, exchange, parts, resolve), a factory taking the desk's shared core; createDesk
 * only wires them, as shopify-app-js builds `authenticate` from its strategies.
 */
import { cancelActions } from "./actions/cancel.server";
import { deskCore, type DeskDeps } from "./actions/core.server";
import { exchangeMoney } from "./actions/exchange-money.server";
import { exchangeActions } from "./actions/exchange.server";
import { moneyPreviews } from "./actions/money-preview.server";
import { noteActions } from "./actions/notes.server";
import { partsActions } from "./actions/parts.server";
import { quoteActions } from "./actions/quote.server";
import { receiveActions } from "./actions/receive.server";
import { refundTimingActions } from "./actions/refund-timing.server";
import { resolveActions } from "./actions/resolve.server";
import { reviewActions } from "./actions/review.server";
import { settleMoney } from "./actions/settle.server";
import { exchangeLines } from "./actions/exchange-lines.server";

export { RequestNotFound, shopifyProblem, type ActionResult, type DeskDeps, type Say, type Staff } from "./actions/core.server";
export type { ExchangePreview } from "./actions/exchange-money.server";
export { engineRefund, type MoneyPreview } from "./actions/money-preview.server";

export function createDesk(deps: DeskDeps) {
  const core = deskCore(deps);
  const review = reviewActions(core);
  const cancelling = cancelActions(core);
  const receiving = receiveActions(core);
  const notes = noteActions(core);
  const quotes = quoteActions(core);
  const money = moneyPreviews(core);
  const settling = settleMoney(core, money);
  const exchangeMoneyOf = exchangeMoney(core);
  const exchanges = exchangeActions(core, exchangeMoneyOf);
  const parts = partsActions(core);
  const timing = refundTimingActions(core);
  const resolving = resolveActions(core, { ...money, ...settling, ...exchanges, ...parts, ...exchangeLines(core), quotePaid: quotes.quotePaid, moneyRefusal: timing.moneyRefusal });
  return {
    approve: review.approve,
    decline: review.decline,
    cancel: cancelling.cancel,
    receive: receiving.receive,
    inspect: receiving.inspect,
    note: notes.note,
    override: notes.override,
    quote: quotes.quote,
    withdrawQuote: quotes.withdrawQuote,
    preview: money.preview,
    exchangePreview: exchangeMoneyOf.exchangePreview,
    invoice: exchangeMoneyOf.invoice,
    resolve: resolving.resolve,
    acceptEvidence: timing.acceptEvidence,
    refundMoment: (shop: string, id: string) => core.load(shop, id).then((request) => timing.momentOf(shop, request)),
  };
}

export type Desk = ReturnType<typeof createDesk>;
