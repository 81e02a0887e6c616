import type { Database } from "../platform/db-client.server";
import { isUniqueViolation } from "./errors.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { addToOutbox } from "./notifications.server";
import { addFlowEvents } from "./flow.server";

export const OPERATION_STATUSES = ["pending", "sent", "succeeded", "failed", "needs_review"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * `invoice` is money the shopper pays (orderInvoiceSend for an exchange's difference): recorded
 * and keyed like the others so it is sent once, but not counted against the request's ceiling.
 * `reverse_delivery` moves no money (the parcel's tracking attached to the Shopify return,
 * app/parcels): keyed and recorded the same way, so it is never made twice. Nor does
 * `return_close` (a request resolved without money closes its Shopify return, decision 022).
 * `draft_order` and `draft_invoice` are a repair ticket's quote (app/repairs/quotes.server.ts,
 * docs/decisions/018-quotes): its Shopify draft order and the invoice emailed for it. They ask the
 * shopper for money (no amount counted against the request) and are sent only while the ticket
 * is still quoted.
 */
export type OperationKind = "refund" | "return_process" | "store_credit" | "invoice" | "reverse_delivery" | "draft_order" | "draft_invoice" | "return_close";

/** Kinds that ask for a repair ticket's quote to be paid: live only while the ticket is quoted. */
export const QUOTE_KINDS: readonly OperationKind[] = ["draft_order", "draft_invoice"];

export type OperationRecord = {
  id: string;
  shop: string;
  requestId: string | null;
  step: string;
  idempotencyKey: string;
  kind: OperationKind;
  amountMinor: number | null;
  currency: string | null;
  status: OperationStatus;
  input: unknown;
  shopifyOrderId: string | null;
  shopifyTargetId: string | null;
  shopifyResultId: string | null;
  /** What Shopify held just before the last send (see claimSend). */
  shopifyState: unknown;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OperationIntent = {
  requestId: string | null;
  step: string;
  idempotencyKey: string;
  kind: OperationKind;
  amountMinor: number | null;
  currency: string | null;
  input: unknown;
  shopifyOrderId: string | null;
  shopifyTargetId: string | null;
};

type Row = Awaited<ReturnType<Database["operation"]["findFirstOrThrow"]>>;

function toRecord(row: Row): OperationRecord {
  const { inputJson, shopifyStateJson, ...rest } = row;
  return {
    ...rest,
    amountMinor: fromDbMinor(row.amountMinor),
    kind: row.kind as OperationKind,
    status: row.status as OperationStatus,
    input: JSON.parse(inputJson) as unknown,
    shopifyState: shopifyStateJson ? (JSON.parse(shopifyStateJson) as unknown) : null,
  };
}

export class OperationKeyConflict extends Error {
  override name = "OperationKeyConflict";
}

/**
 * A money operation refused before anything was written or sent: it would take the request's
 * refunds plus credits past what the engine decided plus the merchant's recorded override, or
 * there is no request (or no decided amount) to bound it.
 */
export class MoneyCeilingError extends Error {
  override name = "MoneyCeilingError";
  constructor(
    message: string,
    readonly figures: { requestId: string | null; ceilingMinor: number | null; committedMinor: number; askedMinor: number; currency: string | null },
  ) {
    super(message);
  }
}

/** Steps of the operations that resolve their request (the desk's money resolution and exchange). */
export const RESOLVING_STEPS = ["resolve", "exchange"] as const;

/** Statuses a request is resolved from. */
const RESOLVABLE_STATUSES = ["received", "inspected"];

/** A succeeded operation's money as its request's resolution (see settleResolution). */
export type SettledMoney = {
  requestId: string;
  key: string;
  method: string;
  amountMinor: number;
  currency: string;
  /** The money entry's words ("Refund to the original payment: £65.00"). */
  message: string;
  /** The "resolved" entry's words. */
  resolvedMessage: string;
  note?: string;
  data: Record<string, unknown>;
  actor: "merchant" | "system";
  staffId?: string | null;
  staffName?: string | null;
  at: Date;
};

/** Request statuses after which no pending money operation may be sent. */
const CLOSED_REQUEST_STATUSES = ["declined", "cancelled", "closed"];

/** Operations that count against a request's ceiling: all but those Shopify refused (nothing moved). */
const COUNTED = { not: "failed" } as const;

/**
 * Records of money-moving Shopify calls (docs/decisions/005-never-pay-twice.md). A record is
 * written before its call and found again by its deterministic key, so a retry, a second worker or
 * the reconciler always acts on the same row. Every function takes the shop first.
 */
export function createOperationRepository(db: Database) {
  /**
   * A redaction that found this operation unfinished left its input to it (a retry must send what
   * was recorded); the redacted request is the record of that. Once the operation is finished it
   * loses what names the customer, as the redaction would have done.
   */
  async function finishPendingRedaction(shop: string, idempotencyKey: string): Promise<void> {
    const row = await db.operation.findFirst({ where: { shop, idempotencyKey, status: { in: ["succeeded", "failed", "needs_review"] } }, select: { requestId: true } });
    if (!row?.requestId) return;
    if (!(await db.aftercareRequest.count({ where: { shop, id: row.requestId, redactedAt: { not: null } } }))) return;
    await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["succeeded", "failed", "needs_review"] } }, data: { inputJson: "{}", shopifyTargetId: null, shopifyStateJson: null } });
  }

  return {
    /**
     * Writes the intent, or returns the record already written under this key (the insert and
     * the unique constraint decide, so two workers racing get one row). A key that belongs to
     * another shop, or to different input, is a programming error and throws.
     */
    async begin(shop: string, intent: OperationIntent): Promise<{ operation: OperationRecord; created: boolean }> {
      const inputJson = JSON.stringify(intent.input);
      const existing = async () => {
        const row = await db.operation.findFirst({ where: { shop, idempotencyKey: intent.idempotencyKey } });
        if (!row) return null;
        if (row.inputJson !== inputJson) {
          throw new OperationKeyConflict(`idempotency key ${intent.idempotencyKey} was recorded with other input; a new amount needs a new step`);
        }
        return { operation: toRecord(row), created: false };
      };
      // A retry finds its own row: it was counted against the ceiling when it was written.
      const found = await existing();
      if (found) return found;
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const row = await db.$transaction(async (tx) => {
            // Inserted first, so a key taken (here or by another shop) is told apart from a
            // ceiling breach; a breach then rolls the insert back.
            const created = await tx.operation.create({
              data: {
                shop,
                requestId: intent.requestId,
                step: intent.step,
                idempotencyKey: intent.idempotencyKey,
                kind: intent.kind,
                amountMinor: toDbMinor(intent.amountMinor),
                currency: intent.currency,
                inputJson,
                shopifyOrderId: intent.shopifyOrderId,
                shopifyTargetId: intent.shopifyTargetId,
              },
            });
            await assertWithinCeiling(tx as unknown as Database, shop, intent);
            return created;
          });
          return { operation: toRecord(row), created: true };
        } catch (error) {
          if (error instanceof CeilingRaced) continue;
          if (!isUniqueViolation(error)) throw error;
          const again = await existing();
          if (!again) throw new OperationKeyConflict(`idempotency key ${intent.idempotencyKey} belongs to another shop`);
          return again;
        }
      }
      throw new Error(`could not record ${intent.idempotencyKey}: the request's money kept changing`);
    },

    /**
     * Whether a pending operation of this request may still be sent: the request exists and is
     * not declined, cancelled or closed (an invoice: not declined or cancelled). Operations without a request are never sent.
     */
    async requestIsLive(shop: string, requestId: string | null, kind?: OperationKind): Promise<boolean> {
      if (requestId === null) return false;
      // A quote's (or deposit's) draft order while its ticket is quoted; a deposit's balance once the piece is ready (docs/decisions/023).
      if (kind && QUOTE_KINDS.includes(kind)) return (await db.repairTicket.count({ where: { shop, requestId, state: { in: ["quoted", "ready"] } } })) === 1;
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: requestId }, select: { status: true } });
      // An exchange's invoice is sent after its processing closed the request.
      const closing = kind === "invoice" ? CLOSED_REQUEST_STATUSES.filter((s) => s !== "closed") : CLOSED_REQUEST_STATUSES;
      return request !== null && !closing.includes(request.status);
    },

    /**
     * Holds the request's resolution for `method` before money is sent for it (issue 22 item 1):
     * a compare-and-set on a request that is received or inspected and not resolved, so a colleague
     * resolving it another way at the same moment (every resolution sets `resolution` only where it
     * is still empty) loses, and a send is never made for a request resolved another way. Already
     * held for the same method (a double click, the reconciler finishing the desk's send) while the
     * request is still received or inspected: held.
     * The status stays as it is until the money is confirmed (settleResolution).
     */
    async holdResolution(shop: string, requestId: string, method: string): Promise<{ held: boolean; resolution: string | null; status: string | null }> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id: requestId, resolution: null, status: { in: RESOLVABLE_STATUSES } }, data: { resolution: method } });
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: requestId }, select: { resolution: true, status: true } });
      if (!request) return { held: false, resolution: null, status: null };
      // Ours only while the request still waits for it: once it is resolved or closed (Shopify admin
      // processed its return: returns/process), nothing more is sent for it.
      const held = count === 1 || (request.resolution === method && RESOLVABLE_STATUSES.includes(request.status));
      return { held, resolution: request.resolution, status: request.status };
    },

    /**
     * Gives a held resolution back when nothing moved for it: only while no operation that resolves
     * the request (steps `resolve…` and `exchange…`) is unfinished, succeeded or waiting for a
     * person. Returns whether it was released.
     */
    async releaseResolution(shop: string, requestId: string, method: string): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const live = await tx.operation.count({ where: { shop, requestId, status: { in: ["pending", "sent", "succeeded", "needs_review"] }, OR: RESOLVING_STEPS.map((p) => ({ step: { startsWith: p } })) } });
        if (live) return false;
        const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: requestId, resolution: method }, data: { resolution: null } });
        return count === 1;
      });
    },

    /**
     * The money of a succeeded operation that resolves its request, on the request: its resolution
     * (when not already set), the status resolved (from received or inspected), and its money entry
     * and "resolved" entry on the timeline, each written once (found again by the operation's key).
     * Whoever confirms the money calls it (the desk's click, a later click, the reconciler), so the
     * request never stays unresolved after its money went out, and a refund that went out for a
     * request resolved another way is still recorded. Returns what it found and did.
     */
    async settleResolution(shop: string, settled: SettledMoney): Promise<{ recorded: boolean; resolution: string | null; resolvedOtherwise: boolean }> {
      return db.$transaction(async (tx) => {
        // A write first: two confirmations of the same money (a click and the reconciler) take
        // turns on the request's row, so the second reads the first's entry and writes none.
        const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId }, data: { moneyVersion: { increment: 1 } } });
        if (count !== 1) return { recorded: false, resolution: null, resolvedOtherwise: false };
        const request = await tx.aftercareRequest.findFirst({ where: { shop, id: settled.requestId }, select: { resolution: true, status: true } });
        if (!request) return { recorded: false, resolution: null, resolvedOtherwise: false };
        if (request.resolution === null) await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId, resolution: null }, data: { resolution: settled.method } });
        await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId, status: { in: RESOLVABLE_STATUSES } }, data: { status: "resolved" } });
        const resolvedOtherwise = request.resolution !== null && request.resolution !== settled.method;
        const already = await tx.requestEvent.count({ where: { shop, requestId: settled.requestId, type: { in: ["refunded", "credited"] }, dataJson: { contains: JSON.stringify(settled.key) } } });
        if (already) return { recorded: false, resolution: request.resolution ?? settled.method, resolvedOtherwise };
        const base = { shop, requestId: settled.requestId, actor: settled.actor, staffId: settled.staffId ?? null, staffName: settled.staffName ?? null, at: settled.at, internal: false };
        const moneyEntry = await tx.requestEvent.create({
          data: { ...base, type: settled.method === "refund" ? "refunded" : "credited", message: settled.message, amountMinor: toDbMinor(settled.amountMinor), currency: settled.currency, dataJson: JSON.stringify({ ...settled.data, key: settled.key, method: settled.method }) },
        });
        // The shopper's email about the money (app/messaging), in the same transaction.
        await addToOutbox(tx, shop, settled.requestId, moneyEntry);
        await addFlowEvents(tx, shop, settled.requestId, ["aftercare-request-resolved"], moneyEntry.id); // Shopify Flow (app/flow)
        if (resolvedOtherwise) {
          await tx.requestEvent.create({
            data: { ...base, type: "failed", internal: true, message: `This money went out although the request was resolved another way (${request.resolution}). Check with the shopper whether it should be recovered.`, dataJson: JSON.stringify({ key: settled.key, method: settled.method, resolution: request.resolution }) },
          });
        } else if (!(await tx.requestEvent.count({ where: { shop, requestId: settled.requestId, type: "resolved", dataJson: { contains: JSON.stringify(settled.key) } } }))) {
          // Shopify's own "resolved" step (returns/process) may be there already: this one says how.
          await tx.requestEvent.create({ data: { ...base, type: "resolved", message: settled.resolvedMessage, dataJson: JSON.stringify({ method: settled.method, note: settled.note ?? "", key: settled.key }) } });
        }
        return { recorded: true, resolution: request.resolution ?? settled.method, resolvedOtherwise };
      });
    },

    async find(shop: string, idempotencyKey: string): Promise<OperationRecord | null> {
      const row = await db.operation.findFirst({ where: { shop, idempotencyKey } });
      return row ? toRecord(row) : null;
    },

    async forRequest(shop: string, requestId: string): Promise<OperationRecord[]> {
      const rows = await db.operation.findMany({ where: { shop, requestId }, orderBy: { createdAt: "asc" } });
      return rows.map(toRecord);
    },

    /**
     * Operations not finished one way or the other: what the reconciler looks at. `untouchedSince`
     * leaves out rows a worker may still be sending (changed more recently than that).
     */
    async unfinished(shop: string, options: { untouchedSince?: Date } = {}): Promise<OperationRecord[]> {
      const rows = await db.operation.findMany({
        where: { shop, status: { in: ["pending", "sent"] }, ...(options.untouchedSince ? { updatedAt: { lt: options.untouchedSince } } : {}) },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toRecord);
    },

    /**
     * customers/redact: finished operations about the customer (their store-credit account, their
     * orders, their requests) lose what names them: the recorded input (notes, the customer's id)
     * and the target id. Amounts, currency, status and Shopify's result id stay for the books.
     * Unfinished ones keep their input until they finish: a retry must send exactly what was
     * recorded (docs/decisions/005); they are counted so the caller can say so.
     */
    async redactCustomer(shop: string, who: { customerId: string | null; orderIds: string[]; requestIds: string[] }): Promise<{ scrubbed: number; unfinished: number }> {
      const or: object[] = [];
      if (who.customerId) or.push({ shopifyTargetId: who.customerId }, { inputJson: { contains: who.customerId } });
      if (who.orderIds.length) or.push({ shopifyOrderId: { in: who.orderIds } });
      if (who.requestIds.length) or.push({ requestId: { in: who.requestIds } });
      if (!or.length) return { scrubbed: 0, unfinished: 0 };
      const [scrubbed, unfinished] = await db.$transaction([
        db.operation.updateMany({ where: { shop, OR: or, status: { in: ["succeeded", "failed", "needs_review"] } }, data: { inputJson: "{}", shopifyTargetId: null, shopifyStateJson: null } }),
        db.operation.count({ where: { shop, OR: or, status: { in: ["pending", "sent"] } } }),
      ]);
      return { scrubbed: scrubbed.count, unfinished };
    },

    /** Money operations by status, all shops together (the metrics; not scoped: counts only). */
    async countByStatusAllShops(): Promise<Record<string, number>> {
      const rows = await db.operation.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
    },

    /** Shops with unfinished operations (the reconciler's sweep; not scoped: it lists shops). */
    async shopsWithUnfinished(): Promise<string[]> {
      const rows = await db.operation.findMany({ where: { status: { in: ["pending", "sent"] } }, select: { shop: true }, distinct: ["shop"] });
      return rows.map((r) => r.shop);
    },

    /**
     * The call is about to go out: counted (an operation that keeps failing is visible), with
     * what Shopify held just before it when the kind needs that to recognise its own effect.
     */
    /**
     * Claims the right to send: succeeds only if the row is still unfinished with exactly the
     * attempts the caller saw (compare-and-set), so of two workers holding the same row only one
     * sends; the other is told no and leaves it alone.
     */
    async claimSend(shop: string, idempotencyKey: string, seenAttempts: number, at: Date, shopifyState?: unknown): Promise<boolean> {
      const { count } = await db.operation.updateMany({
        where: { shop, idempotencyKey, status: { in: ["pending", "sent"] }, attempts: seenAttempts },
        data: { status: "sent", sentAt: at, attempts: { increment: 1 }, ...(shopifyState === undefined ? {} : { shopifyStateJson: JSON.stringify(shopifyState) }) },
      });
      return count === 1;
    },

    /** Result ids already claimed by this shop's finished operations of a kind. */
    async claimedResults(shop: string, kind: OperationKind): Promise<Set<string>> {
      const rows = await db.operation.findMany({ where: { shop, kind, shopifyResultId: { not: null } }, select: { shopifyResultId: true } });
      return new Set(rows.map((r) => r.shopifyResultId as string));
    },

    /**
     * Whether Aftercare made this Shopify refund: an operation recorded it as its result (a refund,
     * or a return processed whose refund could not be told apart and was recorded by its return).
     */
    async madeRefund(shop: string, refundId: string, returnId: string | null): Promise<boolean> {
      const matches = await db.operation.count({
        where: { shop, OR: [{ shopifyResultId: refundId }, ...(returnId ? [{ kind: "return_process", shopifyResultId: returnId }] : [])] },
      });
      return matches > 0;
    },

    async markSucceeded(shop: string, idempotencyKey: string, shopifyResultId: string | null, at: Date): Promise<void> {
      await db.operation.updateMany({
        where: { shop, idempotencyKey, status: { in: ["pending", "sent", "needs_review"] } },
        data: { status: "succeeded", shopifyResultId, completedAt: at, lastError: null },
      });
      await finishPendingRedaction(shop, idempotencyKey);
    },

    /** Shopify refused it (userErrors): nothing moved, a person must look. */
    async markFailed(shop: string, idempotencyKey: string, error: string, at: Date): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["pending", "sent"] } }, data: { status: "failed", lastError: error, completedAt: at } });
      await finishPendingRedaction(shop, idempotencyKey);
    },

    /** The outcome cannot be proved either way: stop, never resend, ask the merchant. */
    async markNeedsReview(shop: string, idempotencyKey: string, error: string): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["pending", "sent"] } }, data: { status: "needs_review", lastError: error } });
      await finishPendingRedaction(shop, idempotencyKey);
    },

    /** A transient failure: stays unfinished for the next attempt or the reconciler. */
    async noteError(shop: string, idempotencyKey: string, error: string): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey }, data: { lastError: error } });
    },

    /**
     * Looking at Shopify failed (for an earlier send's effect, or before a first send): counted as
     * an attempt (so a look that keeps failing ends in needs_review), with the error. Returns the
     * attempts now recorded.
     */
    async noteLookupFailure(shop: string, idempotencyKey: string, error: string): Promise<number> {
      await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["pending", "sent"] } }, data: { lastError: error, attempts: { increment: 1 } } });
      const row = await db.operation.findFirst({ where: { shop, idempotencyKey }, select: { attempts: true } });
      return row?.attempts ?? 0;
    },
  };
}

export type OperationRepository = ReturnType<typeof createOperationRepository>;

/** Another writer changed the request's money between our read and our write: read again. */
class CeilingRaced extends Error {}

/**
 * Inside the writing transaction: the request's counted operations plus this one must stay
 * within its ceiling (engine's decided amount plus the merchant's override), in its currency.
 * Ends with a compare-and-set on the request's money version, so of two writers that read the
 * same figures only one commits; the other reads again and sees the first one's amount.
 */
async function assertWithinCeiling(tx: Database, shop: string, intent: OperationIntent): Promise<void> {
  const asked = intent.amountMinor ?? 0;
  const refuse = (message: string, figures: Omit<MoneyCeilingError["figures"], "askedMinor" | "requestId">) => {
    throw new MoneyCeilingError(message, { ...figures, askedMinor: asked, requestId: intent.requestId });
  };
  if (intent.requestId === null) {
    return refuse("a money operation must belong to a request, whose decision bounds it", { ceilingMinor: null, committedMinor: 0, currency: intent.currency });
  }
  const request = await tx.aftercareRequest.findFirst({
    where: { shop, id: intent.requestId },
    select: { currency: true, status: true, moneyDecidedMinor: true, moneyOverrideMinor: true, moneyVersion: true, parcel: { select: { repaidMinor: true } } },
  });
  if (!request) return refuse(`request ${intent.requestId} does not exist in this shop`, { ceilingMinor: null, committedMinor: 0, currency: intent.currency });
  // An exchange's invoice follows its processing, which closes the request: only a declined or
  // cancelled request refuses one.
  const closing = intent.kind === "invoice" ? CLOSED_REQUEST_STATUSES.filter((s) => s !== "closed") : CLOSED_REQUEST_STATUSES;
  if (closing.includes(request.status)) {
    return refuse(`request ${intent.requestId} is ${request.status}: no money moves for it`, { ceilingMinor: null, committedMinor: 0, currency: request.currency });
  }
  if (intent.currency !== null && intent.currency !== request.currency) {
    return refuse(`request ${intent.requestId} is in ${request.currency}, not ${intent.currency}`, { ceilingMinor: null, committedMinor: 0, currency: request.currency });
  }
  // An invoice asks the shopper for money: nothing goes out, so the ceiling does not bound it.
  if (intent.kind === "invoice") return;
  const decided = fromDbMinor(request.moneyDecidedMinor);
  // The postage the engine repays on the shopper's parcel (app/parcels) is part of what was decided.
  const postage = request.parcel ? fromDbMinor(request.parcel.repaidMinor) : 0;
  const ceiling = decided === null ? null : decided + postage + (fromDbMinor(request.moneyOverrideMinor) ?? 0);
  const counted = await tx.operation.findMany({ where: { shop, requestId: intent.requestId, status: COUNTED, kind: { not: "invoice" } }, select: { amountMinor: true } });
  // The operation being written is among them: what was there before it is the rest.
  const committed = counted.reduce((sum, op) => sum + (fromDbMinor(op.amountMinor) ?? 0), 0) - asked;
  if (ceiling === null && asked > 0) {
    return refuse(`request ${intent.requestId} has no decided amount: nothing may be refunded or credited`, { ceilingMinor: null, committedMinor: committed, currency: request.currency });
  }
  if (ceiling !== null && committed + asked > ceiling) {
    return refuse(
      `request ${intent.requestId}: ${asked} more minor units would take refunds and credits to ${committed + asked}, past the ${ceiling} decided${request.moneyOverrideMinor ? " with the override" : ""}`,
      { ceilingMinor: ceiling, committedMinor: committed, currency: request.currency },
    );
  }
  const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: intent.requestId, moneyVersion: request.moneyVersion }, data: { moneyVersion: { increment: 1 } } });
  if (count !== 1) throw new CeilingRaced();
}
