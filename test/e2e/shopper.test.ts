import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { formatAmount } from "../../app/storefront/i18n";
import type { RunningDemo } from "../../scripts/demo-standin";
import { legacyId } from "../standin/ids";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { ShopStore, VariantRec } from "../standin/store";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The shopper's way through the stand-in storefront in Chromium, in English and Arabic: the
 * theme block on the order page, the app proxy pages behind it (signed by the stand-in as Shopify
 * signs them), the built app, and at the end of each scenario the rows in the database and the
 * return in the stand-in. axe-core checks every step; screenshots go to test/artifacts.
 */
const API_KEY = "aftercare-shopper-e2e";
const API_SECRET = "aftercare-shopper-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const AXE = join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe("the shopper's requests in Chromium", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let store: ShopStore;
  let photoDir: string;

  beforeAll(async () => {
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 4 },
      // A guest's code goes through the app's mailer to the demo's SMTP sink.
      env: (port, started) => ({ AFTERCARE_PHOTO_DIR: (photoDir = join(process.cwd(), ".tmp", `photos-${port}`)), SMTP_URL: started.mail.smtpUrl }),
      // The guest lookup is driven below: the merchant offers it (off by default, docs/decisions/021-signin.md).
      prepare: ({ database, demo }) => createShopRepository(database.db).setGuestLookup(demo.summary.domain, true),
    });
    ({ database, demo } = running);
    browser = await launchBrowser();
    store = demo.standin.store(demo.summary.domain);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function shopper(customerId: string | null): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    await page.goto(customerId ? `${demo.standin.origin}/account/login?customer=${legacyId(customerId)}&return_url=/` : `${demo.standin.origin}/account/logout`);
    return { context, page, blocked };
  }

  /** axe-core on the aftercare part of the page: no serious or critical violation. */
  async function accessible(page: Page) {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      return axe.run({ include: [["[data-aftercare-portal]"], [".aftercare-block"]] }, { resultTypes: ["violations"] });
    });
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    expect(serious).toEqual([]);
  }

  async function step(page: Page, name: string) {
    await accessible(page);
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  async function portalOrder(page: Page, orderId: string, locale: string) {
    await page.goto(`${demo.standin.origin}/account/orders/${legacyId(orderId)}`);
    const block = page.locator(".aftercare-block a.aftercare-block__link");
    await block.waitFor();
    const href = await block.getAttribute("href");
    expect(href).toContain(`order_id=${legacyId(orderId)}`);
    await page.goto(`${demo.standin.origin}${(href ?? "").replace(/locale=[a-z]+/, `locale=${locale}`)}`);
    await page.locator("[data-aftercare-portal]").waitFor();
  }

  async function requestsFor(orderId: string) {
    return database.db.aftercareRequest.findMany({ where: { orderId }, include: { lines: true, events: true } });
  }

  function addSizes(base: VariantRec, sizes: { value: string; stock: number }[]): VariantRec[] {
    const product = store.find(base.productId, "Product");
    base.title = "K";
    base.selectedOptions = [{ __typename: "SelectedOption", name: "Ring size", value: "K" }];
    return sizes.map((size, i) => {
      const variant: VariantRec = { ...base, id: store.nextId("ProductVariant"), title: size.value, position: i + 2, inventoryQuantity: size.stock, availableForSale: size.stock > 0, selectedOptions: [{ __typename: "SelectedOption", name: "Ring size", value: size.value }] };
      product?.variantIds.push(variant.id);
      store.variants.push(store.index(variant));
      return variant;
    });
  }

  describe.each(["en", "ar"])("in %s", (locale) => {
    it("GIVEN a logged-in customer with two items WHEN she returns one for a refund THEN she sees the breakdown, and one request and one Shopify return exist", async () => {
      const customer = addCustomer(store, { firstName: "Layla", lastName: `Refund${locale}`, email: `layla.${locale}@example.com` });
      const necklace = addProduct(store, { title: "Gold Rope Necklace", price: 24_000, productType: "Necklaces" });
      const bangle = addProduct(store, { title: "Silver Cuff Bangle", price: 9_500, productType: "Bracelets" });
      const order = addPaidOrder(store, { customer, lines: [{ variant: necklace.variant, quantity: 1, discount: 2_400 }, { variant: bangle.variant, quantity: 1 }], shipping: 495, createdAt: days(6), deliveredAt: days(4) });
      const { context, page, blocked } = await shopper(customer.id);

      await page.goto(`${demo.standin.origin}/account/orders/${legacyId(order.id)}`);
      await page.locator(".aftercare-block").waitFor();
      await step(page, `shopper-${locale}-refund-1-order-page`);
      await portalOrder(page, order.id, locale);
      await expect(page.locator("[data-aftercare-portal]").getAttribute("dir")).resolves.toBe(locale === "ar" ? "rtl" : "ltr");
      await expect(page.getByText("Gold Rope Necklace").first().isVisible()).resolves.toBe(true);
      await step(page, `shopper-${locale}-refund-2-items`);

      await page.locator("#ac-kind").selectOption("return");
      await expect(page.locator("#ac-reason-0").isVisible()).resolves.toBe(false);
      await page.locator("#ac-include-0").check();
      await expect(page.locator("#ac-reason-1").isVisible()).resolves.toBe(false);
      await page.locator("#ac-reason-0").selectOption("changed_mind");
      await page.locator("#ac-preferred").selectOption("refund");
      await step(page, `shopper-${locale}-refund-3-ask`);
      await page.locator("form[enctype] button[type=submit]").click();
      await page.locator("#ac-breakdown").waitFor();
      const breakdown = await page.locator("[data-aftercare-portal] table").innerText();
      // £240.00 less the £24.00 discount: £216.00, in the locale's own form.
      const total = formatAmount(21_600, "GBP", locale, 2);
      expect(breakdown.replace(/\s/g, "")).toContain(total.replace(/\s/g, ""));
      await step(page, `shopper-${locale}-refund-4-answer`);

      // A double click sends the form twice: one request comes of it.
      await page.locator("input[name=intent][value=submit] ~ button[type=submit]").dblclick();
      await page.locator("[data-aftercare-status-link]").waitFor();
      await step(page, `shopper-${locale}-refund-5-confirmation`);

      const rows = await requestsFor(order.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "return", status: "requested", resolution: null, preferredResolution: "refund", customerId: customer.id, number: expect.any(Number) });
      expect(rows[0].lines.map((l) => [l.lineItemId, l.quantity])).toEqual([[order.lineItems[0].id, 1]]);
      expect(JSON.parse(rows[0].decisionJson ?? "{}").preview.refund.total).toEqual({ amountMinor: 21_600, currency: "GBP" });
      const returns = store.returns.filter((r) => r.orderId === order.id);
      expect(returns).toHaveLength(1);
      expect(returns[0].status).toBe("REQUESTED");
      expect(rows[0].shopifyReturnId).toBe(returns[0].id);

      // The status link works on its own, without logging in.
      const link = await page.locator("[data-aftercare-status-link]").getAttribute("href");
      const guest = await shopper(null);
      await guest.page.goto(`${demo.standin.origin}${link}`);
      await guest.page.locator(".ac__steps li").first().waitFor();
      await step(guest.page, `shopper-${locale}-refund-6-status`);
      await guest.context.close();
      expect(blocked).toEqual([]);
      await context.close();
    });

    it("GIVEN a ring in the wrong size WHEN the shopper exchanges it THEN only sizes in stock are offered and the exchange is stored with a Shopify return", async () => {
      const customer = addCustomer(store, { firstName: "Omar", lastName: `Ring${locale}`, email: `omar.${locale}@example.com` });
      const ring = addProduct(store, { title: "Diamond Eternity Ring", price: 89_000, productType: "Rings" });
      const [, size] = addSizes(ring.variant, [{ value: "L", stock: 0 }, { value: "M", stock: 3 }]);
      const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
      const { context, page } = await shopper(customer.id);
      await portalOrder(page, order.id, locale);
      const options = await page.locator("#ac-exchange-0 option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      expect(options).toEqual(["", size.id]);
      await page.locator("#ac-include-0").check();
      await page.locator("#ac-reason-0").selectOption("other");
      await page.locator("#ac-exchange-0").selectOption(size.id);
      await step(page, `shopper-${locale}-exchange-1-ask`);
      await page.locator("form[enctype] button[type=submit]").click();
      await page.locator("input[name=intent][value=submit]").waitFor({ state: "attached" });
      // The size, isolated from the words around it (U+2068…U+2069).
      await expect(page.getByText(/\u2068M\u2069$/).first().isVisible()).resolves.toBe(true);
      await step(page, `shopper-${locale}-exchange-2-answer`);
      await page.locator("input[name=intent][value=submit] ~ button[type=submit]").click();
      await page.locator("[data-aftercare-status-link]").waitFor();
      await step(page, `shopper-${locale}-exchange-3-confirmation`);
      const rows = await requestsFor(order.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ resolution: null, preferredResolution: "exchange" });
      // The product with the chosen size, as the desk shows it ("Stacking ring, ring size M").
      expect(rows[0].lines[0]).toMatchObject({ exchangeVariantId: size.id, exchangeVariantTitle: expect.stringMatching(/^.+, .+ M$/) });
      expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
      await context.close();
    });

    it("GIVEN a guest WHEN she finds her order by number and email, with the keyboard only, and files a warranty claim with two photos THEN the claim, its photos and a Shopify return exist", async () => {
      const customer = addCustomer(store, { firstName: "Nadia", lastName: `Guest${locale}`, email: `nadia.${locale}@example.com` });
      const pendant = addProduct(store, { title: "Sapphire Pendant", price: 35_000, productType: "Necklaces" });
      const order = addPaidOrder(store, { customer, lines: [{ variant: pendant.variant, quantity: 1 }], createdAt: days(120), deliveredAt: days(117) });
      const { context, page } = await shopper(null);
      await page.goto(`${demo.standin.origin}/apps/aftercare?locale=${locale}`);
      await page.locator("#ac-orderNumber").waitFor();
      await step(page, `shopper-${locale}-warranty-1-lookup`);

      // A wrong email and a wrong number get the same answer.
      const attempt = async (number: string, contact: string) => {
        await page.locator("#ac-orderNumber").focus();
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.type(number);
        await page.keyboard.press("Tab");
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.type(contact);
        await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
        await page.waitForLoadState("load");
      };
      await attempt(order.name, "someone.else@example.com");
      const wrongEmail = await page.locator("#ac-errors").innerText();
      await attempt("#987654", customer.email);
      expect(await page.locator("#ac-errors").innerText()).toBe(wrongEmail);
      await step(page, `shopper-${locale}-warranty-2-not-found`);
      await attempt(order.name, customer.email.toUpperCase());
      // The code mailed to the order's email, typed with the keyboard, opens the order.
      await page.locator("#ac-code").waitFor();
      const code = /\b(\d{6})\b/.exec(demo.mail.messages.filter((m) => m.to.includes(customer.email)).at(-1)?.text ?? "")?.[1] ?? "";
      await page.locator("#ac-code").focus();
      await page.keyboard.type(code);
      await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
      await page.locator("#ac-kind").waitFor();
      expect(page.url()).toContain("grant=");

      await page.locator("#ac-kind").selectOption("warranty");
      await page.locator("#ac-include-0").check();
      // A warranty claim asks a fault's reason only (its own select, not the return's).
      await page.locator("#ac-wreason-0").selectOption("defective");
      await page.locator("#ac-cause-0").selectOption("manufacturing");
      const jpeg = (colour: { r: number; g: number; b: number }) =>
        sharp({ create: { width: 900, height: 700, channels: 3, background: colour } }).withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } }).jpeg().toBuffer();
      await page.locator("#ac-photos").setInputFiles([
        { name: "clasp.jpg", mimeType: "image/jpeg", buffer: await jpeg({ r: 200, g: 170, b: 60 }) },
        { name: "stone.jpg", mimeType: "image/jpeg", buffer: await jpeg({ r: 40, g: 60, b: 160 }) },
      ]);
      await step(page, `shopper-${locale}-warranty-3-ask`);
      await page.locator("form[enctype] button[type=submit]").click();
      await page.locator("input[name=intent][value=submit]").waitFor({ state: "attached" });
      await step(page, `shopper-${locale}-warranty-4-answer`);
      await page.locator("input[name=intent][value=submit] ~ button[type=submit]").click();
      await page.locator("[data-aftercare-status-link]").waitFor();
      await step(page, `shopper-${locale}-warranty-5-confirmation`);

      const rows = await requestsFor(order.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "warranty", status: "requested" });
      const photos = JSON.parse(rows[0].lines[0].photosJson) as string[];
      expect(photos).toHaveLength(2);
      const shopDir = readdirSync(photoDir)[0];
      const stored = photos.map((key) => join(photoDir, shopDir, `${key}.jpg`));
      for (const file of stored) {
        expect(existsSync(file)).toBe(true);
        expect((await sharp(file).metadata()).exif).toBeUndefined();
      }
      expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
      await context.close();
    });

    it("GIVEN an order of four items WHEN the ask form opens THEN no item shows its fields until it is ticked, and with the keyboard alone one is ticked, corrected after an error and sent", async () => {
      const customer = addCustomer(store, { firstName: "Huda", lastName: `Four${locale}`, email: `huda.${locale}@example.com` });
      const titles = ["Gold Hoop Earrings", "Emerald Tennis Bracelet", "Pearl Drop Pendant", "Rose Gold Signet Ring"];
      const products = titles.map((title, i) => addProduct(store, { title, price: 12_000 + i * 1_000, productType: ["Earrings", "Bracelets", "Necklaces", "Rings"][i] }));
      const order = addPaidOrder(store, { customer, lines: products.map((p) => ({ variant: p.variant, quantity: 1 })), createdAt: days(6), deliveredAt: days(4) });
      const { context, page } = await shopper(customer.id);
      await portalOrder(page, order.id, locale);

      // Nothing ticked: every item offers its checkbox and no field.
      const fields = page.locator("[data-aftercare-portal] .ac__fields");
      await expect(fields.count()).resolves.toBe(4);
      for (let i = 0; i < 4; i++) {
        await expect(page.locator(`#ac-include-${i}`).isVisible()).resolves.toBe(true);
        await expect(page.locator(`#ac-fields-${i}`).isVisible()).resolves.toBe(false);
        await expect(page.locator(`#ac-include-${i}`).getAttribute("aria-controls")).resolves.toBe(`ac-fields-${i}`);
      }
      // The fields are hidden by the page's own CSS, there before the content: nothing moves as it
      // loads. Read before the full-page screenshot, whose resizing of the view is not the page's.
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let sum = 0;
            new PerformanceObserver((list) => list.getEntries().forEach((e) => (sum += (e as unknown as { value: number }).value))).observe({ type: "layout-shift", buffered: true });
            setTimeout(() => resolve(sum), 300);
          }),
      );
      expect(shift).toBe(0);
      await step(page, `shopper-${locale}-progressive-1-unticked`);

      // Keyboard only: Tab from the kind to the second item's checkbox, past the first item's hidden fields.
      const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
      await page.locator("#ac-kind").focus();
      const path: string[] = [];
      for (let n = 0; n < 10 && (await focused()) !== "ac-include-1"; n++) {
        await page.keyboard.press("Tab");
        path.push(await focused());
      }
      expect(path).toEqual(["ac-include-0", "ac-include-1"]);
      await page.keyboard.press("Space");
      await expect(page.locator("#ac-include-1").isChecked()).resolves.toBe(true);
      await expect(page.locator("#ac-fields-1").isVisible()).resolves.toBe(true);
      await expect(page.locator("#ac-fields-0").isVisible()).resolves.toBe(false);
      // The next stop is the ticked item's first field, its label intact.
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("ac-qty-1");
      await expect(page.locator('label[for="ac-qty-1"]').innerText()).resolves.toBe(locale === "ar" ? "الكمية" : "Quantity");
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("0");
      await step(page, `shopper-${locale}-progressive-2-ticked`);
      // On to the form's button, by Tab alone, and Enter.
      for (let n = 0; n < 40 && !(await page.evaluate(() => document.activeElement?.matches("form[enctype] button[type=submit]") ?? false)); n++) await page.keyboard.press("Tab");
      await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
      await page.locator("#ac-errors").waitFor();
      // Shown again with the error: the ticked item's fields stay open with what was typed.
      await expect(page.locator("#ac-fields-1").isVisible()).resolves.toBe(true);
      await expect(page.locator("#ac-qty-1").inputValue()).resolves.toBe("0");
      await expect(page.locator("#ac-fields-0").isVisible()).resolves.toBe(false);
      await step(page, `shopper-${locale}-progressive-3-error`);
      await page.locator("#ac-qty-1").focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("1");
      await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
      await page.locator("input[name=intent][value=submit]").waitFor({ state: "attached" });
      await page.locator("input[name=intent][value=submit] ~ button[type=submit]").focus();
      await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press("Enter")]);
      await page.locator("[data-aftercare-status-link]").waitFor();
      await step(page, `shopper-${locale}-progressive-4-sent`);
      const rows = await requestsFor(order.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].lines.map((l) => [l.lineItemId, l.quantity])).toEqual([[order.lineItems[1].id, 1]]);
      await context.close();
    });

    it("GIVEN pierced earrings WHEN the shopper asks to return them THEN she sees them refused with the merchant's reason and nothing is stored", async () => {
      const customer = addCustomer(store, { firstName: "Sara", lastName: `Studs${locale}`, email: `sara.${locale}@example.com` });
      const studs = addProduct(store, { title: "Pearl Stud Earrings", price: 6_500, productType: "Earrings", tags: ["pierced"] });
      const order = addPaidOrder(store, { customer, lines: [{ variant: studs.variant, quantity: 1 }], createdAt: days(4), deliveredAt: days(2) });
      const { context, page } = await shopper(customer.id);
      await portalOrder(page, order.id, locale);
      const reason = "For hygiene reasons we cannot exchange or refund earrings unless they are faulty.";
      await expect(page.getByText(reason).first().isVisible()).resolves.toBe(true);
      await step(page, `shopper-${locale}-earrings-1-items`);
      await page.locator("#ac-include-0").check();
      await page.locator("#ac-reason-0").selectOption("changed_mind");
      await page.locator("form[enctype] button[type=submit]").click();
      await page.getByText(reason).first().waitFor();
      expect(await page.locator("input[name=intent][value=submit]").count()).toBe(0);
      await step(page, `shopper-${locale}-earrings-2-refused`);
      expect(await requestsFor(order.id)).toHaveLength(0);
      expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(0);
      await context.close();
    });

    it("GIVEN a ring whose one free resize was used WHEN a second resize is asked THEN it is refused with limit_reached and nothing is stored", async () => {
      const shops = createShopRepository(database.db);
      await shops.choosePolicy(store.domain, "fine-jewellery", JSON.stringify(PRESET_DOCUMENTS["fine-jewellery"]));
      // Changed in the database behind the app: the app sees it on the next request (the live
      // policy's stamp is read on each one, app/policies/published-cache.server.ts).
      try {
        const customer = addCustomer(store, { firstName: "Yusuf", lastName: `Resize${locale}`, email: `yusuf.${locale}@example.com` });
        const ring = addProduct(store, { title: "Open Band Ring", price: 6_500, productType: "Rings" });
        const now = store.timestamp();
        ring.product.metafields.push({ __typename: "Metafield", id: store.nextId("Metafield"), namespace: "custom", key: "adjustable", type: "boolean", value: "true", createdAt: now, updatedAt: now, ownerType: "PRODUCT" } as never);
        const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(20), deliveredAt: days(18) });
        // The first, free resize: done and closed.
        const first = await createRequestRepository(database.db).create(store.domain, { orderId: order.id, orderName: order.name, customerId: customer.id, kind: "service", service: "resize", currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, reason: "other" }] });
        await database.db.aftercareRequest.updateMany({ where: { id: first.id }, data: { status: "closed" } });

        const { context, page } = await shopper(customer.id);
        await portalOrder(page, order.id, locale);
        await expect(page.getByText("One free size adjustment per piece.").first().isVisible()).resolves.toBe(true);
        await step(page, `shopper-${locale}-resize-1-items`);
        await page.locator("#ac-kind").selectOption("service:resize");
        await page.locator("#ac-include-0").check();
        // Resize chosen, and this ring is not entitled to it: it says so beside its checkbox instead of offering fields.
        const note = page.locator('.ac__none[data-kind="service:resize"]');
        await expect(note.isVisible()).resolves.toBe(true);
        await expect(note.innerText()).resolves.toContain("One free size adjustment per piece.");
        await expect(page.locator("#ac-fields-0").isVisible()).resolves.toBe(false);
        await step(page, `shopper-${locale}-resize-1b-not-entitled`);
        await page.locator("form[enctype] button[type=submit]").click();
        await page.locator("[data-blockers~='limit_reached']").first().waitFor();
        await page.getByText(locale === "ar" ? "تم بلوغ الحد" : "limit reached").first().waitFor();
        expect(await page.locator("input[name=intent][value=submit]").count()).toBe(0);
        await step(page, `shopper-${locale}-resize-2-refused`);
        expect(await requestsFor(order.id)).toHaveLength(1);
        await context.close();
      } finally {
        await shops.choosePolicy(store.domain, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
      }
    });
  });
});
