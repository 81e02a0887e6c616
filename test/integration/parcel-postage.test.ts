import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { presetPolicy, type Policy } from "../../app/domain";
import { operationKey } from "../../app/jobs/money.server";
import { createParcels, REVERSE_DELIVERY_STEP } from "../../app/parcels/parcel.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createParcelRepository } from "../../app/repositories/parcels.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { RequestFlowError } from "../../app/requests/errors";
import { createRequestFlow } from "../../app/requests/flow.server";
import { createPhotoStore, localFolderStorage } from "../../app/requests/photos.server";
import { submittedSchema, type Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issues 24 and 26, the parcel going back, end to end against the stand-in: a UK jeweller's
 * faulty return posted with proof has its postage repaid through Shopify in the order's currency;
 * one sent by courier has none; a postage above the policy's maximum is refused from the shopper
 * and capped when repaid; the Shopify return carries one reverse delivery with the tracking, even
 * when the answer to its creation is lost and it is tried again.
 */
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const ROYAL_MAIL = "RR123456785GB";

describe.each(testProviders())("the parcel going back and its postage on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let photoRoot: string;
  let proofJpeg: Buffer;
  let policy: Policy = presetPolicy("uk-jeweller");

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
    photoRoot = mkdtempSync(join(tmpdir(), "parcel-photos-"));
    proofJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#ddeeff" } }).jpeg().toBuffer();
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    if (photoRoot) rmSync(photoRoot, { recursive: true, force: true });
  });

  const admin = () => adminClient(libraryGraphql(standin));
  const photos = () => createPhotoStore(localFolderStorage(photoRoot));
  const repos = () => ({ requests: createRequestRepository(database.db), parcels: createParcelRepository(database.db), operations: createOperationRepository(database.db), desk: createDeskRepository(database.db) });
  const flow = () =>
    createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: null }),
      secret: "parcel-test-secret",
      photos: photos(),
      orderLookups: { consume: async () => true },
    });
  const parcels = () => {
    const r = repos();
    return createParcels({ requests: r.requests, parcels: r.parcels, operations: r.operations, photos: photos(), policyOf: async () => policy });
  };
  const desk = () => {
    const r = repos();
    const p = parcels();
    return createDesk({ ...r, admin: admin(), staff: { id: "7", name: "Staff 7" }, timezone: "Europe/London", locale: "en-GB", parcel: { postageMinor: (request) => p.repaidNow(admin(), SHOP, request), attach: (shop, id) => p.attach(admin(), shop, id) } });
  };

  /** A delivered order of one pair of studs (£70.00), returned as faulty and approved: its Shopify return is open. */
  async function approvedReturn(email: string): Promise<{ requestId: string; viewer: Viewer; orderId: string; returnId: string }> {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email });
    const studs = addProduct(store, { title: "Topaz Drop Studs", price: 7_000, productType: "Jewellery" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: studs.variant, quantity: 1 }], createdAt: days(8), deliveredAt: days(5) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const ctx = { shop: SHOP, viewer, admin: admin() };
    const [photo] = await photos().accept(SHOP, [{ name: "clasp.jpg", bytes: proofJpeg }], { viewer, orderId: order.id });
    const submitted = submittedSchema.parse(
      await flow().submit(ctx, { orderId: order.id, kind: "return", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "defective" }], photos: [photo], idempotencyKey: `parcel-${email.replace(/[^a-z]/g, "-")}-0001` }),
    );
    expect(submitted.shopifyReturnId).toBeTruthy();
    expect(await desk().approve(SHOP, submitted.requestId)).toMatchObject({ ok: true });
    return { requestId: submitted.requestId, viewer, orderId: order.id, returnId: submitted.shopifyReturnId as string };
  }

  const deliveriesOf = (returnId: string) => standin.store(SHOP).find(returnId, "Return")?.reverseDeliveries ?? [];
  const refundsOf = (orderId: string) => {
    const store = standin.store(SHOP);
    return store.refunds.filter((r) => r.orderId === orderId).map((r) => ({ total: store.refundTotal(r), currency: store.find(orderId, "Order")?.presentmentCurrencyCode }));
  };

  async function refused(promise: Promise<unknown>): Promise<RequestFlowError> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFlowError);
    return error as RequestFlowError;
  }

  it("GIVEN a UK faulty return sent by Royal Mail with a photo of the proof WHEN the shopper records the parcel and the desk refunds THEN the return carries one reverse delivery with the tracking, and Shopify refunds the studs and the postage in the order's currency", async () => {
    const { requestId, viewer, orderId, returnId } = await approvedReturn("parcel.post@example.com");
    const view = await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "royal_mail", trackingNumber: "rr 1234 5678 5gb", method: "post", amount: "3.40" }, { name: "receipt.jpg", bytes: proofJpeg });
    expect(view).toMatchObject({ carrier: "royal_mail", trackingNumber: ROYAL_MAIL, trackingUrl: `https://www.royalmail.com/track-your-item#/tracking-results/${ROYAL_MAIL}`, repaid: { amountMinor: 340 }, proofNeeded: false, inShopify: true });
    expect(view.proofKey).toMatch(/^[a-f0-9]{32}$/);
    expect(deliveriesOf(returnId).map((d) => d.tracking)).toEqual([{ number: ROYAL_MAIL, url: view.trackingUrl, carrierName: null }]);

    expect(await desk().receive(SHOP, requestId)).toMatchObject({ ok: true });
    const preview = await desk().preview(SHOP, requestId, { method: "refund" });
    // Both sides see the amount before it is paid: the desk's preview carries the postage.
    expect(preview).toMatchObject({ amountMinor: 7_000 + 340, postageMinor: 340, postageFormatted: "£3.40" });
    const resolved = await desk().resolve(SHOP, requestId, { method: "refund" });
    expect(resolved, JSON.stringify(resolved)).toMatchObject({ ok: true });
    expect(refundsOf(orderId)).toEqual([{ total: 7_340, currency: "GBP" }]);
  });

  it("GIVEN the same return sent by courier WHEN recorded and refunded THEN no postage is repaid: the studs alone are refunded", async () => {
    const { requestId, viewer, orderId } = await approvedReturn("parcel.courier@example.com");
    const view = await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "dhl", trackingNumber: "3318810025", method: "courier", amount: "9.50" }, { name: "receipt.jpg", bytes: proofJpeg });
    expect(view).toMatchObject({ repaid: { amountMinor: 0 }, trackingUrl: expect.stringContaining("3318810025") });
    expect(view.explanation.map((e) => e.detail)).toEqual(["sent by courier"]);
    expect(await desk().receive(SHOP, requestId)).toMatchObject({ ok: true });
    expect(await desk().resolve(SHOP, requestId, { method: "refund" })).toMatchObject({ ok: true });
    expect(refundsOf(orderId)).toEqual([{ total: 7_000, currency: "GBP" }]);
  });

  it("GIVEN a wrong tracking number, a proof that is not an image or a second parcel WHEN the shopper sends them THEN each is refused with its field's message and nothing changes", async () => {
    const { requestId, viewer, returnId } = await approvedReturn("parcel.bad@example.com");
    const ctx = { shop: SHOP, viewer, admin: admin() };
    const badNumber = await refused(parcels().record(ctx, requestId, { carrier: "royal_mail", trackingNumber: "RR123456789GB", method: "post", amount: "3.40" }, null));
    expect(badNumber).toMatchObject({ code: "invalid", status: 400, fields: { trackingNumber: "That is not a Royal Mail tracking number; copy it from your receipt." } });
    const badAmount = await refused(parcels().record(ctx, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.405" }, null));
    expect(badAmount.fields).toEqual({ amount: "Enter what you paid for postage, such as 3.20." });
    const notImage = await refused(parcels().record(ctx, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.40" }, { name: "receipt.pdf", bytes: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n") }));
    expect(notImage).toMatchObject({ status: 400, fields: { proof: expect.stringContaining("receipt.pdf") } });
    expect(await repos().parcels.find(SHOP, requestId)).toBeNull();
    expect(deliveriesOf(returnId)).toEqual([]);

    await parcels().record(ctx, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.40" }, null);
    const second = await refused(parcels().record(ctx, requestId, { carrier: "ups", trackingNumber: "1Z999AA10123456784", method: "courier", amount: "1.00" }, null));
    expect(second).toMatchObject({ code: "conflict", status: 409 });
    expect(await repos().parcels.find(SHOP, requestId)).toMatchObject({ carrier: "royal_mail", proofKey: null, repaidMinor: 0 });
    expect(deliveriesOf(returnId)).toHaveLength(1);
  });

  it("GIVEN a policy that repays postage up to £2.50 WHEN the shopper says £3.40 THEN it is refused; when staff record the receipt's £3.40 THEN the refund repays £2.50", async () => {
    const base = presetPolicy("uk-jeweller");
    const faulty = base.returns.faulty;
    if (!faulty.enabled || !faulty.postage) throw new Error("the UK preset repays faulty returns' postage");
    policy = { ...base, returns: { ...base.returns, faulty: { ...faulty, postage: { ...faulty.postage, maximum: "2.50" } } } };
    try {
      const { requestId, viewer, orderId } = await approvedReturn("parcel.cap@example.com");
      const ctx = { shop: SHOP, viewer, admin: admin() };
      const above = await refused(parcels().record(ctx, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.40" }, { name: "receipt.jpg", bytes: proofJpeg }));
      expect(above).toMatchObject({ status: 400, fields: { amount: "We repay postage up to 2.50 GBP; enter at most that amount." } });
      expect(await repos().parcels.find(SHOP, requestId)).toBeNull();
      const staff = await parcels().record({ shop: SHOP, viewer: { type: "staff" }, admin: admin() }, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.40" }, { name: "receipt.jpg", bytes: proofJpeg }, "staff");
      expect(staff).toMatchObject({ postage: { amountMinor: 340 }, repaid: { amountMinor: 250 }, enteredBy: "staff" });
      expect(await desk().receive(SHOP, requestId)).toMatchObject({ ok: true });
      expect(await desk().resolve(SHOP, requestId, { method: "refund" })).toMatchObject({ ok: true });
      expect(refundsOf(orderId)).toEqual([{ total: 7_250, currency: "GBP" }]);
    } finally {
      policy = presetPolicy("uk-jeweller");
    }
  });

  it("GIVEN the stand-in commits the reverse delivery and loses its answer WHEN the parcel is attached again and again THEN Shopify holds exactly one reverse delivery, found by its tracking number", async () => {
    const { requestId, viewer, returnId } = await approvedReturn("parcel.lost@example.com");
    standin.faults.next(1, { kind: "lost", status: 502, delayMs: 200 }, "graphql", "ReverseDeliveryCreateWithShipping");
    const view = await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "royal_mail", trackingNumber: ROYAL_MAIL, method: "post", amount: "3.40" }, null);
    // The answer was lost: recorded, sent, not confirmed; nothing is sent again within the grace period.
    expect(view.inShopify).toBe(false);
    const key = operationKey(requestId, REVERSE_DELIVERY_STEP);
    expect(await repos().operations.find(SHOP, key)).toMatchObject({ status: "sent", kind: "reverse_delivery" });
    // A second click within the grace period sends nothing; the delayed call lands meanwhile.
    await parcels().attach(admin(), SHOP, requestId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(deliveriesOf(returnId)).toHaveLength(1);
    // After the grace period the retry looks first, finds the tracking number on the return and sends nothing.
    const later = createParcels({ ...repos(), photos: photos(), policyOf: async () => policy, now: () => new Date(Date.now() + 10 * 60_000) });
    const done = await later.attach(admin(), SHOP, requestId);
    expect(done).toMatchObject({ status: "succeeded", shopifyResultId: deliveriesOf(returnId)[0]!.id });
    expect(deliveriesOf(returnId)).toHaveLength(1);
    expect(await parcels().view(SHOP, requestId)).toMatchObject({ inShopify: true });
  });
});
