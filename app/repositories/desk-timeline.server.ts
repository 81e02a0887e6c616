import type { Database } from "../platform/db-client.server";
import { recordTimelineEntry } from "./notifications.server";
import { fromDbMinor } from "./minor-units.server";

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
  "evidence",
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

/** The desk's entries on a request's timeline: written (through the outbox) and read, whole or by type and period. */
export function createDeskTimeline(db: Database) {
  return {
    async record(shop: string, event: DeskEventInput): Promise<DeskEventRecord> {
      // Through the outbox: a step the shopper is emailed about gets its email with it (app/messaging).
      const row = await recordTimelineEntry(db, {
        shop,
        requestId: event.requestId,
        type: event.type,
        actor: event.actor,
        staffId: event.staffId ?? null,
        staffName: event.staffName ?? null,
        message: event.message ?? null,
        amountMinor: event.amountMinor ?? null,
        currency: event.currency ?? null,
        dataJson: JSON.stringify(event.data ?? {}),
        internal: INTERNAL.includes(event.type),
        ...(event.at ? { at: event.at } : {}),
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
  };
}
