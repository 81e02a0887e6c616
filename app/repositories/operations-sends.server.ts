import type { Database } from "../platform/db-client.server";

/** A send's course: claimed (compare-and-set on the attempts seen), then succeeded, failed, handed to a person, or noted for another attempt. */
export function createOperationSends(db: Database) {
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
