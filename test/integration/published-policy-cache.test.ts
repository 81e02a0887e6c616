import { describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { createPublishedCache, type Published } from "../../app/policies/published-cache.server";

describe("the published policy cache", () => {
  function counting() {
    let reads = 0;
    let version = 1;
    let fail = false;
    const load = async (shop: string): Promise<Published> => {
      reads++;
      if (fail) throw new Error(`database down for ${shop}`);
      return { policy: presetPolicy("uk-jeweller"), versionId: `v${version}` };
    };
    return { load, reads: () => reads, publish: () => version++, failing: (on: boolean) => (fail = on) };
  }

  it("GIVEN many requests at once WHEN the policy is asked for THEN it is read once and the same object is handed out until it expires", async () => {
    const store = counting();
    let now = 1_000;
    const cache = createPublishedCache(store.load, 5_000, () => now);
    const [a, b, c] = await Promise.all([cache.get("a.myshopify.com"), cache.get("a.myshopify.com"), cache.get("a.myshopify.com")]);
    expect(store.reads()).toBe(1);
    expect(a.policy).toBe(b.policy);
    expect(c.policy).toBe(a.policy);
    await cache.get("b.myshopify.com");
    expect(store.reads()).toBe(2);

    store.publish();
    now += 4_999;
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v1");
    now += 1;
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v2");
    expect(store.reads()).toBe(3);
  });

  it("GIVEN a version published in this process WHEN the shop is forgotten THEN the next request reads the new one at once", async () => {
    const store = counting();
    const cache = createPublishedCache(store.load, 60_000, () => 0);
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v1");
    store.publish();
    cache.forget("a.myshopify.com");
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v2");
  });

  it("GIVEN the read fails WHEN asked again THEN it is read again rather than the failure kept", async () => {
    const store = counting();
    const cache = createPublishedCache(store.load, 60_000, () => 0);
    store.failing(true);
    await expect(cache.get("a.myshopify.com")).rejects.toThrow("database down");
    store.failing(false);
    expect((await cache.get("a.myshopify.com")).versionId).toBe("v1");
    expect(store.reads()).toBe(2);
  });
});
