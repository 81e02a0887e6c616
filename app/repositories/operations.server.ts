import type { Database } from "../db-client.server";
import { isUniqueViolation } from "./errors.server";

export const OPERATION_STATUSES = ["pending", "sent", "succeeded", "failed", "needs_review"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export type OperationKind = "refund" | "return_process" | "store_credit";

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
 * Records of money-moving Shopify calls (docs/decisions/005-never-pay-twice.md). A record is
 * written before its call and found again by its deterministic key, so a retry, a second worker or
 * the reconciler always acts on the same row. Every function takes the shop first.
 */
export function createOperationRepository(db: Database) {
  return {
    /**
     * Writes the intent, or returns the record already written under this key (the insert and
     * the unique constraint decide, so two workers racing get one row). A key that belongs to
     * another shop, or to different input, is a programming error and throws.
     */
    async begin(shop: string, intent: OperationIntent): Promise<{ operation: OperationRecord; created: boolean }> {
      const inputJson = JSON.stringify(intent.input);
      try {
        const row = await db.operation.create({
          data: {
            shop,
            requestId: intent.requestId,
            step: intent.step,
            idempotencyKey: intent.idempotencyKey,
            kind: intent.kind,
            amountMinor: intent.amountMinor,
            currency: intent.currency,
            inputJson,
            shopifyOrderId: intent.shopifyOrderId,
            shopifyTargetId: intent.shopifyTargetId,
          },
        });
        return { operation: toRecord(row), created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.operation.findFirst({ where: { shop, idempotencyKey: intent.idempotencyKey } });
        if (!existing) throw new OperationKeyConflict(`idempotency key ${intent.idempotencyKey} belongs to another shop`);
        if (existing.inputJson !== inputJson) {
          throw new OperationKeyConflict(`idempotency key ${intent.idempotencyKey} was recorded with other input; a new amount needs a new step`);
        }
        return { operation: toRecord(existing), created: false };
      }
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

    async markSucceeded(shop: string, idempotencyKey: string, shopifyResultId: string | null, at: Date): Promise<void> {
      await db.operation.updateMany({
        where: { shop, idempotencyKey, status: { in: ["pending", "sent", "needs_review"] } },
        data: { status: "succeeded", shopifyResultId, completedAt: at, lastError: null },
      });
    },

    /** Shopify refused it (userErrors): nothing moved, a person must look. */
    async markFailed(shop: string, idempotencyKey: string, error: string, at: Date): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["pending", "sent"] } }, data: { status: "failed", lastError: error, completedAt: at } });
    },

    /** The outcome cannot be proved either way: stop, never resend, ask the merchant. */
    async markNeedsReview(shop: string, idempotencyKey: string, error: string): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey, status: { in: ["pending", "sent"] } }, data: { status: "needs_review", lastError: error } });
    },

    /** A transient failure: stays unfinished for the next attempt or the reconciler. */
    async noteError(shop: string, idempotencyKey: string, error: string): Promise<void> {
      await db.operation.updateMany({ where: { shop, idempotencyKey }, data: { lastError: error } });
    },
  };
}

export type OperationRepository = ReturnType<typeof createOperationRepository>;
