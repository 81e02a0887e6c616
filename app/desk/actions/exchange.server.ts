import { randomUUID } from "node:crypto";

import { formatMoneyIn } from "../../domain/money";
import { restocksOnProcess } from "../../domain/vocabulary";
import { execute, operationKey } from "../../jobs/money.server";
import { MoneyCeilingError, OperationKeyConflict, type OperationRecord } from "../../repositories/operations.server";
import type { RequestRecord } from "../../repositories/requests.server";
import { ShopifyUserErrors } from "../../shopify/errors";
import type { ProcessPlan } from "../../shopify/money.server";
import { cancelReturn, createExchangeReturn, fetchReturn, type ReturnState } from "../../shopify/returns.server";
import { FROM, RESOLUTION_LABELS, isAllowed } from "../machine";
import { EXCHANGE_CLAIM_MS, actorOf, chosenWords, expiresAtOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore, type Settlement } from "./core.server";
import type { exchangeMoney } from "./exchange-money.server";

/** Exchange: the Shopify return made to carry the chosen variants, and processed once under a durable operation. */
export function exchangeActions(core: DeskCore, { settlementOf, invoiceOnce }: Pick<ReturnType<typeof exchangeMoney>, "settlementOf" | "invoiceOnce">) {
  const { deps, now, moneyDeps, load, stale } = core;

  async function exchangeClaimed(shop: string, request: RequestRecord, wanted: RequestRecord["lines"], note: string, settlement: Settlement): Promise<ActionResult> {
    // A new attempt only after Shopify refused the previous one (nothing was handed over then).
    const failed = (await deps.operations.forRequest(shop, request.id)).filter((o) => o.step.startsWith("exchange") && o.status === "failed").length;
    const step = failed ? `exchange-${failed + 1}` : "exchange";
    const key = operationKey(request.id, step);
    const existing = await deps.operations.find(shop, key);
    // Processed already: recorded below unless the request already shows it.
    if (existing?.status === "succeeded" && request.resolution !== "exchange") return stale(shop, request, "resolve");
    let state: ReturnState;
    try {
      if (existing) {
        state = await fetchReturn(deps.admin, (existing.input as ProcessPlan).returnId);
      } else {
        const prepared = await exchangeReturnOf(shop, request, wanted);
        if ("ok" in prepared) return prepared;
        state = prepared;
      }
    } catch (error) {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange not set up: ${shopifyProblem(error)}`, at: now() });
      return refuse(502, shopifyProblem(error));
    }
    const input: ProcessPlan = {
      returnId: state.id,
      orderId: request.orderId,
      currency: request.currency,
      note: `Aftercare ${key}`,
      lines: state.lines.filter((l) => l.quantity > l.processedQuantity).map((l) => ({ returnLineItemId: l.id, quantity: l.quantity - l.processedQuantity })),
      exchangeLines: state.exchangeLines.filter((x) => x.quantity > x.processedQuantity).map((x) => ({ exchangeLineItemId: x.id, quantity: x.quantity - x.processedQuantity })),
      restock: restocksOnProcess(deps.restockOnProcess, request.lines.map((l) => l.reason)),
      // The difference owed to the shopper goes back in the same processing (one refund on the
      // order, in their currency); a difference they owe is invoiced once processing is done.
      toPaymentMinor: settlement.settlement === "refund" ? settlement.amountMinor : 0,
      storeCreditMinor: settlement.settlement === "store_credit" ? settlement.amountMinor : 0,
      storeCreditExpiresAt: settlement.settlement === "store_credit" ? expiresAtOf(deps.timezone, settlement.expiresOn) : null,
      shippingMinor: 0,
      // Shopify's own email about the processing, or Aftercare's "exchanged" email (the shop's setting): never both.
      notify: await core.shopifyNotifies("exchanged"),
    };
    const moneyOut = input.toPaymentMinor + input.storeCreditMinor;
    let operation: OperationRecord;
    try {
      const { operation: begun } = existing ? { operation: existing } : await deps.operations.begin(shop, { requestId: request.id, step, idempotencyKey: key, kind: "return_process", amountMinor: moneyOut, currency: request.currency, input, shopifyOrderId: request.orderId, shopifyTargetId: state.id });
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof OperationKeyConflict) return refuse(409, "Not done: a colleague started this exchange moments ago. Refresh to see it.");
      if (error instanceof MoneyCeilingError) return refuse(422, `Not processed: the difference would take this request's refunds and credits past what the policy decided (${error.message}). Nothing was moved.`);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange not confirmed: ${shopifyProblem(error)}`, data: { key }, at: now() });
      return refuse(502, `${shopifyProblem(error)} The exchange is recorded once and will never be processed twice.`);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Shopify refused the exchange: ${operation.lastError ?? ""}`, data: { key }, at: now() });
      return refuse(422, `Shopify refused the exchange: ${operation.lastError ?? "no reason given"}. Nothing was handed over.`);
    }
    if (operation.status === "needs_review") return refuse(409, `This exchange needs a person to check it in Shopify before anything else is done (${operation.lastError ?? "no reason recorded"}). It is listed on the home page.`);
    if (operation.status !== "succeeded") return refuse(409, "Not done by this click: this exchange is being processed right now (another click or a colleague started it). Refresh in a moment.");
    // The resolution was held for the exchange before it was processed: the status follows.
    await deps.desk.transition(shop, request.id, FROM.resolve, "resolved");
    const after = await fetchReturn(deps.admin, state.id).catch(() => null);
    if (after?.status === "CLOSED") await deps.desk.transition(shop, request.id, ["resolved"], "closed");
    // In the shopper's words ("Crystal Eternity Band, size J"), else Shopify's variant title.
    const chosen = new Map(wanted.map((l) => [l.exchangeVariantId, l.exchangeVariantTitle]));
    const items = state.exchangeLines.map((x) => `${x.quantity > 1 ? `${x.quantity} × ` : ""}${chosen.get(x.variantId) ?? x.variantTitle ?? x.variantId ?? "item"}`).join(", ");
    const formatted = formatMoneyIn(settlement.amountMinor, settlement.currency, deps.locale);
    const money =
      settlement.settlement === "refund"
        ? `${formatted} refunded to the original payment`
        : settlement.settlement === "store_credit"
          ? `${formatted} credited as store credit${settlement.expiresOn ? ` expiring ${settlement.expiresOn}` : " (no expiry)"}`
          : settlement.settlement === "charge"
            ? `the shopper owes ${formatted}, to be invoiced`
            : "no money moved (same value)";
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "exchanged",
      ...actorOf(deps.staff),
      message: `Exchange processed in Shopify: ${items} to send to the shopper; ${money}.`,
      data: { key, items, shopifyReturnId: state.id, exchangeLineItemIds: state.exchangeLines.map((x) => x.id), settlement: settlement.settlement, amountMinor: settlement.amountMinor, currency: settlement.currency },
      at: now(),
    });
    if (moneyOut > 0) {
      // The audit and the shopper's status page: the difference that went back, as a money entry.
      await deps.desk.record(shop, {
        requestId: request.id,
        type: settlement.settlement === "refund" ? "refunded" : "credited",
        ...actorOf(deps.staff),
        message: `Exchange difference: ${money}`,
        amountMinor: moneyOut,
        currency: settlement.currency,
        data: { key, method: settlement.settlement, amountMinor: moneyOut, currency: settlement.currency, expiresOn: settlement.expiresOn, shopifyOrderId: operation.shopifyOrderId, shopifyTargetId: operation.shopifyTargetId, shopifyResultId: operation.shopifyResultId },
        at: now(),
      });
    }
    await deps.desk.record(shop, { requestId: request.id, type: "resolved", ...actorOf(deps.staff), message: `Resolved: ${RESOLUTION_LABELS.exchange}${note ? ` — ${note}` : ""}`, data: { method: "exchange", note }, at: now() });
    if (settlement.settlement === "charge") {
      const invoiced = await invoiceOnce(shop, request, settlement);
      if (!invoiced.ok) return refuse(invoiced.status, `Exchange processed: ${items} will be sent. But ${invoiced.message}`);
      return ok(`Exchange processed: ${items} will be sent to the shopper. ${invoiced.message}`);
    }
    return ok(`Exchange processed: ${items} will be sent to the shopper${moneyOut > 0 ? `; ${money}` : ""}.`);
  }

  /** The request's Shopify return with its exchange line items, made once (see exchange()). */
  async function exchangeReturnOf(shop: string, request: RequestRecord, wanted: RequestRecord["lines"]): Promise<ReturnState | ActionResult> {
    const state = await fetchReturn(deps.admin, request.shopifyReturnId as string);
    if (state.exchangeLines.length) return state;
    if (state.lines.some((l) => l.processedQuantity > 0)) return refuse(422, "Part of this return was already processed in Shopify, so it can no longer become an exchange. Refund or credit it instead.");
    if (state.status === "REQUESTED" || state.status === "OPEN") {
      // Recorded first: the returns/cancel webhook this causes must not cancel the request.
      await deps.desk.markReturnReplaced(shop, state.id, request.id, now());
      await cancelReturn(deps.admin, state.id);
    }
    else if (state.status !== "CANCELED") return refuse(409, `The Shopify return is ${state.status.toLowerCase()}, so it cannot become an exchange.`);
    const reasonOf = new Map(request.lines.map((l) => [l.lineItemId, l.reason]));
    const returned = state.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: reasonOf.get(l.lineItemId ?? "") ?? "other" }));
    let made;
    try {
      made = await createExchangeReturn(deps.admin, request.orderId, returned, wanted.map((l) => ({ variantId: l.exchangeVariantId as string, quantity: l.quantity })));
    } catch (error) {
      if (!(error instanceof ShopifyUserErrors)) throw error;
      // Shopify refused the exchange (the variant sold out, say): the items stay returned on a
      // plain return, so the request can still be refunded or credited.
      const kept = await createExchangeReturn(deps.admin, request.orderId, returned, []);
      await deps.requests.linkReturn(shop, request.id, kept.id);
      await deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message: `Exchange refused by Shopify: ${error.userErrors.map((e) => e.message).join("; ")}. The items stay on a Shopify return.`, data: { from: state.id, to: kept.id }, at: now() });
      return refuse(422, `Shopify refused the exchange: ${error.userErrors.map((e) => e.message).join("; ")}. The returned items stay on a Shopify return: refund or credit them instead, or ask the shopper for another choice.`);
    }
    await deps.requests.linkReturn(shop, request.id, made.id);
    await deps.desk.record(shop, {
      requestId: request.id,
      type: "note",
      ...actorOf(deps.staff),
      message: `Shopify return ${state.name} replaced by an exchange return carrying ${wanted.map(chosenWords).join(", ")}.`,
      data: { from: state.id, to: made.id },
      at: now(),
    });
    return fetchReturn(deps.admin, made.id);
  }

  /**
   * Resolve by exchange: the Shopify return carries the chosen variants as exchange line items
   * and processing it hands them over (Shopify creates their fulfillment order). No money moves,
   * so only a same-value exchange is processed here: one whose stored preview shows a difference
   * to charge, refund or credit (a policy's exchange rule may allow other items) is refused.
   *
   * A shopper's return was made by returnRequest, which cannot carry exchanges and cannot be
   * given them later: it is cancelled and made again by returnCreate with the same items plus the
   * exchange ones (the request follows the new return). Processing then goes through the durable
   * operations under one key per request, so a double click or a retry processes it once.
   */
  async function exchange(shop: string, request: RequestRecord, note: string): Promise<ActionResult> {
    const wanted = request.lines.filter((l) => l.exchangeVariantId);
    if (!wanted.length) return refuse(422, "The shopper did not choose anything in exchange on this request.");
    const settlement = settlementOf(request);
    if ("ok" in settlement) return settlement;
    if (!request.shopifyReturnId) return refuse(422, "An exchange goes through a Shopify return, and this request has none.");
    // Setting the exchange up (cancel the shopper's return, make the exchange return) happens
    // before there is an operation to key it by: a claim lets one click do it and tells the other.
    const claimKey = `exchange:${request.id}`;
    const token = randomUUID();
    const claim = await deps.desk.claim(shop, claimKey, deps.staff.name ?? `Staff member ${deps.staff.id}`, token, now(), EXCHANGE_CLAIM_MS);
    if (!claim.won) {
      return refuse(409, `Not done by this click: ${claim.holder} is setting up this exchange in Shopify right now. It will be done once; refresh in a moment to see it.`);
    }
    try {
      const fresh = await load(shop, request.id);
      if (!isAllowed(fresh, "resolve") || (fresh.resolution && fresh.resolution !== "exchange")) return stale(shop, fresh, "resolve");
      // Held before the return is touched or anything processed, as a money resolution is: a
      // colleague's refund or repair meanwhile is refused (issue 22 item 1).
      if (!(await deps.operations.holdResolution(shop, fresh.id, "exchange")).held) return stale(shop, fresh, "resolve");
      const result = await exchangeClaimed(shop, fresh, wanted, note, settlement);
      if (!result.ok) await deps.operations.releaseResolution(shop, fresh.id, "exchange").catch(() => false);
      return result;
    } finally {
      await deps.desk.release(shop, claimKey, token);
    }
  }

  return {
    exchange,
  };
}
