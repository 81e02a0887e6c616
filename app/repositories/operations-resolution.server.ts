import type { Database } from "../platform/db-client.server";
import { toDbMinor } from "./minor-units.server";
import { addToOutbox } from "./notifications.server";
import { addFlowEvents } from "./flow.server";
import { AFTER_CLOSE_KINDS, CLOSED_REQUEST_STATUSES, DEPOSIT_REFUND_STEP, DRAFT_CLOSED_STATES, QUOTE_KINDS, RESOLVABLE_STATUSES, RESOLVING_STEPS, type OperationKind, type SettledMoney } from "./operations-model.server";

/**
 * An operation and its request: whether the request may still have money sent for it, the
 * resolution held before a send and given back when nothing moved, and the confirmed money
 * recorded as the request's resolution.
 */
export function createOperationResolution(db: Database) {
  return {
    /**
     * Whether a pending operation of this request may still be sent: the request exists and is
     * not declined, cancelled or closed (an invoice: not declined or cancelled). Operations without a request are never sent.
     */
    async requestIsLive(shop: string, requestId: string | null, kind?: OperationKind, step?: string): Promise<boolean> {
      if (requestId === null) return false;
      // A repair deposit given back because its ticket was cancelled (docs/decisions/026): live while the ticket stays cancelled, whatever the request's status.
      if (step === DEPOSIT_REFUND_STEP) return (await db.repairTicket.count({ where: { shop, requestId, state: "cancelled" } })) === 1;
      // A quote's (or deposit's) draft order while its ticket is quoted; a deposit's balance once the piece is ready (docs/decisions/023).
      if (kind && QUOTE_KINDS.includes(kind)) return (await db.repairTicket.count({ where: { shop, requestId, state: { in: ["quoted", "ready"] } } })) === 1;
      // Deleting a quote's unpaid draft order once its ticket no longer asks for it (docs/decisions/026).
      if (kind === "draft_delete") return (await db.repairTicket.count({ where: { shop, requestId, state: { in: [...DRAFT_CLOSED_STATES] } } })) === 1;
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: requestId }, select: { status: true } });
      // An exchange's invoice is sent after its processing closed the request.
      const closing = kind && AFTER_CLOSE_KINDS.includes(kind) ? CLOSED_REQUEST_STATUSES.filter((s) => s !== "closed") : CLOSED_REQUEST_STATUSES;
      return request !== null && !closing.includes(request.status);
    },

    /**
     * Holds the request's resolution for `method` before money is sent for it (issue 22 item 1):
     * a compare-and-set on a request that is received or inspected and not resolved, so a colleague
     * resolving it another way at the same moment (every resolution sets `resolution` only where it
     * is still empty) loses, and a send is never made for a request resolved another way. Already
     * held for the same method (a double click, the reconciler finishing the desk's send) while the
     * request is still received or inspected: held.
     * The status stays as it is until the money is confirmed (settleResolution).
     */
    async holdResolution(shop: string, requestId: string, method: string): Promise<{ held: boolean; resolution: string | null; status: string | null }> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id: requestId, resolution: null, status: { in: RESOLVABLE_STATUSES } }, data: { resolution: method } });
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: requestId }, select: { resolution: true, status: true } });
      if (!request) return { held: false, resolution: null, status: null };
      // Ours only while the request still waits for it: once it is resolved or closed (Shopify admin
      // processed its return: returns/process), nothing more is sent for it.
      const held = count === 1 || (request.resolution === method && RESOLVABLE_STATUSES.includes(request.status));
      return { held, resolution: request.resolution, status: request.status };
    },

    /**
     * Gives a held resolution back when nothing moved for it: only while no operation that resolves
     * the request (steps `resolve…` and `exchange…`) is unfinished, succeeded or waiting for a
     * person. Returns whether it was released.
     */
    async releaseResolution(shop: string, requestId: string, method: string): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const live = await tx.operation.count({ where: { shop, requestId, status: { in: ["pending", "sent", "succeeded", "needs_review"] }, OR: RESOLVING_STEPS.map((p) => ({ step: { startsWith: p } })) } });
        if (live) return false;
        const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: requestId, resolution: method }, data: { resolution: null } });
        return count === 1;
      });
    },

    /**
     * The money of a succeeded operation that resolves its request, on the request: its resolution
     * (when not already set), the status resolved (from received or inspected), and its money entry
     * and "resolved" entry on the timeline, each written once (found again by the operation's key).
     * Whoever confirms the money calls it (the desk's click, a later click, the reconciler), so the
     * request never stays unresolved after its money went out, and a refund that went out for a
     * request resolved another way is still recorded. Returns what it found and did.
     */
    async settleResolution(shop: string, settled: SettledMoney): Promise<{ recorded: boolean; resolution: string | null; resolvedOtherwise: boolean }> {
      return db.$transaction(async (tx) => {
        // A write first: two confirmations of the same money (a click and the reconciler) take
        // turns on the request's row, so the second reads the first's entry and writes none.
        const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId }, data: { moneyVersion: { increment: 1 } } });
        if (count !== 1) return { recorded: false, resolution: null, resolvedOtherwise: false };
        const request = await tx.aftercareRequest.findFirst({ where: { shop, id: settled.requestId }, select: { resolution: true, status: true } });
        if (!request) return { recorded: false, resolution: null, resolvedOtherwise: false };
        if (request.resolution === null) await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId, resolution: null }, data: { resolution: settled.method } });
        await tx.aftercareRequest.updateMany({ where: { shop, id: settled.requestId, status: { in: RESOLVABLE_STATUSES } }, data: { status: "resolved" } });
        const resolvedOtherwise = request.resolution !== null && request.resolution !== settled.method;
        const already = await tx.requestEvent.count({ where: { shop, requestId: settled.requestId, type: { in: ["refunded", "credited"] }, dataJson: { contains: JSON.stringify(settled.key) } } });
        if (already) return { recorded: false, resolution: request.resolution ?? settled.method, resolvedOtherwise };
        const base = { shop, requestId: settled.requestId, actor: settled.actor, staffId: settled.staffId ?? null, staffName: settled.staffName ?? null, at: settled.at, internal: false };
        const moneyEntry = await tx.requestEvent.create({
          data: { ...base, type: settled.method === "refund" ? "refunded" : "credited", message: settled.message, amountMinor: toDbMinor(settled.amountMinor), currency: settled.currency, dataJson: JSON.stringify({ ...settled.data, key: settled.key, method: settled.method }) },
        });
        // The shopper's email about the money (app/messaging), in the same transaction.
        await addToOutbox(tx, shop, settled.requestId, moneyEntry);
        await addFlowEvents(tx, shop, settled.requestId, ["aftercare-request-resolved"], moneyEntry.id); // Shopify Flow (app/flow)
        if (resolvedOtherwise) {
          await tx.requestEvent.create({
            data: { ...base, type: "failed", internal: true, message: `This money went out although the request was resolved another way (${request.resolution}). Check with the shopper whether it should be recovered.`, dataJson: JSON.stringify({ key: settled.key, method: settled.method, resolution: request.resolution }) },
          });
        } else if (!(await tx.requestEvent.count({ where: { shop, requestId: settled.requestId, type: "resolved", dataJson: { contains: JSON.stringify(settled.key) } } }))) {
          // Shopify's own "resolved" step (returns/process) may be there already: this one says how.
          await tx.requestEvent.create({ data: { ...base, type: "resolved", message: settled.resolvedMessage, dataJson: JSON.stringify({ method: settled.method, note: settled.note ?? "", key: settled.key }) } });
        }
        return { recorded: true, resolution: request.resolution ?? settled.method, resolvedOtherwise };
      });
    },

    /**
     * A team's note on the request's timeline about a confirmed operation that moves no money (a
     * parts order the reconciler found made), written once: a note already naming the key is kept.
     */
    async noteConfirmed(shop: string, requestId: string, key: string, message: string, data: Record<string, unknown>, at: Date): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.aftercareRequest.updateMany({ where: { shop, id: requestId }, data: { moneyVersion: { increment: 1 } } });
        if (count !== 1) return false;
        if (await tx.requestEvent.count({ where: { shop, requestId, type: "note", dataJson: { contains: JSON.stringify(key) } } })) return false;
        await tx.requestEvent.create({ data: { shop, requestId, type: "note", actor: "system", at, internal: true, message, dataJson: JSON.stringify({ ...data, key }) } });
        return true;
      });
    },
  };
}
