import { describe, expect, it } from "vitest";

import { entryWords, type EntryFacts } from "../../app/desk/entry-words";
import { adminT } from "../../app/i18n/i18n.server";

/**
 * Issue 27: the request page's timeline in the merchant's language. The desk's entries are said
 * from what they are made of (their data), the words a person typed kept as typed; English reads
 * each stored sentence as written, and an entry without its details falls back to it.
 */
const fr = adminT("fr");
const en = adminT("en");
const say = (e: Partial<EntryFacts> & { type: string }) => entryWords({ actor: "merchant", amountMinor: null, currency: null, data: {}, ...e }, fr, "fr-FR", "fr");

describe("the desk's timeline entries in French", () => {
  it("GIVEN the desk's entries THEN each reads in French, the merchant's own words as typed", () => {
    expect(say({ type: "received" })).toBe("Article reçu à la boutique.");
    expect(say({ type: "approved", data: { shopifyReturnId: "gid://shopify/Return/1" } })).toBe("Approuvée, avec le retour Shopify approuvé.");
    expect(say({ type: "approved", data: { shopifyReturnId: null } })).toBe("Approuvée.");
    expect(say({ type: "declined", data: { reason: "FINAL_SALE", message: "Sorry, final sale." } })).toBe("Refusée (vente finale) : Sorry, final sale.");
    expect(say({ type: "declined", data: { reason: "OTHER", message: "Worn.", afterReceipt: true } })).toBe("Refusée après inspection : Worn.");
    expect(say({ type: "resolved", data: { method: "store_credit", note: "" } })).toBe(`Résolue : ${fr("labels.resolution.store_credit", { defaultValue: "store_credit" })}`);
    expect(say({ type: "resolved", data: { method: "repair", note: "Claw re-tipped." } })).toMatch(/^Résolue : .+ — Claw re-tipped\.$/);
    expect(say({ type: "refunded", amountMinor: 7340, currency: "GBP", data: { expiresOn: null } })).toMatch(/^Remboursement sur le moyen de paiement d’origine : 73,40\s£GB?$/);
    expect(say({ type: "credited", amountMinor: 5000, currency: "EUR", data: { expiresOn: "2027-03-01" } })).toMatch(/^Avoir de 50,00\s€, valable jusqu’au 2027-03-01$/);
    expect(say({ type: "quoted", amountMinor: 4000, currency: "GBP", data: { description: "Resize from N to P" } })).toMatch(/^Devis pour Resize from N to P : 40,00/);
    expect(say({ type: "cancelled", data: { reason: "Customer called." } })).toBe("Annulée par l’équipe : Customer called.");
    expect(say({ type: "parts_sent", data: { parts: 2, allowed: 3 } })).toBe("Pièces enregistrées comme envoyées : 2.");
  });

  it("GIVEN an entry without its details, someone else's, or the English admin THEN the stored sentence is shown (null)", () => {
    expect(say({ type: "declined", data: {} })).toBeNull();
    expect(say({ type: "resolved", data: {} })).toBeNull();
    expect(say({ type: "received", data: { from: "pos" } })).toBeNull();
    expect(say({ type: "requested", actor: "shopper" })).toBeNull();
    expect(say({ type: "failed", data: { key: "k" } })).toBeNull();
    expect(entryWords({ type: "received", actor: "merchant", amountMinor: null, currency: null, data: {} }, en, "en-GB", "en")).toBeNull();
  });
});
