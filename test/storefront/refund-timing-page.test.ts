import { describe, expect, it } from "vitest";

import { statusViewSchema, type StatusView } from "../../app/schemas/requests";
import { translator, type Locale } from "../../app/storefront/i18n";
import { renderStatus } from "../../app/storefront/pages.server";

/**
 * Issue 26, when the money goes: the status page tells the shopper when their money comes back
 * (on receipt, on inspection, or on evidence of sending or receipt, whichever comes first), in
 * their language, with the policy's own words beneath (docs/decisions/025).
 */
const GULF = "We refund once we have received the products back or you have shown us evidence of having sent them back, whichever comes first.";
const ctx = (locale: Locale) => ({ locale, intl: locale === "en" ? "en-GB" : locale, t: translator(locale), base: "/apps/aftercare", carry: {} });

function status(locale: Locale, refundTiming: StatusView["refundTiming"]): string {
  const view = statusViewSchema.parse({
    requestId: "r1",
    number: 7,
    orderName: "#1001",
    kind: "return",
    service: null,
    status: "approved",
    createdAt: "2026-12-07T10:00:00.000Z",
    lines: [{ title: "Crystal Swan", quantity: 1, exchangeVariantTitle: null }],
    steps: [{ type: "evidence", actor: "merchant", at: "2026-12-08T10:00:00.000Z", message: null, amount: null }],
    shopifyReturn: "open",
    refundTiming,
  });
  return renderStatus(ctx(locale), view, null, "Asia/Riyadh");
}

const WORDS = {
  en: { heading: "When your money comes back", evidence: "whichever comes first", receipt: "once we have received the items.", step: "Evidence of sending accepted" },
  fr: { heading: "Quand votre argent vous est rendu", evidence: "selon ce qui arrive en premier", receipt: "dès réception des articles.", step: "Preuve d’envoi acceptée" },
  ar: { heading: "متى يُعاد إليك مالك", evidence: "أيهما أسبق", receipt: "بعد استلامنا القطع.", step: "قُبل إثبات الإرسال" },
} as const;

describe("when the money goes, on the shopper's status page (issue 26)", () => {
  for (const locale of ["en", "fr", "ar"] as const) {
    const w = WORDS[locale];
    it(`GIVEN the Gulf boutique's evidence-of-sending rule WHEN the status is shown in ${locale} THEN it says the money comes back on receipt or evidence, whichever comes first, with the policy's words, and the accepted evidence as a step`, () => {
      const html = status(locale, { when: "evidence_of_sending", text: GULF });
      expect(html).toContain('data-aftercare-refund-timing="evidence_of_sending"');
      expect(html).toContain(w.heading);
      expect(html).toContain(w.evidence);
      expect(html).toContain(GULF);
      expect(html).toContain(w.step);
    });
    it(`GIVEN the default rule WHEN shown in ${locale} THEN it says on receipt; with no money waiting nothing is said`, () => {
      expect(status(locale, { when: "receipt", text: "We refund once we have received the items back." })).toContain(w.receipt);
      expect(status(locale, null)).not.toContain("data-aftercare-refund-timing");
    });
  }
});
