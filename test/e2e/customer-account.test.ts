import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { createShopRepository } from "../../app/repositories/shops.server";
import { draftInputSchema, type Preview } from "../../app/schemas/requests";
import { formatAmount } from "../../app/storefront/i18n";
import type { RunningDemo } from "../../scripts/demo-standin";
import { appProxyFromToml, signedAppProxyUrl } from "../standin/app-proxy";
import { customerAccountHarness, customerAccountToken } from "../standin/customer-account/harness";
import { legacyId } from "../standin/ids";
import type { OrderRec, ShopStore } from "../standin/store";
import { launchBrowser, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * Customer accounts, end to end without Shopify: the bundles Shopify CLI built run in Chromium in
 * the stand-in's customer-account pages (test/standin/customer-account), their calls to the app's
 * URL reach the production build, which authenticates the customer's session token with the
 * library and runs the request module against the stand-in's Admin API.
 */
const API_KEY = "aftercare-cax-e2e";
const API_SECRET = "aftercare-cax-e2e-secret";
/** shopify.app.toml's application_url: what the extensions call. */
const APP_URL = /^application_url\s*=\s*"([^"]+)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const DAY = 86_400_000;
/** A second jeweller with Aftercare installed: its customers' tokens name it, not the demo shop. */
const OTHER_SHOP = "another-jeweller.myshopify.com";

const locale = (handle: string, name: string) => JSON.parse(readFileSync(join("extensions", handle, "locales", `${name}.json`), "utf8")) as Record<string, never>;
const PAGE = { en: locale("aftercare-order-page", "en.default"), ar: locale("aftercare-order-page", "ar") };
const ACTION = { en: locale("aftercare-order-action", "en.default") };
const say = (messages: Record<string, never>, key: string): string => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;

/** Moves an order (and everything dated on it) back in time: "bought two years ago". */
function age(order: OrderRec, ms: number) {
  const back = (iso: string | null) => (iso ? new Date(Date.parse(iso) - ms).toISOString() : iso);
  order.createdAt = back(order.createdAt)!;
  order.processedAt = back(order.processedAt)!;
  order.updatedAt = back(order.updatedAt)!;
  for (const f of order.fulfillments) {
    f.createdAt = back(f.createdAt)!;
    f.updatedAt = back(f.updatedAt)!;
    f.deliveredAt = back(f.deliveredAt);
    f.inTransitAt = back(f.inTransitAt);
    f.estimatedDeliveryAt = back(f.estimatedDeliveryAt);
  }
  for (const t of order.transactions) {
    t.createdAt = back(t.createdAt)!;
    t.processedAt = back(t.processedAt)!;
  }
}

describe("customer accounts in Chromium, through the stand-in's harness", () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let store: ShopStore;
  let harness: ReturnType<typeof customerAccountHarness>;
  let shop: string;
  let returner: { customerId: string; orderId: string };
  let pendant: { customerId: string; orderId: string; lineTitle: string };
  let bundleDir: string;

  beforeAll(async () => {
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `customer-account-bundles-${process.pid}`));
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 7, preset: "fine-jewellery", deskRequests: false },
      env: (port) => ({ AFTERCARE_PHOTO_DIR: join(process.cwd(), ".tmp", `photos-${port}`), LOG_LEVEL: "warn" }),
      prepare: async ({ database, demo }) => {
        shop = demo.summary.domain;
        store = demo.standin.engine.store(shop);
        // The merchant offers store credit as well as a refund on change-of-mind returns.
        const policy = structuredClone(PRESET_DOCUMENTS["fine-jewellery"]) as { returns: { changeOfMind: { resolutions: string[] } } };
        policy.returns.changeOfMind.resolutions = ["refund", "store_credit"];
        await database.db.shop.updateMany({ where: { domain: shop }, data: { policyJson: JSON.stringify(policy) } });

        returner = { customerId: String(legacyId(demo.summary.featuredCustomerId)), orderId: String(legacyId(demo.summary.featuredOrderIds.recent)) };
        // A pendant someone bought, moved two years back.
        const withPendant = store.orders.find((o) => o.customerId && o.customerId !== demo.summary.featuredCustomerId && o.fulfillments.length > 0 && o.lineItems.some((li) => /pendant/i.test(li.title)));
        if (!withPendant) throw new Error("the demo seed has no fulfilled pendant order");
        age(withPendant, 2 * 365 * DAY);
        pendant = { customerId: String(legacyId(withPendant.customerId!)), orderId: String(legacyId(withPendant.id)), lineTitle: withPendant.lineItems.find((li) => /pendant/i.test(li.title))!.title };

        // The second shop, installed the way startDemo installs the first.
        demo.standin.addShop({ myshopifyDomain: OTHER_SHOP, name: "Another Jeweller", currencyCode: "GBP", ianaTimezone: "Europe/London" });
        const scopes = demo.standin.engine.settings.scopes;
        const session = new Session({ id: `offline_${OTHER_SHOP}`, shop: OTHER_SHOP, state: "", isOnline: false });
        session.accessToken = demo.standin.issueAccessToken(OTHER_SHOP, scopes);
        session.scope = scopes.join(",");
        await new PrismaSessionStorage(database.db).storeSession(session);
        demo.standin.installed.add(OTHER_SHOP);
        await createShopRepository(database.db).recordInstall(OTHER_SHOP, { name: "Another Jeweller", currency: "GBP", timezone: "Europe/London", country: "GB" });
        await createShopRepository(database.db).choosePolicy(OTHER_SHOP, "fine-jewellery", JSON.stringify(PRESET_DOCUMENTS["fine-jewellery"]));

        harness = customerAccountHarness({ apiKey: API_KEY, apiSecret: API_SECRET, bundleDir });
        demo.standin.use(harness.route);
      },
    });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    if (process.env.CAX_DEBUG) process.stdout.write(running?.app.output() ?? "");
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  /**
   * The customer's browser: the stand-in on 127.0.0.1, and the app's public URL answered by the
   * local build (as DNS and TLS would take it there); everything else is blocked.
   */
  async function customerContext(): Promise<{ context: BrowserContext; blocked: string[]; calls: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, userAgent: PERSON });
    const blocked: string[] = [];
    const calls: string[] = [];
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      if (url.origin === APP_URL) {
        calls.push(`${route.request().method()} ${url.pathname}`);
        const response = await route.fetch({ url: `${running.app.url}${url.pathname}${url.search}` });
        return route.fulfill({ response });
      }
      blocked.push(url.toString());
      return route.abort("blockedbyclient");
    });
    return { context, blocked, calls };
  }

  async function open(page: Page, path: string) {
    await page.goto(`${demo.standin.origin}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
  }

  /** axe-core in the page: the harness's plain elements, with the extension's labels, must be accessible. */
  async function accessibilityViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: join("node_modules", "axe-core", "axe.min.js") });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const { violations } = await axe.run();
      return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    });
  }

  async function counts() {
    return {
      requests: await database.db.aftercareRequest.count(),
      returns: store.returns.length,
    };
  }

  it("GIVEN a signed-in customer with a recent order WHEN they return an item for store credit THEN the request is stored and the stand-in holds the return request", { timeout: 120_000 }, async () => {
    harness.signIn({ shop, customerId: returner.customerId, locale: "en" });
    const before = await counts();
    const { context, blocked, calls } = await customerContext();
    const page = await context.newPage();
    await open(page, harness.pagePath("aftercare-order-action", { order: returner.orderId }));
    const action = page.getByRole("button", { name: say(ACTION.en, "action") });
    await action.waitFor();
    await page.screenshot({ path: screenshotPath("customer-account-order-action-en") });
    await action.click();
    await page.waitForURL(/aftercare-order-page/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");

    await page.getByRole("radio", { name: say(PAGE.en, "option.return") }).check();
    await page.getByRole("checkbox", { disabled: false }).first().check();
    await page.screenshot({ path: screenshotPath("customer-account-return-choose-en"), fullPage: true });
    await page.getByRole("button", { name: say(PAGE.en, "next") }).click();
    await page.getByRole("heading", { name: say(PAGE.en, "ask.heading") }).waitFor();
    await page.getByRole("combobox", { name: say(PAGE.en, "ask.reason") }).selectOption("changed_mind");
    await page.getByRole("radio", { name: say(PAGE.en, "resolution.store_credit") }).check();
    // A photo, uploaded to the app by the drop zone before the preview.
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c9a45c" } }).png().toBuffer();
    await page.getByLabel(say(PAGE.en, "ask.photos")).setInputFiles({ name: "earring.png", mimeType: "image/png", buffer: photo });
    await page.getByText(say(PAGE.en, "ask.photoCount").replace("{{count}}", "1")).waitFor();
    await page.screenshot({ path: screenshotPath("customer-account-return-ask-en"), fullPage: true });
    await page.getByRole("button", { name: say(PAGE.en, "ask.see") }).click();
    await page.getByRole("heading", { name: say(PAGE.en, "decision.accepted") }).waitFor();
    await expect(page.getByText(/Store credit: £/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("customer-account-return-answer-en"), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: say(PAGE.en, "answer.submit") }).click();
    await page.getByRole("heading", { name: say(PAGE.en, "done.heading") }).waitFor();
    await page.screenshot({ path: screenshotPath("customer-account-return-done-en"), fullPage: true });

    const after = await counts();
    expect(after.requests).toBe(before.requests + 1);
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop, orderId: `gid://shopify/Order/${returner.orderId}` }, include: { lines: true }, orderBy: { createdAt: "desc" } });
    expect(row.kind).toBe("return");
    expect(row.customerId).toBe(`gid://shopify/Customer/${returner.customerId}`);
    expect([row.preferredResolution, row.resolution]).toEqual(["store_credit", null]);
    expect(row.lines).toHaveLength(1);
    expect(JSON.parse(row.lines[0].photosJson)).toHaveLength(1);
    expect(row.shopifyReturnId).not.toBeNull();
    const standinReturn = store.returns.find((r) => r.id === row.shopifyReturnId);
    expect(standinReturn?.orderId).toBe(`gid://shopify/Order/${returner.orderId}`);
    expect(standinReturn?.status).toBe("REQUESTED");
    expect(after.returns).toBe(before.returns + 1);
    expect(calls).toContain(`GET /api/customer/orders/${returner.orderId}/eligibility`);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a customer who bought a pendant two years ago WHEN they ask for a cleaning, in Arabic THEN it is free for life and stored, with no Shopify return", { timeout: 120_000 }, async () => {
    harness.signIn({ shop, customerId: pendant.customerId, locale: "ar" });
    const before = await counts();
    const { context, blocked } = await customerContext();
    const page = await context.newPage();
    await open(page, harness.pagePath("aftercare-order-page", { order: pendant.orderId, locale: "ar" }));
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe("rtl");
    await page.getByRole("radio", { name: say(PAGE.ar, "service.cleaning") }).check();
    await page.getByRole("checkbox", { name: new RegExp(pendant.lineTitle) }).check();
    await page.screenshot({ path: screenshotPath("customer-account-cleaning-choose-ar"), fullPage: true });
    await page.getByRole("button", { name: say(PAGE.ar, "next") }).click();
    await page.getByRole("button", { name: say(PAGE.ar, "ask.see") }).click();
    await page.getByRole("heading", { name: say(PAGE.ar, "decision.accepted") }).waitFor();
    await expect(page.getByText(say(PAGE.ar, "answer.free")).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("customer-account-cleaning-answer-ar"), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: say(PAGE.ar, "answer.submit") }).click();
    await page.getByRole("heading", { name: say(PAGE.ar, "done.heading") }).waitFor();
    await page.screenshot({ path: screenshotPath("customer-account-cleaning-done-ar"), fullPage: true });

    const after = await counts();
    expect(after.requests).toBe(before.requests + 1);
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop, orderId: `gid://shopify/Order/${pendant.orderId}` }, include: { lines: true } });
    expect(row.kind).toBe("service");
    expect(row.service).toBe("cleaning");
    expect(row.customerId).toBe(`gid://shopify/Customer/${pendant.customerId}`);
    // The piece with its variant ("Engraved Heart Pendant, metal Silver"), as the desk shows it.
    expect(row.lines.map((l) => l.title.startsWith(pendant.lineTitle))).toEqual([true]);
    expect(after.returns).toBe(before.returns);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN both requests WHEN each customer opens My aftercare THEN they see their own request, not the other's, and their items' services, in English and Arabic", { timeout: 120_000 }, async () => {
    const rows = await database.db.aftercareRequest.findMany({ where: { shop } });
    const returnRow = rows.find((r) => r.kind === "return")!;
    const cleaningRow = rows.find((r) => r.service === "cleaning")!;
    for (const [who, lang, own, other] of [
      [pendant, "ar", cleaningRow, returnRow],
      [returner, "en", returnRow, cleaningRow],
    ] as const) {
      harness.signIn({ shop, customerId: who.customerId, locale: lang });
      const { context, blocked } = await customerContext();
      const page = await context.newPage();
      await open(page, harness.pagePath("aftercare-my-aftercare", { locale: lang }));
      const mine = locale("aftercare-my-aftercare", lang === "en" ? "en.default" : "ar");
      await page.getByRole("heading", { name: say(mine, "requests.heading") }).waitFor();
      const title = (row: typeof own) => say(mine, "requests.title").replace("{{number}}", String(row.number)).replace("{{order}}", row.orderName);
      await expect(page.getByRole("heading", { name: title(own) }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("heading", { name: title(other) }).count()).resolves.toBe(0);
      await expect(page.getByText(say(mine, `status.${own.status}`)).first().isVisible()).resolves.toBe(true);
      // Cleaning for life shows against their items (the pendant's own request is still open).
      await expect(page.locator("s-list-item", { hasText: say(mine, "service.cleaning") }).first().isVisible()).resolves.toBe(true);
      await page.screenshot({ path: screenshotPath(`customer-account-my-aftercare-${lang}`), fullPage: true });
      expect(blocked).toEqual([]);
      await context.close();
    }
  });

  describe("the customer-account endpoints and the storefront portal decide alike", () => {
    // The portal escapes everything it prints, braces too (so nothing runs as Liquid).
    const unescape = (text: string) =>
      text
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    type Case = { name: string; who: () => { customerId: string; orderId: string }; line: (order: OrderRec) => OrderRec["lineItems"][number]; kind: string; preferred: string | null; reason: string };
    const cases: Case[] = [
      { name: "a change-of-mind return for store credit", who: () => returner, line: (o) => o.lineItems[1], kind: "return", preferred: "store_credit", reason: "changed_mind" },
      { name: "a change-of-mind return for a refund", who: () => returner, line: (o) => o.lineItems[2], kind: "return", preferred: "refund", reason: "changed_mind" },
      { name: "a free cleaning", who: () => returner, line: (o) => o.lineItems[1], kind: "service:cleaning", preferred: null, reason: "other" },
      { name: "a return two years late", who: () => pendant, line: (o) => o.lineItems.find((li) => /pendant/i.test(li.title))!, kind: "return", preferred: "refund", reason: "changed_mind" },
    ];

    it.each(cases)("GIVEN $name WHEN the same choices go through both front ends THEN the drafts, decisions and amounts are the same", async (c) => {
      const { customerId, orderId } = c.who();
      const order = store.orders.find((o) => o.id === `gid://shopify/Order/${orderId}`)!;
      const line = c.line(order);
      const before = await counts();
      // What the order-page extension sends (extensions/aftercare-order-page/src/OrderPage.tsx, draftOf).
      const [kind, service] = c.kind.startsWith("service:") ? ["service", c.kind.slice(8)] : [c.kind, null];
      const accountDraft = {
        kind,
        service,
        preferredResolution: kind === "return" ? c.preferred : null,
        lines: [{ lineId: line.id, quantity: 1, reason: c.reason, cause: null, condition: { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false }, exchangeVariantId: null }],
        photos: [],
        liabilityAccepted: false,
        note: null,
      };
      const token = customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId });
      const accountResponse = await fetch(`${running.app.url}/api/customer/orders/${orderId}/preview`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "User-Agent": PERSON, Origin: "https://extensions.shopifycdn.com" },
        body: JSON.stringify(accountDraft),
      });
      expect(accountResponse.status).toBe(200);
      expect(accountResponse.headers.get("access-control-allow-origin")).toBe("*");
      const preview = (await accountResponse.json()) as Preview;

      // The storefront's ask form with the same choices, through the signed app proxy.
      const index = order.lineItems.indexOf(line);
      const form = new FormData();
      form.set("kind", c.kind);
      if (c.preferred && kind === "return") form.set("preferred", c.preferred);
      form.set(`lineId_${index}`, line.id);
      form.set(`include_${index}`, "on");
      form.set(`qty_${index}`, "1");
      form.set(`reason_${index}`, c.reason);
      form.set(`tags_${index}`, "on");
      form.set(`packaging_${index}`, "on");
      const url = signedAppProxyUrl({
        storefrontPath: `/apps/aftercare/orders/${orderId}`,
        shop,
        secret: API_SECRET,
        proxy: appProxyFromToml(readFileSync("shopify.app.toml", "utf8")),
        appOrigin: running.app.url,
        loggedInCustomerId: customerId,
      });
      const storefront = await fetch(url, { method: "POST", body: form, headers: { "User-Agent": PERSON } });
      const html = await storefront.text();
      expect(storefront.status, html.slice(0, 400)).toBe(200);

      const refusals = preview.lines.flatMap((l) => l.refusals);
      if (preview.canSubmit) {
        // The draft the storefront will submit is the extension's, field for field.
        const hidden = /name="draft" value="([^"]*)"/.exec(html)?.[1];
        expect(hidden).toBeDefined();
        const storefrontDraft = draftInputSchema.parse(JSON.parse(unescape(hidden!)));
        expect(storefrontDraft).toEqual(draftInputSchema.parse({ ...accountDraft, orderId: `gid://shopify/Order/${orderId}` }));
      } else {
        expect(html).not.toContain('name="draft"');
        expect(refusals.length).toBeGreaterThan(0);
      }
      // Each line's reasons in the merchant's words: what applied, or why not.
      for (const words of preview.lines.flatMap((l) => (l.eligible ? l.applied : l.refusals))) expect(unescape(html)).toContain(words);
      if (preview.refund) expect(unescape(html)).toContain(formatAmount(preview.refund.total.amountMinor, preview.refund.total.currency, "en", 2));
      if (c.name === "a change-of-mind return for store credit") expect(preview.refund?.method).toBe("store_credit");
      if (c.name === "a free cleaning") expect(preview.lines[0].charge).toBe("free");
      if (c.name === "a return two years late") expect(preview.canSubmit).toBe(false);
      // Previews store nothing on either side.
      expect(await counts()).toEqual(before);
    });
  });

  describe("refusals: nothing is read or changed", () => {
    async function call(token: string, path: string, body?: unknown) {
      return fetch(`${running.app.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${token}`, "User-Agent": PERSON, Origin: demo.standin.origin, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }
    const draft = (orderLine: string) => ({
      kind: "return",
      preferredResolution: "store_credit",
      lines: [{ lineId: orderLine, quantity: 1, reason: "changed_mind" }],
      idempotencyKey: `refusal-${Math.random().toString(36).slice(2)}-key`,
    });
    const lineOf = (orderId: string) => store.orders.find((o) => o.id === `gid://shopify/Order/${orderId}`)!.lineItems[0].id;

    it.each([
      ["a token for another shop that has Aftercare", () => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: OTHER_SHOP, customerId: returner.customerId }), 404],
      ["a token for a shop without Aftercare", () => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: "no-aftercare.myshopify.com", customerId: returner.customerId }), 401],
      ["an expired token", () => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: returner.customerId, nowSeconds: Math.floor(Date.now() / 1000) - 3600 }), 401],
      ["a token signed with another secret", () => customerAccountToken({ apiKey: API_KEY, apiSecret: "not-the-app-secret", shop, customerId: returner.customerId }), 401],
      ["a token of a signed-out visitor", () => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: null }), 401],
      ["another customer's token asking for this order", () => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: pendant.customerId }), 404],
    ])("GIVEN %s WHEN it reads, previews and submits the returner's order THEN it is refused and nothing changes", async (_name, token, status) => {
      const before = await counts();
      const read = await call(token(), `/api/customer/orders/${returner.orderId}`);
      expect(read.status).toBe(status);
      const body = draft(lineOf(returner.orderId));
      expect((await call(token(), `/api/customer/orders/${returner.orderId}/preview`, body)).status).toBe(status);
      expect((await call(token(), `/api/customer/orders/${returner.orderId}/requests`, body)).status).toBe(status);
      const text = await read.text();
      expect(text).not.toContain(store.orders.find((o) => o.id === `gid://shopify/Order/${returner.orderId}`)!.lineItems[0].title);
      expect(await counts()).toEqual(before);
    });

    it("GIVEN a preflight from the extension's origin WHEN it asks THEN the library answers with CORS headers", async () => {
      const response = await fetch(`${running.app.url}/api/customer/orders/${returner.orderId}`, {
        method: "OPTIONS",
        headers: { Origin: "https://extensions.shopifycdn.com", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization", "User-Agent": PERSON },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
    });
  });
});
