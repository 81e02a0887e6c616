import { describe, expect, it } from "vitest";

import { shopperStep } from "../../app/requests/shopper-steps";
import { translator, type Locale } from "../../app/storefront/i18n";

/**
 * Issue 27: the status page says each step in the shopper's language, from the entry's kind and
 * details, never the desk's English sentence; words a person wrote stay as written; an entry
 * from before its details were kept shows its sentence as before.
 */
const merchant = (type: string, message: string, data: Record<string, unknown>) => ({ type, actor: "merchant", message, data });

describe("what a timeline entry says to the shopper", () => {
  it("GIVEN the desk's own sentences THEN the shopper reads none of them, only the step's kind", () => {
    for (const entry of [
      merchant("approved", "Approved. No Shopify return is linked, so no notification was sent to the shopper.", { shopifyReturnId: null }),
      merchant("received", "Item received at the shop.", {}),
      merchant("refunded", "Refund to the original payment: £70.00", { amountMinor: 7000 }),
    ]) {
      expect(shopperStep(entry)).toEqual({ words: [], note: null, legacy: false });
    }
  });

  it("GIVEN a decline THEN Shopify's reason is the shop's sentence in the shopper's language, the merchant's message as written, and pieces going home are said", () => {
    expect(shopperStep(merchant("declined", "Declined (final sale): Sorry.", { reason: "FINAL_SALE", message: "Sorry." }))).toEqual({ words: [{ key: "declined_final_sale", params: {} }], note: "Sorry.", legacy: false });
    expect(shopperStep(merchant("declined", "Declined (other): Worn.", { reason: "OTHER", message: "Worn." }))).toEqual({ words: [], note: "Worn.", legacy: false });
    expect(shopperStep(merchant("declined", "Declined after inspection: Worn.", { reason: "OTHER", message: "Worn.", afterReceipt: true, sendBack: ["line-1"] })).words).toEqual([{ key: "declined_sent_back", params: {} }]);
  });

  it("GIVEN a resolution, store credit with an expiry and parts sent THEN each is said with its values", () => {
    expect(shopperStep(merchant("resolved", "Resolved: Repair — Claw re-tipped.", { method: "repair", note: "Claw re-tipped." }))).toEqual({ words: [{ key: "resolved", params: { method: "repair" } }], note: "Claw re-tipped.", legacy: false });
    expect(shopperStep(merchant("credited", "Store credit expiring 2027-06-01: £50.00", { expiresOn: "2027-06-01" })).words).toEqual([{ key: "credit_expires", params: { date: "2027-06-01" } }]);
    expect(shopperStep(merchant("credited", "Store credit: £50.00", { expiresOn: null })).words).toEqual([]);
    expect(shopperStep(merchant("parts_sent", "Parts recorded as sent: 2 parts of the 3 the policy allows.", { parts: 2, allowed: 3, sentBefore: 0 })).words).toEqual([{ key: "parts_sent_allowed", params: { count: 2, allowed: 3 } }]);
    expect(shopperStep(merchant("parts_sent", "Parts recorded as sent: 1 part.", { parts: 1, allowed: null })).words).toEqual([{ key: "parts_sent", params: { count: 1 } }]);
    expect(shopperStep(merchant("quoted", "Quote for Resize: £40.00, shown on the shopper's status page.", { quoteId: "q", description: "Resize" }))).toEqual({ words: [], note: "Resize", legacy: false });
    expect(shopperStep(merchant("cancelled", "Cancelled at the desk: Customer called. Shopify's return is cancelled.", { reason: "Customer called." })).note).toBe("Customer called.");
  });

  it("GIVEN the shopper's own words THEN they stay as written; GIVEN an entry without its details THEN its sentence is kept", () => {
    expect(shopperStep({ type: "requested", actor: "shopper", message: "الخاتم صغير", data: {} })).toEqual({ words: [], note: "الخاتم صغير", legacy: false });
    expect(shopperStep(merchant("resolved", "Resolved: Refund", {})).legacy).toBe(true);
    expect(shopperStep(merchant("something_new", "A step", {})).legacy).toBe(true);
    expect(shopperStep({ type: "closed", actor: "shopify", message: null, data: {} })).toEqual({ words: [], note: null, legacy: false });
  });

  it.each(["en", "fr", "ar"] as Locale[])("GIVEN the %s catalogue THEN every sentence a step can say is translated, with its placeholders", (locale) => {
    const t = translator(locale);
    for (const key of ["declined_return_period_ended", "declined_final_sale", "declined_sent_back", "resolved", "credit_expires", "parts_sent", "parts_sent_allowed"]) {
      const text = t(`timeline_${key}`, { resolution: "R", date: "D", count: 7, allowed: 9 });
      expect(text, key).not.toBe(`timeline_${key}`);
      expect(text, key).not.toMatch(/[{}]/);
    }
    for (const method of ["refund", "store_credit", "exchange", "repair", "replacement", "parts", "service", "quote"]) expect(t(`resolution_${method}`)).not.toBe(`resolution_${method}`);
  });
});
