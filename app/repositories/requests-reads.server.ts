import type { Database } from "../platform/db-client.server";
import { include, toRecord, type RequestRecord, type RequestStatus, type RequestSummary } from "./requests-model.server";

/** Finding requests: one by id, key or return, an order's summaries, the merchant's queue, the worker's due retries. */
export function createRequestReads(db: Database) {
  return {
    async find(shop: string, id: string): Promise<RequestRecord | null> {
      const row = await db.aftercareRequest.findFirst({ where: { shop, id }, include });
      return row ? toRecord(row) : null;
    },

    async findByReturn(shop: string, shopifyReturnId: string): Promise<RequestRecord | null> {
      const row = await db.aftercareRequest.findFirst({ where: { shop, shopifyReturnId }, include });
      return row ? toRecord(row) : null;
    },

    /**
     * The requests on one order, newest first, reduced to what eligibility needs. Asked on every
     * storefront order page, so it is one indexed join in plain SQL (the same text on SQLite and
     * PostgreSQL): through Prisma's findMany with its lines it cost 4-6 times as much per call
     * (a query plan compiled and two queries; bench/eligibility.ts).
     */
    async summariesForOrder(shop: string, orderId: string): Promise<RequestSummary[]> {
      const rows = await db.$queryRaw<{ id: string; number: number | bigint | null; kind: string; service: string | null; status: string; createdAt: Date | string | number; lineItemId: string; partsSent: number | bigint }[]>`
        SELECT r."id", r."number", r."kind", r."service", r."status", r."createdAt", l."lineItemId", l."partsSent"
        FROM "AftercareRequest" r JOIN "RequestLine" l ON l."requestId" = r."id"
        WHERE r."shop" = ${shop} AND r."orderId" = ${orderId}
        ORDER BY r."createdAt" DESC, r."id" DESC, l."id" ASC`;
      const byId = new Map<string, RequestSummary>();
      for (const row of rows) {
        let summary = byId.get(row.id);
        if (!summary) {
          summary = {
            id: row.id,
            number: row.number === null ? null : Number(row.number),
            kind: row.kind as RequestSummary["kind"],
            service: row.service,
            status: row.status as RequestStatus,
            createdAt: new Date(row.createdAt),
            lines: [],
          };
          byId.set(row.id, summary);
        }
        summary.lines.push({ lineItemId: row.lineItemId, partsSent: Number(row.partsSent) });
      }
      return [...byId.values()];
    },

    /** Which of these photo keys a stored request line or parcel holds (keys are random, unique across shops). */
    async photoKeysInUse(keys: string[]): Promise<Set<string>> {
      const used = new Set<string>();
      for (const key of keys) {
        if (!/^[a-f0-9]{32}$/.test(key)) continue;
        if (await db.requestLine.findFirst({ where: { photosJson: { contains: `"${key}"` } }, select: { id: true } })) used.add(key);
        // A parcel's proof of postage is a photo a request holds too.
        else if (await db.requestParcel.findFirst({ where: { proofKey: key }, select: { id: true } })) used.add(key);
      }
      return used;
    },

    /** The merchant's queue, newest first. */
    async list(shop: string, filter: { status?: RequestStatus[]; orderId?: string; take?: number } = {}): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({
        where: { shop, ...(filter.status ? { status: { in: filter.status } } : {}), ...(filter.orderId ? { orderId: filter.orderId } : {}) },
        include,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: filter.take ?? 100,
      });
      return rows.map(toRecord);
    },

    /** Requests whose Shopify return is due another attempt, oldest first, across shops (the worker's). */
    async dueReturnRetries(now: Date, take = 20): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({ where: { returnRetryAt: { lte: now }, shopifyReturnId: null, status: "requested" }, include, orderBy: [{ returnRetryAt: "asc" }, { id: "asc" }], take });
      return rows.map(toRecord);
    },
  };
}
