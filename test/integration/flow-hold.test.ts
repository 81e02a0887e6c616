import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { releaseHold } from "../../app/flow/release.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createFlowRepository } from "../../app/repositories/flow.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { adminClient } from "../../app/shopify/client.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { SECRET } from "./webhook-support";

/**
 * Shopify Flow's "Hold Aftercare request for review" action (issue 27): Flow's signed run holds
 * the request, so the desk does not approve it until the hold is released; a forged run is 401
 * and changes nothing; a retried run (same action_run_id) holds once; another shop's request is
 * as unknown as one that does not exist.
 */
let database: TestDatabase;
vi.mock("../../app/db.server", () => ({
  default: new Proxy(
    {},
    {
      get: (_target, key) => {
        const value = (database.db as unknown as Record<string | symbol, unknown>)[key];
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(database.db) : value;
      },
    },
  ),
}));

const GOLD = "gold-flow.myshopify.com";
const SILVER = "silver-flow.myshopify.com";

function run(body: object, secret = SECRET): Request {
  const raw = JSON.stringify(body);
  return new Request("https://aftercare.test/flow/actions/hold", { method: "POST", body: raw, headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(raw).digest("base64") } });
}

async function hold(body: object, secret?: string): Promise<Response> {
  const { action } = await import("../../app/routes/flow.actions.hold");
  return action({ request: run(body, secret), params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

const flowRun = (shop: string, requestId: string, runId: string, reason?: string) => ({
  shop_id: 1,
  shopify_domain: shop,
  action_run_id: runId,
  action_definition_id: "aftercare-flow-hold",
  handle: "aftercare-flow-hold",
  properties: { request_id: requestId, ...(reason ? { reason } : {}) },
});

describe.each(testProviders())("the Flow hold action on %s", (provider) => {
  beforeAll(async () => {
    database = await freshDatabase(provider);
    for (const shop of [GOLD, SILVER]) await createShopRepository(database.db).recordInstall(shop);
  });
  afterAll(async () => database?.dispose());

  async function stored(shop: string, key: string) {
    const { request } = await createRequestRepository(database.db).submit(
      shop,
      key,
      { orderId: `gid://shopify/Order/${key.length}1`, orderName: "#1001", customerId: null, customerEmail: null, customerName: "Ada", customerNote: null, kind: "return", service: null, currency: "GBP", decision: {}, preferredResolution: "refund", policyVersionId: null, channel: "shopper", locale: null, lines: [{ lineItemId: `gid://shopify/LineItem/${key.length}`, fulfillmentLineItemId: null, title: "Ring", quantity: 1, reason: "changed_mind", cause: null, condition: {}, notes: null, photos: [], exchangeVariantId: null, exchangeVariantTitle: null }] },
      { type: "requested", actor: "shopper" },
    );
    return request;
  }

  // The desk as a merchant uses it; no Shopify return is linked, so approval needs no Shopify call.
  const desk = (shop: string) =>
    createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: adminClient(async () => { throw new Error(`no Shopify call expected for ${shop}`); }), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB", holds: createFlowRepository(database.db) });

  it("GIVEN a forged run WHEN it arrives THEN 401 and the request is not held", async () => {
    const request = await stored(GOLD, `forged-${provider}-0123456789`);
    expect((await hold(flowRun(GOLD, request.id, "run-forged"), "not-the-secret")).status).toBe(401);
    expect(await createFlowRepository(database.db).isHeld(GOLD, request.id)).toBe(false);
  });

  it("GIVEN Flow's signed run WHEN it holds a request THEN the desk refuses to approve it (409, nothing changed), the team's timeline says why, a retried run holds once, and the desk's release lets it be approved", async () => {
    const request = await stored(GOLD, `held-${provider}-0123456789`);
    const response = await hold(flowRun(GOLD, request.id, "run-1", "Customer tagged high-risk by another app"));
    expect(response.status).toBe(200);
    expect((await hold(flowRun(GOLD, request.id, "run-1", "Customer tagged high-risk by another app"))).status).toBe(200);

    const refused = await desk(GOLD).approve(GOLD, request.id);
    expect(refused).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("Held for review") });
    expect((await createRequestRepository(database.db).find(GOLD, request.id))?.status).toBe("requested");
    const notes = (await createDeskRepository(database.db).timeline(GOLD, request.id)).filter((e) => e.type === "note");
    expect(notes.map((n) => n.message)).toEqual(["Held for review by a Shopify Flow workflow: Customer tagged high-risk by another app. It is not approved until someone releases the hold."]);
    // The shopper's timeline does not show it.
    expect((await createRequestRepository(database.db).events(GOLD, request.id)).map((e) => e.type)).toEqual(["requested"]);

    // The desk's "Release hold": once (a second click finds nothing held), written on the team's timeline.
    const release = () => releaseHold({ flow: createFlowRepository(database.db), desk: createDeskRepository(database.db) }, GOLD, request.id, { id: "1", name: "Staff 1" });
    expect(await release()).toMatchObject({ ok: true });
    expect(await release()).toMatchObject({ ok: false, status: 409 });
    expect((await createFlowRepository(database.db).holdOf(GOLD, request.id))?.releasedBy).toBe("Staff 1");
    expect(await desk(GOLD).approve(GOLD, request.id)).toMatchObject({ ok: true });
  });

  it("GIVEN a run naming another shop's request, or none WHEN it arrives THEN 404 and nothing is held; a run with no request id is 422", async () => {
    const silver = await stored(SILVER, `silver-${provider}-0123456789`);
    expect((await hold(flowRun(GOLD, silver.id, "run-x"))).status).toBe(404);
    expect((await hold(flowRun(GOLD, "no-such-request", "run-y"))).status).toBe(404);
    expect((await hold(flowRun(GOLD, "", "run-z"))).status).toBe(422);
    expect(await createFlowRepository(database.db).isHeld(SILVER, silver.id)).toBe(false);
  });
});
