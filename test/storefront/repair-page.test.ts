import { describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { shopperRepairView, type TicketForShopper } from "../../app/repairs/shopper-view";
import { REPAIR_MESSAGES } from "../../app/storefront/i18n-repair";
import { translator, LOCALES, type Locale } from "../../app/storefront/i18n";
import { renderRepair } from "../../app/storefront/pages.server";

/**
 * Issue 25, the shopper's side of a repair ticket on the status page: the job number, the
 * promised date, the steps with the one it is at, the assessment's outcome and cause in the
 * policy's words (never the bench's findings), and the quote with its lines, total and the pay
 * button that opens the draft order's invoice; in every language the storefront speaks.
 */
const ctx = (locale: Locale) => ({ locale, intl: locale === "en" ? "en-GB" : locale, t: translator(locale), base: "/apps/aftercare", carry: {} });
const plain = (html: string) => html.replace(/[\u200e\u200f\u061c\u2068\u2069]/g, "").replace(/[\s\u00a0\u202f]+/g, " ").replace(/&#39;/g, "'");
const policy = presetPolicy("fine-jewellery");
const INVOICE = "https://gateway-jeweller.myshopify.com/12345/invoices/abc";
const FINDINGS = "Shank bent, customer admits it was caught in a car door";

const quoted: TicketForShopper = {
  job: "J-1042",
  state: "quoted",
  origin: "repair",
  kind: "warranty",
  dueOn: "2026-12-18",
  itemTitle: "Solitaire ring",
  currency: "GBP",
  assessment: { cause: "accident" },
  quote: { amountMinor: 21_750, description: "Straighten and re-tip", lines: [{ title: "Straighten the shank", quantity: 1, unitMinor: 18_000 }, { title: "Re-tip a claw", quantity: 3, unitMinor: 1_250 }], invoiceUrl: INVOICE, paidAt: null },
};
const moves = [
  { to: "awaiting_item", at: new Date("2026-12-01T09:00:00Z") },
  { to: "received", at: new Date("2026-12-02T10:30:00Z") },
  { to: "assessed", at: new Date("2026-12-03T11:00:00Z") },
  { to: "quoted", at: new Date("2026-12-03T11:05:00Z") },
];

describe("the repair section of the status page", () => {
  it("GIVEN a warranty claim found not covered and quoted WHEN the shopper reads it in English THEN they see the job, the promised date, the step it is at, the outcome and cause in the policy's words, the quote's lines and total and the pay button to the invoice, and not the bench's findings", () => {
    const view = shopperRepairView(quoted, moves, policy);
    const page = plain(renderRepair(ctx("en"), view, { timezone: "Europe/London", shopName: "Gateway Jeweller" }));
    expect(page).toContain('Your repair: job <bdi dir="ltr" class="ac__amount">J-1042</bdi>');
    expect(page).toContain("Promised for 18 December 2026");
    expect(page).toMatch(/aria-current="step"[^>]*data-aftercare-repair-step="quoted"><strong>Quote sent<\/strong> · <time datetime="2026-12-03T11:05:00.000Z">3 December 2026<\/time> · <span class="ac__ok">now/);
    expect(page).toMatch(/data-aftercare-repair-step="quote_accepted">Quote paid · to come/);
    expect(page).toContain("The warranty does not cover it, so the work is quoted below.");
    expect(page).toContain("Cause found: An accident");
    expect(page).toContain("The warranty does not cover accidental damage, improper use or unauthorised repairs.");
    expect(page).toMatch(/Straighten the shank<\/bdi><\/td><td class="ac__num">1<\/td><td class="ac__num"><bdi class="ac__amount">£180.00/);
    expect(page).toMatch(/Re-tip a claw<\/bdi><\/td><td class="ac__num">3<\/td><td class="ac__num"><bdi class="ac__amount">£37.50/);
    expect(page).toContain(`<a class="ac__button" href="${INVOICE}" data-aftercare-repair-pay>Pay <bdi class="ac__amount">£217.50</bdi></a>`);
    expect(page).not.toContain("car door");
    expect(page).not.toContain(FINDINGS);
  });

  it("GIVEN the same ticket paid, worked and ready WHEN read in French and Arabic THEN it says paid, ready for collection at the shop, with no pay button, in the page's language", () => {
    const ready = { ...quoted, state: "ready" as const, quote: { ...quoted.quote!, paidAt: new Date("2026-12-04T09:00:00Z") } };
    const later = [...moves, { to: "quote_accepted", at: new Date("2026-12-04T09:00:00Z") }, { to: "at_bench", at: new Date("2026-12-05T09:00:00Z") }, { to: "ready", at: new Date("2026-12-08T16:00:00Z") }];
    const view = shopperRepairView(ready, later, policy);
    const fr = plain(renderRepair(ctx("fr"), view, { timezone: "Europe/Paris", shopName: "Gateway Jeweller" }));
    expect(fr).toContain('Votre réparation : dossier <bdi dir="ltr" class="ac__amount">J-1042</bdi>');
    expect(fr).toMatch(/Prêt à être retiré chez <bdi dir="auto" lang="en">Gateway Jeweller<\/bdi>/);
    expect(fr).toContain("Réglé : merci.");
    expect(fr).not.toContain("data-aftercare-repair-pay");
    const ar = plain(renderRepair(ctx("ar"), view, { timezone: "Asia/Dubai", shopName: "Gateway Jeweller" }));
    expect(ar).toContain('الإصلاح الخاص بك: رقم الملف <bdi dir="ltr" class="ac__amount">J-1042</bdi>');
    expect(ar).toContain("تم الدفع: شكرًا لك.");
    expect(ar).toMatch(/data-aftercare-repair-step="returned">عادت إليك · لاحقًا/);
  });

  it("GIVEN a quote with a deposit WHEN read before it is paid, once it is paid, and when the piece is ready THEN the deposit's pay button first, then the balance's once ready, never the whole total's", () => {
    const BALANCE = "https://gateway-jeweller.myshopify.com/12345/invoices/balance";
    const withDeposit = { ...quoted, quote: { ...quoted.quote!, depositMinor: 6_525, balance: null } };
    const waiting = plain(renderRepair(ctx("en"), shopperRepairView(withDeposit, moves, policy), { timezone: "Europe/London", shopName: null }));
    expect(waiting).toContain(`<a class="ac__button" href="${INVOICE}" data-aftercare-repair-pay>Pay the deposit of <bdi class="ac__amount">£65.25</bdi></a>`);
    expect(waiting).toContain("The rest, <bdi class=\"ac__amount\">£152.25</bdi>, is due when your piece is ready.");
    expect(waiting).not.toContain("Pay <bdi");

    const atBench = { ...withDeposit, state: "at_bench" as const, quote: { ...withDeposit.quote, paidAt: new Date("2026-12-04T09:00:00Z") } };
    const working = plain(renderRepair(ctx("fr"), shopperRepairView(atBench, [...moves, { to: "quote_accepted", at: new Date("2026-12-04T09:00:00Z") }], policy), { timezone: "Europe/Paris", shopName: null }));
    expect(working).toContain("Acompte de <bdi class=\"ac__amount\">65,25 £</bdi> réglé : merci.");
    expect(working).not.toContain("data-aftercare-repair-pay");

    const ready = { ...atBench, state: "ready" as const, quote: { ...atBench.quote, balance: { amountMinor: 15_225, invoiceUrl: BALANCE, paidAt: null } } };
    const due = plain(renderRepair(ctx("ar"), shopperRepairView(ready, moves, policy), { timezone: "Asia/Dubai", shopName: null }));
    expect(due).toContain(`href="${BALANCE}" data-aftercare-repair-pay>ادفع المبلغ المتبقي`);
    const settled = { ...ready, quote: { ...ready.quote, balance: { ...ready.quote.balance, paidAt: new Date("2026-12-08T10:00:00Z") } } };
    expect(plain(renderRepair(ctx("en"), shopperRepairView(settled, moves, policy), { timezone: "Europe/London", shopName: null }))).toContain("Paid: thank you.");
  });

  it("GIVEN a piece collected WHEN read THEN the way back is the step it is at, with the day it was collected, and no promised date", () => {
    const done = { ...quoted, state: "collected" as const, quote: { ...quoted.quote!, paidAt: new Date("2026-12-04T09:00:00Z") } };
    const view = shopperRepairView(done, [...moves, { to: "collected", at: new Date("2026-12-09T15:00:00Z") }], policy);
    const page = plain(renderRepair(ctx("en"), view, { timezone: "Europe/London", shopName: null }));
    expect(page).toContain("Collected on 9 December 2026.");
    expect(page).toMatch(/aria-current="step"[^>]*data-aftercare-repair-step="returned"/);
    expect(page).not.toContain("Promised for");
  });

  it("GIVEN the repair section's words WHEN read in every language the storefront speaks THEN each has every key, written, with the same placeholders as English", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of LOCALES) {
      const messages = REPAIR_MESSAGES[locale] as Record<string, string>;
      for (const [key, english] of Object.entries(REPAIR_MESSAGES.en)) {
        expect(messages[key]?.trim(), `${key} in ${locale}`).toBeTruthy();
        expect(placeholders(messages[key]), `${key} in ${locale}`).toEqual(placeholders(english));
        if (locale !== "en") expect(messages[key], `${key} in ${locale}`).not.toBe(english === "Total" ? "" : english);
      }
      expect(translator(locale)("repairTitle", { job: "J-1" })).toContain("J-1");
    }
  });

  it("GIVEN a declined piece sent back by a zero-price order Shopify posted with tracking, and a replacement still being prepared WHEN read in English, French and Arabic THEN each order is named with what is in it, at no charge, where it is and the tracking link", () => {
    const back = { ...quoted, state: "sent_back" as const };
    const view = shopperRepairView(back, [...moves, { to: "quote_declined", at: new Date("2026-12-04T09:00:00Z") }, { to: "sent_back", at: new Date("2026-12-05T09:00:00Z") }], policy);
    const shipments = [
      { what: "return" as const, name: "#1043", lines: [{ title: "J-1042: your Solitaire ring, returned unrepaired", quantity: 1 }], fulfillment: "FULFILLED", delivered: false, tracking: [{ company: "Royal Mail", number: "RM123456785GB", url: "https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB" }] },
      { what: "replacement" as const, name: "#1044", lines: [{ title: "Solitaire ring", quantity: 1 }], fulfillment: "UNFULFILLED", delivered: false, tracking: [] },
    ];
    const en = plain(renderRepair(ctx("en"), view, { timezone: "Europe/London", shopName: "Gateway Jeweller", shipments }));
    expect(en).toContain('data-aftercare-shipment="return"><strong>Your piece, returned unrepaired: order <bdi dir="ltr" class="ac__amount">#1043</bdi></strong>');
    expect(en).toContain("J-1042: your Solitaire ring, returned unrepaired");
    expect(en).toContain('At no charge. <span data-aftercare-shipment-status>Posted.</span> <a href="https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB" rel="noopener noreferrer" data-aftercare-tracking>Royal Mail tracking <bdi dir="ltr">RM123456785GB</bdi></a>');
    expect(en).toContain('data-aftercare-shipment="replacement"><strong>Your replacement piece: order <bdi dir="ltr" class="ac__amount">#1044</bdi>');
    expect(en).toContain("<span data-aftercare-shipment-status>Being prepared for posting.</span>");
    // Declined, then sent back: the quote is closed, never "paid".
    expect(en).toContain("This quote is closed: the piece comes back to you without the quoted work.");
    expect(en).not.toContain("data-aftercare-repair-paid");
    const fr = plain(renderRepair(ctx("fr"), view, { timezone: "Europe/Paris", shopName: null, shipments }));
    expect(fr).toContain("Votre bijou, renvoyé sans réparation : commande");
    expect(fr).toContain("Suivi Royal Mail <bdi dir=\"ltr\">RM123456785GB</bdi>");
    const ar = plain(renderRepair(ctx("ar"), view, { timezone: "Asia/Dubai", shopName: null, shipments }));
    expect(ar).toContain("قطعتك، مُعادة دون إصلاح: الطلب");
    expect(ar).toContain("دون أي تكلفة.");
    expect(ar).toContain('<bdi dir="ltr">RM123456785GB</bdi>');
    // Without any order, nothing is added.
    expect(plain(renderRepair(ctx("en"), view, { timezone: "Europe/London", shopName: null }))).not.toContain("data-aftercare-shipments");
  });
});
