import { afterAll, describe, expect, it } from "vitest";

import { createRequestRepository } from "../../app/repositories/requests.server";
import { startDemo, type RunningDemo } from "../../scripts/demo-standin";
import { freePort } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { DEMO_SHOP } from "../support/demo-desk";

/**
 * `npm run demo` twice on the same SQLite file: the stand-in is seeded afresh each time and
 * remembers nothing, so the second start must not trip over the first run's requests (it did:
 * "demo desk seed: approved #2154: Not done: this request is already approved").
 */
describe("the demo started again on the same database", () => {
  let database: TestDatabase;
  const running: RunningDemo[] = [];
  afterAll(async () => {
    for (const demo of running) await demo.close();
    await database?.dispose();
  });

  it("GIVEN a demo that ran before WHEN it starts again THEN it starts, with the same desk as a first run and nothing left from the last", async () => {
    database = await freshDatabase("sqlite");
    const now = new Date("2026-11-20T10:00:00Z");
    const start = async () => startDemo({ apiKey: "restart-key", apiSecret: "restart-secret", appUrl: `http://127.0.0.1:${await freePort()}`, databaseUrl: database.url, now, seed: 7 });
    const first = await start();
    running.push(first);
    const requests = createRequestRepository(database.db);
    const before = await requests.list(DEMO_SHOP, { take: 200 });
    await first.close();

    const second = await start();
    running.push(second);
    const after = await requests.list(DEMO_SHOP, { take: 200 });
    expect(second.desk?.requests).toBe(first.desk?.requests);
    expect(after).toHaveLength(before.length);
    // Every request the desk shows stands on a return the new stand-in knows.
    const returns = new Set(second.standin.engine.store(DEMO_SHOP).returns.map((r) => r.id));
    for (const r of after) if (r.shopifyReturnId) expect(returns, r.orderName).toContain(r.shopifyReturnId);
  }, 240_000);
});
