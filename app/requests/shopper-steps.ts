/**
 * What a step of the request's timeline says to the shopper, in their language.
 *
 * A timeline entry's `message` is the desk's own sentence, in English, for the team ("Approved.
 * No Shopify return is linked, so no notification was sent to the shopper."): it is not for the
 * shopper, and it is not in their language. What the shopper reads is made from the entry's kind
 * (its `type`, a key the storefront's catalogues translate), its details as data (the decline's
 * reason, the resolution's method, the parts sent, the store credit's expiry) and the words
 * someone wrote themselves, kept as written: the shopper's own, or the merchant's message, note or
 * reason. Entries written before their details were kept as data fall back to their message.
 *
 * Pure and client-safe: the status page (app/storefront) and emails use it.
 */

/** A sentence of the storefront's catalogue (`timeline_<key>`) with its placeholders. */
export type StepWords = { key: string; params: Record<string, string | number> };

export type ShopperStep = {
  /** The app's own sentences for the step, translated where they are shown; none when the kind says it all. */
  words: StepWords[];
  /** Words a person wrote (the shopper, or the merchant to the shopper), shown as written. */
  note: string | null;
};

type Entry = { type: string; actor: string; message: string | null; data: Record<string, unknown> };

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** Shopify's reasons for declining a return (ReturnDeclineReason) that say something of their own. */
const DECLINE_REASONS = ["RETURN_PERIOD_ENDED", "FINAL_SALE"];
/** The desk's resolutions the catalogue names (`resolution_<method>`). */
const METHODS = ["refund", "store_credit", "exchange", "repair", "replacement", "parts", "service", "quote"];

/** The parts a `parts_sent` entry recorded (a count), and the policy's allowance when it had one. */
function partsOf(data: Record<string, unknown>): StepWords | null {
  if (typeof data.parts !== "number") return null;
  const count = data.parts;
  return typeof data.allowed === "number" ? { key: "parts_sent_allowed", params: { count, allowed: data.allowed } } : { key: "parts_sent", params: { count } };
}

/**
 * The shopper's view of one timeline entry. `legacy` is true when the entry predates its details
 * as data: the caller shows its stored message, as before.
 */
export function shopperStep(entry: Entry): ShopperStep & { legacy: boolean } {
  const { type, actor, data } = entry;
  const none = { words: [], note: null, legacy: false };
  // What the shopper wrote, or a parcel's carrier and tracking they gave: theirs, as written.
  if (actor === "shopper") return { ...none, note: text(entry.message) };
  // Shopify's own record of a return moving (approved or declined in Shopify admin, closed): the kind says it.
  if (actor === "shopify" && !text(entry.message)) return none;
  switch (type) {
    case "requested":
    case "message":
      // A request the team logged for the shopper, or a message to them: the merchant's words.
      return { ...none, note: text(entry.message) };
    case "approved":
    case "received":
    case "closed":
    case "exchanged":
    case "invoiced":
    case "quote_withdrawn":
    case "refunded":
      return none;
    case "declined": {
      if (!("reason" in data)) return { ...none, legacy: true };
      const reason = String(data.reason);
      const words: StepWords[] = DECLINE_REASONS.includes(reason) ? [{ key: `declined_${reason.toLowerCase()}`, params: {} }] : [];
      // Declined after inspection with the pieces going home (the policy's "returned to you").
      if (data.afterReceipt === true && Array.isArray(data.sendBack) && data.sendBack.length) words.push({ key: "declined_sent_back", params: {} });
      return { words, note: text(data.message), legacy: false };
    }
    case "resolved": {
      if (!("method" in data)) return { ...none, legacy: true };
      const method = String(data.method);
      return { words: METHODS.includes(method) ? [{ key: "resolved", params: { method } }] : [], note: text(data.note), legacy: false };
    }
    case "credited":
      if (!("expiresOn" in data)) return { ...none, legacy: true };
      return { words: text(data.expiresOn) ? [{ key: "credit_expires", params: { date: String(data.expiresOn) } }] : [], note: null, legacy: false };
    case "quoted":
      if (!("description" in data)) return { ...none, legacy: true };
      return { words: [], note: text(data.description), legacy: false };
    case "parts_sent": {
      const words = partsOf(data);
      return words ? { words: [words], note: null, legacy: false } : { ...none, legacy: true };
    }
    case "cancelled":
      if (!("reason" in data)) return { ...none, legacy: true };
      return { words: [], note: text(data.reason), legacy: false };
    default:
      return { ...none, legacy: true };
  }
}
