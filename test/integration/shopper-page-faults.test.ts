import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { RequestFlowError } from "../../app/requests/errors";
import { adminClient } from "../../app/shopify/client.server";
import { freshDatabase, type TestDatabase } from "../support/databases";

const SHOP = "unreachable.myshopify.com";

describe("a shopper's page while Shopify does not answer", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
  });
  afterAll(async () => database?.dispose());

  it("GIVEN every read of the order failing WHEN a shopper opens the order, their orders or a guest lookup THEN each ends in an 'unavailable' message within the shopper's budget, not the gateway's minute and a 500", async () => {
    const flow = createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy: presetPolicy("uk-jeweller"), versionId: "v-test" }),
      secret: "shopper-faults-secret",
      photos: { exists: async () => false },
      orderLookups: { consume: async () => true },
    });
    // A fake clock: waits between retries only move it, so nothing here depends on real time.
    const clock = { now: 0 };
    let calls = 0;
    const down = () =>
      adminClient(
        async () => {
          calls += 1;
          throw new TypeError("fetch failed");
        },
        { now: () => clock.now, sleep: async (ms) => void (clock.now += ms), random: () => 1 },
      );
    const customer = { type: "customer" as const, customerId: "gid://shopify/Customer/1" };

    for (const open of [
      () => flow.orderView({ shop: SHOP, viewer: customer, admin: down() }, "gid://shopify/Order/1"),
      () => flow.listOrders({ shop: SHOP, viewer: customer, admin: down() }),
      () => flow.findGuestOrder({ shop: SHOP, admin: down() }, { orderNumber: "1001", contact: "someone@example.com" }),
    ]) {
      clock.now = 0;
      calls = 0;
      const error = await open().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(RequestFlowError);
      expect(error).toMatchObject({ code: "unavailable", status: 503, message: expect.stringMatching(/try again/) });
      expect(calls).toBeGreaterThan(1);
      expect(clock.now).toBeLessThanOrEqual(10_000);
    }
  });
});
