import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository, type OperationIntent } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";

// The admin routes use the process's repositories and Shopify's admin authentication: point the
// first at this file's database, and let the second say which shop's merchant is signed in.
const state = vi.hoisted(() => ({ deps: {} as Record<string, object> }));
vi.mock("../../app/repositories/index.server", () => {
  const live = (key: string) => new Proxy({}, { get: (_t, prop) => (state.deps[key] as Record<string | symbol, unknown>)[prop] });
  return { shops: live("shops"), requests: live("requests"), operations: live("operations"), jobs: live("jobs"), dataExports: live("dataExports"), repairs: live("repairs") };
});
vi.mock("../../app/shopify.server", () => ({ authenticate: { admin: async (request: Request) => ({ session: { shop: request.headers.get("X-Test-Shop") } }) } }));

const SHOP = "privacy.myshopify.com";
const OTHER = "elsewhere.myshopify.com";
const ADA = { id: "gid://shopify/Customer/501", email: "ada@example.com" };

function aRequest(orderId: string): RequestInput {
  return { orderId, orderName: "#5001", customerId: ADA.id, customerEmail: ADA.email, customerName: "Ada", kind: "return", currency: "GBP", lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "changed_mind" }] };
}

function credit(requestId: string, key: string, customerId: string): OperationIntent {
  return { requestId, step: "credit", idempotencyKey: key, kind: "store_credit", amountMinor: 2_500, currency: "GBP", input: { customerId, amountMinor: 2_500, currency: "GBP", note: `goodwill for ${customerId}` }, shopifyOrderId: null, shopifyTargetId: customerId };
}

describe.each(testProviders())("privacy on %s", (provider: Provider) => {
  let database: TestDatabase;
  let deps: JobDeps;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    deps = {
      requests: createRequestRepository(database.db),
      operations: withDecidedRequests(database.db, createOperationRepository(database.db)),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      adminFor: async () => null,
    };
    state.deps = { ...deps, shops: createShopRepository(database.db) };
  });
  afterAll(async () => database?.dispose());

  it("GIVEN a customer's finished and unfinished money operations and a data request job that gave up WHEN customers/redact runs THEN finished inputs and target ids are scrubbed, the gave-up job emptied, and the unfinished one is scrubbed as it finishes, with no redaction left to retry", async () => {
    const request = await deps.requests.create(SHOP, aRequest("gid://shopify/Order/9001"));
    // Decided by the engine (the money ceiling bounds every operation by it).
    await database.db.aftercareRequest.update({ where: { id: request.id }, data: { moneyDecidedMinor: BigInt(10_000) } });
    await deps.operations.begin(SHOP, credit(request.id, `done-${provider}`, ADA.id));
    await deps.operations.markSucceeded(SHOP, `done-${provider}`, "gid://shopify/StoreCreditAccountCreditTransaction/1", new Date());
    await deps.operations.begin(SHOP, credit(request.id, `open-${provider}`, ADA.id));
    await deps.operations.begin(SHOP, credit("someone-else", `bea-${provider}`, "gid://shopify/Customer/502"));
    await deps.operations.markSucceeded(SHOP, `bea-${provider}`, "gid://shopify/StoreCreditAccountCreditTransaction/2", new Date());

    // A data request job that failed for good keeps no personal data either.
    const dataJob = await deps.jobs.enqueue(SHOP, { kind: "webhook", maxAttempts: 1, payload: { topic: "customers/data_request", eventId: "dr-1", data: { customerId: ADA.id, email: ADA.email, orderIds: [], dataRequestId: "1" } } });
    const failing: JobDeps = { ...deps, dataExports: { ...deps.dataExports, record: async () => Promise.reject(new Error("disk full")) } };
    expect(await runDueJobs(failing, { workerId: "w" })).toEqual({ ran: 1, failed: 1 });
    const gaveUp = await database.db.job.findUniqueOrThrow({ where: { id: dataJob.id } });
    expect([gaveUp.done, gaveUp.lastError, gaveUp.payloadJson]).toEqual([true, "Error: disk full", "{}"]);
    // An older gave-up job that still names her (written before this rule) is emptied by the redaction.
    const older = await database.db.job.create({ data: { shop: SHOP, kind: "webhook", payloadJson: JSON.stringify({ topic: "customers/data_request", data: { email: ADA.email } }), done: true, doneAt: new Date(), lastError: "old failure" } });

    await deps.jobs.enqueue(SHOP, { kind: "webhook", payload: { topic: "customers/redact", eventId: "cr-1", data: { customerId: ADA.id, email: ADA.email, orderIds: ["gid://shopify/Order/9001"] } } });
    expect(await runDueJobs(deps, { workerId: "w" })).toEqual({ ran: 1, failed: 0 });

    const done = await database.db.operation.findFirstOrThrow({ where: { idempotencyKey: `done-${provider}` } });
    expect({ input: done.inputJson, target: done.shopifyTargetId, amount: Number(done.amountMinor), status: done.status, result: done.shopifyResultId }).toEqual({ input: "{}", target: null, amount: 2_500, status: "succeeded", result: "gid://shopify/StoreCreditAccountCreditTransaction/1" });
    const open = await database.db.operation.findFirstOrThrow({ where: { idempotencyKey: `open-${provider}` } });
    expect(open.inputJson).toContain(ADA.id);
    const bea = await database.db.operation.findFirstOrThrow({ where: { idempotencyKey: `bea-${provider}` } });
    expect(bea.shopifyTargetId).toBe("gid://shopify/Customer/502");
    expect((await database.db.job.findUniqueOrThrow({ where: { id: older.id } })).payloadJson).toBe("{}");
    // Nothing waits in the queue to give up after its attempts: the redacted request is the record.
    expect(await database.db.job.count({ where: { shop: SHOP, done: false } })).toBe(0);

    // The money operation finishes, whenever that is: it is scrubbed as it finishes.
    await deps.operations.markSucceeded(SHOP, `open-${provider}`, "gid://shopify/StoreCreditAccountCreditTransaction/3", new Date());
    const finished = await database.db.operation.findFirstOrThrow({ where: { idempotencyKey: `open-${provider}` } });
    expect([finished.inputJson, finished.shopifyTargetId, finished.status]).toEqual(["{}", null, "succeeded"]);
  });

  it("GIVEN data exports of two shops WHEN a merchant opens Customer data requests and downloads one THEN only their own exports are listed and served, as a JSON file", async () => {
    const mine = await deps.dataExports.record(SHOP, { customerId: ADA.id, email: ADA.email }, { dataRequestId: "77", shop: SHOP, requests: [{ id: "r1" }] }, new Date("2026-11-20T10:00:00Z"));
    const theirs = await deps.dataExports.record(OTHER, { customerId: ADA.id, email: "someone@example.com" }, { requests: [] }, new Date());
    const as = (shop: string, path: string) => new Request(`https://aftercare.test${path}`, { headers: { "X-Test-Shop": shop } });

    const page = await import("../../app/routes/app.privacy");
    const listed = (await (await page.loader({ request: as(SHOP, "/app/privacy"), params: {}, context: {} })).json()) as { exports: { id: string; who: string; requests: number }[] };
    expect(listed.exports.map((e) => e.id)).toEqual([mine.id]);
    expect(listed.exports[0]).toMatchObject({ who: ADA.email, requests: 1 });

    const download = await import("../../app/routes/app.privacy.$id");
    const file = await download.loader({ request: as(SHOP, `/app/privacy/${mine.id}`), params: { id: mine.id }, context: {} });
    expect(file.headers.get("Content-Disposition")).toBe(`attachment; filename="aftercare-data-request-${mine.id}.json"`);
    expect(JSON.parse(await file.text())).toMatchObject({ customerId: ADA.id, email: ADA.email, data: { dataRequestId: "77", requests: [{ id: "r1" }] } });

    const refused = await download.loader({ request: as(SHOP, `/app/privacy/${theirs.id}`), params: { id: theirs.id }, context: {} }).catch((thrown: unknown) => thrown);
    expect((refused as Response).status).toBe(404);
  });
});
