import { formatMoneyIn } from "../domain/money";
import type { Translate } from "../i18n/admin";
import { resolutionLabel } from "./labels";
import { declineSchema } from "./schemas";

/**
 * A timeline entry of the desk in the merchant's language (issue 27: timeline entries as keys
 * with parameters). The desk writes each entry's English sentence and, in its data, what it is
 * made of (the decline's reason and message, the resolution's method and note, the parts, the
 * quote's description); the request page says those in the admin's language from the catalogue's
 * `request.entry.*`, the words a person typed kept as typed. English reads the stored sentence as
 * written; an entry whose details are not in its data does too. Null: show the stored sentence.
 *
 * Client-safe and pure: the request page's view passes the admin's translate function.
 */
export type EntryFacts = { type: string; actor: string; amountMinor: number | null; currency: string | null; data: Record<string, unknown> };

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
/** Shopify's decline reasons, as the desk's decline form takes them. */
const DECLINE_REASONS: readonly string[] = declineSchema.shape.reason.options;

export function entryWords(e: EntryFacts, t: Translate, locale: string, language: string): string | null {
  if (language === "en" || e.actor !== "merchant") return null;
  const { data } = e;
  const amount = e.amountMinor !== null && e.currency ? formatMoneyIn(e.amountMinor, e.currency, locale) : null;
  const withNote = (sentence: string, note: unknown) => (text(note) ? t("request.entry.withNote", { sentence, note: text(note) }) : sentence);
  switch (e.type) {
    case "received":
      return Object.keys(data).length === 0 ? t("request.entry.received") : null;
    case "approved":
      return "shopifyReturnId" in data ? t(data.shopifyReturnId ? "request.entry.approvedInShopify" : "request.entry.approved") : null;
    case "declined": {
      const reason = String(data.reason ?? "");
      if (!DECLINE_REASONS.includes(reason) || !text(data.message)) return null;
      if (data.afterReceipt === true) return t("request.entry.declinedAfterInspection", { message: text(data.message) });
      return t("request.entry.declined", { reason: t(`request.entry.declineReason.${reason}`), message: text(data.message) });
    }
    case "resolved":
      return typeof data.method === "string" ? withNote(t("request.entry.resolved", { resolution: resolutionLabel(data.method, t) }), data.note) : null;
    case "refunded":
      return amount && "expiresOn" in data ? t("request.entry.refunded", { amount }) : null;
    case "credited":
      if (!amount || !("expiresOn" in data)) return null;
      return text(data.expiresOn) ? t("request.entry.creditedUntil", { amount, date: String(data.expiresOn) }) : t("request.entry.credited", { amount });
    case "quoted":
      return amount && text(data.description) ? t("request.entry.quoted", { description: text(data.description), amount }) : null;
    case "cancelled":
      return text(data.reason) ? t("request.entry.cancelled", { reason: text(data.reason) }) : null;
    case "parts_sent":
      return typeof data.parts === "number" ? t("request.entry.partsSent", { count: data.parts }) : null;
    default:
      return null;
  }
}
