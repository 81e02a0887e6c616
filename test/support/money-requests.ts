import type { Database } from "../../app/platform/db-client.server";
import { isUniqueViolation } from "../../app/repositories/errors.server";
import type { OperationRepository } from "../../app/repositories/operations.server";

/**
 * A request the engine decided `decidedMinor` for, under a fixed id, so money operations naming
 * it pass the per-request ceiling. For tests about something else than the ceiling (never paying
 * twice, faults, redaction); the ceiling itself is tested with real requests.
 */
export async function decidedRequest(db: Database, shop: string, id: string, currency: string, decidedMinor: number): Promise<void> {
  try {
    await db.aftercareRequest.create({
      data: { id, shop, orderId: `order-of-${id}`, orderName: `#${id}`, kind: "return", currency, moneyDecidedMinor: BigInt(decidedMinor) },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * Operations whose every request was decided with room to spare (a million minor units in the
 * operation's currency): the repository's own behaviour, ceiling included, otherwise unchanged.
 */
export function withDecidedRequests(db: Database, operations: OperationRepository): OperationRepository {
  return {
    ...operations,
    async begin(shop, intent) {
      if (intent.requestId !== null) await decidedRequest(db, shop, intent.requestId, intent.currency ?? "GBP", 1_000_000);
      return operations.begin(shop, intent);
    },
  };
}
