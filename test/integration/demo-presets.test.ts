import { afterAll, describe, expect, it } from "vitest";

import { PRESET_NAMES, presetPolicy } from "../../app/domain";
import { startDemo, type RunningDemo } from "../../scripts/demo-standin";
import { freePort } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/databases";

/**
 * `npm run demo` shows every preset (issue 22, item 18): beside the featured shop, a shop per
 * other preset, each installed with its policy and a desk holding requests in every state.
 */
describe("the demo's shop per preset", () => {
  let database: TestDatabase;
  let demo: RunningDemo | undefined;
  afterAll(async () => {
    await demo?.close();
    await database?.dispose();
  });

  it("GIVEN the demo with its preset shops WHEN it starts THEN each of the four presets has a shop, installed on that policy, with requests in every state of the desk", async () => {
    database = await freshDatabase("sqlite");
    demo = await startDemo({ apiKey: "presets-key", apiSecret: "presets-secret", appUrl: `http://127.0.0.1:${await freePort()}`, databaseUrl: database.url, now: new Date("2026-11-20T10:00:00Z"), seed: 9, presetShops: true });
    expect(demo.shops.map((s) => s.preset).sort()).toEqual([...PRESET_NAMES].sort());
    expect(new Set(demo.shops.map((s) => s.domain)).size).toBe(4);
    for (const shop of demo.shops) {
      const row = await database.db.shop.findUniqueOrThrow({ where: { domain: shop.domain } });
      expect(row.policyPreset, shop.domain).toBe(shop.preset);
      const rows = await database.db.aftercareRequest.findMany({ where: { shop: shop.domain }, select: { status: true, kind: true } });
      const statuses = new Set(rows.map((r) => r.status));
      expect([...statuses].sort(), `${shop.preset} (${shop.domain})`).toEqual(expect.arrayContaining(["approved", "cancelled", "declined", "inspected", "received", "requested"]));
      expect(statuses.has("resolved") || statuses.has("closed"), shop.preset).toBe(true);
      // What the preset offers: services always, returns and warranty claims where it takes them.
      const policy = presetPolicy(shop.preset);
      const kinds = [...new Set(rows.map((r) => r.kind))].sort();
      expect(kinds, shop.preset).toEqual(["return", "service", "warranty"].filter((k) => k === "service" || (k === "return" ? policy.returns.changeOfMind.enabled || policy.returns.faulty.enabled : policy.warranty.enabled)));
      expect(shop.adminUrl).toContain(`/store/${shop.domain.replace(/\.myshopify\.com$/, "")}/apps/`);
    }
  }, 600_000);
});
