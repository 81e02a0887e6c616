import type { Database } from "../platform/db-client.server";
import type { RequestStatus } from "./requests-model.server";

/** The status moves and resolutions the desk makes, each a compare-and-set so that of two staff members acting at once one wins. */
export function createDeskMoves(db: Database) {
  return {
    /**
     * Moves a request from one of `from` to `to` only if it is still there (compare-and-set):
     * of two staff members acting at once, exactly one gets true.
     */
    async transition(shop: string, id: string, from: RequestStatus[], to: RequestStatus, data: { resolution?: string | null } = {}): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id, status: { in: from } }, data: { status: to, ...data } });
      return count === 1;
    },

    /**
     * Records the resolution once: the first caller to set it wins, whether or not Shopify's
     * returns/process or returns/close webhook has already moved the status on. The status then
     * becomes resolved (or stays closed when Shopify closed the return).
     */
    async claimResolution(shop: string, id: string, from: RequestStatus[], resolution: string): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({
        where: { shop, id, resolution: null, status: { in: [...from, "resolved", "closed"] } },
        data: { resolution },
      });
      if (count !== 1) return false;
      await db.aftercareRequest.updateMany({ where: { shop, id, status: { in: from } }, data: { status: "resolved" } });
      return true;
    },

    /**
     * Parts already sent for these items of the order by its other requests (any kind): what
     * comes off an item's parts allowance. Keyed by the Shopify line item.
     */
    async partsSentElsewhere(shop: string, orderId: string, lineItemIds: string[], exceptRequestId: string): Promise<Map<string, number>> {
      const rows = await db.requestLine.groupBy({
        by: ["lineItemId"],
        where: { lineItemId: { in: lineItemIds }, partsSent: { gt: 0 }, request: { shop, orderId, id: { not: exceptRequestId } } },
        _sum: { partsSent: true },
      });
      return new Map(rows.map((r) => [r.lineItemId, r._sum.partsSent ?? 0]));
    },

    /**
     * Resolves a request by parts sent, with the number sent on each of its lines, in one
     * transaction: the resolution is claimed once (as claimResolution) and the lines' counts are
     * written only by the caller who claimed it.
     */
    async resolveWithParts(shop: string, id: string, from: RequestStatus[], parts: { lineId: string; parts: number }[]): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.aftercareRequest.updateMany({
          where: { shop, id, resolution: null, status: { in: [...from, "resolved", "closed"] } },
          data: { resolution: "parts" },
        });
        if (count !== 1) return false;
        await tx.aftercareRequest.updateMany({ where: { shop, id, status: { in: from } }, data: { status: "resolved" } });
        for (const line of parts) await tx.requestLine.updateMany({ where: { id: line.lineId, requestId: id }, data: { partsSent: line.parts } });
        return true;
      });
    },
  };
}
