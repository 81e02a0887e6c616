import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { itemWithVariant } from "../../app/domain/item-label";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { adminClient } from "../../app/shopify/client.server";
import { standinAdmin } from "../../scripts/demo-desk";
import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * What the merchant reads on a request (issue 22, items 14 and 15): timeline lines that say only
 * what the app did, the shopper's answers in the words they read, each piece with its variant,
 * and the Shopify return as a link. On a demo of its own (seed 11), so no other test's orders.
 */
const API_KEY = "aftercare-desk-words-e2e";
const API_SECRET = "aftercare-desk-words-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the words on the merchant's desk in Chromium", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 11 } });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string): Promise<Page> {
    const { context } = await loopbackOnlyContext(browser, PERSON);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(demo.standin.appEntryUrl(SHOP, path));
    return page;
  }

  /** axe-core's WCAG 2.1 AA rules on the page as it stands: no violation of any impact. */
  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  const messagesOf = async (id: string) => (await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.message ?? "");

  it("GIVEN a warranty claim with no Shopify return and a return with one WHEN each is approved THEN the timeline says what the app did, and no line claims the shopper was told anything", async () => {
    const claim = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, kind: "warranty", status: "requested", shopifyReturnId: null }, orderBy: { createdAt: "desc" } });
    const page = await open(`/app/requests/${claim.id}`);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Request approved.").waitFor();
    await page.getByText("Approved. No Shopify return is linked, so no notification was sent to the shopper.").waitFor();
    await page.screenshot({ path: screenshotPath("desk-words-approved-claim"), fullPage: true });
    await accessible(page, "approved warranty claim");

    const ret = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, kind: "return", status: "requested", shopifyReturnId: { not: null } }, orderBy: { createdAt: "desc" } });
    const other = await open(`/app/requests/${ret.id}`);
    await other.getByRole("button", { name: "Approve" }).click();
    await other.getByText("Approved. Shopify's return was approved, with Shopify asked to notify the shopper.").waitFor();

    // Nothing on any timeline of the shop (the demo's own approvals included) claims what did not happen.
    const all = (await database.db.requestEvent.findMany({ where: { shop: SHOP } })).map((e) => e.message ?? "");
    expect(all.filter((m) => /was told|told to send/.test(m))).toEqual([]);
    expect(await messagesOf(claim.id)).toContain("Approved. No Shopify return is linked, so no notification was sent to the shopper.");
  });

  it("GIVEN a received return whose shopper chose another size of the piece and answered the checklist WHEN the merchant opens it THEN the item shows both sizes, the answers in the shopper's words, the Shopify return as a link, and the exchange confirmation names the piece", async () => {
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, kind: "return", status: "received", lines: { some: { exchangeVariantId: { not: null } } } }, include: { lines: true }, orderBy: { createdAt: "desc" } });
    const line = row.lines[0];
    // The demo records the piece with its variant, and the choice as the shopper read it:
    // "Crystal Eternity Band, ring size L" for "Crystal Eternity Band, ring size M".
    const product = demo.standin.engine.store(SHOP).find(line.lineItemId, "LineItem")!.title;
    expect(line.title.startsWith(`${product}, `)).toBe(true);
    expect(line.exchangeVariantTitle?.startsWith(`${product}, `)).toBe(true);
    expect(line.exchangeVariantTitle).not.toBe(line.title);
    // The storefront form's checklist, as it records answers (two of them ticked).
    await database.db.requestLine.update({ where: { id: line.id }, data: { conditionJson: JSON.stringify({ used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false }) } });

    const page = await open(`/app/requests/${row.id}`);
    await page.getByRole("heading", { name: `1 × ${line.title}` }).waitFor();
    await page.getByText(`Exchange for: ${line.exchangeVariantTitle}`).waitFor();
    for (const answer of ["It has been used: No", "It has been worn: No", "The tags are still attached: Yes", "I have the original packaging: Yes", "The packaging has been opened: No"]) {
      await expect(page.getByText(answer, { exact: true }).isVisible(), answer).resolves.toBe(true);
    }
    const body = await page.locator("body").innerText();
    expect(body).not.toMatch(/tagsAttached|originalPackaging|packagingOpened|used: no/);

    const link = page.getByRole("link", { name: `The return in Shopify (${row.shopifyReturnId?.split("/").pop()})` });
    expect(await link.getAttribute("href")).toBe(`shopify://admin/orders/${row.orderId.split("/").pop()}/returns/${row.shopifyReturnId?.split("/").pop()}`);
    await page.screenshot({ path: screenshotPath("desk-words-item"), fullPage: true });
    await accessible(page, "request with an exchange choice");

    await page.getByRole("button", { name: "Resolve…" }).click();
    await page.getByRole("dialog").getByLabel("Resolution").selectOption("exchange");
    await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText(`The new item (${line.exchangeVariantTitle}) is sent; no money moves (same value).`).waitFor();
    await expect(confirm.getByText(/\(1 × /).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath("desk-words-exchange-confirm") });
    await accessible(page, "exchange confirmation");
    await confirm.getByRole("button", { name: "Process exchange", exact: true }).click();
    await page.getByText(`Exchange processed: ${line.exchangeVariantTitle} will be sent to the shopper.`).waitFor();
    expect(await messagesOf(row.id)).toContain(`Exchange processed in Shopify: ${line.exchangeVariantTitle} to send to the shopper; no money moved (same value).`);

    // The link opens the return's order in Shopify admin (the stand-in's page for it).
    const again = await open(`/app/requests/${row.id}`);
    await again.getByRole("link", { name: /^The return in Shopify/ }).click();
    await again.getByRole("heading", { name: `Order ${row.orderName}` }).waitFor();
  });

  it("GIVEN a warranty claim submitted from a form that showed no checklist WHEN the merchant opens it THEN no condition is recorded or shown, and the item names its variant", async () => {
    // The featured shopper's older order (warranty territory), claimed as the customer-account
    // form does for a warranty: no condition questions asked, so none sent.
    const store = demo.standin.engine.store(SHOP);
    const order = store.find(demo.summary.featuredOrderIds.older, "Order")!;
    const line = order.lineItems[0];
    const flow = createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy: presetPolicy("uk-jeweller"), versionId: "v-words" }),
      secret: "desk-words-secret",
      photos: { exists: async () => false },
      orderLookups: { consume: async () => true },
    });
    const admin = adminClient(standinAdmin(demo.standin.origin, SHOP, demo.standin.issueAccessToken(SHOP, demo.standin.engine.settings.scopes)));
    const done = await flow.submit({ shop: SHOP, viewer: { type: "customer", customerId: demo.summary.featuredCustomerId }, admin }, { orderId: order.id, kind: "warranty", lines: [{ lineId: line.id, quantity: 1, reason: "defective", cause: "manufacturing" }], idempotencyKey: "desk-words-warranty-0123456789" });
    const claim = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, id: done.requestId }, include: { lines: true } });
    expect(JSON.parse(claim.lines[0].conditionJson)).toEqual({});
    const variant = store.find(line.variantId, "ProductVariant");
    expect(claim.lines[0].title).toBe(itemWithVariant(line.title, variant));

    const page = await open(`/app/requests/${claim.id}`);
    await page.getByRole("heading", { name: `1 × ${claim.lines[0].title}` }).waitFor();
    await expect(page.getByText("The shopper's answers about its condition:").count()).resolves.toBe(0);
    await expect(page.getByText(/tags are still attached|tagsAttached/i).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath("desk-words-warranty"), fullPage: true });
    await accessible(page, "warranty claim");
  });
});
