import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, PRESET_DOCUMENTS } from "../../app/domain";
import { createPublishedCache, type Published } from "../../app/policies/published-cache.server";
import { createPolicyService } from "../../app/policies/service.server";
import { createPolicyRepository } from "../../app/repositories/policies.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

describe("the published policy cache", () => {
  function counting() {
    let reads = 0;
    let stamps = 0;
    let version = 1;
    let fail = false;
    const load = async (shop: string): Promise<Published> => {
      reads++;
      if (fail) throw new Error(`database down for ${shop}`);
      return { policy: presetPolicy("uk-jeweller"), versionId: `v${version}` };
    };
    const stamp = async () => {
      stamps++;
      return `version:v${version}`;
    };
    return { load, stamp, reads: () => reads, stamps: () => stamps, publish: () => version++, failing: (on: boolean) => (fail = on) };
  }

  it("GIVEN many requests at once WHEN the policy is asked for THEN it is read and parsed once, and the same object is handed out while the live version is unchanged", async () => {
    const store = counting();
    const cache = createPublishedCache(store.load, store.stamp);
    const [a, b, c] = await Promise.all([cache.get("a.myshopify.com"), cache.get("a.myshopify.com"), cache.get("a.myshopify.com")]);
    expect(store.reads()).toBe(1);
    expect(a.policy).toBe(b.policy);
    expect(c.policy).toBe(a.policy);
    expect((await cache.get("a.myshopify.com")).policy).toBe(a.policy);
    expect(store.reads()).toBe(1);
    // The three at once shared one stamp read; the next request read it again.
    expect(store.stamps()).toBe(2);
    await cache.get("b.myshopify.com");
    expect(store.reads()).toBe(2);
  });

  it("GIVEN a version published by another process WHEN the next request asks THEN it decides with the new version at once, with no wait", async () => {
    const store = counting();
    const cache = createPublishedCache(store.load, store.stamp);
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v1");
    store.publish();
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v2");
    expect(store.reads()).toBe(2);
  });

  it("GIVEN the read fails WHEN asked again THEN it is read again rather than the failure kept", async () => {
    const store = counting();
    const cache = createPublishedCache(store.load, store.stamp);
    store.failing(true);
    await expect(cache.get("a.myshopify.com")).rejects.toThrow("database down");
    store.failing(false);
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v1");
    expect(store.reads()).toBe(2);
  });
});

describe.each(testProviders())("the live policy's stamp on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("GIVEN a shop's policy changed in the database behind the app (a preset chosen, a version published, another shop's) THEN the cache decides with the change on the very next request, and only the changed shop's policy is parsed again", async () => {
    const shop = "stamp.myshopify.com";
    const other = "other.myshopify.com";
    const policies = createPolicyRepository(database.db);
    const shops = createShopRepository(database.db);
    await shops.recordInstall(shop, { currency: "GBP", timezone: "Europe/London", country: "GB" });
    await shops.recordInstall(other, { currency: "GBP", timezone: "Europe/London", country: "GB" });
    await shops.choosePolicy(shop, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
    let loads = 0;
    // The cache as app/policies/index.server.ts wires it, on a service that is not told of changes.
    const service = createPolicyService({ policies, shops });
    const cache = createPublishedCache(
      async (s) => {
        loads++;
        const { policy, versionId } = await service.live(s);
        return { policy, versionId };
      },
      (s) => policies.liveStamp(s),
    );
    const first = await cache.get(shop);
    expect(first.policy.name).toBe(presetPolicy("uk-jeweller").name);
    expect((await cache.get(shop)).policy).toBe(first.policy);
    expect(loads).toBe(1);

    // Another process (or a test) chooses another preset: no version yet, the shop row changes.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await shops.choosePolicy(shop, "fine-jewellery", JSON.stringify(PRESET_DOCUMENTS["fine-jewellery"]));
    expect((await cache.get(shop)).policy.name).toBe(presetPolicy("fine-jewellery").name);
    expect(loads).toBe(2);

    // A version published elsewhere decides at once, and is kept while it is the live one.
    const version = await policies.publish(shop, JSON.stringify(presetPolicy("crystal-accessories")), { note: "elsewhere" });
    const published = await cache.get(shop);
    expect([published.versionId, published.policy.name]).toEqual([version.id, presetPolicy("crystal-accessories").name]);
    expect((await cache.get(shop)).policy).toBe(published.policy);
    expect(loads).toBe(3);

    // Another shop's change does not touch this shop's stamp.
    const before = await policies.liveStamp(shop);
    await policies.publish(other, JSON.stringify(presetPolicy("uk-jeweller")), { note: "other shop" });
    expect(await policies.liveStamp(shop)).toBe(before);
    expect((await cache.get(shop)).policy).toBe(published.policy);
    expect(loads).toBe(3);
  });
});
