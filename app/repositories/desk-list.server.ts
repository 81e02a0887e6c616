import { z } from "zod";

import type { Database } from "../platform/db-client.server";
import { REQUEST_STATUSES, type RequestStatus } from "./requests-model.server";

export const LIST_PAGE_SIZE = 25;

export const listQuerySchema = z.object({
  status: z.array(z.enum(REQUEST_STATUSES)).default([]),
  kind: z.array(z.enum(["return", "warranty", "service"])).default([]),
  reason: z.string().trim().min(1).max(40).nullable().default(null),
  resolution: z.string().trim().min(1).max(40).nullable().default(null),
  from: z.date().nullable().default(null),
  /** Exclusive upper bound. */
  to: z.date().nullable().default(null),
  q: z.string().trim().max(100).default(""),
  sort: z.enum(["newest", "oldest"]).default("newest"),
  after: z.string().max(200).nullable().default(null),
  take: z.number().int().min(1).max(100).default(LIST_PAGE_SIZE),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export type ListRow = {
  id: string;
  number: number | null;
  orderName: string;
  customerName: string | null;
  customerEmail: string | null;
  kind: string;
  status: RequestStatus;
  resolution: string | null;
  currency: string;
  createdAt: Date;
  /** The Shopify return, or why Shopify has not opened it yet (app/requests/return-retry.server.ts). */
  shopifyReturnId: string | null;
  returnError: string | null;
  returnAttempts: number;
  returnRetryAt: Date | null;
  lines: { title: string; quantity: number; reason: string }[];
};

export type ListPage = { rows: ListRow[]; nextCursor: string | null };

/** An opaque keyset cursor: the last row's creation instant and id. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,15})\|([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!match) return null;
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

export class BadCursorError extends Error {
  override name = "BadCursorError";
}

/** The desk's request list (filters, search, keyset pages) and the home page's counts and figures. */
export function createDeskList(db: Database) {
  return {
    /** The list: filters, search, newest/oldest first, keyset pages (index shop+createdAt+id). */
    async list(shop: string, input: ListQuery): Promise<ListPage> {
      const query = listQuerySchema.parse(input);
      const and: object[] = [];
      if (query.status.length) and.push({ status: { in: query.status } });
      if (query.kind.length) and.push({ kind: { in: query.kind } });
      if (query.resolution) and.push({ resolution: query.resolution });
      if (query.reason) and.push({ lines: { some: { reason: query.reason } } });
      if (query.from) and.push({ createdAt: { gte: query.from } });
      if (query.to) and.push({ createdAt: { lt: query.to } });
      if (query.q) {
        // Each kind of search uses an index: an order name (#1001) or a request number
        // exactly, an email exactly (stored lower-cased); only a name is looked up by substring.
        const q = query.q;
        const ref = /^R-?(\d{1,9})$/i.exec(q);
        if (/^#?\d{1,12}$/.test(q)) and.push({ orderName: q.startsWith("#") ? q : `#${q}` });
        else if (ref) and.push({ number: Number(ref[1]) });
        else if (q.includes("@")) and.push({ customerEmail: q.toLowerCase() });
        else if (/^c[a-z0-9]{20,30}$/.test(q)) and.push({ OR: [{ id: q }, { customerName: { contains: q } }] });
        else and.push({ OR: [{ orderName: q }, { customerName: { contains: q } }] });
      }
      const desc = query.sort === "newest";
      if (query.after) {
        const cursor = decodeCursor(query.after);
        if (!cursor) throw new BadCursorError("that page link is not valid any more: start again from the first page");
        const cmp = desc ? "lt" : "gt";
        and.push({ OR: [{ createdAt: { [cmp]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [cmp]: cursor.id } }] });
      }
      const orderBy = [{ createdAt: desc ? ("desc" as const) : ("asc" as const) }, { id: desc ? ("desc" as const) : ("asc" as const) }];
      let where: object = { shop, AND: and };
      if (query.status.length > 1) {
        // A tab of several statuses ("Open") read as one IN query makes SQLite gather every row
        // of those statuses and sort them. Instead each status walks its own (shop, status,
        // createdAt, id) index for one page, and the pages merge here: at most a page per status
        // is read, however many requests the shop has (bench/results/desk-list.json).
        const rest = and.filter((c) => !("status" in c));
        const heads = await Promise.all(
          query.status.map((status) => db.aftercareRequest.findMany({ where: { shop, status, AND: rest }, orderBy, take: query.take + 1, select: { id: true, createdAt: true } })),
        );
        const before = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => {
          const byTime = a.createdAt.getTime() - b.createdAt.getTime();
          const order = byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
          return desc ? -order : order;
        };
        const ids = heads.flat().sort(before).slice(0, query.take + 1).map((r) => r.id);
        where = { shop, id: { in: ids } };
      }
      const rows = await db.aftercareRequest.findMany({
        where,
        orderBy,
        take: query.take + 1,
        select: {
          id: true,
          number: true,
          orderName: true,
          customerName: true,
          customerEmail: true,
          kind: true,
          status: true,
          resolution: true,
          shopifyReturnId: true,
          returnError: true,
          returnAttempts: true,
          returnRetryAt: true,
          currency: true,
          createdAt: true,
          lines: { select: { title: true, quantity: true, reason: true }, orderBy: { id: "asc" } },
        },
      });
      const page = rows.slice(0, query.take).map((r) => ({ ...r, status: r.status as RequestStatus }));
      const last = page[page.length - 1];
      return { rows: page, nextCursor: rows.length > query.take && last ? encodeCursor(last) : null };
    },

    async countsByStatus(shop: string): Promise<Record<RequestStatus, number>> {
      const groups = await db.aftercareRequest.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
      const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
      for (const g of groups) if ((REQUEST_STATUSES as readonly string[]).includes(g.status)) counts[g.status as RequestStatus] = g._count._all;
      return counts;
    },

    /** The request that has waited longest in one of `statuses`. */
    async oldestIn(shop: string, statuses: RequestStatus[]): Promise<{ id: string; number: number | null; orderName: string; customerName: string | null; status: RequestStatus; createdAt: Date } | null> {
      const row = await db.aftercareRequest.findFirst({
        where: { shop, status: { in: statuses } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, number: true, orderName: true, customerName: true, status: true, createdAt: true },
      });
      return row ? { ...row, status: row.status as RequestStatus } : null;
    },

    /** Creation instants and kinds since `from` (the per-week chart), and resolutions. */
    async createdSince(shop: string, from: Date): Promise<{ kind: string; createdAt: Date }[]> {
      return db.aftercareRequest.findMany({ where: { shop, createdAt: { gte: from } }, select: { kind: true, createdAt: true } });
    },

    /** Requests resolved in a period, by resolution and kind (this month's figures). */
    async resolvedBetween(shop: string, from: Date, to: Date): Promise<{ kind: string; resolution: string | null }[]> {
      return db.aftercareRequest.findMany({ where: { shop, status: { in: ["resolved", "closed"] }, updatedAt: { gte: from, lt: to } }, select: { kind: true, resolution: true } });
    },

    /** Money operations a person must finish: unfinished ones and those handed to review. */
    async paymentsToCheck(shop: string): Promise<number> {
      return db.operation.count({ where: { shop, status: { in: ["pending", "sent", "needs_review"] } } });
    },

    /** The customer's other requests, newest first. */
    async customerRequests(shop: string, customerId: string, exceptId: string): Promise<{ id: string; number: number | null; orderName: string; kind: string; status: string; createdAt: Date }[]> {
      return db.aftercareRequest.findMany({
        where: { shop, customerId, NOT: { id: exceptId } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 10,
        select: { id: true, number: true, orderName: true, kind: true, status: true, createdAt: true },
      });
    },
  };
}
