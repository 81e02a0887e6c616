import type { Prisma } from "@prisma/client";

import type { Database } from "../platform/db-client.server";
import { isNotifyStep, stepOfEvent, stepOfRepairMove, type NotifyStep, type Sender } from "../domain/notify-steps";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { addFlowEvents, flowTriggersOfEntry } from "./flow.server";

/**
 * Emails to the shopper (app/messaging; docs/decisions/016-shopper-emails.md). A `Notification`
 * row is the outbox: it is written with the timeline entry that calls for it (same transaction),
 * keyed by (shop, request, step), so a step is written once and so sent at most once. It holds no
 * personal data: the address is read from the request when the email is sent.
 */
export type NotificationStatus = "pending" | "sending" | "sent" | "skipped" | "unknown";

export type NotificationRecord = {
  id: string;
  shop: string;
  requestId: string;
  step: NotifyStep;
  eventId: string | null;
  status: NotificationStatus;
  reason: string | null;
  messageId: string | null;
  locale: string | null;
  attempts: number;
  queuedAt: Date | null;
  sendingAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
};

type Tx = Prisma.TransactionClient | Database;
type NotificationRow = Awaited<ReturnType<Database["notification"]["findFirstOrThrow"]>>;

function toRecord(row: NotificationRow): NotificationRecord {
  return { ...row, step: row.step as NotifyStep, status: row.status as NotificationStatus };
}

/**
 * The outbox entry a timeline entry calls for (none for notes, internal entries and steps not
 * mailed): one per request and step, whatever writes the step again.
 */
export async function addToOutbox(tx: Tx, shop: string, requestId: string, event: { id: string; type: string; internal?: boolean }): Promise<void> {
  const step = stepOfEvent(event.type, event.internal ?? false);
  if (!step) return;
  await tx.notification.upsert({
    where: { shop_requestId_step: { shop, requestId, step } },
    create: { shop, requestId, step, eventId: event.id },
    update: {},
  });
}

/**
 * The outbox entry a repair ticket's move calls for (app/repairs; the piece taken in, assessed,
 * quoted, paid, ready, sent back, collected), written in the move's transaction. One ticket per
 * request, so the request and step key it exactly once per ticket and step.
 */
export async function addRepairStepToOutbox(tx: Tx, shop: string, requestId: string, to: string, eventId: string): Promise<void> {
  const step = stepOfRepairMove(to);
  if (!step) return;
  await tx.notification.upsert({ where: { shop_requestId_step: { shop, requestId, step } }, create: { shop, requestId, step, eventId }, update: {} });
}

/** The fields of a timeline entry (RequestEvent) as the repositories write them. */
export type TimelineEntryData = {
  shop: string;
  requestId: string;
  type: string;
  actor: string;
  message?: string | null;
  amountMinor?: number | null;
  currency?: string | null;
  at?: Date;
  staffId?: string | null;
  staffName?: string | null;
  dataJson?: string;
  internal?: boolean;
};

/**
 * Writes one timeline entry and, when it is a step the shopper is emailed about, its outbox entry
 * in the same transaction: no step without its email, no email without its step. The one place
 * the desk and the request repositories record a step through.
 */
export async function recordTimelineEntry(db: Database, entry: TimelineEntryData) {
  const data = { ...entry, message: entry.message ?? null, amountMinor: toDbMinor(entry.amountMinor ?? null), currency: entry.currency ?? null };
  const triggers = flowTriggersOfEntry(entry); // Shopify Flow's trigger events (app/flow), in the same transaction
  if (!stepOfEvent(entry.type, entry.internal ?? false) && !triggers.length) return db.requestEvent.create({ data });
  return db.$transaction(async (tx) => {
    const row = await tx.requestEvent.create({ data });
    await addToOutbox(tx, entry.shop, entry.requestId, row);
    await addFlowEvents(tx, entry.shop, entry.requestId, triggers, row.id);
    return row;
  });
}

export function createNotificationRepository(db: Database) {
  return {
    async find(shop: string, id: string): Promise<NotificationRecord | null> {
      const row = await db.notification.findFirst({ where: { shop, id } });
      return row ? toRecord(row) : null;
    },

    async forRequest(shop: string, requestId: string): Promise<NotificationRecord[]> {
      const rows = await db.notification.findMany({ where: { shop, requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toRecord);
    },

    /** Outbox entries no notify job was enqueued for yet (any shop), oldest first. */
    async unqueued(limit = 200): Promise<{ shop: string; id: string }[]> {
      return db.notification.findMany({ where: { status: "pending", queuedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { shop: true, id: true } });
    },

    async markQueued(shop: string, id: string, at: Date): Promise<boolean> {
      const { count } = await db.notification.updateMany({ where: { shop, id, queuedAt: null }, data: { queuedAt: at } });
      return count === 1;
    },

    /**
     * Claims the send (pending → sending) with the Message-ID the email will carry, BEFORE the SMTP
     * call: a compare-and-set on the attempts the caller read, so of two workers only one sends.
     */
    async claim(shop: string, id: string, seenAttempts: number, messageId: string, locale: string, at: Date): Promise<boolean> {
      const { count } = await db.notification.updateMany({
        where: { shop, id, status: "pending", attempts: seenAttempts },
        data: { status: "sending", messageId, locale, sendingAt: at, attempts: seenAttempts + 1 },
      });
      return count === 1;
    },

    /** The relay accepted it. */
    async markSent(shop: string, id: string, at: Date, reason: string | null = null): Promise<void> {
      await db.notification.updateMany({ where: { shop, id, status: { in: ["sending", "unknown"] } }, data: { status: "sent", sentAt: at, reason } });
    },

    /** The relay did not accept it (it said so, or was never reached): safe to send again. */
    async release(shop: string, id: string, reason: string): Promise<void> {
      await db.notification.updateMany({ where: { shop, id, status: "sending" }, data: { status: "pending", reason } });
    },

    /** A lost send the relay's acceptance log proved was never accepted: back to `pending`, to be sent again. */
    async reopen(shop: string, id: string, reason: string): Promise<void> {
      await db.notification.updateMany({ where: { shop, id, status: { in: ["sending", "unknown"] } }, data: { status: "pending", reason } });
    },

    /** Not to be sent (uninstalled shop, redacted customer, no address, Shopify sends it). */
    async skip(shop: string, id: string, reason: string): Promise<void> {
      await db.notification.updateMany({ where: { shop, id, status: "pending" }, data: { status: "skipped", reason } });
    },

    /** The outcome of a send cannot be known: never resent automatically; a person decides. */
    async markUnknown(shop: string, id: string, reason: string): Promise<void> {
      await db.notification.updateMany({ where: { shop, id, status: { in: ["sending", "unknown"] } }, data: { status: "unknown", reason } });
    },

    /** The timeline entry an email is about (its words, amount, date), as the shopper may see it. */
    async entry(shop: string, eventId: string): Promise<{ type: string; message: string | null; amountMinor: number | null; currency: string | null; at: Date; data: Record<string, unknown> } | null> {
      const row = await db.requestEvent.findFirst({ where: { shop, id: eventId, internal: false } });
      if (!row) return null;
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(row.dataJson) as Record<string, unknown>;
      } catch {
        data = {};
      }
      return { type: row.type, message: row.message, amountMinor: fromDbMinor(row.amountMinor), currency: row.currency, at: row.at, data };
    },

    /** Who the shop chose to send a step (null: not chosen, the default applies). */
    async senderFor(shop: string, step: NotifyStep): Promise<Sender | null> {
      const row = await db.notificationSetting.findFirst({ where: { shop, step }, select: { sender: true } });
      return row?.sender === "aftercare" || row?.sender === "shopify" ? row.sender : null;
    },

    async senders(shop: string): Promise<Partial<Record<NotifyStep, Sender>>> {
      const rows = await db.notificationSetting.findMany({ where: { shop } });
      return Object.fromEntries(rows.filter((r) => isNotifyStep(r.step) && (r.sender === "aftercare" || r.sender === "shopify")).map((r) => [r.step, r.sender]));
    },

    async setSender(shop: string, step: NotifyStep, sender: Sender): Promise<void> {
      await db.notificationSetting.upsert({ where: { shop_step: { shop, step } }, create: { shop, step, sender }, update: { sender } });
    },

    /** The shop's own wording of a step in a language (null: the default). */
    async template(shop: string, step: NotifyStep, language: string): Promise<{ subject: string; body: string } | null> {
      return db.messageTemplate.findFirst({ where: { shop, step, language }, select: { subject: true, body: true } });
    },

    /** The latest request that reached a step (its email's words, amount and date are real), for the editor's preview. */
    async latestRequestWithStep(shop: string, step: NotifyStep): Promise<string | null> {
      const row = await db.notification.findFirst({ where: { shop, step }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { requestId: true } });
      return row?.requestId ?? null;
    },

    /** Which steps and languages the shop has written its own wording for. */
    async customised(shop: string): Promise<{ step: string; language: string; updatedAt: Date }[]> {
      return db.messageTemplate.findMany({ where: { shop }, select: { step: true, language: true, updatedAt: true }, orderBy: [{ step: "asc" }, { language: "asc" }] });
    },

    /** Back to the default wording: the shop's own is removed. */
    async deleteTemplate(shop: string, step: NotifyStep, language: string): Promise<boolean> {
      const { count } = await db.messageTemplate.deleteMany({ where: { shop, step, language } });
      return count > 0;
    },

    async saveTemplate(shop: string, step: NotifyStep, language: string, template: { subject: string; body: string }): Promise<void> {
      await db.messageTemplate.upsert({ where: { shop_step_language: { shop, step, language } }, create: { shop, step, language, ...template }, update: template });
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
