import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { createBench } from "../../app/repairs/bench.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { signToken } from "../../app/requests/tokens.server";
import { adminClient } from "../../app/shopify/client.server";
import { standinAdmin } from "../../scripts/demo-desk";
import type { RunningDemo } from "../../scripts/demo-standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * Issue 25, the shopper's side of a repair, in Chromium against the demo (the stand-in's
 * storefront, its app proxy signed as Shopify signs it, the built app): a warranty claim found
 * not covered, quoted through Shopify (a real draft order in the stand-in); the shopper opens the
 * status page from their signed link and sees the job number, the promised date, the steps with
 * the one it is at, the assessment in the policy's words and the quote, and the pay button opens
 * the draft order's invoice. In English at 1440 px and in Arabic at 390 px; axe-core finds
 * nothing serious; screenshots go to test/artifacts.
 */
const API_KEY = "aftercare-shopper-repair-e2e";
const API_SECRET = "aftercare-shopper-repair-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const AXE = join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
const FINDINGS = "Shank bent flat, customer admits a car door";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe("the shopper's repair in Chromium", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 25, deskRequests: false } });
    ({ database, demo } = running);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** axe-core on the app's part of the page: no serious or critical violation. */
  async function accessible(page: Page) {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      return axe.run({ include: [["[data-aftercare-portal]"]] }, { resultTypes: ["violations"] });
    });
    expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);
  }

  /** A warranty claim on a ring, its ticket taken in, assessed as not covered (the policy's cause) and quoted through the stand-in's Shopify. */
  async function quotedTicket(name: string) {
    const shop = demo.summary.domain;
    const store = demo.standin.store(shop);
    const customer = addCustomer(store, { email: `${name.toLowerCase()}@example.com`, firstName: name, lastName: "Repair" });
    const ring = addProduct(store, { title: "Solitaire ring", price: 95_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(30), deliveredAt: days(27) });
    const request = await database.db.aftercareRequest.create({
      data: { shop, orderId: order.id, orderName: order.name, customerName: `${name} Repair`, customerId: customer.id, customerEmail: customer.email, kind: "warranty", currency: order.presentmentCurrencyCode, status: "resolved", resolution: "repair", lines: { create: [{ lineItemId: order.lineItems[0].id, title: "Solitaire ring", quantity: 1, reason: "defective" }] } },
    });
    const repairs = createRepairRepository(database.db);
    const { ticket } = await repairs.open(shop, { requestId: request.id, origin: "repair", work: "Warranty repair", itemTitle: "Solitaire ring", currency: order.presentmentCurrencyCode }, { staffId: "11", staffName: "Eleanor Hart", message: "Repair ticket {job} opened.", at: new Date() });
    const policy = presetPolicy("uk-jeweller");
    // The demo shop's live policy (uk-jeweller): its warranty names accidents as not covered.
    const cause = "accident";
    const admin = adminClient(standinAdmin(demo.standin.origin, shop, demo.standin.issueAccessToken(shop)));
    const bench = createBench({ repairs, staff: { id: "11", name: "Eleanor Hart" }, timezone: store.shop.ianaTimezone, country: store.shop.countryCode, locale: "en-GB", policy, admin, operations: createOperationRepository(database.db) });
    const moves = [
      { move: "intake", from: "awaiting_item", description: "Yellow metal solitaire, customer states 18ct gold.", condition: "Shank bent.", termsAccepted: true, turnaroundDays: 10 },
      { move: "assess", from: "received", cause, findings: FINDINGS },
      { move: "quote", from: "assessed", description: "Straighten and re-tip", lines: [{ title: "Straighten the shank", quantity: 1, price: "180.00" }, { title: "Re-tip a claw", quantity: 3, price: "12.50" }] },
    ] as const;
    for (const m of moves) expect(await bench.move(shop, ticket.id, m)).toMatchObject({ ok: true });
    const quoted = (await repairs.find(shop, ticket.id))!;
    expect(quoted.quote?.invoiceUrl).toMatch(new RegExp(`^${demo.standin.origin}/\\d+/invoices/[0-9a-f]+$`));
    const token = signToken(API_SECRET, "status", shop, request.id, new Date(Date.now() + 30 * 86_400_000));
    return { ticket: quoted, token, bench, shop };
  }

  for (const [locale, width] of [["en", 1440], ["ar", 390]] as const) {
    it(`GIVEN a quoted repair WHEN the shopper opens its status page in ${locale} at ${width} px THEN they see its steps and quote, and the pay button opens the draft order's invoice`, async () => {
      const { ticket, token } = await quotedTicket(locale === "en" ? "Ada" : "Layla");
      const { context, blocked } = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${demo.standin.origin}/apps/aftercare/status?${new URLSearchParams({ token, locale })}`);
      const section = page.locator(`[data-aftercare-repair="${ticket.job}"]`);
      await section.waitFor();
      expect(await page.locator("[data-aftercare-portal]").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
      const text = (await section.innerText()).replace(/\s+/g, " ");
      const steps = await section.locator("[data-aftercare-repair-step]").evaluateAll((items) => items.map((li) => [li.getAttribute("data-aftercare-repair-step"), li.getAttribute("aria-current")]));
      expect(steps).toEqual([["awaiting_item", null], ["received", null], ["assessed", null], ["quoted", "step"], ["quote_accepted", null], ["at_bench", null], ["ready", null], ["returned", null]]);
      if (locale === "en") {
        expect(text).toContain(`Your repair: job ${ticket.job}`);
        expect(text).toMatch(/Promised for \d{1,2} \w+ 20\d\d/);
        expect(text).toContain("The warranty does not cover it, so the work is quoted below.");
        expect(text).toContain("The warranty does not cover everyday wear and tear (including tarnishing), misuse or accidents");
        expect(text).toContain("Quote sent");
      } else {
        expect(text).toContain(`الإصلاح الخاص بك: رقم الملف ${ticket.job}`);
        expect(text).toContain("لا يشملها الضمان، لذا يخضع العمل لعرض السعر أدناه.");
        expect(text).toContain("أُرسل عرض السعر");
      }
      expect(text).not.toContain("car door");
      const rows = await section.locator("[data-aftercare-repair-quote] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").replace(/[\s\u200e\u200f\u061c]+/g, " ").trim())));
      expect(rows.map((r) => r.slice(0, 2))).toEqual([["Straighten the shank", "1"], ["Re-tip a claw", "3"]]);
      await accessible(page);
      await page.screenshot({ path: screenshotPath(`shopper-repair-status-${locale}-${width}`), fullPage: true });

      const pay = section.locator("[data-aftercare-repair-pay]");
      expect(await pay.getAttribute("href")).toBe(ticket.quote?.invoiceUrl);
      await Promise.all([page.waitForURL(ticket.quote!.invoiceUrl!), pay.click()]);
      const invoice = page.locator("[data-standin-invoice]");
      await invoice.waitFor();
      const draft = demo.standin.store(demo.summary.domain).draftOrders.find((d) => d.invoiceUrl === ticket.quote?.invoiceUrl)!;
      expect(await invoice.getAttribute("data-standin-invoice")).toBe(draft.name);
      expect((await page.locator("[data-standin-invoice-total]").innerText()).replace(/\s+/g, "")).toMatch(/217\.50/);
      await page.screenshot({ path: screenshotPath(`shopper-repair-invoice-${locale}-${width}`), fullPage: true });
      expect(blocked).toEqual([]);
      await context.close();
    });
  }

  it("GIVEN a declined quote whose piece went back by a zero-price Shopify order the shop posted WHEN the shopper opens the status page at 1440 px THEN they see the order, what is in it, at no charge, posted, with the carrier's tracking link", async () => {
    const { ticket, token, bench, shop } = await quotedTicket("Grace");
    expect(await bench.move(shop, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    expect(await bench.move(shop, ticket.id, { move: "send_back", from: "quote_declined" })).toMatchObject({ ok: true, message: expect.stringMatching(/Return order #\d+ made in Shopify at no charge/) });
    const store = demo.standin.store(shop);
    const order = store.orders.find((o) => o.tags.includes(`aftercare-return-${ticket.requestId}`))!;
    // The shop posts it from Shopify admin, with Royal Mail's tracking.
    const at = store.timestamp();
    const fulfillmentId = store.nextId("Fulfillment");
    order.fulfillments.push(store.index({ __typename: "Fulfillment", id: fulfillmentId, orderId: order.id, name: `${order.name}-F1`, status: "SUCCESS", displayStatus: "IN_TRANSIT", createdAt: at, updatedAt: at, inTransitAt: at, deliveredAt: null, estimatedDeliveryAt: null, requiresShipping: true, trackingInfo: [{ __typename: "FulfillmentTrackingInfo", company: "Royal Mail", number: "RM123456785GB", url: "https://www.royalmail.com/track/RM123456785GB" }], fulfillmentLineItems: order.lineItems.map((li) => ({ __typename: "FulfillmentLineItem" as const, id: store.nextId("FulfillmentLineItem"), fulfillmentId, lineItemId: li.id, quantity: li.quantity })) }));
    const { context, blocked } = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.standin.origin}/apps/aftercare/status?${new URLSearchParams({ token, locale: "en" })}`);
    const shipment = page.locator('[data-aftercare-shipment="return"]');
    await shipment.waitFor();
    const text = (await shipment.innerText()).replace(/\s+/g, " ");
    expect(text).toContain(`Your piece, returned unrepaired: order ${order.name}`);
    expect(text).toContain(`${ticket.job}: your Solitaire ring, returned unrepaired`);
    expect(text).toContain("At no charge. Posted. Royal Mail tracking RM123456785GB");
    expect(await shipment.locator("[data-aftercare-tracking]").getAttribute("href")).toBe("https://www.royalmail.com/track/RM123456785GB");
    expect(await page.locator(`[data-aftercare-repair="${ticket.job}"] [aria-current="step"]`).getAttribute("data-aftercare-repair-step")).toBe("returned");
    // The declined quote is closed, never shown as paid.
    expect(await page.locator("[data-aftercare-repair-paid]").count()).toBe(0);
    expect(await page.locator(`[data-aftercare-repair="${ticket.job}"]`).innerText()).toContain("This quote is closed");
    await accessible(page);
    await page.screenshot({ path: screenshotPath("shopper-repair-sent-back-en-1440"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });
});
