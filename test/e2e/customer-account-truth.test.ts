import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { createShopRepository } from "../../app/repositories/shops.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { customerAccountHarness, customerAccountToken } from "../standin/customer-account/harness";
import { legacyId } from "../standin/ids";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { OrderRec, ShopStore } from "../standin/store";
import { launchBrowser, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * Issue 22, items 12, 13, 17 and 25, in new customer accounts: the order page's extension lists an
 * open request with its status and a link to its status page, offers a service by the merchant's
 * name and price and asks only what it needs; "My aftercare" writes dates as a British customer
 * does and services by name and price. Built bundles in the stand-in's harness, in Chromium, on
 * orders no other test uses; axe-core finds nothing at 1440 and 390 px in en, fr and ar.
 */
const API_KEY = "aftercare-cax-truth-e2e";
const API_SECRET = "aftercare-cax-truth-e2e-secret";
const APP_URL = /^application_url\s*=\s*"([^"]+)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const messages = (handle: string, name: string) => JSON.parse(readFileSync(join("extensions", handle, "locales", `${name}.json`), "utf8")) as Record<string, never>;
const say = (m: Record<string, never>, key: string, values: Record<string, string | number> = {}): string =>
  (key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], m) as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
const PAGE = { en: messages("aftercare-order-page", "en.default"), fr: messages("aftercare-order-page", "fr"), ar: messages("aftercare-order-page", "ar") };
const MINE = { en: messages("aftercare-my-aftercare", "en.default"), fr: messages("aftercare-my-aftercare", "fr"), ar: messages("aftercare-my-aftercare", "ar") };

function policyWithRestoration() {
  const policy = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as unknown as { services: unknown[] };
  policy.services = [
    {
      service: "restoration",
      label: "Polish and re-plate",
      enabled: true,
      text: "We polish and re-plate your piece to restore its shine.",
      windows: [{ id: "any-time", window: { unit: "unlimited" }, text: "Available any time." }],
      allowance: { id: "twice", limit: 2, key: "restoration", text: "Twice per piece." },
      charge: "paid",
      price: { kind: "fixed", amount: "45.00" },
      turnaround: { text: "About two weeks." },
      transport: "post",
      resolution: "service",
      returnShipping: { id: "customer-pays", payer: "customer", text: "You send the piece to us and pay the postage." },
    },
  ];
  return policy;
}

describe("customer accounts tell the truth (issue 22: 12, 13, 17, 25)", () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let store: ShopStore;
  let shop: string;
  let harness: ReturnType<typeof customerAccountHarness>;
  let bundleDir: string;
  let customerId: string;
  let order: OrderRec;
  let requestNumber: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `cax-truth-bundles-${process.pid}`));
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 12, deskRequests: false },
      env: (port) => ({ AFTERCARE_PHOTO_DIR: join(process.cwd(), ".tmp", `photos-cax-truth-${port}`), LOG_LEVEL: "warn" }),
      prepare: async ({ database, demo }) => {
        shop = demo.summary.domain;
        store = demo.standin.engine.store(shop);
        await createShopRepository(database.db).choosePolicy(shop, "uk-jeweller", JSON.stringify(policyWithRestoration()));
        const customer = addCustomer(store, { firstName: "Rania", lastName: "Accounts", email: "rania.accounts@example.com" });
        const band = addProduct(store, { title: "Crystal Eternity Band", price: 18_500, productType: "Rings" });
        const bracelet = addProduct(store, { title: "Vermeil Link Bracelet", price: 12_000, productType: "Bracelets" });
        order = addPaidOrder(store, { customer, lines: [{ variant: band.variant, quantity: 1 }, { variant: bracelet.variant, quantity: 1 }], createdAt: days(12), deliveredAt: days(10) });
        customerId = String(legacyId(customer.id));
        harness = customerAccountHarness({ apiKey: API_KEY, apiSecret: API_SECRET, bundleDir });
        demo.standin.use(harness.route);
      },
    });
    ({ database, demo } = running);
    browser = await launchBrowser();

    // A warranty claim on the band, sent as the extension sends it, then approved by the shop.
    const token = customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId });
    const response = await fetch(`${running.app.url}/api/customer/orders/${legacyId(order.id)}/requests`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "User-Agent": PERSON, Origin: "https://extensions.shopifycdn.com" },
      body: JSON.stringify({ kind: "warranty", service: null, preferredResolution: null, lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "defective", cause: "manufacturing" }], photos: [], liabilityAccepted: false, note: null, idempotencyKey: "cax-truth-warranty-0001" }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    requestNumber = ((await response.json()) as { number: number }).number;
    await database.db.aftercareRequest.updateMany({ where: { shop, orderId: order.id }, data: { status: "approved" } });
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  async function customerPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, userAgent: PERSON });
    contexts.push(context);
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      if (url.origin === APP_URL) return route.fulfill({ response: await route.fetch({ url: `${running.app.url}${url.pathname}${url.search}` }) });
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function open(page: Page, path: string) {
    await page.goto(`${demo.standin.origin}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
  }

  async function axe(page: Page, label: string) {
    await page.addScriptTag({ path: join("node_modules", "axe-core", "axe.min.js") });
    const violations = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await run.run()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
    await page.screenshot({ path: screenshotPath(`cax-truth-${label}`), fullPage: true });
  }

  it("GIVEN an approved warranty claim and a named, priced service WHEN the customer opens the order in customer accounts THEN the claim shows with its status and status link, the service by name and price, and asking for it needs no reason", { timeout: 120_000 }, async () => {
    harness.signIn({ shop, customerId, locale: "en", country: "GB" });
    const page = await customerPage(1000);
    await open(page, harness.pagePath("aftercare-order-page", { order: String(legacyId(order.id)) }));
    await page.getByRole("heading", { name: say(PAGE.en, "open.heading") }).waitFor();
    await expect(page.getByText(say(PAGE.en, "open.request", { number: requestNumber, title: "Crystal Eternity Band", status: say(PAGE.en, "status.approved") })).isVisible()).resolves.toBe(true);
    // The harness draws <s-link> as <a href="#"> and follows the element's own href when clicked.
    const link = page.locator("s-link", { hasText: say(PAGE.en, "open.link", { number: requestNumber }) });
    await expect(page.getByRole("link", { name: say(PAGE.en, "open.link", { number: requestNumber }) }).isVisible()).resolves.toBe(true);
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^https://${shop.replace(/\./g, "\\.")}/apps/aftercare/status\\?token=`));
    const service = page.getByRole("radio", { name: "Polish and re-plate · £45.00", exact: true });
    await expect(service.isVisible()).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: say(PAGE.en, "service.restoration") }).count()).resolves.toBe(0);
    await axe(page, "order-en");
    await service.check();
    await page.getByRole("checkbox", { name: /Vermeil Link Bracelet/ }).check();
    await page.getByRole("button", { name: say(PAGE.en, "next") }).click();
    await page.getByRole("heading", { name: say(PAGE.en, "ask.heading") }).waitFor();
    await expect(page.getByRole("combobox", { name: say(PAGE.en, "ask.reason") }).count()).resolves.toBe(0);
    await expect(page.getByRole("group", { name: say(PAGE.en, "ask.resolution") }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: say(PAGE.en, "ask.see") }).click();
    await page.getByRole("heading", { name: say(PAGE.en, "decision.accepted") }).waitFor();
    await expect(page.getByText(say(PAGE.en, "answer.price", { price: "£45.00" })).isVisible()).resolves.toBe(true);
    await expect(page.getByText(say(PAGE.en, "answer.turnaround", { text: "About two weeks." })).isVisible()).resolves.toBe(true);
    // Issue 24: who pays the way home for a paid service, as the engine decided it (rule 18).
    await expect(page.getByRole("heading", { name: say(PAGE.en, "answer.journey.heading") }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(say(PAGE.en, "answer.journey.outbound.customer")).isVisible()).resolves.toBe(true);
    await axe(page, "answer-en");
  });

  it("GIVEN a British customer WHEN My aftercare shows their request and their items' services THEN dates read '7 December 2026', and the service by the merchant's name, price, turnaround and times left", { timeout: 60_000 }, async () => {
    harness.signIn({ shop, customerId, locale: "en", country: "GB" });
    const page = await customerPage(1000);
    await open(page, harness.pagePath("aftercare-my-aftercare"));
    await page.getByRole("heading", { name: say(MINE.en, "requests.heading") }).waitFor();
    const sent = await page.getByText(/^Sent on /).first().innerText();
    expect(sent).toMatch(/^Sent on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    const bracelet = page.locator("s-list-item", { hasText: "Polish and re-plate" }).first();
    await expect(bracelet.innerText()).resolves.toBe("Polish and re-plate · £45.00 · turnaround: About two weeks. · times left: 2 · for life · Available any time.");
    await axe(page, "my-aftercare-en");
  });

  describe.each(["en", "fr", "ar"] as const)("in %s", (locale) => {
    it.each([1440, 390])("GIVEN the order page and My aftercare at %i px THEN axe finds nothing", { timeout: 60_000 }, async (width) => {
      harness.signIn({ shop, customerId, locale, country: "GB" });
      const page = await customerPage(width);
      await open(page, harness.pagePath("aftercare-order-page", { order: String(legacyId(order.id)), locale }));
      await page.getByRole("heading", { name: say(PAGE[locale], "open.heading") }).waitFor();
      await axe(page, `order-${locale}-${width}`);
      await open(page, harness.pagePath("aftercare-my-aftercare", { locale }));
      await page.getByRole("heading", { name: say(MINE[locale], "requests.heading") }).waitFor();
      // The price with the plain £ in every language, never "£GB" or "UK£".
      const service = (await page.locator("s-list-item", { hasText: "Polish and re-plate" }).first().innerText()).replace(/[\u200e\u200f\u061c\u2068\u2069]/g, "").replace(/\s+/g, " ");
      expect(service).toContain({ en: "£45.00", fr: "45,00 £", ar: "45.00 £" }[locale]);
      expect(service).not.toMatch(/UK|GB/);
      await axe(page, `my-aftercare-${locale}-${width}`);
    });
  });
});
