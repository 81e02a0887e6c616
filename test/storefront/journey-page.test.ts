import { describe, expect, it } from "vitest";

import { previewSchema, statusViewSchema, type Journey, type Preview, type StatusView } from "../../app/schemas/requests";
import { translator, type Locale } from "../../app/storefront/i18n";
import { renderPreview, renderStatus } from "../../app/storefront/pages.server";

/**
 * Issue 24: the answer before submitting and the status page say what the engine decided of the
 * piece's journey (rules 15 and 18): the postage repaid (up to the policy's maximum, in the
 * order's currency), proof of postage where the policy asks, nothing from abroad where it says
 * so, and who pays the way home, each beside the policy's own words.
 */
const UK_POSTAGE = "We refund your postage for a faulty item sent by post from the UK, against proof of postage; other ways of sending are at your expense.";
const SENT_BACK = "We send your repaired piece or its replacement to you at our cost.";

const ukFaulty: Journey = {
  postage: { repaid: true, maximum: null, proofRequired: true, domesticOnly: true, text: UK_POSTAGE },
  outboundShipping: "store",
  outboundText: SENT_BACK,
};

const ctx = (locale: Locale) => ({ locale, intl: locale === "en" ? "en-GB" : locale, t: translator(locale), base: "/apps/aftercare", carry: {} });
const plain = (html: string) => html.replace(/[\u200e\u200f\u061c\u2068\u2069]/g, "").replace(/\s+/g, " ").replace(/&#39;/g, "'");

function answer(locale: Locale, journey: Journey | null): string {
  const preview: Preview = previewSchema.parse({
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    kind: "return",
    service: null,
    decidedOn: "2026-12-07",
    policyVersionId: null,
    canSubmit: true,
    lines: [{ lineId: "gid://shopify/LineItem/1", title: "Topaz Drop Studs", quantity: 1, eligible: true, blockers: [], refusals: [], applied: [], resolutions: ["refund"], charge: "free", exchange: null }],
    exchange: null,
    refund: null,
    resolutions: ["refund"],
    returnShipping: "store",
    journey,
    notes: [],
    requirements: [],
  });
  return renderPreview(ctx(locale), preview, { draftJson: "{}", idempotencyKey: "k", action: "/apps/aftercare/orders/1", back: "/apps/aftercare/orders/1", errors: {} });
}

function status(locale: Locale, journey: Journey | null): string {
  const view: StatusView = statusViewSchema.parse({
    requestId: "r1",
    number: 7,
    orderName: "#1001",
    kind: "warranty",
    service: null,
    status: "requested",
    createdAt: "2026-12-07T10:00:00.000Z",
    lines: [{ title: "Crystal Eternity Band", quantity: 1, exchangeVariantTitle: null }],
    steps: [],
    shopifyReturn: "open",
    journey,
  });
  return renderStatus(ctx(locale), view, null, "Europe/London");
}

const WORDS = {
  en: { repaid: "We repay the postage you pay to send it to us.", proof: "Keep your proof of postage", abroad: "Postage from abroad is not repaid.", home: "We pay to send it back to you.", upTo: "up to <bdi", not: "is not repaid.", paysHome: "You pay for sending it back to you." },
  fr: { repaid: "Nous vous remboursons les frais de port", proof: "Conservez votre preuve de dépôt", abroad: "Les frais de port depuis l'étranger ne sont pas remboursés.", home: "Nous prenons en charge le renvoi chez vous.", upTo: "jusqu'à <bdi", not: "ne sont pas remboursés.", paysHome: "Le renvoi chez vous est à votre charge." },
  ar: { repaid: "نردّ إليك أجرة البريد", proof: "احتفظ بإثبات الإرسال البريدي", abroad: "لا تُردّ أجرة البريد المرسل من خارج البلد.", home: "نتحمل نحن تكلفة إرسال القطعة إليك.", upTo: "بحد أقصى <bdi", not: "لا تُردّ أجرة البريد التي تدفعها", paysHome: "تتحمل أنت تكلفة إرسال القطعة إليك." },
} as const;

describe("the piece's journey on the shopper's pages (issue 24)", () => {
  for (const locale of ["en", "fr", "ar"] as const) {
    const w = WORDS[locale];

    it(`GIVEN a UK faulty return the engine repays postage for against proof, never from abroad WHEN the answer is shown in ${locale} THEN it says so, asks for proof, and says we pay the way home, with the policy's words`, () => {
      const html = plain(answer(locale, ukFaulty));
      expect(html).toContain('<h2 id="ac-journey">');
      expect(html).toContain('data-aftercare-postage="repaid"');
      expect(html).toContain(w.repaid);
      expect(html).toContain(w.proof);
      expect(html).toContain(w.abroad);
      expect(html).toContain(w.home);
      // The merchant's own words, isolated and marked English off the English page.
      expect(html).toContain(`<bdi dir="auto"${locale === "en" ? "" : ' lang="en"'}>We refund your postage for a faulty item sent by post from the UK`);
      expect(html).toContain(SENT_BACK);
    });

    it(`GIVEN a request the engine repays postage for up to a maximum, proof not asked WHEN the status page is shown in ${locale} THEN it gives the cap in the order's currency as amounts are written, and no proof or abroad line`, () => {
      const html = plain(status(locale, { postage: { repaid: true, maximum: { amountMinor: 500, currency: "GBP" }, proofRequired: false, domesticOnly: false, text: "We cover postage for quality issues." }, outboundShipping: "customer", outboundText: null }));
      expect(html).toContain('<h2 id="ac-journey">');
      expect(html).toContain(w.upTo);
      if (locale !== "ar") expect(html).toMatch(locale === "en" ? /<bdi class="ac__amount">£5\.00<\/bdi>/ : /<bdi class="ac__amount">5,00 £<\/bdi>/);
      else expect(html).toMatch(/<bdi class="ac__amount">[^<]*5[.,٫]00[^<]*<\/bdi>/);
      expect(html).not.toContain(w.proof);
      expect(html).not.toContain(w.abroad);
      expect(html).toContain(w.paysHome);
    });

    it(`GIVEN postage the engine does not repay WHEN the answer is shown in ${locale} THEN it says so and asks for no proof`, () => {
      const html = plain(answer(locale, { postage: { repaid: false, maximum: null, proofRequired: false, domesticOnly: false, text: "Postage for a change-of-mind return is yours." }, outboundShipping: "none", outboundText: null }));
      expect(html).toContain('data-aftercare-postage="not_repaid"');
      expect(html).toContain(w.not);
      expect(html).not.toContain(w.proof);
      expect(html).not.toContain("data-aftercare-outbound");
    });
  }

  it("GIVEN a request stored before the journey was shown WHEN its status page is shown THEN it has no journey section", () => {
    expect(status("en", null)).not.toContain("ac-journey");
  });
});
