import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS, presetPolicy } from "../../app/domain";
import { createParcels } from "../../app/parcels/parcel.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createParcelRepository } from "../../app/repositories/parcels.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { createPhotoStore, localFolderStorage } from "../../app/requests/photos.server";
import { adminClient } from "../../app/shopify/client.server";
import { standinAdmin } from "../../scripts/demo-desk";
import type { RunningDemo } from "../../scripts/demo-standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * Issue 26, when the money goes, as the Gulf boutique's merchant meets it in Chromium (reference
 * policy 002: "we may withhold reimbursement until we have received the products back or you have
 * supplied evidence of having sent back the goods, whichever is the earliest"): an approved return
 * whose parcel is on its way, with a photo of the proof of postage. The desk's card says the money
 * is not due yet and offers no refund; staff accept the proof (recorded on the timeline), and the
 * eCredit goes before the parcel arrives. Screenshots go to test/artifacts.
 */
const API_KEY = "aftercare-refund-timing-e2e";
const API_SECRET = "aftercare-refund-timing-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const DHL = "3318810025";

describe("when the money goes: the desk waits for evidence of sending, then refunds (issue 26)", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let shop = "";
  let photoDir = "";
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 25, deskRequests: false },
      env: (port) => {
        photoDir = `${process.cwd()}/.tmp/photos-refund-timing-${port}`;
        return { AFTERCARE_PHOTO_DIR: photoDir, LOG_LEVEL: "warn" };
      },
      prepare: async ({ database, demo }) => {
        shop = demo.summary.domain;
        await createShopRepository(database.db).choosePolicy(shop, "gulf-boutique", JSON.stringify(PRESET_DOCUMENTS["gulf-boutique"]));
      },
    });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const { context } = await loopbackOnlyContext(browser, PERSON);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(demo.standin.appEntryUrl(shop, path));
    return { page, errors };
  }

  it("GIVEN a Gulf return approved with its parcel and a proof-of-postage photo WHEN the merchant opens it THEN the card says not yet and offers no refund; once staff accept the proof it is on the timeline and the eCredit goes before the parcel arrives", async () => {
    const store = demo.standin.store(shop);
    const customer = addCustomer(store, { firstName: "Layla", lastName: "Haddad", email: "layla.timing@example.com" });
    const swan = addProduct(store, { title: "Crystal Swan", price: 45_000, productType: "Decorations" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: swan.variant, quantity: 1 }], createdAt: days(9), deliveredAt: days(6) });
    const admin = adminClient(standinAdmin(demo.standin.origin, shop, demo.standin.issueAccessToken(shop, demo.standin.engine.settings.scopes)));
    const viewer = { type: "customer" as const, customerId: customer.id };
    const photos = createPhotoStore(localFolderStorage(photoDir));
    const flow = createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy("gulf-boutique"), versionId: null }), secret: "refund-timing-e2e", photos, orderLookups: { consume: async () => true } });
    const done = await flow.submit({ shop, viewer, admin }, { orderId: order.id, kind: "return", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind", condition: { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false } }], idempotencyKey: "refund-timing-e2e-0123456789" });
    const requestId = done.requestId;

    const { page, errors } = await open(`/app/requests/${requestId}`);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Request approved.").waitFor();

    // The shopper gives the parcel (DHL, by courier) with a photo of the proof of postage.
    const proof = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#f3ead8" } }).jpeg().toBuffer();
    const repos = { requests: createRequestRepository(database.db), parcels: createParcelRepository(database.db), operations: createOperationRepository(database.db) };
    await createParcels({ ...repos, photos, policyOf: async () => presetPolicy("gulf-boutique") }).record({ shop, viewer, admin }, requestId, { carrier: "dhl", trackingNumber: DHL, method: "courier", amount: "0" }, { name: "receipt.jpg", bytes: proof });

    // Not yet: the card says why, in the desk's words; no refund is offered before the evidence.
    await page.reload();
    const card = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "When the money goes" }) });
    await card.waitFor();
    await expect(card.locator("[data-refund-moment]").getAttribute("data-refund-moment")).resolves.toBe("waiting");
    await card.getByText(/^Not yet: the policy refunds once the items are received or the shopper has shown they are on their way\./).waitFor();
    await card.getByText(/The policy: “We refund once we have received the products back or you have shown us evidence/).waitFor();
    await expect(card.getByRole("button", { name: "Refund now" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Resolve…" }).count()).resolves.toBe(0);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("refund-timing-waiting"), fullPage: true });

    // Staff accept the proof: recorded on the timeline; the money may go now.
    await card.getByRole("button", { name: "Accept proof of postage" }).click();
    await page.getByText(/^Evidence of sending accepted: the shopper's proof of postage for 3318810025\. The policy's moment has come/).waitFor();
    await page.getByText(`Evidence of sending accepted: the shopper's proof of postage for ${DHL}.`, { exact: true }).waitFor();
    await expect(card.locator("[data-refund-moment]").getAttribute("data-refund-moment")).resolves.toBe("reached");
    await expect(card.getByRole("button", { name: "Accept proof of postage" }).count()).resolves.toBe(0);
    await expect(card.getByRole("button", { name: "Tracking shows it moving" }).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath("refund-timing-accepted"), fullPage: true });

    // The eCredit, before the parcel arrives.
    await card.getByRole("button", { name: "Refund now" }).click();
    await page.getByRole("dialog").getByLabel("Resolution").selectOption("store_credit");
    await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
    const send = page.getByRole("dialog").getByRole("button", { name: /^Send / });
    await send.waitFor();
    await send.click();
    await page.getByText(/^Store credit expiring .* sent\./).first().waitFor();
    await page.screenshot({ path: screenshotPath("refund-timing-credited"), fullPage: true });
    const refunds = store.refunds.filter((r) => r.orderId === order.id);
    expect(refunds.map((r) => store.refundTotal(r))).toEqual([45_000]);
    expect((await repos.requests.find(shop, requestId))?.status).toMatch(/^(resolved|closed)$/);
    expect(errors).toEqual([]);
  });
});
