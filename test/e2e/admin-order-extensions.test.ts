import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { adminExtensionHarness } from "../standin/admin-extension/harness";
import { legacyId } from "../standin/ids";
import { extensionHostContext, launchBrowser, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * Shopify admin's order details page without Shopify: the admin UI extensions Shopify CLI built
 * run in Chromium in the stand-in's admin-extension pages; their fetch() to the app's URL carries
 * the staff member's session token and reaches the production build, which authenticates it with
 * `authenticate.admin` and answers from the desk and the request module.
 */
const API_KEY = "aftercare-adminext-e2e";
const API_SECRET = "aftercare-adminext-e2e-secret";
const APP_URL = /^application_url\s*=\s*"([^"]+)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
/** A person's browser: the library answers bots (a headless user agent among them) with 410. */
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const locale = (handle: string, name: string) => JSON.parse(readFileSync(join("extensions", handle, "locales", `${name}.json`), "utf8")) as Record<string, Record<string, string> | string>;
const BLOCK = locale("aftercare-admin-order-block", "en.default");
const ACTION = locale("aftercare-admin-order-action", "en.default");

describe("admin order-details extensions in Chromium, through the stand-in's admin harness", () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let harness: ReturnType<typeof adminExtensionHarness>;
  let shop: string;
  let bundleDir: string;

  beforeAll(async () => {
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `admin-bundles-${process.pid}`));
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 7, preset: "fine-jewellery" },
      env: (port) => ({ AFTERCARE_PHOTO_DIR: join(process.cwd(), ".tmp", `photos-${port}`), LOG_LEVEL: "warn" }),
      prepare: ({ demo }) => {
        harness = adminExtensionHarness({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: APP_URL, bundleDir });
        demo.standin.use(harness.route);
      },
    });
    ({ database, demo } = running);
    shop = demo.summary.domain;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    if (process.env.ADMINEXT_DEBUG) process.stdout.write(running?.app.output() ?? "");
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  /** Shopify admin in the browser: the stand-in on 127.0.0.1, the app's public URL answered by the local build, nothing else. */
  async function adminContext(): Promise<{ context: BrowserContext; blocked: string[]; calls: string[] }> {
    return extensionHostContext(browser, { appOrigin: APP_URL, localUrl: () => running.app.url }, { viewport: { width: 700, height: 900 }, userAgent: PERSON });
  }

  async function open(page: Page, path: string) {
    await page.goto(`${demo.standin.origin}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
  }

  async function accessibilityViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: join("node_modules", "axe-core", "axe.min.js") });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const { violations } = await axe.run();
      return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    });
  }

  it("GIVEN an order with an open request in the desk WHEN its page in admin shows the block THEN it lists the request with its status and a link into the desk, and what each item may still get", { timeout: 120_000 }, async () => {
    const open_ = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop, status: { in: ["requested", "approved", "received"] } }, orderBy: { createdAt: "asc" } });
    harness.signIn({ shop });
    const { context, blocked, calls } = await adminContext();
    const page = await context.newPage();
    await open(page, harness.pagePath("aftercare-admin-order-block", { order: String(legacyId(open_.orderId)) }));
    const link = page.getByRole("link", { name: (BLOCK.request as string).replace("{{number}}", String(open_.number)) });
    await link.waitFor();
    await page.getByText((BLOCK.items as string)).waitFor();
    await page.screenshot({ path: screenshotPath("admin-order-block-en"), fullPage: true });
    await expect(page.getByText((BLOCK.status as Record<string, string>)[open_.status]).first().isVisible()).resolves.toBe(true);
    await link.click();
    expect(await page.evaluate(() => (window as unknown as { __harnessNavigations: string[] }).__harnessNavigations)).toEqual([`app:app/requests/${open_.id}`]);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(calls).toEqual([`GET /api/admin/orders/${legacyId(open_.orderId)} bearer`]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a shopper on the phone about a recent order WHEN staff log a return with the action THEN the request is stored as the staff's, with the merchant as its author", { timeout: 120_000 }, async () => {
    const orderId = String(legacyId(demo.summary.featuredOrderIds.recent));
    const orderGid = `gid://shopify/Order/${orderId}`;
    const before = await database.db.aftercareRequest.count({ where: { shop, orderId: orderGid } });
    harness.signIn({ shop });
    const { context, blocked } = await adminContext();
    const page = await context.newPage();
    await open(page, harness.pagePath("aftercare-admin-order-action", { order: orderId }));
    const submit = page.getByRole("button", { name: ACTION.submit as string });
    await page.getByRole("combobox", { name: ACTION.item as string }).waitFor();
    await page.getByRole("combobox", { name: ACTION.what as string }).selectOption("return");
    await page.getByRole("combobox", { name: ACTION.reason as string }).selectOption("changed_mind");
    await page.getByRole("textbox", { name: ACTION.note as string }).fill("Phoned: she would rather have the gold ones.");
    await page.screenshot({ path: screenshotPath("admin-order-action-en"), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await submit.click();
    const logged = new RegExp((ACTION.logged as string).replace("{{number}}", "(\\d+)").replace("{{status}}", ".+").replace(/[.]$/, "\\."));
    await page.getByText(logged).waitFor();
    await page.screenshot({ path: screenshotPath("admin-order-action-logged-en"), fullPage: true });

    const rows = await database.db.aftercareRequest.findMany({ where: { shop, orderId: orderGid }, include: { lines: true }, orderBy: { createdAt: "desc" } });
    expect(rows.length).toBe(before + 1);
    expect(rows[0].kind).toBe("return");
    expect(logged.exec((await page.getByText(logged).textContent()) ?? "")?.[1]).toBe(String(rows[0].number));
    expect(rows[0].lines[0].reason).toBe("changed_mind");
    const events = await database.db.requestEvent.findMany({ where: { requestId: rows[0].id } });
    expect(events.find((e) => e.type === "requested")?.actor).toBe("merchant");
    await page.getByRole("button", { name: ACTION.close as string }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.closed)).toBe("true");

    // The order's block now lists the logged request as open, beside what the other items may still get.
    await open(page, harness.pagePath("aftercare-admin-order-block", { order: orderId }));
    await page.getByRole("link", { name: (BLOCK.request as string).replace("{{number}}", String(rows[0].number)) }).waitFor();
    await page.getByText((BLOCK.items as string)).waitFor();
    await page.screenshot({ path: screenshotPath("admin-order-block-after-log-en"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a request without a staff session token WHEN it reaches the app's admin endpoint THEN it is refused and nothing is stored", async () => {
    const orderId = String(legacyId(demo.summary.featuredOrderIds.recent));
    const before = await database.db.aftercareRequest.count();
    const response = await fetch(`${running.app.url}/api/admin/orders/${orderId}/requests`, { method: "POST", headers: { "Content-Type": "application/json", "User-Agent": PERSON, Authorization: "Bearer forged.token.value" }, body: "{}" });
    expect([400, 401, 403]).toContain(response.status);
    expect(await database.db.aftercareRequest.count()).toBe(before);
  });
});
