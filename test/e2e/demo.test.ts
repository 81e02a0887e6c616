import { rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * The demo as `npm run demo` starts it — the stand-in seeded with the demo jeweller and the
 * built app configured only through its environment — opened in Chromium with every request
 * that is not to 127.0.0.1 blocked.
 */
const API_KEY = "aftercare-demo-e2e";
const API_SECRET = "aftercare-demo-e2e-secret";
// A person's browser: the library answers 410 to bots, and headless Chromium says it is one.
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the demo in Chromium", () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let bundleDir: string;

  beforeAll(async () => {
    // As `npm run demo` does: the UI extensions built by Shopify CLI, hosted on the stand-in's pages.
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `demo-bundles-${process.pid}`));
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 4, extensions: { bundleDir } } });
    ({ demo } = running);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  it("GIVEN the demo admin URL WHEN the merchant opens it THEN the real app renders for the demo jeweller on its preset", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    await page.goto(demo.adminUrl);
    await page.getByText("Hatton & Hart Jewellers").first().waitFor();
    // The desk's home: the demo starts with requests in every state, so there is work to do.
    await page.getByRole("heading", { name: "Needs action now" }).waitFor();
    await expect(page.getByText("Europe/London").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("demo-admin"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN the demo storefront order WHEN the shopper follows the aftercare block THEN the order's items show with what each may get, inside the theme", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    await page.goto(demo.storefrontUrl);
    const link = page.getByRole("link", { name: /Get help with order #\d+/ });
    await link.waitFor();
    await expect(page.getByRole("heading", { name: "Returns, repairs and aftercare" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("demo-storefront-order"), fullPage: true });

    await link.click();
    await page.waitForURL(/\/apps\/aftercare\/orders\/\d+/);
    await page.getByRole("heading", { name: /^Order #\d+$/ }).waitFor();
    await expect(page.getByText("Not returnable: For hygiene reasons we cannot exchange or refund earrings unless they are faulty.").first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Hatton & Hart Jewellers" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("demo-storefront-policy"), fullPage: true });

    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Order history" }).waitFor();
    await expect(page.getByRole("link", { name: "Start a return, claim or repair" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("demo-storefront-account"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN the demo's customer-account and admin order pages WHEN opened in a plain browser THEN the built extensions reach the local app and show the featured order, with nothing blocked", async () => {
    const urls = demo.extensionUrls;
    if (!urls) throw new Error("the demo was started without its extension pages");
    const order = demo.standin.engine.store(demo.summary.domain).find(demo.summary.featuredOrderIds.recent, "Order");
    const item = order?.lineItems[0]?.title ?? "";
    expect(item).not.toBe("");
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    await page.goto(urls.customerOrder);
    // The order's items come from the app (the extension's call to its public URL, sent to the local build).
    await page.getByRole("heading", { name: /order #\d+/ }).waitFor();
    await page.getByText(item).first().waitFor();
    await page.screenshot({ path: screenshotPath("demo-customer-account-order"), fullPage: true });
    await page.goto(urls.myAftercare);
    await page.getByRole("heading", { name: "My aftercare" }).waitFor();
    await page.goto(urls.adminOrderBlock);
    await page.getByText("What each item may still get").waitFor();
    await page.getByText(item).first().waitFor();
    await page.screenshot({ path: screenshotPath("demo-admin-order-block"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a request on the desk WHEN the merchant opens its order in Shopify THEN the admin order page shows the order with Aftercare's block, and the action to log a request", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    await page.goto(demo.adminUrl);
    await page.getByRole("link", { name: "Requests" }).first().click();
    await page.waitForURL(/\/app\/requests/);
    await page.getByRole("link", { name: /^R-\d+/ }).first().click();
    const orderLink = page.getByRole("link", { name: /^#\d+ in Shopify$/ });
    await orderLink.waitFor();
    const orderName = (await orderLink.textContent())?.replace(" in Shopify", "") ?? "";
    await orderLink.click();
    await page.waitForURL(/\/store\/[^/]+\/orders\/\d+$/);
    await page.getByRole("heading", { name: `Order ${orderName}` }).waitFor();
    const block = page.frameLocator("iframe[title='Aftercare']");
    await block.getByText("What each item may still get").waitFor();
    await expect(page.getByRole("link", { name: "Log an aftercare request" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("demo-admin-order-page"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });
});
