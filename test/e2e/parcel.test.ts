import { readFileSync } from "node:fs";
import { join } from "node:path";

import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { parseMinorUnits } from "../../app/domain/money";
import { createShopRepository } from "../../app/repositories/shops.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { legacyId } from "../standin/ids";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { ShopStore } from "../standin/store";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { readPdf } from "../support/pdf";

/**
 * Issues 24 and 26, the parcel going back, as the UK jeweller's shopper and merchant meet it in
 * Chromium: once the desk approves a faulty return, the status page says where to send it and
 * offers the return slip (a PDF); the shopper adds the parcel (Royal Mail, tracking number, by
 * post, what they paid, a photo of the proof of postage) in English at 1440 px and in Arabic at
 * 390 px, a wrong tracking number being refused in the page's language with nothing recorded; the
 * desk shows the parcel, includes the repaid postage in the refund it confirms, and Shopify's order
 * holds one refund of the items and the postage. axe-core finds nothing serious on any page;
 * screenshots go to test/artifacts.
 */
const API_KEY = "aftercare-parcel-e2e";
const API_SECRET = "aftercare-parcel-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const plain = (text: string) => text.replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
/** A Royal Mail tracked number (UPU S10: its check digit is 5); ending in 9 instead, it is not one. */
const ROYAL_MAIL = "RR123456785GB";
const NOT_ROYAL_MAIL = "RR123456789GB";
/** An iPhone photo (HEIC) of the receipt: test/fixtures/photos/README.md says how it was made. */
const PROOF = { name: "IMG_0042.HEIC", mimeType: "image/heic", buffer: readFileSync(join(process.cwd(), "test", "fixtures", "photos", "ring-with-exif.heic")) };

const WORDS = {
  en: {
    dir: "ltr",
    wrongTracking: "That is not a Royal Mail tracking number; copy it from your receipt.",
    slip: "Print the return slip",
    recorded: `Sent with Royal Mail, tracking number ${ROYAL_MAIL}.`,
    proofAdded: "Proof of postage added.",
  },
  ar: {
    dir: "rtl",
    wrongTracking: "هذا ليس رقم تتبع لدى Royal Mail؛ انسخه من إيصالك.",
    slip: "اطبع قسيمة الإرجاع",
    recorded: `أُرسل مع Royal Mail، رقم التتبع ${ROYAL_MAIL}.`,
    proofAdded: "أُضيف إثبات الإرسال البريدي.",
  },
} as const;

type Made = { requestId: string; orderId: string };

describe("the parcel going back: the shopper adds it on the status page, the desk repays its postage (issues 24, 26)", { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let store: ShopStore;
  let shop: string;
  const contexts: BrowserContext[] = [];
  const made: Partial<Record<"en" | "ar", Made>> = {};

  beforeAll(async () => {
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 26, deskRequests: false },
      env: (port) => ({ AFTERCARE_PHOTO_DIR: `${process.cwd()}/.tmp/photos-parcel-${port}`, LOG_LEVEL: "warn" }),
      prepare: async ({ database, demo }) => {
        shop = demo.summary.domain;
        await createShopRepository(database.db).choosePolicy(shop, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
      },
    });
    ({ database, demo } = running);
    store = demo.standin.store(shop);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function newPage(options: { width: number; height: number } = { width: 1280, height: 800 }): Promise<{ page: Page; blocked: string[]; errors: string[] }> {
    const { context, blocked } = await loopbackOnlyContext(browser, { ...PERSON, viewport: options });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    return { page, blocked, errors };
  }

  /** axe-core on the page as it stands (the storefront's portal, or the whole admin page): nothing serious or critical. */
  async function accessible(page: Page, label: string, include: string | null = null) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async (selector) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    }, include);
    expect(violations, label).toEqual([]);
  }

  async function look(page: Page, name: string) {
    await accessible(page, name, "[data-aftercare-portal]");
    await page.screenshot({ path: screenshotPath(`parcel-${name}`), fullPage: true });
  }

  /** The merchant approves the request in the desk (through the stand-in's admin and App Bridge). */
  async function approveInDesk(requestId: string) {
    const { page, errors } = await newPage();
    await page.goto(demo.standin.appEntryUrl(shop, `/app/requests/${requestId}`));
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Request approved.").waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }

  const parcelsOf = (requestId: string) => database.db.requestParcel.findMany({ where: { shop, requestId } });

  for (const [locale, width] of [["en", 1440], ["ar", 390]] as const) {
    it(`GIVEN a faulty return approved in the desk WHEN the shopper adds the parcel in ${locale} at ${width} px THEN the page says where to send it with the slip, refuses a wrong tracking number in ${locale} recording nothing, and records the right one with the proof`, async () => {
      const w = WORDS[locale];
      const customer = addCustomer(store, { firstName: "Imogen", lastName: `Parcel${locale}`, email: `imogen.parcel.${locale}@example.com` });
      const studs = addProduct(store, { title: "Sapphire Halo Studs", price: 8_500, productType: "Jewellery" });
      const order = addPaidOrder(store, { customer, lines: [{ variant: studs.variant, quantity: 1 }], createdAt: days(9), deliveredAt: days(6) });
      const { page, blocked, errors } = await newPage({ width, height: 900 });

      // The shopper asks to return the faulty studs from their order page, in the page's language.
      await page.goto(`${demo.standin.origin}/account/login?customer=${legacyId(customer.id)}&return_url=/`);
      await page.goto(`${demo.standin.origin}/account/orders/${legacyId(order.id)}`);
      const href = (await page.locator(".aftercare-block a.aftercare-block__link").getAttribute("href")) ?? "";
      await page.goto(`${demo.standin.origin}${href.replace(/locale=[a-z]+/, `locale=${locale}`)}`);
      await page.locator("[data-aftercare-portal]").waitFor();
      await page.locator("#ac-kind").selectOption("return");
      await page.locator("#ac-include-0").check();
      await page.locator("#ac-reason-0").selectOption("defective");
      const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 30, g: 60, b: 160 } } }).jpeg().toBuffer();
      await page.locator("#ac-photos").setInputFiles([{ name: "studs.jpg", mimeType: "image/jpeg", buffer: photo }]);
      await page.locator("form[enctype] button[type=submit]").click();
      await page.locator("#ac-journey").waitFor();
      await page.locator("input[name=intent][value=submit] ~ button[type=submit]").click();
      await page.locator("[data-aftercare-status-link]").click();
      await page.locator("#ac-journey").waitFor();
      const statusUrl = page.url();
      const request = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop, orderId: order.id } });
      made[locale] = { requestId: request.id, orderId: order.id };
      // Not approved yet: nowhere to send it, no slip.
      await expect(page.locator("[data-aftercare-send-to]").count()).resolves.toBe(0);

      await approveInDesk(request.id);

      // Approved: the page (right to left in Arabic) names the policy's return address and offers the slip, a PDF.
      await page.goto(statusUrl);
      const portal = page.locator("[data-aftercare-portal]");
      await portal.waitFor();
      await expect(portal.getAttribute("dir")).resolves.toBe(w.dir);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("[data-aftercare-portal]") as Element).direction)).toBe(w.dir);
      const address = plain(await page.locator("[data-aftercare-send-to]").innerText());
      for (const line of ["Kestia Limited", "P.O. Box 422", "Leatherhead", "KT22 2HH"]) expect(address).toContain(line);
      const slip = page.locator("[data-aftercare-slip]");
      await expect(slip.innerText().then(plain)).resolves.toBe(w.slip);
      const slipUrl = new URL((await slip.getAttribute("href")) ?? "", page.url()).toString();
      const pdf = await page.request.get(slipUrl);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const printed = await readPdf(new Uint8Array(await pdf.body()));
      expect(printed.pages).toBe(1);
      for (const words of [`R-${request.number}`, `Order ${request.orderName}`, "Sapphire Halo Studs", "Kestia Limited", "P.O. Box 422", "KT22 2HH"]) expect(printed.text).toContain(words);
      await page.locator("[data-aftercare-parcel-form]").waitFor();
      await look(page, `form-${locale}-${width}`);

      // The carrier's name is asked only for another carrier.
      await expect(page.locator("#ac-carrierName").isVisible()).resolves.toBe(false);
      await page.locator("#ac-carrier").selectOption("other");
      await expect(page.locator("#ac-carrierName").isVisible()).resolves.toBe(true);

      // A tracking number Royal Mail does not issue: refused beside its field in the page's language; nothing recorded.
      await page.locator("#ac-carrier").selectOption("royal_mail");
      await expect(page.locator("#ac-carrierName").isVisible()).resolves.toBe(false);
      await page.locator("#ac-tracking").fill(NOT_ROYAL_MAIL);
      await page.locator("#ac-method-post").check();
      await page.locator("#ac-postage").fill("3.20");
      await page.locator("#ac-proof").setInputFiles([PROOF]);
      const refused = page.waitForResponse((r) => r.request().method() === "POST");
      await page.locator("[data-aftercare-parcel-form] button[type=submit]").click();
      expect((await refused).status()).toBe(400);
      const fieldError = page.locator("#ac-tracking-error");
      await fieldError.waitFor();
      expect(plain(await fieldError.innerText())).toBe(w.wrongTracking);
      expect(plain(await page.locator("#ac-errors").innerText())).toContain(w.wrongTracking);
      await expect(page.locator("#ac-tracking").getAttribute("aria-invalid")).resolves.toBe("true");
      // What the shopper typed is kept (the photo, as browsers do, must be chosen again).
      await expect(page.locator("#ac-tracking").inputValue()).resolves.toBe(NOT_ROYAL_MAIL);
      await expect(page.locator("#ac-postage").inputValue()).resolves.toBe("3.20");
      expect(await parcelsOf(request.id)).toEqual([]);
      expect(store.returns.find((x) => x.id === request.shopifyReturnId)?.reverseDeliveries ?? []).toEqual([]);
      await look(page, `refused-${locale}-${width}`);

      // The right number, with the photo of the proof: recorded, on Shopify's return, repaid in full.
      await page.locator("#ac-tracking").fill(ROYAL_MAIL.replace(/(\d{3})/g, "$1 ").toLowerCase());
      await page.locator("#ac-proof").setInputFiles([PROOF]);
      const accepted = page.waitForResponse((r) => r.request().method() === "POST");
      await page.locator("[data-aftercare-parcel-form] button[type=submit]").click();
      expect((await accepted).status()).toBe(200);
      const parcel = page.locator("[data-aftercare-parcel]");
      await parcel.waitFor();
      const said = plain(await parcel.innerText());
      expect(said).toContain(w.recorded);
      expect(said).toContain(w.proofAdded);
      await expect(parcel.locator("[data-aftercare-tracking]").getAttribute("href")).resolves.toBe(`https://www.royalmail.com/track-your-item#/tracking-results/${ROYAL_MAIL}`);
      await expect(parcel.locator("[data-aftercare-postage-repaid]").getAttribute("data-aftercare-postage-repaid")).resolves.toBe("320");
      await expect(page.locator("[data-aftercare-parcel-form]").count()).resolves.toBe(0);
      const rows = await parcelsOf(request.id);
      expect(rows.map((r) => [r.carrier, r.trackingNumber, r.method, Number(r.postageMinor), r.currency, Number(r.repaidMinor), r.proofKey !== null, r.enteredBy])).toEqual([["royal_mail", ROYAL_MAIL, "post", 320, "GBP", 320, true, "shopper"]]);
      const deliveries = store.returns.find((x) => x.id === request.shopifyReturnId)?.reverseDeliveries ?? [];
      expect(deliveries.map((d) => d.tracking?.number)).toEqual([ROYAL_MAIL]);
      await look(page, `recorded-${locale}-${width}`);

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  }

  it("GIVEN the shoppers' parcels WHEN the merchant opens each request, receives it and refunds it THEN the desk shows the parcel and the repaid postage before sending, and Shopify's order holds one refund of the items and the postage", async () => {
    for (const locale of ["en", "ar"] as const) {
      const r = made[locale];
      if (!r) throw new Error(`the ${locale} shopper's request was not made`);
      const { page, blocked, errors } = await open(r.requestId);

      // The parcel card: carrier and method, the tracking link, postage paid and repaid, the proof photo.
      const card = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Parcel on its way back" }) });
      await card.waitFor();
      await card.getByText("On Shopify's return").waitFor();
      await expect(card.getByText("Royal Mail (by post)").isVisible()).resolves.toBe(true);
      const tracking = card.getByRole("link", { name: ROYAL_MAIL });
      await expect(tracking.getAttribute("href")).resolves.toBe(`https://www.royalmail.com/track-your-item#/tracking-results/${ROYAL_MAIL}`);
      await expect(card.getByText("£3.20").count()).resolves.toBe(2);
      const proof = card.getByRole("button", { name: "Proof of postage: open the full photo" });
      await proof.getByRole("img", { name: "Proof of postage" }).waitFor();
      await proof.click();
      await page.getByRole("dialog").getByRole("img", { name: "Proof of postage" }).waitFor();
      await page.screenshot({ path: screenshotPath(`parcel-desk-proof-${locale}`) });
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "hidden" });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`parcel-desk-card-${locale}`), fullPage: true });
      await accessible(page, `desk with the parcel (${locale})`);

      await page.getByRole("button", { name: "Mark received" }).click();
      await page.getByText("Item received at the shop.").first().waitFor();

      // The refund confirmed: the engine's figure for the items and the postage repaid, included in the amount sent.
      await page.getByRole("button", { name: "Resolve…" }).click();
      await page.getByRole("dialog").getByLabel("Resolution").selectOption("refund");
      await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
      const confirm = page.getByRole("dialog");
      const send = confirm.getByRole("button", { name: /^Send / });
      await send.waitFor();
      const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: r.requestId } });
      const stored = JSON.parse(row.decisionJson ?? "{}") as { refund?: { total: string; currency: string }; engine?: { refund?: { total: string; currency: string } } };
      const refund = stored.engine?.refund ?? stored.refund;
      if (!refund) throw new Error("the request's decision has no refund");
      const itemsMinor = parseMinorUnits(refund.total, refund.currency);
      const gbp = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(minor / 100);
      await expect(confirm.getByText("Postage repaid (included)").isVisible()).resolves.toBe(true);
      await expect(confirm.getByText("£3.20", { exact: true }).isVisible()).resolves.toBe(true);
      await expect(send.innerText()).resolves.toBe(`Send ${gbp(itemsMinor + 320)}`);
      await page.screenshot({ path: screenshotPath(`parcel-desk-confirm-${locale}`) });
      await accessible(page, `refund confirmation with postage (${locale})`);
      await send.click();
      await page.getByText(/Refund to the original payment: .* sent\./).waitFor();

      // Shopify: one refund on the order, of the items and the postage.
      const refunds = store.refunds.filter((x) => x.orderId === r.orderId);
      expect(refunds).toHaveLength(1);
      expect(store.refundTotal(refunds[0])).toBe(itemsMinor + 320);
      await page.screenshot({ path: screenshotPath(`parcel-desk-refunded-${locale}`), fullPage: true });
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    }
  });

  async function open(requestId: string) {
    const opened = await newPage();
    await opened.page.goto(demo.standin.appEntryUrl(shop, `/app/requests/${requestId}`));
    return opened;
  }
});
