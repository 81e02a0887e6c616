import { z } from "zod";

import type { Database } from "../platform/db-client.server";
import { REQUEST_STATUSES, type RequestStatus } from "./requests.server";
import { isUniqueViolation } from "./errors.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { createInspectionRepository } from "./inspections.server";

/**
 * The merchant's desk: its timeline (DeskEvent), the request list with keyset pages, the home
 * page's counts and figures, and the status moves the desk makes with a compare-and-set. Every
 * function takes the shop's domain first and reads or writes only that shop's rows.
 */

/**
 * The desk writes its entries on the request module's timeline (RequestEvent), in the same
 * vocabulary where the shopper sees them (approved, declined, received, refunded, credited,
 * resolved) and as internal entries where only the team should (note, override, inspected, failed).
 */
export const DESK_EVENT_TYPES = [
  "requested",
  "approved",
  "declined",
  "received",
  "inspected",
  "resolved",
  "refunded",
  "credited",
  "exchanged",
  "invoiced",
  "note",
  "override",
  "failed",
  "closed",
  "cancelled",
  "message",
  "quoted",
  "quote_accepted",
  "quote_declined",
  "quote_withdrawn",
  "parts_sent",
] as const;
export type DeskEventType = (typeof DESK_EVENT_TYPES)[number];

/** Entries only the merchant's team sees. */
const INTERNAL: readonly string[] = ["note", "override", "inspected", "failed"];
/** Entries that moved money (the audit). */
export const MONEY_TYPES = ["refunded", "credited"] as const;

export type DeskEventInput = {
  requestId: string;
  type: DeskEventType;
  actor: "merchant" | "shopify" | "shopper" | "system";
  staffId?: string | null;
  staffName?: string | null;
  message?: string;
  amountMinor?: number | null;
  currency?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
};

export type DeskEventRecord = {
  id: string;
  requestId: string;
  type: string;
  actor: string;
  staffId: string | null;
  staffName: string | null;
  message: string;
  amountMinor: number | null;
  currency: string | null;
  internal: boolean;
  data: Record<string, unknown>;
  at: Date;
};

/** A paid repair quote (RepairQuote): awaiting → accepted | declined | withdrawn. */
export type QuoteStatus = "awaiting" | "accepted" | "declined" | "withdrawn";
export type QuoteRecord = {
  id: string;
  requestId: string;
  amountMinor: number;
  currency: string;
  description: string;
  status: QuoteStatus;
  staffId: string | null;
  staffName: string | null;
  draftKey: string | null;
  draftOrderId: string | null;
  invoiceUrl: string | null;
  answeredAt: Date | null;
  createdAt: Date;
};

type QuoteRow = Awaited<ReturnType<Database["repairQuote"]["findFirstOrThrow"]>>;
function toQuote(row: QuoteRow): QuoteRecord {
  return { ...row, amountMinor: fromDbMinor(row.amountMinor), status: row.status as QuoteStatus };
}

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

type EventRow = Awaited<ReturnType<Database["requestEvent"]["findFirstOrThrow"]>>;

function toEvent(row: EventRow): DeskEventRecord {
  return {
    id: row.id,
    requestId: row.requestId,
    type: row.type,
    actor: row.actor,
    staffId: row.staffId,
    staffName: row.staffName,
    message: row.message ?? "",
    amountMinor: fromDbMinor(row.amountMinor),
    currency: row.currency,
    internal: row.internal,
    data: JSON.parse(row.dataJson) as Record<string, unknown>,
    at: row.at,
  };
}

/** A request as the desk and the shopper quote it: "R-" and its number (the id's tail before it has one). */
export function requestReference(request: { id: string; number: number | null }): string {
  return request.number !== null ? `R-${request.number}` : `R-${request.id.slice(-6).toUpperCase()}`;
}

export function createDeskRepository(db: Database) {
  return {
    // The inspection record (what the shop found on receipt, and the engine's decision on it).
    ...createInspectionRepository(db),
    async record(shop: string, event: DeskEventInput): Promise<DeskEventRecord> {
      const row = await db.requestEvent.create({
        data: {
          shop,
          requestId: event.requestId,
          type: event.type,
          actor: event.actor,
          staffId: event.staffId ?? null,
          staffName: event.staffName ?? null,
          message: event.message ?? null,
          amountMinor: toDbMinor(event.amountMinor ?? null),
          currency: event.currency ?? null,
          dataJson: JSON.stringify(event.data ?? {}),
          internal: INTERNAL.includes(event.type),
          ...(event.at ? { at: event.at } : {}),
        },
      });
      return toEvent(row);
    },

    /** Everything on the request's timeline, the team's internal entries included. */
    async timeline(shop: string, requestId: string): Promise<DeskEventRecord[]> {
      const rows = await db.requestEvent.findMany({ where: { shop, requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
      return rows.map(toEvent);
    },

    /** The newest entry of one of `types` (what a losing double click is told). */
    async latest(shop: string, requestId: string, types: string[]): Promise<DeskEventRecord | null> {
      const row = await db.requestEvent.findFirst({ where: { shop, requestId, type: { in: types } }, orderBy: [{ at: "desc" }, { id: "desc" }] });
      return row ? toEvent(row) : null;
    },

    /** Entries of some types in a period (this month's figures: money, overrides). */
    async eventsBetween(shop: string, types: string[], from: Date, to: Date): Promise<DeskEventRecord[]> {
      const rows = await db.requestEvent.findMany({ where: { shop, type: { in: types }, at: { gte: from, lt: to } }, orderBy: { at: "asc" } });
      return rows.map(toEvent);
    },

    /** Every money movement the desk made, newest first (the audit). */
    async moneyEvents(shop: string, take = 200): Promise<DeskEventRecord[]> {
      const rows = await db.requestEvent.findMany({ where: { shop, type: { in: [...MONEY_TYPES] }, actor: "merchant" }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
      return rows.map(toEvent);
    },

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

    /**
     * Takes the claim `key` for `ttlMs` (or one whose holder lapsed). Of two callers at once one
     * wins; the other gets who holds it. Released by its token when the step is done.
     */
    async claim(shop: string, key: string, holder: string, token: string, at: Date, ttlMs: number): Promise<{ won: true } | { won: false; holder: string }> {
      const expiresAt = new Date(at.getTime() + ttlMs);
      try {
        await db.deskClaim.create({ data: { shop, key, holder, token, expiresAt, createdAt: at } });
        return { won: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const { count } = await db.deskClaim.updateMany({ where: { shop, key, expiresAt: { lt: at } }, data: { holder, token, expiresAt, createdAt: at } });
      if (count === 1) return { won: true };
      const held = await db.deskClaim.findUnique({ where: { shop_key: { shop, key } }, select: { holder: true } });
      return { won: false, holder: held?.holder ?? "a colleague" };
    },

    async release(shop: string, key: string, token: string): Promise<void> {
      await db.deskClaim.deleteMany({ where: { shop, key, token } });
    },

    /** Written before the desk cancels a request's Shopify return to make it again (exchange). */
    async markReturnReplaced(shop: string, returnId: string, requestId: string, at: Date): Promise<void> {
      await db.replacedReturn.upsert({ where: { shop_returnId: { shop, returnId } }, create: { shop, returnId, requestId, replacedAt: at }, update: {} });
    },

    /** The request's latest quote (one is open at a time). */
    async currentQuote(shop: string, requestId: string): Promise<QuoteRecord | null> {
      const row = await db.repairQuote.findFirst({ where: { shop, requestId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      return row ? toQuote(row) : null;
    },

    /** A new quote, unless one is already awaiting the shopper's answer or accepted (then null). */
    async offerQuote(shop: string, input: { requestId: string; amountMinor: number; currency: string; description: string; staffId: string | null; staffName: string | null; at: Date }): Promise<QuoteRecord | null> {
      return db.$transaction(async (tx) => {
        const open = await tx.repairQuote.count({ where: { shop, requestId: input.requestId, status: { in: ["awaiting", "accepted"] } } });
        if (open) return null;
        const row = await tx.repairQuote.create({ data: { shop, requestId: input.requestId, amountMinor: toDbMinor(input.amountMinor), currency: input.currency, description: input.description, staffId: input.staffId, staffName: input.staffName, createdAt: input.at } });
        return toQuote(row);
      });
    },

    /**
     * The shopper's answer, once (compare-and-set from awaiting). An acceptance stores the draft
     * order's key in the same write, before Shopify is asked for the draft.
     */
    async answerQuote(shop: string, quoteId: string, answer: "accepted" | "declined", at: Date): Promise<boolean> {
      const { count } = await db.repairQuote.updateMany({ where: { shop, id: quoteId, status: "awaiting" }, data: { status: answer, answeredAt: at, ...(answer === "accepted" ? { draftKey: `quote-${quoteId}` } : {}) } });
      return count === 1;
    },

    /** Withdraws a quote the shopper has not answered yet: false when it is no longer awaiting them. */
    async withdrawQuote(shop: string, quoteId: string, at: Date): Promise<boolean> {
      const { count } = await db.repairQuote.updateMany({ where: { shop, id: quoteId, status: "awaiting" }, data: { status: "withdrawn", answeredAt: at } });
      return count === 1;
    },

    async attachDraft(shop: string, quoteId: string, draft: { draftOrderId: string; invoiceUrl: string | null }): Promise<void> {
      await db.repairQuote.updateMany({ where: { shop, id: quoteId }, data: draft });
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

export type DeskRepository = ReturnType<typeof createDeskRepository>;
