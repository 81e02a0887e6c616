import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { customerAccountHarness } from "../standin/customer-account/harness";
import { legacyId } from "../standin/ids";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { ShopStore } from "../standin/store";
import { launchBrowser, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * Issue 26, "shoppers signed in through the Customer Account API" (docs/decisions/021-signin.md),
 * in Chromium against the production build: a shopper who is not signed in follows the theme
 * block's link, signs in on the customer-account sign-in and lands on the same order in customer
 * accounts; a guest, where the merchant offers the lookup, gets a code by mail (the SMTP sink)
 * and sees the order only after typing it; with the setting off there is no guest form. English
 * and Arabic, 390 and 1440 px; axe-core on every page; screenshots in test/artifacts.
 */
const API_KEY = "aftercare-signin-e2e";
const API_SECRET = "aftercare-signin-e2e-secret";
const APP_URL = /^application_url\s*=\s*"([^"]+)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const AXE = join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe("signing in, and the guest's code, in Chromium", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let store: ShopStore;
  let shop: string;
  let harness: ReturnType<typeof customerAccountHarness>;
  let bundleDir: string;

  beforeAll(async () => {
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `signin-bundles-${process.pid}`));
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 5, deskRequests: false },
      // Guests' codes go through the app's mailer to the demo's SMTP sink.
      env: (port, started) => ({ AFTERCARE_PHOTO_DIR: join(process.cwd(), ".tmp", `photos-signin-${port}`), LOG_LEVEL: "warn", SMTP_URL: started.mail.smtpUrl }),
      prepare: async ({ demo }) => {
        shop = demo.summary.domain;
        store = demo.standin.store(shop);
        // This shop is on new customer accounts: Shopify's pages, where the extensions run.
        store.shop.customerAccountsVersion = "NEW_CUSTOMER_ACCOUNTS";
        harness = customerAccountHarness({ apiKey: API_KEY, apiSecret: API_SECRET, bundleDir, signInShop: shop });
        demo.standin.use(harness.route);
      },
    });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  /** A signed-out browser: the stand-in on 127.0.0.1, the app's public URL answered by the local build, nothing else. */
  async function signedOut(width: number): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
    harness.signOut();
    const context = await browser.newContext({ viewport: { width, height: 900 }, userAgent: PERSON });
    const blocked: string[] = [];
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      if (url.origin === APP_URL) return route.fulfill({ response: await route.fetch({ url: `${running.app.url}${url.pathname}${url.search}` }) });
      blocked.push(url.toString());
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.standin.origin}/account/logout`);
    return { context, page, blocked };
  }

  async function look(page: Page, name: string, include?: string) {
    await page.addScriptTag({ path: AXE });
    const serious = await page.evaluate(async (scope) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(scope ? { include: [[scope]] } : document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    }, include ?? null);
    expect(serious).toEqual([]);
    await page.screenshot({ path: screenshotPath(`signin-${name}`), fullPage: true });
  }

  function anOrder(tag: string) {
    const customer = addCustomer(store, { firstName: "Maya", lastName: `Signin${tag}`, email: `maya.${tag}@example.com` });
    const ring = addProduct(store, { title: `Opal Ring ${tag}`, price: 21_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(6), deliveredAt: days(4) });
    return { customer, order, title: `Opal Ring ${tag}` };
  }

  describe.each(["en", "ar"] as const)("in %s", (locale) => {
    it.each([390, 1440])("GIVEN a shopper who is not signed in at %i px WHEN she follows the link to her order THEN she signs in on customer accounts and lands back on that order", async (width) => {
      const { customer, order, title } = anOrder(`${locale}${width}`);
      const { context, page, blocked } = await signedOut(width);
      // The theme block's link for an order (and a notification's) goes to the portal with order_id.
      await page.goto(`${demo.standin.origin}/apps/aftercare?order_id=${legacyId(order.id)}&locale=${locale}`);
      await page.waitForURL(/\/customer-account\/login\?/);
      expect(new URL(page.url()).searchParams.get("return_to")).toBe(`/customer-account/orders/${legacyId(order.id)}?locale=${locale}`);
      await look(page, `${locale}-${width}-1-sign-in`);
      await page.getByRole("link", { name: `${customer.firstName} ${customer.lastName}` }).click();
      await page.waitForURL((url) => url.pathname === "/customer-account/aftercare-order-page" && url.searchParams.get("order") === String(legacyId(order.id)));
      await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
      await expect(page.locator("html").getAttribute("dir")).resolves.toBe(locale === "ar" ? "rtl" : "ltr");
      await page.getByText(title).first().waitFor();
      await look(page, `${locale}-${width}-2-back-on-the-order`);
      expect(blocked).toEqual([]);
      await context.close();
    });

    it.each([390, 1440])("GIVEN the merchant offers the guest lookup, at %i px, WHEN a guest gives the order's number and email THEN a code arrives by mail, a wrong code shows nothing, and the mailed code opens the order", async (width) => {
      await database.db.shop.updateMany({ where: { domain: shop }, data: { guestLookup: true } });
      const { customer, order, title } = anOrder(`guest${locale}${width}`);
      const { context, page } = await signedOut(width);
      await page.goto(`${demo.standin.origin}/apps/aftercare?locale=${locale}`);
      await page.locator("#ac-orderNumber").fill(order.name);
      await page.locator("#ac-contact").fill(customer.email);
      await look(page, `${locale}-${width}-3-guest-lookup`, "[data-aftercare-portal]");
      const before = demo.mail.messages.length;
      await page.locator('form[action$="/lookup"] button[type=submit]').click();
      await page.locator("#ac-code").waitFor();
      expect(await page.getByText(title).count()).toBe(0);
      const mail = demo.mail.messages.slice(before).find((m) => m.to.includes(customer.email));
      expect(mail?.language).toBe(locale);
      const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      await look(page, `${locale}-${width}-4-code`, "[data-aftercare-portal]");

      await page.locator("#ac-code").fill(code === "000000" ? "111111" : "000000");
      await page.locator('form[action$="/lookup"] button[type=submit]').click();
      await page.locator("#ac-code-error").waitFor();
      expect(await page.getByText(title).count()).toBe(0);
      await look(page, `${locale}-${width}-5-wrong-code`, "[data-aftercare-portal]");

      await page.locator("#ac-code").fill(code);
      await page.locator('form[action$="/lookup"] button[type=submit]').click();
      await page.locator("#ac-kind").waitFor();
      await page.getByText(title).first().waitFor();
      expect(page.url()).toContain("grant=");
      await look(page, `${locale}-${width}-6-order`, "[data-aftercare-portal]");
      await context.close();
    });

    it("GIVEN the merchant has not turned the guest lookup on WHEN a signed-out shopper opens the portal THEN there is no guest form, only the way to sign in", async () => {
      await database.db.shop.updateMany({ where: { domain: shop }, data: { guestLookup: false } });
      const { context, page } = await signedOut(390);
      await page.goto(`${demo.standin.origin}/apps/aftercare?locale=${locale}`);
      await page.locator("[data-aftercare-sign-in]").waitFor();
      expect(await page.locator("#ac-orderNumber").count()).toBe(0);
      expect(await page.locator('form[action$="/lookup"]').count()).toBe(0);
      await look(page, `${locale}-390-7-no-guest-form`, "[data-aftercare-portal]");
      await page.locator("[data-aftercare-sign-in]").click();
      await page.waitForURL((url) => url.pathname === "/customer-account/login");
      await context.close();
    });
  });
});
