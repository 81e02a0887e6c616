import type { Database } from "../platform/db-client.server";
import { decidedMinorOf, type RequestStatus } from "./requests.server";
import { toDbMinor } from "./minor-units.server";

/**
 * What the shop found when a request's items arrived (RequestInspection), and the engine's
 * decision on it. Every call takes the shop's domain first and reads or writes only its rows.
 */

export type InspectionRecord = {
  id: string;
  requestId: string;
  /** Each line's finding: `{ lineId, condition, cause }` (app/desk/schemas.ts findingSchema). */
  findings: unknown[];
  /** The engine's decision on the shopper's word, as the request held it before the inspection. */
  shopperDecision: unknown;
  /** The engine's decision on what the shop found. */
  decision: unknown;
  note: string;
  staffId: string | null;
  staffName: string | null;
  createdAt: Date;
};

export type InspectionInput = {
  findings: unknown[];
  shopperDecision: unknown;
  decision: unknown;
  /**
   * What the request stores as its decision from now on (the engine's decision on the findings,
   * in the shape the request flow stores: `{ engine, preview }`): the desk's resolutions and the
   * money ceiling follow it.
   */
  stored: unknown;
  currency: string;
  /** Request lines (RequestLine ids) the decision refused: their items go back to the shopper. */
  sendBack: string[];
  note: string;
  staffId: string | null;
  staffName: string | null;
  at: Date;
};

export function createInspectionRepository(db: Database) {
  return {
    /**
     * Records an inspection once, as one change: the request moves from `from` to inspected (a
     * compare-and-set: false when someone else moved it first, and then nothing is written), its
     * decision and money ceiling become the engine's decision on what was found, the refused
     * lines are marked to be sent back, and the findings are kept beside both decisions.
     */
    async recordInspection(shop: string, requestId: string, from: RequestStatus[], input: InspectionInput): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const decided = decidedMinorOf(input.stored, input.currency);
        const { count } = await tx.aftercareRequest.updateMany({
          where: { shop, id: requestId, status: { in: from }, resolution: null },
          data: { status: "inspected", decisionJson: JSON.stringify(input.stored), ...(decided === null ? {} : { moneyDecidedMinor: toDbMinor(decided) }) },
        });
        if (count !== 1) return false;
        await tx.requestInspection.create({
          data: {
            shop,
            requestId,
            findingsJson: JSON.stringify(input.findings),
            shopperDecisionJson: input.shopperDecision === null || input.shopperDecision === undefined ? null : JSON.stringify(input.shopperDecision),
            decisionJson: JSON.stringify(input.decision),
            note: input.note,
            staffId: input.staffId,
            staffName: input.staffName,
            createdAt: input.at,
          },
        });
        await tx.requestLine.updateMany({ where: { requestId, request: { shop } }, data: { sendBack: false } });
        if (input.sendBack.length) await tx.requestLine.updateMany({ where: { requestId, request: { shop }, id: { in: input.sendBack } }, data: { sendBack: true } });
        return true;
      });
    },

    async inspectionOf(shop: string, requestId: string): Promise<InspectionRecord | null> {
      const row = await db.requestInspection.findFirst({ where: { shop, requestId } });
      if (!row) return null;
      return {
        id: row.id,
        requestId: row.requestId,
        findings: JSON.parse(row.findingsJson) as unknown[],
        shopperDecision: row.shopperDecisionJson ? (JSON.parse(row.shopperDecisionJson) as unknown) : null,
        decision: JSON.parse(row.decisionJson) as unknown,
        note: row.note,
        staffId: row.staffId,
        staffName: row.staffName,
        createdAt: row.createdAt,
      };
    },
  };
}

export type InspectionRepository = ReturnType<typeof createInspectionRepository>;
