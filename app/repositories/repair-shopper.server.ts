import type { Database } from "../platform/db-client.server";
import { createRepairRepository, type RepairTicketRecord } from "./repairs.server";

/**
 * Read-only: a request's repair ticket with the states it entered and when, for what the shopper
 * sees of it (the status page, the repair emails; app/repairs/shopper-view.ts). Shop first, as
 * every repository. Apart from repairs.server.ts, which the bench's writes live in.
 */
export type TicketWithMoves = { ticket: RepairTicketRecord; moves: { to: string; at: Date }[] };

export function createShopperRepairReader(db: Database) {
  const repairs = createRepairRepository(db);
  return {
    async forRequest(shop: string, requestId: string): Promise<TicketWithMoves | null> {
      const ticket = await repairs.forRequest(shop, requestId);
      if (!ticket) return null;
      const rows = await db.requestEvent.findMany({ where: { shop, requestId, type: "repair" }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { at: true, dataJson: true } });
      const moves: TicketWithMoves["moves"] = [];
      for (const row of rows) {
        let data: { ticketId?: unknown; to?: unknown } = {};
        try {
          data = JSON.parse(row.dataJson) as typeof data;
        } catch {
          continue;
        }
        if (data.ticketId === ticket.id && typeof data.to === "string") moves.push({ to: data.to, at: row.at });
      }
      return { ticket, moves };
    },

    /**
     * The orders Aftercare made to post something to the shopper for this request (parts, a
     * replacement piece, their piece sent back unrepaired), once Shopify confirmed them: the
     * order's id from each `parts_order` operation's result, oldest first.
     */
    async shipments(shop: string, requestId: string): Promise<{ what: "parts" | "replacement" | "return"; orderId: string }[]> {
      const rows = await db.operation.findMany({ where: { shop, requestId, kind: "parts_order", status: "succeeded", shopifyResultId: { not: null } }, orderBy: { createdAt: "asc" }, select: { step: true, shopifyResultId: true } });
      return rows.map((r) => ({ what: r.step.startsWith("replacement") ? "replacement" : r.step.startsWith("return") ? "return" : "parts", orderId: r.shopifyResultId as string }));
    },
  };
}

export type ShopperRepairReader = ReturnType<typeof createShopperRepairReader>;
