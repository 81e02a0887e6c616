import type { Database } from "../platform/db-client.server";
import { isUniqueViolation } from "./errors.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";

/**
 * The parcel going back for a request (RequestParcel): how it was sent, what the shopper paid,
 * their proof of postage and the engine's answer on it. Every call takes the shop's domain first
 * and reads or writes only its rows.
 */
export type ParcelRecord = {
  requestId: string;
  carrier: string;
  carrierName: string | null;
  trackingNumber: string;
  method: string;
  postageMinor: number;
  currency: string;
  proofKey: string | null;
  repaidMinor: number;
  decision: unknown;
  reverseDeliveryId: string | null;
  enteredBy: string;
  createdAt: Date;
};

export type ParcelInput = Omit<ParcelRecord, "repaidMinor" | "decision" | "reverseDeliveryId" | "createdAt"> & { repaidMinor: number; decision: unknown };

/** The request already has its parcel: the first one recorded stands. */
export class ParcelExists extends Error {
  override name = "ParcelExists";
}

type Row = Awaited<ReturnType<Database["requestParcel"]["findFirstOrThrow"]>>;

function toRecord(row: Row): ParcelRecord {
  return {
    requestId: row.requestId,
    carrier: row.carrier,
    carrierName: row.carrierName,
    trackingNumber: row.trackingNumber,
    method: row.method,
    postageMinor: fromDbMinor(row.postageMinor),
    currency: row.currency,
    proofKey: row.proofKey,
    repaidMinor: fromDbMinor(row.repaidMinor),
    decision: JSON.parse(row.decisionJson) as unknown,
    reverseDeliveryId: row.reverseDeliveryId,
    enteredBy: row.enteredBy,
    createdAt: row.createdAt,
  };
}

export function createParcelRepository(db: Database) {
  return {
    async find(shop: string, requestId: string): Promise<ParcelRecord | null> {
      const row = await db.requestParcel.findFirst({ where: { shop, requestId } });
      return row ? toRecord(row) : null;
    },

    /**
     * Records the parcel of a request that is still waiting for it (`statuses`), once: a second
     * one throws ParcelExists; a request of another shop, or no longer waiting, records nothing
     * and answers false.
     */
    async record(shop: string, input: ParcelInput, statuses: readonly string[]): Promise<boolean> {
      try {
        return await db.$transaction(async (tx) => {
          const waiting = await tx.aftercareRequest.count({ where: { shop, id: input.requestId, status: { in: [...statuses] } } });
          if (waiting !== 1) return false;
          await tx.requestParcel.create({
            data: {
              shop,
              requestId: input.requestId,
              carrier: input.carrier,
              carrierName: input.carrierName,
              trackingNumber: input.trackingNumber,
              method: input.method,
              postageMinor: toDbMinor(input.postageMinor),
              currency: input.currency,
              proofKey: input.proofKey,
              repaidMinor: toDbMinor(input.repaidMinor),
              decisionJson: JSON.stringify(input.decision ?? {}),
              enteredBy: input.enteredBy,
            },
          });
          return true;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ParcelExists(`request ${input.requestId} already has its parcel`);
        throw error;
      }
    },

    /** The engine's answer on the parcel, decided again (at the desk, after an inspection). */
    async setDecision(shop: string, requestId: string, repaidMinor: number, decision: unknown): Promise<void> {
      await db.requestParcel.updateMany({ where: { shop, requestId }, data: { repaidMinor: toDbMinor(repaidMinor), decisionJson: JSON.stringify(decision ?? {}) } });
    },

    async setReverseDelivery(shop: string, requestId: string, reverseDeliveryId: string): Promise<void> {
      await db.requestParcel.updateMany({ where: { shop, requestId }, data: { reverseDeliveryId } });
    },

    /** Requests whose parcel still has no reverse delivery in Shopify although their return exists (the worker's retry). */
    async withoutReverseDelivery(shop: string): Promise<string[]> {
      const rows = await db.requestParcel.findMany({ where: { shop, reverseDeliveryId: null, request: { shopifyReturnId: { not: null } } }, select: { requestId: true } });
      return rows.map((r) => r.requestId);
    },
  };
}

export type ParcelRepository = ReturnType<typeof createParcelRepository>;
