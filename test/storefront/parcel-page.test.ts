import { describe, expect, it } from "vitest";

import { renderParcelSection } from "../../app/parcels/page.server";
import type { ParcelView } from "../../app/parcels/parcel.server";
import { shopperMessage } from "../../app/schemas/messages";
import { translator, type Locale } from "../../app/storefront/i18n";

/**
 * Issues 24 and 26: the status page's parcel section, in the reader's language: the form while
 * the request waits for its parcel, with each refusal beside its field (translated, values kept),
 * and once sent, the tracking with the carrier's link and what the policy repays of the postage.
 */
const ctx = (locale: Locale) => ({ locale, intl: locale === "en" ? "en-GB" : locale, t: translator(locale), base: "/apps/aftercare", carry: { locale } });
const plain = (html: string) => html.replace(/[\u200e\u200f\u061c\u2068\u2069]/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const sent: ParcelView = {
  carrier: "royal_mail",
  carrierName: "Royal Mail",
  trackingNumber: "RR123456785GB",
  trackingUrl: "https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB",
  method: "post",
  postage: { amountMinor: 340, currency: "GBP" },
  repaid: { amountMinor: 250, currency: "GBP" },
  explanation: [{ text: "We refund your postage for a faulty item sent by post from the UK, against proof of postage.", outcome: "applied", detail: "repaid up to 2.50" }],
  proofKey: "0123456789abcdef0123456789abcdef",
  proofNeeded: false,
  inShopify: true,
  enteredBy: "shopper",
  createdAt: "2026-12-07T10:00:00.000Z",
};

describe("the status page's parcel section", () => {
  it.each(["en", "fr", "ar"] as const)("GIVEN a request waiting for its parcel WHEN the shopper's tracking number is refused THEN the form says why beside the field in %s and keeps what they typed", (locale) => {
    const html = renderParcelSection(ctx(locale), null, {
      action: "/apps/aftercare/status",
      token: "signed-token",
      currency: "GBP",
      proofAsked: true,
      errors: { trackingNumber: shopperMessage("trackingFormat", { carrier: "Royal Mail" }) },
      values: { carrier: "royal_mail", trackingNumber: "RR123456789GB", method: "post", amount: "3.40" },
    });
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('action="/apps/aftercare/status?locale=' + locale + '&amp;token=signed-token"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="RR123456789GB"');
    const said = { en: "That is not a Royal Mail tracking number", fr: "Ce n’est pas un numéro de suivi Royal Mail", ar: "هذا ليس رقم تتبع لدى Royal Mail" }[locale];
    expect(plain(html)).toContain(said);
    expect(html).toContain('name="proof"');
  });

  it("GIVEN a parcel sent WHEN the page is read in Arabic THEN it links the carrier's tracking page and says the postage repaid in the order's currency", () => {
    const html = renderParcelSection(ctx("ar"), sent, null);
    expect(html).toContain('href="https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB"');
    expect(html).toContain('data-aftercare-postage-repaid="250"');
    expect(plain(html)).toContain("أُرسل مع Royal Mail");
    expect(html).not.toContain("<form");
  });

  it("GIVEN a parcel sent by courier WHEN nothing is repaid THEN the page says so rather than an amount", () => {
    const html = renderParcelSection(ctx("en"), { ...sent, method: "courier", repaid: { amountMinor: 0, currency: "GBP" }, explanation: [] }, null);
    expect(plain(html)).toContain("This postage is not repaid.");
    expect(html).toContain('data-aftercare-postage-repaid="0"');
  });
});
