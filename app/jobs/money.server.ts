import { formatMoneyIn } from "../domain/money";
import type { OperationKind, OperationRecord, OperationRepository } from "../repositories/operations.server";
import type { Admin } from "../shopify/client.server";
import { ShopifyUserErrors, describe } from "../shopify/errors";
import {
  createRefund,
  creditStoreCredit,
  fetchExchangeOutcome,
  fetchOrderBalance,
  fetchOrderRefunds,
  fetchSuggestedRefund,
  processReturn,
  sendOrderInvoice,
  type InvoicePlan,
  storeCreditHistorySince,
  type ProcessPlan,
  type RefundPlan,
  type StoreCreditGrant,
} from "../shopify/money.server";
import { merchantMessage } from "../shopify/limits";
import { closeReturn, fetchReturn } from "../shopify/returns.server";
import { createRepairDraft, findRepairDraft, sendRepairInvoice, type RepairDraftPlan } from "../shopify/draft-orders.server";
import { createReverseDelivery, findReverseDelivery, type ReverseDeliveryPlan } from "../shopify/reverse-deliveries.server";

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

/** Test seam: throws at a named point to simulate the worker dying there. */
export type CrashPoint = "before-call" | "after-call" | "after-record";

export type MoneyDeps = {
  operations: OperationRepository;
  now?: () => Date;
  crash?: (point: CrashPoint, operation: OperationRecord) => void;
  /** Sends of one operation after which it is handed to a person (needs_review). */
  maxAttempts?: number;
  /**
   * The reconciler leaves alone rows changed more recently than this: a live worker may be in the
   * middle of sending them (its client gives up within a minute). Default 3 minutes.
   */
  reconcileGraceMs?: number;
  /**
   * How far a store credit's lookup reads the customer's history (newest first, page by page):
   * back to the send less `marginMs` (clock skew between us and Shopify), at most `maxPages` pages
   * of `pageSize`. Defaults: 10 minutes, 20 pages of 50.
   */
  creditLookup?: Partial<CreditLookup>;
};

type CreditLookup = { marginMs: number; pageSize: number; maxPages: number };

function creditLookup(deps: MoneyDeps): CreditLookup {
  return { marginMs: 600_000, pageSize: 50, maxPages: 20, ...deps.creditLookup };
}

/**
 * The lookup read its page cap of the customer's history without reaching the send: whether the
 * credit landed cannot be said, so the operation goes to a person rather than being resent.
 */
export class LookupUndecided extends Error {
  override name = "LookupUndecided";
}

export type MoneyOutcome = OperationRecord;

/** The deterministic key: the same request and step always name the same operation. */
export function operationKey(requestId: string, step: string): string {
  return `aftercare:${requestId}:${step}`;
}

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
  if (!(await ops.requestIsLive(shop, operation.requestId, operation.kind))) {
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
    if (error instanceof ShopifyUserErrors) {
      await ops.markFailed(shop, key, merchantMessage(error), now());
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

/**
 * The resolution an operation settles its request by: the desk's money resolution (steps
 * `resolve`, `resolve-2`…: a refund, or store credit when only credit is given) or its exchange
 * (`exchange…`). Null for money that does not resolve the request (an invoice, goodwill).
 */
export function resolutionOf(operation: Pick<OperationRecord, "step" | "kind" | "input">): string | null {
  if (/^exchange(-\d+)?$/.test(operation.step)) return "exchange";
  if (!/^resolve(-\d+)?$/.test(operation.step)) return null;
  if (operation.kind === "store_credit") return "store_credit";
  const plan = operation.input as Partial<RefundPlan>;
  return (plan.storeCreditMinor ?? 0) > 0 && (plan.toPaymentMinor ?? 0) === 0 ? "store_credit" : "refund";
}

/**
 * A succeeded operation that resolves its request by refund or store credit, recorded on the
 * request (its resolution, status and timeline: OperationRepository.settleResolution) when the
 * desk could not do it: the reconciler or a money job confirmed it after the desk's click ended
 * without an answer. Anything else: nothing to do.
 */
export async function settleConfirmed(deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<void> {
  const method = resolutionOf(operation);
  if (operation.status !== "succeeded" || !operation.requestId || (method !== "refund" && method !== "store_credit")) return;
  const amount = formatMoneyIn(operation.amountMinor ?? 0, operation.currency ?? "XXX", "en");
  const expiresAt = operation.kind === "store_credit" ? (operation.input as StoreCreditGrant).expiresAt : (operation.input as RefundPlan).storeCreditExpiresAt;
  await deps.operations.settleResolution(shop, {
    requestId: operation.requestId,
    key: operation.idempotencyKey,
    method,
    amountMinor: operation.amountMinor ?? 0,
    currency: operation.currency ?? "XXX",
    message: `${method === "refund" ? "Refund to the original payment" : "Store credit"}: ${amount} (confirmed with Shopify after the desk could not confirm it)`,
    resolvedMessage: `Resolved: ${method === "refund" ? "refund to original payment" : "store credit"} (confirmed with Shopify)`,
    data: { shopifyOrderId: operation.shopifyOrderId, shopifyTargetId: operation.shopifyTargetId, shopifyResultId: operation.shopifyResultId, amountMinor: operation.amountMinor, currency: operation.currency, expiresAt: method === "store_credit" ? expiresAt : null },
    actor: "system",
    at: (deps.now ?? (() => new Date()))(),
  });
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
    case "return_close":
      // Repeatable: the client looks at the return's status after a lost answer, and Shopify refuses closing a closed return.
      return (await closeReturn(admin, (operation.input as { returnId: string }).returnId)).id;
  }
}

/** A quote's invoice: sent for the draft order made under the quote's tag (its draft_order operation). */
export type QuoteInvoicePlan = { tag: string };

/**
 * An exchange's invoice is for what Shopify shows outstanding on the order, which must be the
 * difference the shopper was shown (to a minor unit): otherwise, or with nothing outstanding, the
 * invoice is held for a person with both figures and not sent.
 */
async function invoiceDisagreement(admin: Admin, operation: OperationRecord): Promise<string | null> {
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
async function disagreementWithShopify(admin: Admin, operation: OperationRecord): Promise<string | null> {
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

/** What the kind needs to recognise its own effect later: ids that existed before this send. */
async function stateBefore(admin: Admin, deps: MoneyDeps, operation: OperationRecord): Promise<unknown> {
  switch (operation.kind as OperationKind) {
    case "refund":
      return undefined; // the refund carries the key in its note, and the key itself guards resends
    case "return_process":
      return { refundIds: (await fetchReturn(admin, (operation.input as ProcessPlan).returnId)).refunds.map((r) => r.id) };
    case "invoice":
      return undefined; // nothing about a sent invoice can be read back (see effectOf)
    case "reverse_delivery":
      return undefined; // the tracking number on the return is its mark (see effectOf)
    case "draft_order":
      return undefined; // the quote's tag is its mark (see effectOf)
    case "draft_invoice": {
      // The draft order to invoice: made by the quote's draft_order operation, found by its tag.
      // Not made yet (that operation unfinished): this one waits, nothing sent.
      const draft = await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag);
      if (!draft) throw new Error("the quote's draft order is not made yet; its invoice waits for it");
      return { draftId: draft.id };
    }
    case "return_close":
      return undefined; // the return's status is its mark
    case "store_credit": {
      // Every credit the later lookup could see that is not ours: back to now less the margin
      // (the lookup reads back to the send less the same margin, and the send comes after this).
      const grant = operation.input as StoreCreditGrant;
      const limits = creditLookup(deps);
      const history = await storeCreditHistorySince(admin, grant.customerId, grant.currency, new Date((deps.now ?? (() => new Date()))().getTime() - limits.marginMs), limits);
      return { transactionIds: history.transactions.map((t) => t.id).filter(Boolean) };
    }
  }
}

/**
 * Did an earlier send of this operation land? Returns Shopify's id of its effect, or null.
 * - refund: a refund on the order whose note names the key;
 * - return_process: a refund on the return that was not there before the send;
 * - store_credit: a credit of exactly this amount and currency on the customer's account that
 *   was not there before the send and that no other operation has claimed, looked for in the
 *   account's history back to the send (less a margin); a history too long to read that far
 *   throws LookupUndecided (the caller hands the operation to a person).
 */
async function effectOf(admin: Admin, deps: MoneyDeps, shop: string, operation: OperationRecord): Promise<string | null> {
  const before = (operation.shopifyState ?? {}) as { refundIds?: string[]; transactionIds?: string[] };
  switch (operation.kind as OperationKind) {
    case "refund": {
      const plan = operation.input as RefundPlan;
      const refunds = await fetchOrderRefunds(admin, plan.orderId);
      return refunds.find((r) => r.note === plan.note)?.id ?? null;
    }
    case "return_process": {
      const plan = operation.input as ProcessPlan;
      const state = await fetchReturn(admin, plan.returnId);
      const known = new Set(before.refundIds ?? []);
      const fresh = state.refunds.find((r) => !known.has(r.id));
      if (fresh) return fresh.id;
      // Processed without money (nothing to refund): the lines show it.
      const processed = plan.lines.every((l) => (state.lines.find((x) => x.id === l.returnLineItemId)?.processedQuantity ?? 0) >= l.quantity);
      return processed && plan.toPaymentMinor + plan.storeCreditMinor === 0 ? state.id : null;
    }
    case "reverse_delivery": {
      const plan = operation.input as ReverseDeliveryPlan;
      return findReverseDelivery(admin, plan.returnId, plan.trackingNumber);
    }
    case "draft_order":
      return (await findRepairDraft(admin, (operation.input as RepairDraftPlan).tag))?.id ?? null;
    case "draft_invoice": {
      // A sent invoice shows as the draft's invoiceSentAt ("when the invoice was last emailed").
      const draft = await findRepairDraft(admin, (operation.input as QuoteInvoicePlan).tag);
      return draft?.invoiceSentAt || draft?.status === "COMPLETED" ? draft.id : null;
    }
    case "return_close": {
      const state = await fetchReturn(admin, (operation.input as { returnId: string }).returnId);
      return state.status === "CLOSED" ? state.id : null;
    }
    case "invoice":
      // Shopify keeps no record of sent invoices that an app can read: an invoice whose send may
      // have landed is never resent automatically.
      throw new LookupUndecided("held for review: Shopify did not confirm the invoice email and cannot be asked whether it went out; check the order's timeline in Shopify admin before sending it again");
    case "store_credit": {
      const grant = operation.input as StoreCreditGrant;
      const known = new Set(before.transactionIds ?? []);
      const claimed = await deps.operations.claimedResults(shop, "store_credit");
      // Newest first, page by page, back to the send less a margin: a credit of ours cannot be
      // older than that, however many other credits the customer has had since.
      const limits = creditLookup(deps);
      const sentAt = operation.sentAt ?? operation.updatedAt;
      const since = new Date(sentAt.getTime() - limits.marginMs);
      const history = await storeCreditHistorySince(
        admin,
        grant.customerId,
        grant.currency,
        since,
        limits,
        (t) => t.id !== null && !known.has(t.id) && !claimed.has(t.id) && t.event === "ADJUSTMENT" && t.amountMinor === grant.amountMinor && t.currency === grant.currency,
      );
      if (history.match) return history.match.id;
      if (!history.complete) {
        throw new LookupUndecided(
          `held for review: read ${history.pages} pages (${history.transactions.length} transactions) of the customer's store credit without reaching the send at ${sentAt.toISOString()}; whether the credit landed is unknown, so it was not sent again`,
        );
      }
      return null;
    }
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
