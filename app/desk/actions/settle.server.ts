import { formatMoneyIn } from "../../domain/money";
import { execute, operationKey, resolutionOf } from "../../jobs/money.server";
import { MoneyCeilingError, OperationKeyConflict, type OperationRecord } from "../../repositories/operations.server";
import type { RequestRecord } from "../../repositories/requests.server";
import { describe } from "../../shopify/errors";
import { fetchReturn } from "../../shopify/returns.server";
import { RESOLUTION_LABELS, type Resolution } from "../machine";
import { actorOf, ok, refuse, shopifyProblem, type ActionResult, type DeskCore, type Shown } from "./core.server";
import type { MoneyPreview, moneyPreviews } from "./money-preview.server";

/**
 * Settle money: a held refund or store credit sent through its durable operation (keyed before the
 * call, app/jobs/money.server.ts), and what the merchant is told of its outcome, confirmed or not.
 */
export function settleMoney(core: DeskCore, { intentOf }: Pick<ReturnType<typeof moneyPreviews>, "intentOf">) {
  const { deps, now, moneyDeps } = core;

  /** Sends a held money resolution through its durable operation and records what happened. */
  async function sendResolution(shop: string, request: RequestRecord, method: Resolution, step: string, preview: MoneyPreview, note: string): Promise<ActionResult> {
    const id = request.id;
    const key = operationKey(id, step);
    let operation: OperationRecord;
    try {
      const intent = await intentOf(shop, request, method, step, preview);
      const { operation: begun } = await deps.operations.begin(shop, intent);
      operation = await execute(deps.admin, moneyDeps, shop, begun);
    } catch (error) {
      if (error instanceof MoneyCeilingError) {
        return refuse(422, `Not sent: it would take this request's refunds and credits past what the policy decided (${error.message}). Nothing was moved.`);
      }
      if (error instanceof OperationKeyConflict) {
        return refuse(409, "Not done: a different resolution for this request was started by someone else moments ago. Refresh to see it; no money was moved by this click.");
      }
      return unconfirmed(shop, request, method, key, preview, error);
    }
    if (operation.status === "failed") {
      await deps.desk.record(shop, { requestId: id, type: "failed", ...actorOf(deps.staff), message: `Shopify refused the ${RESOLUTION_LABELS[method].toLowerCase()}: ${operation.lastError ?? ""}`, data: { key: operation.idempotencyKey }, at: now() });
      return refuse(422, `Not sent: ${operation.lastError ?? "Shopify refused it"}. Nothing was moved; you can correct it and try again.`);
    }
    if (operation.status === "needs_review") return refuse(409, "This payment needs a person to check it in Shopify before anything else is sent. It is listed on the home page.");
    if (operation.status !== "succeeded") {
      return refuse(409, `Not sent by this click: the ${preview.formatted} for this request is being sent right now (another click or a colleague started it). It will not be sent twice; refresh in a moment.`);
    }
    return confirmed(shop, request, operation, method, note, preview);
  }

  /**
   * The send ended without an answer (Shopify's, or the database's after it): what the operation's
   * record says decides what the merchant is told (issue 22 item 26). Sent: the outcome is not
   * confirmed and will be checked; still pending: nothing went out yet, and it will go once;
   * succeeded (the failure came after): recorded now; no record at all: nothing changed.
   */
  async function unconfirmed(shop: string, request: RequestRecord, method: Resolution, key: string, preview: MoneyPreview, error: unknown): Promise<ActionResult> {
    const label = RESOLUTION_LABELS[method].toLowerCase();
    let row: OperationRecord | null | undefined;
    try {
      row = await deps.operations.find(shop, key);
    } catch {
      row = undefined;
    }
    const failure = (message: string) => deps.desk.record(shop, { requestId: request.id, type: "failed", ...actorOf(deps.staff), message, data: { key }, at: now() }).catch(() => undefined);
    if (row?.status === "succeeded") return confirmed(shop, request, row, method, "", preview);
    if (row === null) {
      await failure(`${RESOLUTION_LABELS[method]} not sent: ${shopifyProblem(error)}`);
      return refuse(502, `${shopifyProblem(error)} Nothing was sent.`);
    }
    if (row?.status === "pending") {
      await failure(`${RESOLUTION_LABELS[method]} of ${preview.formatted} not sent yet: ${describe(error)}. Recorded; sent once, automatically.`);
      return refuse(502, `Not sent yet: ${describe(error)}. The ${label} of ${preview.formatted} is recorded and will be sent once, automatically, within a few minutes (or click again to send it now). It will never be sent twice.`);
    }
    if (row && row.status !== "sent") return refuse(409, `The ${label} of ${preview.formatted} is ${row.status === "needs_review" ? "waiting for a person to check it in Shopify (it is listed on the home page)" : row.status}. Refresh the page.`);
    await failure(`${RESOLUTION_LABELS[method]} of ${preview.formatted} not confirmed yet: ${describe(error)}. It is checked with Shopify automatically.`);
    return refuse(
      502,
      `The ${label} of ${preview.formatted} may have gone out: it was sent, but ${row ? "Shopify did not confirm it" : "its outcome could not be read back"} (${describe(error)}). The outcome is not confirmed yet: it is checked with Shopify automatically within a few minutes, never sent twice, and the request is resolved as soon as it is confirmed. Do not send it another way meanwhile; refresh in a few minutes.`,
    );
  }

  /**
   * The money went out: the request records it (its resolution, status resolved, the money entry
   * and the "resolved" entry, each once; OperationRepository.settleResolution) and follows its
   * Shopify return when returnProcess closed it.
   */
  async function confirmed(shop: string, request: RequestRecord, operation: OperationRecord, method: Resolution, note: string, shown: Shown): Promise<ActionResult> {
    const settled = await recordMoney(shop, request, operation, method, note, shown);
    if (settled.resolvedOtherwise) {
      const other = (RESOLUTION_LABELS[settled.resolution as Resolution] ?? settled.resolution ?? "").toLowerCase();
      return refuse(409, `${shown.how}: ${shown.formatted} went out, but this request had been resolved by ${other} meanwhile. The money is recorded on its timeline; check with the shopper.`);
    }
    // Another confirmation (a colleague's click on the same operation, or the reconciler) recorded
    // it first: the money went out once, and this click must not say it sent it.
    if (!settled.recorded) return refuse(409, `Not sent by this click: this request is already resolved. ${shown.how}: ${shown.formatted} went out once and is on its timeline; nothing more was sent.`);
    return ok(`${shown.how}: ${shown.formatted} sent.`);
  }

  async function recordMoney(shop: string, request: RequestRecord, operation: OperationRecord, method: Resolution, note: string, shown: Shown) {
    const id = request.id;
    const settled = await deps.operations.settleResolution(shop, {
      requestId: id,
      key: operation.idempotencyKey,
      method,
      amountMinor: operation.amountMinor ?? 0,
      currency: operation.currency ?? request.currency,
      message: `${shown.how}: ${shown.formatted}`,
      resolvedMessage: `Resolved: ${RESOLUTION_LABELS[method]}${note ? ` — ${note}` : ""}`,
      note,
      data: {
        amountMinor: operation.amountMinor,
        currency: operation.currency,
        expiresOn: shown.expiresOn,
        shopifyOrderId: operation.shopifyOrderId,
        shopifyTargetId: operation.shopifyTargetId,
        shopifyResultId: operation.shopifyResultId,
        engineMinor: operation.amountMinor,
        shopifyMinor: shown.shopifyMinor,
      },
      actor: "merchant",
      staffId: deps.staff.id,
      staffName: deps.staff.name,
      at: now(),
    });
    // returnProcess closes a fully processed return: the request follows at once (the
    // returns/close webhook then finds nothing to move).
    if (operation.kind === "return_process" && request.shopifyReturnId) {
      const state = await fetchReturn(deps.admin, request.shopifyReturnId).catch(() => null);
      if (state?.status === "CLOSED") await deps.desk.transition(shop, id, ["resolved"], "closed");
    }
    return settled;
  }

  /**
   * An earlier money resolution of this request that Shopify confirmed (a click whose answer was
   * lost, then the reconciler) while the request does not show it yet: recorded now, and the
   * clicker is told the money already went out. Null when there is none to record.
   */
  async function settleEarlier(shop: string, request: RequestRecord, method: Resolution): Promise<ActionResult | null> {
    const done = (await deps.operations.forRequest(shop, request.id)).find((o) => o.status === "succeeded" && (resolutionOf(o) === "refund" || resolutionOf(o) === "store_credit"));
    if (!done) return null;
    const sentBy = resolutionOf(done) as Resolution;
    const formatted = formatMoneyIn(done.amountMinor ?? 0, done.currency ?? request.currency, deps.locale);
    const how = sentBy === "refund" ? "Refund to the original payment" : "Store credit";
    const settled = await recordMoney(shop, request, done, sentBy, "", { how, formatted, expiresOn: null, shopifyMinor: null });
    if (!settled.recorded) return null; // already on the request: the usual refusal says how it stands
    const recorded = `${how} of ${formatted} already went out for this request (Shopify confirmed it after an earlier click); it is now recorded on the timeline${settled.resolvedOtherwise ? `, although the request had been resolved by ${(RESOLUTION_LABELS[settled.resolution as Resolution] ?? settled.resolution ?? "").toLowerCase()}: check with the shopper` : " and the request is resolved"}.`;
    if (sentBy === method && !settled.resolvedOtherwise) return ok(`${recorded} Nothing more was sent.`);
    return refuse(409, `Not done: ${recorded} No money was moved by this click.`);
  }

  return {
    sendResolution,
    settleEarlier,
  };
}
