import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createRequestRepository } from "../../app/repositories/requests.server";
import { retryShopifyReturns } from "../../app/requests/return-retry.server";
import { freshDatabase, type TestDatabase } from "../support/databases";

const SHOP = "sessions.myshopify.com";

let database: TestDatabase;
// The app's session storage on this file's database (it looks for its table at import).
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (database.db as unknown as Record<string | symbol, unknown>)[prop] }) }));

describe("loading a shop's offline session for work no merchant is present for", () => {
  beforeAll(async () => {
    database = await freshDatabase("sqlite");
  });
  afterAll(async () => database?.dispose());

  it("GIVEN no offline session THEN the shop reads as not installed (null); GIVEN the database or a token refresh failing THEN the failure is thrown, not read as not installed", async () => {
    const { offlineAdminGraphql } = await import("../../app/shopify.server");
    await expect(offlineAdminGraphql(SHOP, async () => Promise.reject(new SessionNotFoundError(`Could not find a session for shop ${SHOP}`)))).resolves.toBeNull();
    await expect(offlineAdminGraphql(SHOP, async () => Promise.reject(new Error("Can't reach database server at 127.0.0.1:5432")))).rejects.toThrow(/database/);
    await expect(offlineAdminGraphql(SHOP, async () => Promise.reject(new Error("Received an error response (503 Service Unavailable) from Shopify: token refresh")))).rejects.toThrow(/503/);
  });

  it("GIVEN a return to open again in Shopify WHEN the shop's session cannot be loaded THEN nothing is recorded on the request and no attempt is counted", async () => {
    const requests = createRequestRepository(database.db);
    await database.db.aftercareRequest.create({ data: { id: "req-session", shop: SHOP, orderId: "gid://shopify/Order/1", orderName: "#1", kind: "return", currency: "GBP", returnError: "Shopify did not answer", returnAttempts: 1, returnRetryAt: new Date(0) } });
    const result = await retryShopifyReturns({ requests, adminFor: async () => Promise.reject(new Error("Can't reach database server")) }, new Date());
    expect(result).toEqual({ opened: 0, failed: 1 });
    expect(await requests.find(SHOP, "req-session")).toMatchObject({ returnError: "Shopify did not answer", returnAttempts: 1, returnRetryAt: new Date(0) });
    expect(await requests.events(SHOP, "req-session")).toEqual([]);
  });
});
