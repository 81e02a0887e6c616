import { formatMoneyIn } from "../domain/money";
import type { OperationRecord } from "../repositories/operations.server";
import type { Admin } from "../shopify/client.server";
import { fetchExchangeOutcome, fetchOrderBalance, fetchSuggestedRefund, type InvoicePlan, type ProcessPlan, type RefundPlan } from "../shopify/money.server";
import { fetchReturn } from "../shopify/returns.server";

/**
 * Before an operation's first send, its money is checked against Shopify's own figures (read
 * only; nothing is sent here): a disagreement is described with both figures and the operation
 * is held for a person.
 */

/**
 * An exchange's invoice is for what Shopify shows outstanding on the order, which must be the
 * difference the shopper was shown (to a minor unit): otherwise, or with nothing outstanding, the
 * invoice is held for a person with both figures and not sent.
 */
export async function invoiceDisagreement(admin: Admin, operation: OperationRecord): Promise<string | null> {
  const plan = operation.input as InvoicePlan;
  const balance = await fetchOrderBalance(admin, plan.orderId);
  if (balance.currency !== plan.currency) return `held for review: the invoice is in ${plan.currency} but Shopify shows the order's balance in ${balance.currency}`;
  if (balance.outstandingMinor <= 0) return `held for review: Shopify shows nothing outstanding on the order (${formatMoneyIn(balance.outstandingMinor, balance.currency, "en")}), so no invoice was sent for ${formatMoneyIn(plan.amountMinor, plan.currency, "en")}`;
  if (Math.abs(balance.outstandingMinor - plan.amountMinor) > 1) {
    return `held for review: the shopper was shown ${formatMoneyIn(plan.amountMinor, plan.currency, "en")} to pay, Shopify shows ${formatMoneyIn(balance.outstandingMinor, balance.currency, "en")} outstanding; no invoice was sent`;
  }
  return null;
}

/**
 * Shopify's suggested refund for the same units, compared with the engine's items (the plan's
 * `itemsMinor`; on older rows its money less its shipping): a difference above one minor unit per line is described with both
 * figures; agreement gives null. A return's lines are its return line items: their order lines
 * are read from the return first.
 */
export async function disagreementWithShopify(admin: Admin, operation: OperationRecord): Promise<string | null> {
  const plan = operation.input as RefundPlan | ProcessPlan;
  const engine = plan.toPaymentMinor + plan.storeCreditMinor - plan.shippingMinor;
  // Items with items (issue 22 item 3): the money may also carry delivery, a bonus or less fees.
  const items = plan.itemsMinor ?? engine;
  let lines: { lineItemId: string; quantity: number }[];
  if (operation.kind === "return_process" && (plan as ProcessPlan).exchangeLines?.length) {
    // An exchange gives back only the difference: compared with Shopify's own outcome for the
    // same return and exchange units.
    const process = plan as ProcessPlan;
    if (engine <= 0) return null;
    const outcome = await fetchExchangeOutcome(admin, process.returnId, process.lines, process.exchangeLines ?? []);
    if (outcome.currency !== plan.currency) return `held for review: the refund is in ${plan.currency} but Shopify's outcome is in ${outcome.currency}`;
    const shopify = outcome.settlement === "refund" ? outcome.amountMinor : 0;
    if (Math.abs(engine - shopify) <= process.lines.length) return null;
    return `held for review: the shopper was shown ${formatMoneyIn(engine, plan.currency, "en")} back on this exchange, Shopify's outcome is ${outcome.settlement === "invoice" ? `an invoice of ${formatMoneyIn(outcome.amountMinor, plan.currency, "en")}` : formatMoneyIn(shopify, plan.currency, "en")}`;
  }
  if (operation.kind === "return_process") {
    const process = plan as ProcessPlan;
    if (engine <= 0) return null; // processing without money: nothing to compare
    const state = await fetchReturn(admin, process.returnId);
    const carried = state.returnShippingFeeMinor + state.lines.reduce((sum, l) => sum + l.restockingFeeMinor, 0);
    if (carried > 0) {
      // The return carries the policy's fees: Shopify's figure for settling these units deducts
      // them (Return.suggestedFinancialOutcome), and the engine's items less its fees must agree.
      const fees = process.feesMinor ?? 0;
      const outcome = await fetchExchangeOutcome(admin, process.returnId, process.lines, []);
      if (outcome.currency !== plan.currency) return `held for review: the refund is in ${plan.currency} but Shopify's outcome is in ${outcome.currency}`;
      const shopify = outcome.settlement === "refund" ? outcome.amountMinor : outcome.settlement === "invoice" ? -outcome.amountMinor : 0;
      if (Math.abs(items - fees - shopify) <= process.lines.length) return null;
      const text = (minor: number) => formatMoneyIn(minor, plan.currency, "en");
      return `held for review: Aftercare's policy gives ${text(items - fees)} for these items after its fees (${text(fees)}); Shopify's return gives ${text(shopify)} after the fees it carries (${text(carried)})`;
    }
    const byId = new Map(state.lines.map((l) => [l.id, l.lineItemId]));
    lines = process.lines.map((l) => ({ lineItemId: byId.get(l.returnLineItemId) ?? "", quantity: l.quantity }));
    if (lines.some((l) => !l.lineItemId)) return "held for review: a return line is not on the return, so Shopify's figure cannot be read";
  } else {
    lines = (plan as RefundPlan).lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity }));
  }
  if (lines.length === 0) return null;
  const suggested = await fetchSuggestedRefund(admin, plan.orderId, lines);
  if (suggested.currency !== plan.currency) {
    return `held for review: the refund is in ${plan.currency} but the order was paid in ${suggested.currency}`;
  }
  const shopify = suggested.lines.reduce((sum, line) => sum + line.subtotalMinor, 0);
  if (Math.abs(items - shopify) <= lines.length) return null;
  return `held for review: Aftercare's policy gives ${formatMoneyIn(items, plan.currency, "en")} for these items, Shopify suggests ${formatMoneyIn(shopify, plan.currency, "en")}`;
}
