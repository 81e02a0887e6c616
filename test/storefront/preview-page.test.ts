import { describe, expect, it } from "vitest";

import { previewSchema, type Preview } from "../../app/schemas/requests";
import { translator, type Locale } from "../../app/storefront/i18n";
import { renderPreview } from "../../app/storefront/pages.server";

/** The answer page before submitting: refusals in the shopper's words, not the engine's codes. */
function page(locale: Locale, preview: Partial<Preview> & { lines: Preview["lines"] }): string {
  const full = previewSchema.parse({
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    kind: "warranty",
    service: null,
    decidedOn: "2026-11-30",
    policyVersionId: null,
    canSubmit: false,
    exchange: null,
    refund: null,
    resolutions: [],
    returnShipping: "none",
    notes: [],
    requirements: [],
    ...preview,
  });
  return renderPreview({ locale, intl: locale, t: translator(locale), base: "/apps/aftercare", carry: {} }, full, { draftJson: "{}", idempotencyKey: "k", action: "/apps/aftercare/orders/1", back: "/apps/aftercare/orders/1", errors: {} });
}

const refusedLine = (blockers: Preview["lines"][number]["blockers"]): Preview["lines"][number] => ({ lineId: "gid://shopify/LineItem/1", title: "Crystal Tennis Bracelet", quantity: 1, eligible: false, blockers, refusals: ["We repair or replace manufacturing faults up to one year from purchase."], applied: [], resolutions: [], charge: null, exchange: null });

describe("the answer page", () => {
  it("GIVEN a warranty claim that is not a fault WHEN shown THEN the refusal is in words, its code stays on the element, and the shopper is told what a claim is for", () => {
    const html = page("en", { lines: [refusedLine(["not_applicable"])] });
    expect(html).toContain("(not offered)");
    expect(html).not.toContain("(not_applicable)");
    expect(html).toContain('data-blockers="not_applicable"');
    expect(html).toContain("A warranty claim is for a fault");
  });

  it("GIVEN a service whose allowance is used WHEN shown in Arabic THEN the refusal is Arabic and carries limit_reached for machines, with no warranty hint", () => {
    const html = page("ar", { kind: "service", service: "resize", lines: [refusedLine(["limit_reached"])] });
    expect(html).toContain("تم بلوغ الحد");
    expect(html).toContain('data-blockers="limit_reached"');
    expect(html).not.toContain("مطالبة الضمان");
  });

  it("GIVEN a change of mind after the window ended WHEN shown THEN the answer gives the day returns ended and the one sentence that applied", () => {
    const html = page("en", { kind: "return", lines: [{ ...refusedLine(["window_expired"]), refusals: ["Returns are accepted within 30 days of receipt."], ended: "2026-11-26" }] });
    expect(html).toContain('<li>Returns ended on November 26, 2026.</li><li><bdi dir="auto">Returns are accepted within 30 days of receipt.</bdi></li>');
  });

  it("GIVEN a named, priced service WHEN the answer is shown THEN it gives the service's name, its price in the shop's money and its turnaround", () => {
    const eligible = { ...refusedLine([]), eligible: true, refusals: [], applied: ["We polish and re-plate."], resolutions: ["service" as const], charge: "paid" as const };
    const html = page("fr", { kind: "service", service: "restoration", canSubmit: true, serviceTerms: { service: "restoration", name: "Polish and re-plate", price: { kind: "fixed", amount: { amountMinor: 4_500, currency: "GBP" } }, turnaround: "About two weeks.", asksCause: false, asksLiability: false }, lines: [eligible] });
    expect(html).toContain('<h2 id="ac-service"><bdi dir="auto" lang="en">Polish and re-plate</bdi></h2>');
    expect(html.replace(/\s/g, " ")).toContain('Prix : <bdi class="ac__amount">45,00 £</bdi>');
    expect(html).toContain('Délai : <bdi dir="auto" lang="en">About two weeks.</bdi>');
  });
});
