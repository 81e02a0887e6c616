import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { runScale, type ScaleResult } from "../scale/harness";

const WEBHOOKS = 200;
const MONEY = 20;

/**
 * The production shape on PostgreSQL, small: two web processes and two workers on pg-boss, 200
 * signed webhooks (every tenth delivered twice) and 20 store credits (each job enqueued twice),
 * one worker SIGKILLed at 40 %. `npm run bench:scale` runs the same with 10,000 and 1,000.
 */
describe.skipIf(!testProviders().includes("postgresql"))("two web and two worker processes on PostgreSQL, one worker killed", () => {
  let database: TestDatabase;
  let result: ScaleResult;

  beforeAll(async () => {
    database = await freshDatabase("postgresql");
    result = await runScale({ databaseUrl: database.url, webhooks: WEBHOOKS, moneyOperations: MONEY, drainTimeoutMs: 150_000 });
  }, 300_000);
  afterAll(async () => database?.dispose());

  it("GIVEN a worker SIGKILLed mid-run THEN it died by that signal and the other took its jobs over", () => {
    expect(result.killed.signal).toBe("SIGKILL");
    expect(result.queue.left).toBe(0);
  });

  it("GIVEN every webhook answered 200 THEN each event was recorded once and processed: nothing lost, redeliveries deduplicated", () => {
    expect({ statuses: result.webhooks.statuses, errors: result.webhooks.errorSamples }).toEqual({ statuses: { 200: result.webhooks.deliveries }, errors: [] });
    expect(result.webhooks.deliveries).toBe(WEBHOOKS + WEBHOOKS / 10);
    expect(result.webhooks.outcomes).toEqual({ accepted: WEBHOOKS, duplicate: WEBHOOKS / 10 });
    expect(result.webhooks.events).toBe(WEBHOOKS);
    expect(result.webhooks.unprocessed).toBe(0);
  });

  it("GIVEN each money job enqueued twice and a worker killed THEN every operation succeeded and the stand-in credited each exactly once", () => {
    expect(result.money.byStatus).toEqual({ succeeded: MONEY });
    expect(result.money.creditsOnStandin).toBe(MONEY);
    expect(result.money.operationsCreditedTwice).toBe(0);
    expect(result.money.operationsNotCredited).toBe(0);
    expect(result.money.distinctResultIds).toBe(MONEY);
    expect(result.queue.deadLetters).toBe(0);
  });
});
