import type { Database } from "../platform/db-client.server";
import { isUniqueViolation } from "./errors.server";
import { createInspectionRepository } from "./inspections.server";
import { createDeskList } from "./desk-list.server";
import { createDeskMoves } from "./desk-moves.server";
import { createDeskQuotes } from "./desk-quotes.server";
import { createDeskTimeline } from "./desk-timeline.server";

export { BadCursorError, LIST_PAGE_SIZE, decodeCursor, encodeCursor, listQuerySchema, type ListPage, type ListQuery, type ListRow } from "./desk-list.server";
export { type QuoteRecord, type QuoteStatus } from "./desk-quotes.server";
export { DESK_EVENT_TYPES, MONEY_TYPES, type DeskEventInput, type DeskEventRecord, type DeskEventType } from "./desk-timeline.server";

/**
 * The merchant's desk: its timeline (DeskEvent), the request list with keyset pages, the home
 * page's counts and figures, and the status moves the desk makes with a compare-and-set. Every
 * function takes the shop's domain first and reads or writes only that shop's rows.
 */

/** A request as the desk and the shopper quote it: "R-" and its number (the id's tail before it has one). */
export function requestReference(request: { id: string; number: number | null }): string {
  return request.number !== null ? `R-${request.number}` : `R-${request.id.slice(-6).toUpperCase()}`;
}

export function createDeskRepository(db: Database) {
  return {
    // The inspection record (what the shop found on receipt, and the engine's decision on it).
    ...createInspectionRepository(db),
    ...createDeskTimeline(db),
    ...createDeskMoves(db),
    ...createDeskList(db),
    ...createDeskQuotes(db),

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
  };
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;
