import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { presetPolicy } from "../../app/domain";
import { FLOW_TRIGGERS, type FlowTrigger } from "../../app/domain/flow-triggers";
import { createDesk } from "../../app/desk/actions.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createFlowRepository } from "../../app/repositories/flow.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { deployedFlowTriggers, payloadKeyOf } from "../standin/flow";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";
import { SECRET } from "./webhook-support";

/**
 * Shopify Flow (issue 27): each of Aftercare's seven triggers is sent with flowTriggerReceive once
 * per event, by the durable `flow` job, only while the shop has an enabled workflow using it (as
 * Flow's signed lifecycle callback said), with a payload whose keys are exactly the fields its
 * extension's toml declares.
 */
let database: TestDatabase;
// The routes use the process's database: this file's own, whichever provider runs now.
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

const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A request as Shopify Flow sends it, signed for real with the app's secret (or a forged one). */
function fromFlow(path: string, body: object, secret = SECRET): Request {
  const raw = JSON.stringify(body);
  return new Request(`https://aftercare.test${path}`, { method: "POST", body: raw, headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(raw).digest("base64") } });
}

async function lifecycle(body: object, secret?: string): Promise<Response> {
  const { action } = await import("../../app/routes/flow.lifecycle");
  return action({ request: fromFlow("/flow/lifecycle", body, secret), params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

const callback = (trigger: string, enabled: boolean, at: string, shop = SHOP) => ({ flow_trigger_definition_id: trigger, has_enabled_flow: enabled, shop_id: 1, shopify_domain: shop, timestamp: at });

describe.each(testProviders())("Shopify Flow triggers on %s", (provider) => {
  let standin: RunningStandin;
  const now = () => new Date();

  beforeAll(async () => {
    // The route loads app/shopify.server, which points Shopify traffic at the configured origin: loaded
    // first, so the stand-in started next is where this file's Shopify calls go.
    database = await freshDatabase(provider);
    await import("../../app/routes/flow.lifecycle");
    standin = await gatewayStandin();
    await createShopRepository(database.db).recordInstall(SHOP, { name: "Gateway Jeweller", currency: "GBP", timezone: "Europe/London", country: "GB" });
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  const admin = () => adminClient(libraryGraphql(standin));
  const flowRepo = () => createFlowRepository(database.db);
  const requestFlow = () =>
    createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy("uk-jeweller"), versionId: "v-test" }), secret: "flow-secret", photos: { exists: async () => true }, orderLookups: { consume: async () => true } });
  const desk = () =>
    createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: admin(), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB", holds: createFlowRepository(database.db) });

  function jobDeps(): JobDeps {
    return {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      adminFor: async () => admin(),
      now,
      flow: { flow: flowRepo(), repairs: createRepairRepository(database.db), shops: createShopRepository(database.db) },
    };
  }

  /** The worker as it runs: the sweep enqueues new outbox rows, then due jobs run. */
  async function work(deps = jobDeps()): Promise<void> {
    await runTask(deps, "flow-sweep", now());
    for (let pass = 0; pass < 5; pass++) if (!(await runDueJobs(deps, { workerId: "flow-worker", now: now() })).ran) break;
  }

  const calls = (trigger?: FlowTrigger) => standin.store(SHOP).flowTriggers.filter((c) => !trigger || c.handle === trigger);

  let sequence = 0;
  async function submitted(kind: "return" | "service" = "return") {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: `flow${++sequence}@example.com` });
    const ring = addProduct(store, { title: "Signet ring", price: 12_000, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(6), deliveredAt: days(3) });
    const done = await requestFlow().submit(
      { shop: SHOP, viewer: { type: "customer", customerId: customer.id }, admin: admin() },
      { orderId: order.id, kind, preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }], idempotencyKey: `flow-${provider}-${sequence}-0123456789` },
    );
    return { done, order, customer };
  }

  it("GIVEN no workflow uses Aftercare's triggers WHEN a request is submitted, approved, received and refunded THEN nothing is queued and Flow is never called", async () => {
    const { done } = await submitted();
    const actions = desk();
    expect(await actions.approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, done.requestId)).toMatchObject({ ok: true });
    await work();
    expect(await flowRepo().forRequest(SHOP, done.requestId)).toEqual([]);
    expect(calls()).toEqual([]);
  });

  it("GIVEN a forged lifecycle callback WHEN it arrives THEN 401 and no trigger is subscribed", async () => {
    const response = await lifecycle(callback("aftercare-request-approved", true, new Date().toISOString()), "not-the-secret");
    expect(response.status).toBe(401);
    expect(await flowRepo().subscribed(SHOP)).toEqual([]);
  });

  it("GIVEN a signed callback for a trigger Aftercare does not have, or a body that is not one WHEN it arrives THEN 404 / 422 and nothing is recorded", async () => {
    expect((await lifecycle(callback("someone-elses-trigger", true, new Date().toISOString()))).status).toBe(404);
    expect((await lifecycle({ has_enabled_flow: true })).status).toBe(422);
    expect(await flowRepo().subscribed(SHOP)).toEqual([]);
  });

  it("GIVEN signed callbacks enabling every trigger WHEN a request goes from submitted to resolved and its repair from quoted to ready THEN each trigger is sent once, its payload exactly the fields its extension declares", async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const trigger of FLOW_TRIGGERS) expect((await lifecycle(callback(trigger, true, at))).status).toBe(200);
    expect(await flowRepo().subscribed(SHOP)).toEqual([...FLOW_TRIGGERS].sort());

    const { done, order, customer } = await submitted();
    const actions = desk();
    expect(await actions.approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, done.requestId)).toMatchObject({ ok: true });
    // The workshop's ticket for the piece: quoted, the quote accepted and paid, the work done.
    const repairs = createRepairRepository(database.db);
    const e = (message: string) => ({ staffId: "1", staffName: "Staff 1", message, at: new Date() });
    const { ticket } = await repairs.open(SHOP, { requestId: done.requestId, origin: "quote", work: "Resize", itemTitle: "Signet ring", currency: "GBP" }, e("opened {job}"));
    expect(await repairs.move(SHOP, ticket.id, "awaiting_item", "received", {}, e("in"))).toBe(true);
    expect(await repairs.move(SHOP, ticket.id, "received", "assessed", { assessmentFindings: "Shank worn" }, e("assessed"))).toBe(true);
    expect(await repairs.move(SHOP, ticket.id, "assessed", "quoted", { quoteMinor: 4_500, quoteDescription: "Resize" }, e("quoted"))).toBe(true);
    expect(await repairs.move(SHOP, ticket.id, "quoted", "quote_accepted", {}, e("accepted"))).toBe(true);
    expect(await repairs.move(SHOP, ticket.id, "quote_accepted", "at_bench", {}, e("bench"))).toBe(true);
    expect(await repairs.move(SHOP, ticket.id, "at_bench", "ready", {}, e("ready"))).toBe(true);
    await createDeskRepository(database.db).record(SHOP, { requestId: done.requestId, type: "resolved", actor: "merchant", message: "Resolved", data: { method: "repair" } });

    const deps = jobDeps();
    await work(deps);
    await work(deps); // a second pass (a retried sweep, a redelivered job) sends nothing again
    const sent = calls().filter((c) => c.payload["Request ID"] === done.requestId);
    expect(sent.map((c) => c.handle).sort()).toEqual([...FLOW_TRIGGERS].sort());

    const declared = new Map(deployedFlowTriggers().map((t) => [t.handle, t.fields.map(payloadKeyOf).sort()]));
    for (const call of sent) {
      // Every key the toml declares is there, and nothing it does not declare.
      expect(Object.keys(call.payload).sort(), call.handle).toEqual(declared.get(call.handle));
    }
    const byHandle = (h: FlowTrigger) => sent.find((c) => c.handle === h)?.payload ?? {};
    expect(byHandle("aftercare-request-submitted")).toMatchObject({ "Request number": `R-${done.number}`, Kind: "return", Reason: "changed_mind", Currency: "GBP", Service: "" });
    expect(String(byHandle("aftercare-request-submitted").order_id)).toBe(order.id.split("/").pop());
    expect(String(byHandle("aftercare-request-submitted").customer_id)).toBe(customer.id.split("/").pop());
    expect(byHandle("aftercare-quote-sent")).toMatchObject({ Amount: 45, Currency: "GBP", "Job number": ticket.job });
    expect(byHandle("aftercare-ticket-ready")).toMatchObject({ "Job number": ticket.job });
    expect((await flowRepo().forRequest(SHOP, done.requestId)).map((r) => r.status)).toEqual(FLOW_TRIGGERS.map(() => "sent"));
  });

  it("GIVEN a workflow disabled by a newer callback (and an older, late callback) WHEN the event happens THEN nothing is sent for it", async () => {
    const later = new Date().toISOString();
    expect((await lifecycle(callback("aftercare-request-approved", false, later))).status).toBe(200);
    // Flow's rule: the newer timestamp wins; a late older callback changes nothing.
    expect((await lifecycle(callback("aftercare-request-approved", true, new Date(Date.now() - 3_600_000).toISOString()))).status).toBe(200);
    expect(await flowRepo().isSubscribed(SHOP, "aftercare-request-approved")).toBe(false);

    const { done } = await submitted();
    expect(await desk().approve(SHOP, done.requestId)).toMatchObject({ ok: true });
    await work();
    expect(calls("aftercare-request-approved").filter((c) => c.payload["Request ID"] === done.requestId)).toEqual([]);
    // Its submission still went: that trigger's workflow is on.
    expect(calls("aftercare-request-submitted").filter((c) => c.payload["Request ID"] === done.requestId)).toHaveLength(1);
  });

  it("GIVEN an event queued while its workflow was on WHEN the workflow is disabled before the job runs THEN the row is skipped, not sent", async () => {
    const { done } = await submitted();
    expect((await lifecycle(callback("aftercare-request-submitted", false, new Date(Date.now() + 1_000).toISOString()))).status).toBe(200);
    await work();
    const rows = await flowRepo().forRequest(SHOP, done.requestId);
    expect(rows.map((r) => [r.trigger, r.status])).toEqual([["aftercare-request-submitted", "skipped"]]);
    expect(calls("aftercare-request-submitted").filter((c) => c.payload["Request ID"] === done.requestId)).toEqual([]);
  });

  it("GIVEN Flow refuses a trigger (its handle unknown to Shopify) WHEN the job runs THEN the row goes back to pending with Shopify's words and the job is retried, never marked sent", async () => {
    const at = new Date(Date.now() + 2_000).toISOString();
    expect((await lifecycle(callback("aftercare-request-submitted", true, at))).status).toBe(200);
    standin.store(SHOP).flowTriggerHandles.delete("aftercare-request-submitted");
    try {
      const { done } = await submitted();
      await work();
      const [row] = await flowRepo().forRequest(SHOP, done.requestId);
      expect(row).toMatchObject({ status: "pending", attempts: 1, reason: expect.stringContaining("handle") });
    } finally {
      standin.store(SHOP).flowTriggerHandles.add("aftercare-request-submitted");
    }
  });
});
