import type { Database } from "../platform/db-client.server";
import { isUniqueViolation } from "./errors.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { AFTER_CLOSE_KINDS, CLOSED_REQUEST_STATUSES, COUNTED, MoneyCeilingError, OperationKeyConflict, toRecord, type OperationIntent, type OperationRecord } from "./operations-model.server";

/** Recording an operation's intent before its call, once per key and within its request's money ceiling. */
export function createOperationBegin(db: Database) {
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
  };
}

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
  const closing = AFTER_CLOSE_KINDS.includes(intent.kind) ? CLOSED_REQUEST_STATUSES.filter((s) => s !== "closed") : CLOSED_REQUEST_STATUSES;
  if (closing.includes(request.status)) {
    return refuse(`request ${intent.requestId} is ${request.status}: no money moves for it`, { ceilingMinor: null, committedMinor: 0, currency: request.currency });
  }
  if (intent.currency !== null && intent.currency !== request.currency) {
    return refuse(`request ${intent.requestId} is in ${request.currency}, not ${intent.currency}`, { ceilingMinor: null, committedMinor: 0, currency: request.currency });
  }
  // An invoice asks the shopper for money and a parts order is at no charge: nothing goes out, so the ceiling does not bound them.
  if (AFTER_CLOSE_KINDS.includes(intent.kind)) return;
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
