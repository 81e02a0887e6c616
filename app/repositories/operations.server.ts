import type { Database } from "../platform/db-client.server";
import { createOperationBegin } from "./operations-begin.server";
import { toRecord, type OperationKind, type OperationRecord } from "./operations-model.server";
import { createOperationResolution } from "./operations-resolution.server";
import { createOperationSends } from "./operations-sends.server";

export {
  DEPOSIT_REFUND_STEP,
  MoneyCeilingError,
  OPERATION_STATUSES,
  OperationKeyConflict,
  QUOTE_KINDS,
  RESOLVING_STEPS,
  type OperationIntent,
  type OperationKind,
  type OperationRecord,
  type OperationStatus,
  type SettledMoney,
} from "./operations-model.server";

/**
 * Records of money-moving Shopify calls (docs/decisions/005-never-pay-twice.md). A record is
 * written before its call and found again by its deterministic key, so a retry, a second worker or
 * the reconciler always acts on the same row. Every function takes the shop first.
 */
export function createOperationRepository(db: Database) {
  return {
    ...createOperationBegin(db),
    ...createOperationResolution(db),
    ...createOperationSends(db),

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
  };
}

export type OperationRepository = ReturnType<typeof createOperationRepository>;
