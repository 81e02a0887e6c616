import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { signedWebhook } from "./webhook-support";

let database: TestDatabase;

// The routes use the process's repositories; point them at this file's own database.
vi.mock("../../app/repositories/index.server", async () => ({
  shops: createShopRepository(database.db),
  requests: {},
  operations: {},
  jobs: {},
  dataExports: {},
  repairs: {},
}));
vi.mock("../../app/db.server", async () => ({ default: database.db }));


describe("lifecycle webhooks", () => {
  beforeAll(async () => {
    database = await freshDatabase("sqlite");
  });
  afterAll(async () => database?.dispose());

  it("GIVEN an installed shop WHEN app/uninstalled arrives THEN its sessions go and its row stays", async () => {
    const shops = createShopRepository(database.db);
    await shops.recordInstall("gold.myshopify.com");
    await database.db.session.create({
      data: { id: "offline_gold.myshopify.com", shop: "gold.myshopify.com", state: "", accessToken: "shpat_x" },
    });
    const { action } = await import("../../app/routes/webhooks.app.uninstalled");
    const response = await action({ request: signedWebhook("app/uninstalled", { id: 1 }), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(await database.db.session.count({ where: { shop: "gold.myshopify.com" } })).toBe(0);
    expect((await shops.find("gold.myshopify.com"))?.uninstalledAt).toBeInstanceOf(Date);
  });

  it("GIVEN a forged signature WHEN shop/redact arrives THEN it is refused with 401 and nothing is erased", async () => {
    const shops = createShopRepository(database.db);
    await shops.recordInstall("silver.myshopify.com");
    const { action } = await import("../../app/routes/webhooks.shop.redact");
    const forged = signedWebhook("shop/redact", { shop_domain: "silver.myshopify.com" }, { shop: "silver.myshopify.com", secret: "not-the-secret" });
    const refusal = await action({ request: forged, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(401);
    expect(await shops.find("silver.myshopify.com")).not.toBeNull();

    const genuine = signedWebhook("shop/redact", { shop_domain: "silver.myshopify.com" }, { shop: "silver.myshopify.com" });
    expect((await action({ request: genuine, params: {}, context: {} })).status).toBe(200);
    expect(await shops.find("silver.myshopify.com")).toBeNull();
  });
});
