import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, type Policy } from "../../app/domain";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { previewSchema, statusViewSchema, submittedSchema, type Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issue 24: the answer before submitting and the status page carry the piece's journey as the
 * engine decides it (CONTRACT rules 15 and 18) for the UK jeweller: a faulty return's postage is
 * repaid against proof and never from abroad; an order sent abroad gets nothing; a warranty
 * repair comes home at the shop's cost in the policy's words; the status page shows what was shown.
 */
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const PHOTO = "0123456789abcdef0123456789abcdef";
const UK_POSTAGE = "We refund your postage for a faulty item sent by post from the UK, against proof of postage; other ways of sending are at your expense.";

describe.each(testProviders())("the journey in the request flow on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let policy: Policy;

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
    policy = presetPolicy("uk-jeweller");
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  const flow = () =>
    createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-journey" }),
      secret: "journey-test-secret",
      photos: { exists: async (_shop, key) => key === PHOTO },
      orderLookups: { consume: async () => true },
    });
  const ctx = (viewer: Viewer) => ({ shop: SHOP, viewer, admin: adminClient(libraryGraphql(standin)) });

  function order(email: string, abroad = false) {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email });
    const studs = addProduct(store, { title: "Topaz Drop Studs", price: 7_000, productType: "Jewellery" });
    const placed = addPaidOrder(store, { customer, lines: [{ variant: studs.variant, quantity: 1 }], createdAt: days(8), deliveredAt: days(5) });
    if (abroad) {
      placed.shippingAddress = { __typename: "MailingAddress", id: store.nextId("MailingAddress"), firstName: null, lastName: null, address1: "1 rue de Rivoli", address2: null, city: "Paris", zip: "75001", country: "France", countryCodeV2: "FR", province: null, provinceCode: null, phone: null, company: null };
    }
    return { placed, viewer: { type: "customer", customerId: customer.id } as Viewer };
  }

  it("GIVEN a faulty pair of studs sent in the UK WHEN previewed THEN the postage is repaid against proof, never from abroad, in the policy's words, and the refund brings nothing home", async () => {
    const { placed, viewer } = order("journey.uk@example.com");
    const preview = previewSchema.parse(await flow().preview(ctx(viewer), { orderId: placed.id, kind: "return", lines: [{ lineId: placed.lineItems[0].id, quantity: 1, reason: "defective" }], photos: [PHOTO] }));
    expect(preview.journey).toEqual({ postage: { repaid: true, maximum: null, proofRequired: true, domesticOnly: true, text: UK_POSTAGE }, outboundShipping: "none", outboundText: null });
    // Proof of postage is said, not asked of the form: the request can still be sent now.
    expect(preview.requirements.map((r) => r.requirement)).not.toContain("proof_of_postage");
  });

  it("GIVEN the same return on an order delivered to France WHEN previewed THEN the engine repays no postage and no proof is asked", async () => {
    const { placed, viewer } = order("journey.fr@example.com", true);
    const preview = previewSchema.parse(await flow().preview(ctx(viewer), { orderId: placed.id, kind: "return", lines: [{ lineId: placed.lineItems[0].id, quantity: 1, reason: "defective" }], photos: [PHOTO] }));
    expect(preview.journey?.postage).toMatchObject({ repaid: false, proofRequired: false, domesticOnly: true });
  });

  it("GIVEN a covered warranty claim WHEN previewed and submitted THEN the shop pays the way home in the policy's words, and the status page says what the answer said", async () => {
    const { placed, viewer } = order("journey.warranty@example.com");
    const draft = { orderId: placed.id, kind: "warranty", lines: [{ lineId: placed.lineItems[0].id, quantity: 1, reason: "defective", cause: "manufacturing" }], photos: [PHOTO] };
    const preview = previewSchema.parse(await flow().preview(ctx(viewer), draft));
    expect(preview.journey).toMatchObject({ postage: { repaid: true, proofRequired: true }, outboundShipping: "store", outboundText: "We send your repaired piece or its replacement to you at our cost." });
    const submitted = submittedSchema.parse(await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "journey-warranty-0001" }));
    const status = statusViewSchema.parse(await flow().status(ctx(viewer), { token: submitted.statusToken }));
    expect(status.journey).toEqual(preview.journey);
  });
});
