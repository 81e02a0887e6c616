import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, type TestDatabase } from "../support/databases";

const SECRET = "aftercare-test-secret";
let database: TestDatabase;

// The routes use the process's repositories; point them at this file's own database.
vi.mock("../../app/repositories/index.server", async () => ({
  shops: createShopRepository(database.db),
}));
vi.mock("../../app/db.server", async () => ({ default: database.db }));

function signedWebhook(topic: string, body: object, shop = "gold.myshopify.com", secret = SECRET) {
  const raw = JSON.stringify(body);
  return new Request(`https://aftercare.test/webhooks/${topic}`, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Api-Version": "2026-10",
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(raw).digest("base64"),
    },
  });
}

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
    const forged = signedWebhook("shop/redact", { shop_domain: "silver.myshopify.com" }, "silver.myshopify.com", "not-the-secret");
    const refusal = await action({ request: forged, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(401);
    expect(await shops.find("silver.myshopify.com")).not.toBeNull();

    const genuine = signedWebhook("shop/redact", { shop_domain: "silver.myshopify.com" }, "silver.myshopify.com");
    expect((await action({ request: genuine, params: {}, context: {} })).status).toBe(200);
    expect(await shops.find("silver.myshopify.com")).toBeNull();
  });
});
