import type { Prisma } from "@prisma/client";

import type { Database } from "../platform/db-client.server";
import { isFlowTrigger, triggerOfTicketState, triggersOfEvent, type FlowTrigger } from "../domain/flow-triggers";
import { fromDbMinor } from "./minor-units.server";

/**
 * Shopify Flow (app/flow; docs/decisions/020-flow.md): which triggers each shop has an enabled
 * workflow for (FlowSubscription, from Flow's lifecycle callback), the outbox of trigger events
 * (FlowEvent, one per request and trigger, written with the step it is the event of) and the
 * holds a workflow put on requests (RequestHold). Every function is scoped to the shop.
 */
export type FlowEventStatus = "pending" | "sending" | "sent" | "skipped" | "unknown";

export type FlowEventRecord = {
  id: string;
  shop: string;
  requestId: string;
  trigger: FlowTrigger;
  eventId: string | null;
  status: FlowEventStatus;
  reason: string | null;
  attempts: number;
  queuedAt: Date | null;
  sendingAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
};

export type RequestHoldRecord = { requestId: string; reason: string | null; actionRunId: string; heldAt: Date; releasedAt: Date | null; releasedBy: string | null };

type Tx = Prisma.TransactionClient | Database;
type FlowEventRow = Awaited<ReturnType<Database["flowEvent"]["findFirstOrThrow"]>>;

function toRecord(row: FlowEventRow): FlowEventRecord {
  return { ...row, trigger: row.trigger as FlowTrigger, status: row.status as FlowEventStatus };
}

/** The triggers a timeline entry (as the repositories write it) is the event of: none for the team's internal entries. */
export function flowTriggersOfEntry(entry: { type: string; internal?: boolean; dataJson?: string }): FlowTrigger[] {
  if (entry.internal) return [];
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(entry.dataJson ?? "{}") as Record<string, unknown>;
  } catch {
    data = {};
  }
  return triggersOfEvent(entry.type, data);
}

/** The trigger a repair ticket's arrival in a state is the event of, as a list for addFlowEvents. */
export function ticketFlowTriggers(state: string): FlowTrigger[] {
  const trigger = triggerOfTicketState(state);
  return trigger ? [trigger] : [];
}

/**
 * The outbox rows of a step's triggers, in the caller's transaction: only for triggers the shop has
 * an enabled workflow for now (nothing is queued, and nothing sent, for a shop that uses none), one
 * per request and trigger whatever records the step again.
 */
export async function addFlowEvents(tx: Tx, shop: string, requestId: string, triggers: readonly FlowTrigger[], eventId: string | null): Promise<void> {
  if (!triggers.length) return;
  const enabled = await tx.flowSubscription.findMany({ where: { shop, trigger: { in: [...triggers] }, enabled: true }, select: { trigger: true } });
  for (const { trigger } of enabled) {
    await tx.flowEvent.upsert({ where: { shop_requestId_trigger: { shop, requestId, trigger } }, create: { shop, requestId, trigger, eventId }, update: {} });
  }
}

export function createFlowRepository(db: Database) {
  return {
    /**
     * What Flow's lifecycle callback says: the shop has (or no longer has) an enabled workflow using
     * the trigger. A callback older than the one already recorded changes nothing (Flow's rule:
     * the newer timestamp wins). Returns whether it was recorded.
     */
    async setSubscription(shop: string, trigger: FlowTrigger, enabled: boolean, changedAt: Date): Promise<boolean> {
      const current = await db.flowSubscription.findFirst({ where: { shop, trigger } });
      if (!current) {
        try {
          await db.flowSubscription.create({ data: { shop, trigger, enabled, changedAt } });
          return true;
        } catch {
          // Another callback for the same trigger was recorded meanwhile: compare with it.
          return this.setSubscription(shop, trigger, enabled, changedAt);
        }
      }
      const { count } = await db.flowSubscription.updateMany({ where: { shop, trigger, changedAt: { lt: changedAt } }, data: { enabled, changedAt } });
      return count === 1;
    },

    async isSubscribed(shop: string, trigger: FlowTrigger): Promise<boolean> {
      return (await db.flowSubscription.count({ where: { shop, trigger, enabled: true } })) > 0;
    },

    async subscribed(shop: string): Promise<FlowTrigger[]> {
      const rows = await db.flowSubscription.findMany({ where: { shop, enabled: true }, select: { trigger: true }, orderBy: { trigger: "asc" } });
      return rows.map((r) => r.trigger).filter(isFlowTrigger);
    },

    async find(shop: string, id: string): Promise<FlowEventRecord | null> {
      const row = await db.flowEvent.findFirst({ where: { shop, id } });
      return row ? toRecord(row) : null;
    },

    async forRequest(shop: string, requestId: string): Promise<FlowEventRecord[]> {
      const rows = await db.flowEvent.findMany({ where: { shop, requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toRecord);
    },

    /** Outbox rows no flow job was enqueued for yet (any shop), oldest first. */
    async unqueued(limit = 200): Promise<{ shop: string; id: string }[]> {
      return db.flowEvent.findMany({ where: { status: "pending", queuedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { shop: true, id: true } });
    },

    async markQueued(shop: string, id: string, at: Date): Promise<boolean> {
      const { count } = await db.flowEvent.updateMany({ where: { shop, id, queuedAt: null }, data: { queuedAt: at } });
      return count === 1;
    },

    /** pending → sending BEFORE the call, a compare-and-set on the attempts read: of two workers one sends. */
    async claim(shop: string, id: string, seenAttempts: number, at: Date): Promise<boolean> {
      const { count } = await db.flowEvent.updateMany({ where: { shop, id, status: "pending", attempts: seenAttempts }, data: { status: "sending", sendingAt: at, attempts: seenAttempts + 1 } });
      return count === 1;
    },

    async markSent(shop: string, id: string, at: Date): Promise<void> {
      await db.flowEvent.updateMany({ where: { shop, id, status: { in: ["sending", "unknown"] } }, data: { status: "sent", sentAt: at, reason: null } });
    },

    /** Shopify refused it or was never reached: nothing ran, safe to send again. */
    async release(shop: string, id: string, reason: string): Promise<void> {
      await db.flowEvent.updateMany({ where: { shop, id, status: "sending" }, data: { status: "pending", reason } });
    },

    async skip(shop: string, id: string, reason: string): Promise<void> {
      await db.flowEvent.updateMany({ where: { shop, id, status: { in: ["pending", "sending"] } }, data: { status: "skipped", reason } });
    },

    /** The call's outcome cannot be known (a workflow may have run): never resent automatically. */
    async markUnknown(shop: string, id: string, reason: string): Promise<void> {
      await db.flowEvent.updateMany({ where: { shop, id, status: { in: ["sending", "unknown"] } }, data: { status: "unknown", reason } });
    },

    /** The amount and currency of the timeline entry that is the event (null when it has none). */
    async eventAmount(shop: string, eventId: string): Promise<{ amountMinor: number | null; currency: string | null } | null> {
      const row = await db.requestEvent.findFirst({ where: { shop, id: eventId }, select: { amountMinor: true, currency: true } });
      return row ? { amountMinor: fromDbMinor(row.amountMinor), currency: row.currency } : null;
    },

    /**
     * Holds a request for review (Flow's hold action). The action run's id makes a retried run a
     * no-op; a request already held stays held as it was. "missing" when the shop has no such request.
     */
    async hold(shop: string, requestId: string, input: { reason: string | null; actionRunId: string }, at: Date): Promise<"held" | "already" | "missing"> {
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: requestId }, select: { id: true } });
      if (!request) return "missing";
      const existing = await db.requestHold.findFirst({ where: { shop, requestId } });
      if (existing && existing.releasedAt === null) return "already";
      if (existing) {
        if (existing.actionRunId === input.actionRunId) return "already";
        await db.requestHold.updateMany({ where: { shop, requestId }, data: { reason: input.reason, actionRunId: input.actionRunId, heldAt: at, releasedAt: null, releasedBy: null } });
        return "held";
      }
      try {
        await db.requestHold.create({ data: { shop, requestId, reason: input.reason, actionRunId: input.actionRunId, heldAt: at } });
        return "held";
      } catch {
        return "already"; // the same run (or another) held it meanwhile
      }
    },

    async holdOf(shop: string, requestId: string): Promise<RequestHoldRecord | null> {
      return db.requestHold.findFirst({ where: { shop, requestId }, select: { requestId: true, reason: true, actionRunId: true, heldAt: true, releasedAt: true, releasedBy: true } });
    },

    /** Whether the request is held now (a hold not released). */
    async isHeld(shop: string, requestId: string): Promise<boolean> {
      return (await db.requestHold.count({ where: { shop, requestId, releasedAt: null } })) > 0;
    },

    /** Releases a hold (the desk); false when the request was not held. */
    async releaseHold(shop: string, requestId: string, by: string, at: Date): Promise<boolean> {
      const { count } = await db.requestHold.updateMany({ where: { shop, requestId, releasedAt: null }, data: { releasedAt: at, releasedBy: by } });
      return count === 1;
    },
  };
}

export type FlowRepository = ReturnType<typeof createFlowRepository>;
