import type { Database } from "../platform/db-client.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";

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

/** A request's paid repair quotes: offered, answered once by the shopper, withdrawn, and their Shopify draft order. */
export function createDeskQuotes(db: Database) {
  return {
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
  };
}
