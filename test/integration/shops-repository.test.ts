import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createShopRepository, type ShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

describe.each(testProviders())("shop repository on %s", (provider) => {
  let database: TestDatabase;
  let shops: ShopRepository;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    shops = createShopRepository(database.db);
  });
  afterAll(async () => database?.dispose());

  it("GIVEN a new shop WHEN it installs THEN its row holds what Shopify told us", async () => {
    await shops.recordInstall("gold.myshopify.com", { currency: "GBP", timezone: "Europe/London", country: "GB" });
    const shop = await shops.find("gold.myshopify.com");
    expect(shop).toMatchObject({ domain: "gold.myshopify.com", currency: "GBP", timezone: "Europe/London", uninstalledAt: null });
  });

  it("GIVEN an uninstalled shop WHEN it reinstalls THEN the uninstall is cleared", async () => {
    await shops.recordInstall("silver.myshopify.com");
    await shops.recordUninstall("silver.myshopify.com", new Date("2026-11-01T00:00:00Z"));
    expect((await shops.find("silver.myshopify.com"))?.uninstalledAt).toEqual(new Date("2026-11-01T00:00:00Z"));
    await shops.recordInstall("silver.myshopify.com", { currency: "SAR" });
    expect(await shops.find("silver.myshopify.com")).toMatchObject({ uninstalledAt: null, currency: "SAR" });
  });

  it("GIVEN two shops WHEN one changes or erases its data THEN the other's row is untouched", async () => {
    await shops.recordInstall("a.myshopify.com", { currency: "KWD" });
    await shops.recordInstall("b.myshopify.com", { currency: "JPY" });
    await shops.choosePolicy("a.myshopify.com", "gulf-boutique", "{}");
    await shops.erase("a.myshopify.com");
    expect(await shops.find("a.myshopify.com")).toBeNull();
    expect(await shops.find("b.myshopify.com")).toMatchObject({ currency: "JPY", policyPreset: null });
    expect(await shops.policyJson("b.myshopify.com")).toBeNull();
  });
});

describe("the providers under test", () => {
  it("include PostgreSQL whenever the run requires it", () => {
    if (process.env.TEST_POSTGRES_REQUIRED === "1") expect(testProviders()).toContain("postgresql");
    expect(testProviders()).toContain("sqlite");
  });
});
