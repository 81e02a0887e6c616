import { createServer, type Server } from "node:http";

import { abstractFetch } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeShopTrafficTo, SHOPIFY_CALL_TIMEOUT_MS } from "../../app/shopify/admin-origin.server";

describe("a call to a shop's Admin API", () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    // A Shopify that accepts the connection and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("GIVEN Shopify never answers WHEN the app calls it THEN the call gives up on its own timeout instead of hanging", async () => {
    routeShopTrafficTo(origin, { timeoutMs: 300 });
    const call = abstractFetch("https://gold.myshopify.com/admin/api/2026-10/graphql.json", { method: "POST", body: "{}" });
    await expect(call).rejects.toThrow(/timeout|aborted/i);
  });

  it("GIVEN the defaults THEN one call's timeout is well inside the reconciler's 3-minute grace, even after the gateway's 60 s of retries", () => {
    expect(SHOPIFY_CALL_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    expect(60_000 + SHOPIFY_CALL_TIMEOUT_MS).toBeLessThan(180_000);
  });
});
