import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { presetPolicy, type Policy } from "../../app/domain";
import { createParcels } from "../../app/parcels/parcel.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createParcelRepository } from "../../app/repositories/parcels.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { createPhotoStore, localFolderStorage } from "../../app/requests/photos.server";
import { submittedSchema, type Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issue 26, when the money goes, end to end against the stand-in: the Gulf boutique (reference
 * policy 002: "we may withhold reimbursement until we have received the products back or you
 * have supplied evidence of having sent back the goods, whichever is the earliest") credits a
 * return before it arrives once the carrier's tracking shows the parcel moving, or once staff
 * accept the shopper's proof of postage; with no evidence the desk refuses and nothing moves. A
 * policy that refunds on receipt (the default) refuses before receipt.
 */
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const DHL = "3318810025";

describe.each(testProviders())("when the money goes on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let photoRoot: string;
  let jpeg: Buffer;
  let policy: Policy = presetPolicy("gulf-boutique");

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
    photoRoot = mkdtempSync(join(tmpdir(), "refund-timing-"));
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#eeddcc" } }).jpeg().toBuffer();
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
    if (photoRoot) rmSync(photoRoot, { recursive: true, force: true });
  });

  const admin = () => adminClient(libraryGraphql(standin));
  const photos = () => createPhotoStore(localFolderStorage(photoRoot));
  const repos = () => ({ requests: createRequestRepository(database.db), parcels: createParcelRepository(database.db), operations: createOperationRepository(database.db), desk: createDeskRepository(database.db) });
  const flow = () => createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy, versionId: null }), secret: "refund-timing-secret", photos: photos(), orderLookups: { consume: async () => true } });
  const parcels = () => {
    const r = repos();
    return createParcels({ requests: r.requests, parcels: r.parcels, operations: r.operations, photos: photos(), policyOf: async () => policy });
  };
  const desk = () => {
    const r = repos();
    const p = parcels();
    return createDesk({
      ...r,
      admin: admin(),
      staff: { id: "9", name: "Staff 9" },
      timezone: "Asia/Riyadh",
      locale: "en-SA",
      policyOf: async () => policy,
      parcel: { postageMinor: (request) => p.repaidNow(admin(), SHOP, request), attach: (shop, id) => p.attach(admin(), shop, id), evidence: (shop, id) => p.view(shop, id) },
    });
  };

  /** A delivered crystal swan paid in SAR (450.00), returned unused for a change of mind and approved. */
  async function approvedReturn(email: string): Promise<{ requestId: string; viewer: Viewer; orderId: string; returnId: string }> {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email });
    const swan = addProduct(store, { title: "Crystal Swan", price: 45_000, productType: "Decorations" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: swan.variant, quantity: 1 }], createdAt: days(9), deliveredAt: days(6), presentment: { currencyCode: "SAR", rate: "1" } });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const asNew = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };
    const submitted = submittedSchema.parse(
      await flow().submit({ shop: SHOP, viewer, admin: admin() }, { orderId: order.id, kind: "return", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind", condition: asNew }], idempotencyKey: `timing-${email.replace(/[^a-z]/g, "-")}-0001` }),
    );
    expect(submitted.shopifyReturnId).toBeTruthy();
    expect(await desk().approve(SHOP, submitted.requestId)).toMatchObject({ ok: true });
    return { requestId: submitted.requestId, viewer, orderId: order.id, returnId: submitted.shopifyReturnId as string };
  }

  const moneyOf = (orderId: string) => {
    const store = standin.store(SHOP);
    return store.refunds.filter((r) => r.orderId === orderId).map((r) => store.refundTotal(r));
  };
  const statusOf = async (requestId: string) => (await repos().requests.find(SHOP, requestId))?.status;

  it("GIVEN a Gulf return approved and its parcel on its way WHEN the carrier's tracking shows it moving THEN the eCredit goes before the parcel arrives", async () => {
    const { requestId, viewer, orderId, returnId } = await approvedReturn("timing.tracking@example.com");
    await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "dhl", trackingNumber: DHL, method: "courier", amount: "0" }, null);
    expect(standin.store(SHOP).find(returnId, "Return")?.reverseDeliveries?.map((d) => d.tracking?.number)).toEqual([DHL]);

    const accepted = await desk().acceptEvidence(SHOP, requestId, { evidence: "tracking", tracking: "in_transit" });
    expect(accepted, JSON.stringify(accepted)).toMatchObject({ ok: true, message: expect.stringContaining("in transit") });
    const entry = (await repos().desk.timeline(SHOP, requestId)).filter((e) => e.type === "evidence");
    expect(entry).toEqual([expect.objectContaining({ staffName: "Staff 9", data: expect.objectContaining({ evidence: "tracking", tracking: "in_transit", trackingNumber: DHL }) })]);
    expect(await desk().refundMoment(SHOP, requestId)).toMatchObject({ rule: { when: "evidence_of_sending" }, answer: { reached: true, on: "tracking" } });

    // The shopper's status page says when the money comes back, in the policy's words, and shows the accepted evidence.
    const shown = await flow().status({ shop: SHOP, viewer, admin: admin() }, { requestId });
    expect(shown.refundTiming).toEqual({ when: "evidence_of_sending", text: policy.refundTiming?.text });
    expect(shown.steps.map((s) => s.type)).toContain("evidence");

    expect(await statusOf(requestId)).toBe("approved");
    const credited = await desk().resolve(SHOP, requestId, { method: "store_credit" });
    expect(credited, JSON.stringify(credited)).toMatchObject({ ok: true });
    expect(moneyOf(orderId)).toEqual([45_000]);
    expect(await statusOf(requestId)).toMatch(/^(resolved|closed)$/);
  });

  it("GIVEN a Gulf return approved with its parcel's proof-of-postage photo WHEN staff accept the proof THEN the eCredit goes; before that the desk refuses and nothing moves", async () => {
    const { requestId, viewer, orderId } = await approvedReturn("timing.proof@example.com");
    await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "dhl", trackingNumber: DHL, method: "courier", amount: "0" }, { name: "receipt.jpg", bytes: jpeg });

    const early = await desk().resolve(SHOP, requestId, { method: "store_credit" });
    expect(early).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/^Not yet: .*evidence.*Nothing was sent\.$/) });
    expect(moneyOf(orderId)).toEqual([]);
    expect(await repos().requests.find(SHOP, requestId)).toMatchObject({ status: "approved", resolution: null });
    expect(await repos().operations.forRequest(SHOP, requestId)).toEqual(expect.not.arrayContaining([expect.objectContaining({ kind: "return_process" })]));

    expect(await desk().acceptEvidence(SHOP, requestId, { evidence: "proof" })).toMatchObject({ ok: true });
    expect(await desk().acceptEvidence(SHOP, requestId, { evidence: "proof" })).toMatchObject({ ok: true, message: expect.stringContaining("already") });
    expect((await repos().desk.timeline(SHOP, requestId)).filter((e) => e.type === "evidence")).toHaveLength(1);
    expect(await desk().resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: true });
    expect(moneyOf(orderId)).toEqual([45_000]);
  });

  it("GIVEN a Gulf return approved with no parcel given WHEN the desk credits it or accepts evidence THEN each is refused with a clear message and nothing changes", async () => {
    const { requestId, orderId } = await approvedReturn("timing.none@example.com");
    expect(await desk().resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("Not yet") });
    expect(await desk().acceptEvidence(SHOP, requestId, { evidence: "tracking", tracking: "delivered" })).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("tracking number") });
    expect(await desk().acceptEvidence(SHOP, requestId, { evidence: "tracking" } as never)).toMatchObject({ ok: false, status: 400 });
    expect(moneyOf(orderId)).toEqual([]);
    expect(await repos().requests.find(SHOP, requestId)).toMatchObject({ status: "approved", resolution: null });
    expect((await repos().desk.timeline(SHOP, requestId)).filter((e) => e.type === "evidence")).toEqual([]);
    // Received, whichever comes first: the money may go.
    expect(await desk().receive(SHOP, requestId)).toMatchObject({ ok: true });
    expect(await desk().resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: true });
    expect(moneyOf(orderId)).toEqual([45_000]);
  });

  it("GIVEN the same return under a policy that refunds on receipt (the default) WHEN the desk credits it before receipt, even with tracking given THEN it is refused and nothing moves, and evidence is not accepted", async () => {
    const gulf = presetPolicy("gulf-boutique");
    policy = { ...gulf, refundTiming: undefined };
    try {
      const { requestId, viewer, orderId } = await approvedReturn("timing.default@example.com");
      await parcels().record({ shop: SHOP, viewer, admin: admin() }, requestId, { carrier: "dhl", trackingNumber: DHL, method: "courier", amount: "0" }, { name: "receipt.jpg", bytes: jpeg });
      const refused = await desk().resolve(SHOP, requestId, { method: "store_credit" });
      expect(refused).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/^Not yet: The policy refunds once the items are received: mark them received first\. The policy says: "We refund once we have received the items back\." Nothing was sent\.$/) });
      expect(await desk().acceptEvidence(SHOP, requestId, { evidence: "proof" })).toMatchObject({ ok: false, status: 422 });
      expect(moneyOf(orderId)).toEqual([]);
      expect(await repos().requests.find(SHOP, requestId)).toMatchObject({ status: "approved", resolution: null });
      expect(await desk().receive(SHOP, requestId)).toMatchObject({ ok: true });
      expect(await desk().resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: true });
      expect(moneyOf(orderId)).toEqual([45_000]);
    } finally {
      policy = presetPolicy("gulf-boutique");
    }
  });
});
