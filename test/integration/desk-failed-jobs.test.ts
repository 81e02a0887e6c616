import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { homeView } from "../../app/desk/views.server";
import { createJobQueue, type JobQueue } from "../../app/jobs/queue.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";

const SHOP = "failed-jobs.myshopify.com";
const OTHER = "neighbour.myshopify.com";

// The route's merchant is whoever the test says is signed in; its queue is the test's queue.
const state = vi.hoisted(() => ({ shop: "", queue: undefined as unknown }));
vi.mock("../../app/desk/context.server", () => ({ deskContext: async () => ({ shop: { domain: state.shop } }) }));
vi.mock("../../app/jobs/process-queue.server", () => ({
  queue: new Proxy({}, { get: (_t, prop) => (state.queue as Record<string | symbol, unknown>)[prop] }),
}));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testProviders())("failed jobs on the desk home (%s)", (provider: Provider) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let failing = true;
  const runs: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase(provider);
    for (const domain of [SHOP, OTHER]) await database.db.shop.create({ data: { domain } });
    queue = createJobQueue(database.db, provider, createJobRepository(database.db, provider), { connectionString: database.url, pollMs: 300, superviseSeconds: 1 });
    state.queue = queue;
    await queue.enqueue(SHOP, [{ kind: "webhook", payload: { topic: "orders/cancelled", eventId: "e1", data: {} }, maxAttempts: 1 }]);
    await queue.start({
      async run(job) {
        runs.push(job.id);
        if (failing) throw new Error("Shopify answered 503 Service Unavailable");
      },
      task: async () => undefined,
      isPrivate: () => false,
    });
    await until("the job to give up", async () => (await queue.deadLetters(SHOP)).length === 1);
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.dispose();
  });

  const view = (shop: string) =>
    homeView({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), queue }, shop, "Europe/London", new Date(), "en-GB");

  const post = async (shop: string, form: Record<string, string>) => {
    state.shop = shop;
    const { action } = await import("../../app/routes/app._index");
    const response = (await action({ request: new Request("https://aftercare.test/app?index", { method: "POST", body: new URLSearchParams(form) }), params: {}, context: {} })) as Response;
    return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
  };

  it("GIVEN a job that used all its attempts WHEN the merchant opens the desk home THEN it is listed with what it was doing and why it failed; another shop sees nothing", async () => {
    const home = await view(SHOP);
    expect(home.failedJobs).toHaveLength(1);
    expect(home.failedJobs[0]).toMatchObject({ label: "Following a Shopify update (orders/cancelled)", error: "Shopify answered 503 Service Unavailable", attempts: 1 });
    expect((await view(OTHER)).failedJobs).toEqual([]);
  });

  it("GIVEN the failed job WHEN another shop, or a malformed form, asks to retry it THEN 404 / 400 and nothing changes", async () => {
    const [dead] = (await view(SHOP)).failedJobs;
    expect(await post(OTHER, { intent: "retry-job", jobId: dead.id })).toMatchObject({ status: 404 });
    expect(await post(SHOP, { intent: "retry-everything" })).toMatchObject({ status: 400 });
    expect(await post(SHOP, { intent: "retry-job", jobId: "not-a-job" })).toMatchObject({ status: 404 });
    expect((await view(SHOP)).failedJobs.map((j) => j.id)).toEqual([dead.id]);
  });

  it("GIVEN the cause is fixed WHEN the merchant presses Retry THEN the job runs again, succeeds and leaves the list", async () => {
    const [dead] = (await view(SHOP)).failedJobs;
    failing = false;
    expect(await post(SHOP, { intent: "retry-job", jobId: dead.id })).toEqual({ status: 200, body: { ok: true, message: "Queued again; it runs in a moment." } });
    await until("the retried run", async () => runs.filter((id) => id === dead.id).length === 2);
    await until("the list to clear", async () => (await view(SHOP)).failedJobs.length === 0);
  });
});
