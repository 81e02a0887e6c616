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
  };
}

export type ShopperRepairReader = ReturnType<typeof createShopperRepairReader>;
