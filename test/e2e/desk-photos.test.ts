import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, BrowserContext } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { localFolderStorage, photoTag } from "../../app/requests/photos.server";
import { DEMO_SHOP_DOMAIN } from "../standin/seed";
import { customerAccountToken } from "../standin/customer-account/harness";
import { sessionToken } from "../standin/tokens";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * A shopper's photos on the merchant's desk (issue 22, item 10): thumbnails on the request's page
 * and the full photo in a dialog, fetched through the desk's own authentication; nobody else gets
 * them (no token, a shopper's token, another shop's admin, another request, a guessed key).
 */
const API_KEY = "aftercare-photos-e2e";
const API_SECRET = "aftercare-photos-e2e-secret";
const SHOP = DEMO_SHOP_DOMAIN;
const OTHER_SHOP = "another-jeweller.myshopify.com";
// Shopify's library refuses what looks like a bot (headless Chromium, Node's fetch): a person's browser.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A recognisable picture: a gold ring on a blue ground, `width` × `height`. */
function ringPhoto(width: number, height: number, ground: string): Promise<Buffer> {
  const r = Math.round(Math.min(width, height) / 4);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${ground}"/><circle cx="${width / 2}" cy="${height / 2}" r="${r}" fill="none" stroke="#d4a017" stroke-width="${Math.round(r / 4)}"/><circle cx="${width / 2}" cy="${height / 2 - r}" r="${Math.round(r / 5)}" fill="#e8f4ff" stroke="#9ab" stroke-width="4"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

describe("a shopper's photos on the desk", { timeout: 120_000 }, () => {
  let running: RunningDemoApp;
  let browser: Browser;
  let photoDir: string;
  const contexts: BrowserContext[] = [];
  let requestId: string;
  let otherRequestId: string;
  let lineTitle: string;
  const keys = ["a1b2c3d4e5f60718293a4b5c6d7e8f90", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"];

  beforeAll(async () => {
    photoDir = mkdtempSync(join(tmpdir(), "aftercare-desk-photos-"));
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 4 }, env: () => ({ AFTERCARE_PHOTO_DIR: photoDir }) });
    const { database } = running;
    const [mine, other] = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, kind: "return" }, include: { lines: true }, orderBy: { createdAt: "asc" }, take: 2 });
    requestId = mine.id;
    otherRequestId = other.id;
    // The photos as the request flow stores them (re-encoded JPEG under a random key), named by the first line.
    const storage = localFolderStorage(photoDir);
    const tag = photoTag({ viewer: { type: "staff" }, orderId: mine.orderId });
    await storage.put(SHOP, keys[0], await ringPhoto(1600, 1200, "#1f4e79"), tag);
    await storage.put(SHOP, keys[1], await ringPhoto(1200, 1600, "#5b2c6f"), tag);
    await database.db.requestLine.update({ where: { id: mine.lines[0].id }, data: { photosJson: JSON.stringify(keys) } });
    lineTitle = mine.lines[0].title ?? "";
    running.demo.standin.addShop({ myshopifyDomain: OTHER_SHOP, name: "Another jeweller" });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  const photoUrl = (id: string, key: string, full = false) => `${running.app.url}/app/requests/${id}/photos/${key}${full ? "?size=full" : ""}`;
  const adminToken = (shop: string) => sessionToken({ shop, apiKey: API_KEY, apiSecret: API_SECRET });

  it("GIVEN a request with two photos WHEN the merchant opens it on the desk THEN each shows as a thumbnail and opens full size in a dialog", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, { userAgent: USER_AGENT });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(running.demo.standin.appEntryUrl(SHOP, `/app/requests/${requestId}`));
    const app = page;
    const first = app.getByRole("img", { name: `Shopper's photo 1 of ${lineTitle}` });
    await first.waitFor();
    await app.getByRole("img", { name: `Shopper's photo 2 of ${lineTitle}` }).waitFor();
    // Thumbnails: made smaller on the server, not the whole photo scaled in the browser.
    const thumbnail = await first.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
    expect(thumbnail).toEqual({ width: 320, height: 240 });
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("desk-photos-thumbnails"), fullPage: true });
    // axe-core (WCAG 2.1 AA) on the page with its thumbnails: nothing serious or critical.
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect(violations).toEqual([]);

    await app.getByRole("button", { name: `Shopper's photo 1 of ${lineTitle}: open the full photo` }).click();
    const dialog = app.getByRole("dialog");
    const full = dialog.getByRole("img", { name: `Shopper's photo 1 of ${lineTitle}` });
    await full.waitFor();
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    await page.screenshot({ path: screenshotPath("desk-photos-full"), fullPage: true });
    expect(blocked).toEqual([]);
  });

  it("GIVEN the photo's address WHEN asked without the desk's session, with a shopper's token, as another shop's admin, for another request or a guessed key THEN 401 or 404, and the shop's admin gets it", async () => {
    const get = (url: string, token?: string) => fetch(url, { headers: { "User-Agent": USER_AGENT, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
    const ok = await get(photoUrl(requestId, keys[0]), adminToken(SHOP));
    expect([ok.status, ok.headers.get("content-type"), ok.headers.get("cache-control")]).toEqual([200, "image/jpeg", "private, no-store"]);
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).width).toBe(320);
    const full = await get(photoUrl(requestId, keys[0], true), adminToken(SHOP));
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(1600);

    const refusals = {
      "no authentication": (await get(photoUrl(requestId, keys[0]))).status,
      "a forged token": (await get(photoUrl(requestId, keys[0]), sessionToken({ shop: SHOP, apiKey: API_KEY, apiSecret: "not-the-secret" }))).status,
      "a shopper's customer-account token": (await get(photoUrl(requestId, keys[0]), customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: SHOP, customerId: "1" }))).status,
      "another shop's admin": (await get(photoUrl(requestId, keys[0]), adminToken(OTHER_SHOP))).status,
      "another request of the shop": (await get(photoUrl(otherRequestId, keys[0]), adminToken(SHOP))).status,
      "a guessed key": (await get(photoUrl(requestId, "ffffffffffffffffffffffffffffffff"), adminToken(SHOP))).status,
    };
    expect(refusals).toEqual({
      "no authentication": 401,
      "a forged token": 401,
      "a shopper's customer-account token": 401,
      "another shop's admin": 404,
      "another request of the shop": 404,
      "a guessed key": 404,
    });
  });
});
