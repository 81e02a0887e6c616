import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createJobRepository } from "../../app/repositories/jobs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { freshDatabase, type TestDatabase } from "../support/databases";

const SHOP = "restart.myshopify.com";

/**
 * `npm run worker` as its own process. Work left due while no worker ran (a restart) is picked up
 * by the first pass, at start, not at the next poll: the poll interval here is ten minutes, so
 * only that first pass can run it.
 */
describe("the worker process", () => {
  let database: TestDatabase;
  let worker: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.once("exit", resolve));
      worker.kill("SIGTERM");
      await exited;
    }
    await database?.dispose();
  });

  it("GIVEN a job left due before a restart WHEN a worker starts THEN it runs it at once and stops cleanly on SIGTERM", async () => {
    const requests = createRequestRepository(database.db);
    const request = await requests.create(SHOP, { orderId: "gid://shopify/Order/42", orderName: "#42", customerId: null, customerEmail: "a@example.com", customerName: "A", kind: "return", currency: "GBP", lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "changed_mind" }] });
    const job = await createJobRepository(database.db, "sqlite").enqueue(SHOP, { kind: "webhook", payload: { topic: "orders/updated", eventId: "e-restart", data: { orderId: "gid://shopify/Order/42", orderName: "#42-B" } } });

    worker = spawn(process.execPath, [join("node_modules", "tsx", "dist", "cli.mjs"), join("scripts", "worker.ts")], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: database.url, SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://aftercare.test", JOB_POLL_MS: String(10 * 60_000), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk) => (output += String(chunk)));
    worker.stderr?.on("data", (chunk) => (output += String(chunk)));

    const deadline = Date.now() + 60_000;
    while (!(await database.db.job.findUniqueOrThrow({ where: { id: job.id } })).done) {
      if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not run the job:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await requests.find(SHOP, request.id))?.orderName).toBe("#42-B");

    const exited = new Promise<number | null>((resolve) => worker?.once("exit", resolve));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("job worker stopping");
  });
});
