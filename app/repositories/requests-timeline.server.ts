import type { Database } from "../platform/db-client.server";
import { recordTimelineEntry } from "./notifications.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { parseData, type RequestEventInput, type RequestEventRecord } from "./requests-model.server";

/** A request's timeline (RequestEvent) as the request flow and the webhooks write and read it. */
export function createRequestTimeline(db: Database) {
  return {
    async addEvent(shop: string, id: string, event: RequestEventInput): Promise<boolean> {
      const owner = await db.aftercareRequest.findFirst({ where: { shop, id }, select: { id: true } });
      if (!owner) return false;
      await recordTimelineEntry(db, { shop, requestId: id, type: event.type, actor: event.actor, message: event.message, amountMinor: event.amountMinor, currency: event.currency, at: event.at ?? new Date() });
      return true;
    },

    /**
     * A refund Shopify made outside Aftercare (Shopify admin, POS) on the request's timeline, once
     * per refund: false when the entry is already there (a retried job) or the request is not the shop's.
     */
    async recordShopifyRefund(shop: string, id: string, refund: { refundId: string; amountMinor: number | null; currency: string | null; at: Date }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const owner = await tx.aftercareRequest.findFirst({ where: { shop, id }, select: { id: true } });
        if (!owner) return false;
        const data = JSON.stringify({ shopifyRefundId: refund.refundId });
        if (await tx.requestEvent.count({ where: { shop, requestId: id, type: "refunded", dataJson: data } })) return false;
        await tx.requestEvent.create({
          data: { shop, requestId: id, type: "refunded", actor: "shopify", amountMinor: toDbMinor(refund.amountMinor), currency: refund.currency, dataJson: data, at: refund.at },
        });
        return true;
      });
    },

    /** The timeline, oldest first, as the shopper may see it (the desk's internal entries left out). */
    async events(shop: string, id: string): Promise<RequestEventRecord[]> {
      const rows = await db.requestEvent.findMany({
        where: { shop, requestId: id, internal: false },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, type: true, actor: true, message: true, amountMinor: true, currency: true, at: true, dataJson: true },
      });
      return rows.map(({ dataJson, ...row }) => ({ ...row, amountMinor: fromDbMinor(row.amountMinor), data: parseData(dataJson) }));
    },

    /**
     * The whole timeline for a customer's data request, oldest first: the entries the shopper sees
     * and the team's own (marked internal), each with what it says; not which staff member wrote it.
     */
    async timelineForExport(shop: string, id: string): Promise<(Omit<RequestEventRecord, "data"> & { internal: boolean })[]> {
      const rows = await db.requestEvent.findMany({
        where: { shop, requestId: id },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, type: true, actor: true, message: true, amountMinor: true, currency: true, at: true, internal: true },
      });
      return rows.map((row) => ({ ...row, amountMinor: fromDbMinor(row.amountMinor) }));
    },
  };
}
