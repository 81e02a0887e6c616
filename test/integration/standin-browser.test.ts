import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startStandin, type RunningStandin } from "../standin";
import { freePort, startBuiltApp, type RunningApp } from "../support/app-server";
import { launchBrowser, screenshotPath } from "../support/browser";
import { freshDatabase, type TestDatabase } from "../support/databases";

/**
 * The merchant's way in with no internet: the stand-in's admin page opens the production build
 * with a session token, the stand-in's App Bridge script authenticates the app's own fetches, and
 * the library's bounce page gets a token and comes back. Configuration only: the app is told
 * where the Admin API (SHOPIFY_ADMIN_API_ORIGIN) and App Bridge (APP_BRIDGE_URL) are.
 */
const SHOP = "demo-jeweller.myshopify.com";
/**
 * The library answers 410 to bots (isbot), and headless Chromium says "HeadlessChrome": present
 * the user agent of the Chromium a merchant would use.
 */
const MERCHANT_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/** Like loopbackOnlyContext (test/support/browser.ts), as a merchant's browser: only 127.0.0.1 is reachable. */
async function merchantContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: MERCHANT_BROWSER });
  await context.route("**/*", (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === "data:" || hostname === "127.0.0.1") return route.continue();
    return route.abort("blockedbyclient");
  });
  return context;
}
const API_KEY = "aftercare-standin-e2e-key";
const API_SECRET = "aftercare-standin-e2e-secret";

describe("the app opened from the stand-in's admin in Chromium", () => {
  let database: TestDatabase;
  let standin: RunningStandin;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const scopes = ["read_orders", "write_returns"];
    standin = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, scopes, shops: [{ myshopifyDomain: SHOP, name: "Demo Jeweller" }], webhooks: { attempts: 1 } });
    app = await startBuiltApp(
      {
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_APP_URL: appUrl,
        SCOPES: scopes.join(","),
        DATABASE_URL: database.url,
        SHOPIFY_ADMIN_API_ORIGIN: standin.origin,
        APP_BRIDGE_URL: `${standin.origin}/app-bridge.js`,
        LOG_LEVEL: "warn",
      },
      { port },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await standin?.close();
    await database?.dispose();
  });

  it("GIVEN a headless browser that says so WHEN it opens the app THEN the library's 410 comes with the reason, not a bare status", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    expect(await page.evaluate(() => navigator.userAgent)).toContain("HeadlessChrome");
    const response = await page.goto(standin.adminUrl(SHOP));
    expect(response?.status()).toBe(410);
    await expect(page.getByRole("heading", { name: "This browser was turned away as an automated one" }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("GIVEN the admin page WHEN the merchant opens the app THEN it renders, and its own fetches carry a session token", async () => {
    const context = await merchantContext(browser);
    const page = await context.newPage();
    await page.goto(standin.adminUrl(SHOP));
    await page.getByRole("heading", { name: "Aftercare", exact: true }).waitFor();
    expect(standin.installed.has(SHOP)).toBe(true);
    // A Remix data request from the page: without App Bridge's bearer token the library would
    // treat it as a bare document request and refuse it.
    const status = await page.evaluate(async () => (await fetch("/app?_data=routes%2Fapp")).status);
    expect(status).toBe(200);
    await page.screenshot({ path: screenshotPath("standin-admin-app"), fullPage: true });
    await context.close();
  });

  it("GIVEN an embedded URL without a token WHEN opened THEN the bounce page gets one from App Bridge and the app renders", async () => {
    const context = await merchantContext(browser);
    const page = await context.newPage();
    const entry = new URL(standin.appEntryUrl(SHOP));
    entry.searchParams.delete("id_token");
    await page.goto(entry.toString());
    await page.getByRole("heading", { name: "Aftercare", exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get("id_token")).toBeTruthy();
    await context.close();
  });
});
