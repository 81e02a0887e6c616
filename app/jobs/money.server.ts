import type { OperationRecord, OperationRepository } from "../repositories/operations.server";
import type { Admin } from "../shopify/client.server";
import { ShopifyUserErrors, describe } from "../shopify/errors";
import { createRefund, creditStoreCredit, processReturn, sendOrderInvoice, type InvoicePlan, type ProcessPlan, type RefundPlan, type StoreCreditGrant } from "../shopify/money.server";
import { merchantMessage } from "../shopify/limits";
import { closeReturn } from "../shopify/returns.server";
import { PaidDraftKept, createRepairDraft, deleteRepairDraft, sendRepairInvoice, type RepairDraftPlan } from "../shopify/draft-orders.server";
import { makePartsOrder, partsOrderTag, replacementOrderTag, type PartsOrderPlan } from "../shopify/parts-orders.server";
import { createReverseDelivery, type ReverseDeliveryPlan } from "../shopify/reverse-deliveries.server";
import { disagreementWithShopify, invoiceDisagreement } from "./money-checks.server";
import { LookupUndecided, operationKey, type MoneyDeps, type MoneyOutcome, type QuoteInvoicePlan } from "./money-deps.server";
import { effectOf, stateBefore } from "./money-effects.server";
import { resolutionOf, settleConfirmed } from "./money-resolution.server";

export { LookupUndecided, operationKey, type CrashPoint, type MoneyDeps, type MoneyOutcome, type QuoteInvoicePlan } from "./money-deps.server";
export { resolutionOf, settleConfirmed } from "./money-resolution.server";

/**
 * Never pay twice (docs/decisions/005-never-pay-twice.md). Every money-moving Shopify call goes
 * through an Operation row written BEFORE the call under a deterministic key (request id + step):
 *
 * 1. `begin` inserts the row (or finds it: the key is unique, so a retry or a second worker gets
 *    the same row); a finished row is returned as it is, never sent again;
 * 2. `claimSend` records the attempt and, where needed, what Shopify held just before — a
 *    compare-and-set on the attempts seen, so of two workers holding the row only one sends;
 * 3. the call: refundCreate with `@idempotent(key)`; returnProcess and storeCreditAccountCredit
 *    (no idempotency support) only after looking at Shopify's state when a previous attempt may
 *    have landed, and never again within the same call after an unknown outcome (the client
 *    throws ShopifyOutcomeUnknownError; the row stays `sent` for the reconciler);
 * 4. `markSucceeded` with Shopify's id, or `markFailed` on userErrors.
 *
 * Before anything is written, the operations repository refuses an operation that would take the
 * request's refunds plus credits past what the engine decided plus the merchant's recorded
 * override (MoneyCeilingError: nothing is recorded, nothing is sent). Before a first send, the
 * request must still be live (not declined, cancelled or closed) and the items of a refund or of a
 * return's processing must agree with Shopify's own suggested refund for the same units to a
 * minor unit per line; otherwise the
 * row is failed or held for the merchant (needs_review) with both figures, and nothing is sent.
 *
 * A crash between any two steps leaves the row pending or sent; `reconcileShop` takes each such
 * row through `execute` again, which looks before it sends, so it finishes or marks the row and
 * never repeats the money.
 */

/** A refund through refundCreate (to the original payment and/or as store credit). */
export async function refundOnce(admin: Admin, deps: MoneyDeps, shop: string, requestId: string, step: string, plan: Omit<RefundPlan, "note"> & { note?: string }): Promise<MoneyOutcome> {
  const key = operationKey(requestId, step);
  const input: RefundPlan = { ...plan, note: plan.note ?? `Aftercare ${key}` };
  return start(admin, deps, shop, {
    requestId,
    step,
    idempotencyKey: key,
    kind: "refund",
    amountMinor: input.toPaymentMinor + input.storeCreditMinor,
    currency: input.currency,
    input,
    shopifyOrderId: input.orderId,
    shopifyTargetId: null,
  });
}

/** Processes a Shopify return with its refund (returnProcess), once. */
export async function processReturnOnce(admin: Admin, deps: MoneyDeps, shop: string, requestId: string, step: string, plan: Omit<ProcessPlan, "note"> & { note?: string }): Promise<MoneyOutcome> {
  const key = operationKey(requestId, step);
  const input: ProcessPlan = { ...plan, note: plan.note ?? `Aftercare ${key}` };
  return start(admin, deps, shop, {
    requestId,
    step,
    idempotencyKey: key,
    kind: "return_process",
    amountMinor: input.toPaymentMinor + input.storeCreditMinor,
    currency: input.currency,
    input,
    shopifyOrderId: input.orderId,
    shopifyTargetId: input.returnId,
  });
}

/** Goodwill store credit (storeCreditAccountCredit), once. */
export async function storeCreditOnce(admin: Admin, deps: MoneyDeps, shop: string, requestId: string, step: string, grant: StoreCreditGrant): Promise<MoneyOutcome> {
  return start(admin, deps, shop, {
    requestId,
    step,
    idempotencyKey: operationKey(requestId, step),
    kind: "store_credit",
    amountMinor: grant.amountMinor,
    currency: grant.currency,
    input: grant,
    shopifyOrderId: null,
    shopifyTargetId: grant.customerId,
  });
}

/**
 * Closes the request's Shopify return once (returnClose), keyed like money: a request resolved
 * without money (a repair, a replacement, parts) leaves its return open otherwise. Moves no money.
 */
export async function closeReturnOnce(admin: Admin, deps: MoneyDeps, shop: string, requestId: string, orderId: string, returnId: string): Promise<MoneyOutcome> {
  return start(admin, deps, shop, {
    requestId,
    step: "return-close",
    idempotencyKey: operationKey(requestId, "return-close"),
    kind: "return_close",
    amountMinor: null,
    currency: null,
    input: { returnId },
    shopifyOrderId: orderId,
    shopifyTargetId: returnId,
  });
}

/**
 * Parts posted to the shopper, or a warranty claim's replacement piece, as a zero-price Shopify
 * order (docs/decisions/024-parts-orders), once: its draft order found again by the request's tag
 * before any call, never made twice.
 */
export async function partsOrderOnce(admin: Admin, deps: MoneyDeps, shop: string, requestId: string, plan: Omit<PartsOrderPlan, "tag">, what: "parts" | "replacement" = "parts"): Promise<MoneyOutcome> {
  const input: PartsOrderPlan = { ...plan, tag: what === "parts" ? partsOrderTag(requestId) : replacementOrderTag(requestId) };
  const step = `${what}-order`;
  return start(admin, deps, shop, {
    requestId,
    step,
    idempotencyKey: operationKey(requestId, step),
    kind: "parts_order",
    amountMinor: null,
    currency: plan.currency,
    input,
    shopifyOrderId: plan.orderId,
    shopifyTargetId: null,
  });
}

type Intent = Parameters<OperationRepository["begin"]>[1];

async function start(admin: Admin, deps: MoneyDeps, shop: string, intent: Intent): Promise<MoneyOutcome> {
  const { operation } = await deps.operations.begin(shop, intent);
  return execute(admin, deps, shop, operation);
}

/**
 * Takes one operation as far as it can go. Finished rows are returned untouched. A row that may
 * have been sent before is first checked against Shopify; only when Shopify shows no effect is it
 * sent (again). Transient failures leave it unfinished (thrown to the caller); refusals mark it
 * failed; after `maxAttempts` sends it is handed to a person.
 */
export async function execute(admin: Admin, deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<MoneyOutcome> {
  const ops = deps.operations;
  const now = deps.now ?? (() => new Date());
  const key = operation.idempotencyKey;
  if (operation.status !== "pending" && operation.status !== "sent") return operation;
  // A row sent within the grace period may still be on the wire (its sender waits on Shopify):
  // its effect cannot show yet, so looking and resending would pay twice. Its sender finishes it,
  // or the reconciler once the row is older than the grace period.
  if (operation.status === "sent" && operation.updatedAt.getTime() >= now().getTime() - (deps.reconcileGraceMs ?? 180_000)) return operation;

  let landed: string | null = null;
  if (operation.status === "sent") {
    try {
      landed = await effectOf(admin, deps, shop, operation);
    } catch (error) {
      if (error instanceof LookupUndecided) {
        await ops.markNeedsReview(shop, key, error.message);
        return (await ops.find(shop, key)) as OperationRecord;
      }
      // A look that fails counts as an attempt: one whose look keeps failing reaches maxAttempts
      // and goes to a person, instead of the reconciler retrying it for ever.
      const attempts = await ops.noteLookupFailure(shop, key, describe(error));
      if (attempts >= (deps.maxAttempts ?? 8)) {
        await ops.markNeedsReview(shop, key, `gave up after ${attempts} attempts; Shopify could not be asked whether it landed: ${describe(error)}`);
        return (await ops.find(shop, key)) as OperationRecord;
      }
      throw error;
    }
  }
  if (landed) {
    await ops.markSucceeded(shop, key, landed, now());
    return (await ops.find(shop, key)) as OperationRecord;
  }
  if (operation.attempts >= (deps.maxAttempts ?? 8)) {
    await ops.markNeedsReview(shop, key, `gave up after ${operation.attempts} attempts: ${operation.lastError ?? "no error recorded"}`);
    return (await ops.find(shop, key)) as OperationRecord;
  }

  const resolves = resolutionOf(operation);
  if (!(await ops.requestIsLive(shop, operation.requestId, operation.kind, operation.step))) {
    await ops.markFailed(shop, key, "not sent: the request is no longer open (declined, cancelled or closed)", now());
    if (resolves) await ops.releaseResolution(shop, operation.requestId as string, resolves);
    return (await ops.find(shop, key)) as OperationRecord;
  }
  if (resolves) {
    // The request's resolution is this operation's, held before anything is sent (a compare-and-
    // set): a colleague who resolved it another way, or Shopify admin processing its return
    // (returns/process), stops a send that has not gone out — the desk's and the reconciler's alike.
    const hold = await ops.holdResolution(shop, operation.requestId as string, resolves);
    if (!hold.held) {
      const how = hold.resolution && hold.resolution !== resolves ? `resolved another way (${hold.resolution.replace(/_/g, " ")})` : `${hold.status ?? "gone"} meanwhile, in Shopify admin or by a colleague`;
      await ops.markFailed(shop, key, `not sent: the request was ${how}`, now());
      await ops.releaseResolution(shop, operation.requestId as string, resolves);
      return (await ops.find(shop, key)) as OperationRecord;
    }
  }
  // What Shopify holds before the send: read first, and a read that fails counts as an attempt
  // (as a failed look does above), so a row Shopify cannot be read for goes to a person after
  // maxAttempts instead of coming back to the reconciler for ever, never sent.
  let before: unknown;
  try {
    if (operation.sentAt === null && (operation.kind === "refund" || operation.kind === "return_process" || operation.kind === "invoice")) {
      const disagreement = operation.kind === "invoice" ? await invoiceDisagreement(admin, operation) : await disagreementWithShopify(admin, operation);
      if (disagreement) {
        await ops.markNeedsReview(shop, key, disagreement);
        return (await ops.find(shop, key)) as OperationRecord;
      }
    }
    before = await stateBefore(admin, deps, operation);
  } catch (error) {
    const attempts = await ops.noteLookupFailure(shop, key, describe(error));
    if (attempts >= (deps.maxAttempts ?? 8)) {
      await ops.markNeedsReview(shop, key, `gave up after ${attempts} attempts; Shopify could not be read before sending, so nothing was sent: ${describe(error)}`);
      return (await ops.find(shop, key)) as OperationRecord;
    }
    throw error;
  }

  deps.crash?.("before-call", operation);
  if (!(await ops.claimSend(shop, key, operation.attempts, now(), before))) {
    // Another worker claimed this send first; it finishes the row (or the reconciler does).
    return (await ops.find(shop, key)) as OperationRecord;
  }
  const sent = (await ops.find(shop, key)) as OperationRecord;
  let resultId: string;
  try {
    resultId = await call(admin, deps, shop, sent);
  } catch (error) {
    if (error instanceof ShopifyUserErrors || error instanceof PaidDraftKept) {
      // PaidDraftKept: a quote's draft the shopper paid meanwhile is never deleted (nothing was sent).
      await ops.markFailed(shop, key, error instanceof ShopifyUserErrors ? merchantMessage(error) : error.message, now());
      if (resolves) await ops.releaseResolution(shop, operation.requestId as string, resolves);
      return (await ops.find(shop, key)) as OperationRecord;
    }
    if (error instanceof LookupUndecided) {
      // The send's answer was lost and the look after it could not decide: never resend.
      await ops.markNeedsReview(shop, key, error.message);
      return (await ops.find(shop, key)) as OperationRecord;
    }
    await ops.noteError(shop, key, describe(error));
    throw error;
  }
  deps.crash?.("after-call", sent);
  await ops.markSucceeded(shop, key, resultId, now());
  const done = (await ops.find(shop, key)) as OperationRecord;
  deps.crash?.("after-record", done);
  return done;
}

/** Sends the operation's own recorded input: a retry can never send a different amount. */
async function call(admin: Admin, deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<string> {
  switch (operation.kind) {
    case "refund":
      return (await createRefund(admin, operation.idempotencyKey, operation.input as RefundPlan)).refundId;
    case "return_process": {
      const result = await processReturn(admin, operation.input as ProcessPlan, async () => {
        const landed = await effectOf(admin, deps, shop, operation);
        return landed ? { returnProcess: { return: { id: (operation.input as ProcessPlan).returnId, status: "CLOSED", refunds: { nodes: [{ id: landed }] } }, userErrors: [] } } : null;
      });
      const before = new Set(((operation.shopifyState as { refundIds?: string[] } | null)?.refundIds ?? []));
      return result.refundIds.find((id) => !before.has(id)) ?? result.returnId;
    }
    case "store_credit": {
      const result = await creditStoreCredit(admin, operation.input as StoreCreditGrant, async () => {
        const landed = await effectOf(admin, deps, shop, operation);
        return landed ? { storeCreditAccountCredit: { storeCreditAccountTransaction: { id: landed, amount: { amount: "0", currencyCode: "XXX" }, account: { id: "" } }, userErrors: [] } } : null;
      });
      return result.transactionId;
    }
    case "invoice":
      return sendOrderInvoice(admin, operation.input as InvoicePlan);
    case "reverse_delivery":
      return createReverseDelivery(admin, operation.input as ReverseDeliveryPlan);
    case "draft_order":
      return (await createRepairDraft(admin, operation.input as RepairDraftPlan)).id;
    case "draft_invoice": {
      const { tag } = operation.input as QuoteInvoicePlan;
      const { draftId } = operation.shopifyState as { draftId: string };
      return (await sendRepairInvoice(admin, draftId, tag)).id;
    }
    case "parts_order":
      // Looks under the tag before each call: a draft already made is completed, not made again.
      return (await makePartsOrder(admin, operation.input as PartsOrderPlan)).id;
    case "draft_delete": {
      // Looks under the tag just before the call: nothing there was deleted already; a paid draft is kept.
      const { tag } = operation.input as QuoteInvoicePlan;
      return (await deleteRepairDraft(admin, tag)) ?? (operation.shopifyState as { draftId?: string | null } | null)?.draftId ?? `none:${tag}`;
    }
    case "return_close":
      // Repeatable: the client looks at the return's status after a lost answer, and Shopify refuses closing a closed return.
      return (await closeReturn(admin, (operation.input as { returnId: string }).returnId)).id;
  }
}

/**
 * The reconciler: every pending or sent operation of a shop is finished (its effect found, or
 * sent for the first time) or marked; none is sent when Shopify already shows it. Safe to run
 * any number of times, and beside live workers: rows changed within the grace period (a worker
 * may be sending them right now) wait for a later run.
 */
export async function reconcileShop(admin: Admin, deps: MoneyDeps, shop: string): Promise<{ finished: number; unfinished: number; errors: string[] }> {
  const errors: string[] = [];
  let finished = 0;
  let unfinished = 0;
  const now = (deps.now ?? (() => new Date()))();
  const untouchedSince = new Date(now.getTime() - (deps.reconcileGraceMs ?? 180_000));
  for (const operation of await deps.operations.unfinished(shop, { untouchedSince })) {
    try {
      const outcome = await execute(admin, { ...deps, crash: undefined }, shop, operation);
      await settleConfirmed(deps, shop, outcome);
      if (outcome.status === "pending" || outcome.status === "sent") unfinished += 1;
      else finished += 1;
    } catch (error) {
      unfinished += 1;
      // Still unfinished: an unknown outcome stays "sent" and is looked at again next time.
      errors.push(`${operation.idempotencyKey}: ${describe(error)}`);
    }
  }
  return { finished, unfinished, errors };
}
