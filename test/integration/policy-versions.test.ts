import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decide, PRESET_NAMES, presetPolicy, scenarioSchema } from "../../app/domain";
import { createPolicyService, PolicyInvalidError, type PolicyService } from "../../app/policies/service.server";
import type { Database } from "../../app/platform/db-client.server";
import { createPolicyRepository } from "../../app/repositories/policies.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

const samplesDir = join(process.cwd(), "test", "fixtures", "policy-samples");
const samples = readdirSync(samplesDir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(samplesDir, f), "utf8")));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A database whose transactions fail when they reach the shop row: the last step of a publish. */
function failingAtShopRow(db: Database): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>) =>
        target.$transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(t, p, r) {
                if (p === "shop") return { updateMany: () => Promise.reject(new Error("connection lost half way")) };
                return Reflect.get(t, p, r);
              },
            }),
          ),
        );
    },
  });
}

describe.each(testProviders())("policy versions on %s", (provider) => {
  let database: TestDatabase;
  let service: PolicyService;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    service = createPolicyService({ policies: createPolicyRepository(database.db), shops: createShopRepository(database.db) });
  });
  afterAll(async () => database?.dispose());

  it.each(PRESET_NAMES)("GIVEN the %s preset opened in the editor and saved unchanged WHEN published THEN every sample decides as before", async (preset) => {
    const shop = `${preset}.myshopify.com`;
    await createShopRepository(database.db).recordInstall(shop, { country: "GB", currency: "GBP", timezone: "Europe/London" });
    await service.start(shop, { preset });
    const { document } = await service.draftDocument(shop);
    await service.saveDraft(shop, clone(document));
    await service.publishDraft(shop);
    const live = await service.live(shop);
    expect(live).toMatchObject({ source: "version", number: 1 });
    for (const sample of samples.filter((s) => s.preset === preset)) {
      const { expect: _expected, ...input } = sample;
      const scenario = scenarioSchema.parse(input);
      expect(decide(live.policy, scenario), sample.id).toEqual(decide(presetPolicy(preset), scenario));
    }
  });

  it("GIVEN invalid edits WHEN saved THEN each is refused with its field named and nothing is saved", async () => {
    const shop = "invalid.myshopify.com";
    await service.start(shop, { preset: "uk-jeweller" });
    const before = await service.draftDocument(shop);
    const negative = clone(before.document) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- poking at a document
    negative.returns.changeOfMind.windows[1].window.amount = -3;
    await expect(service.saveDraft(shop, negative)).rejects.toMatchObject({ errors: [{ path: "returns.changeOfMind.windows.1.window.amount" }] });
    const emptyGroup = clone(before.document) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    emptyGroup.groups[0].match = {};
    await expect(service.saveDraft(shop, emptyGroup)).rejects.toMatchObject({ errors: [{ path: "groups.0.match" }] });
    const fee = clone(before.document) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    fee.returns.changeOfMind.fees = { id: "fees", returnShippingFee: "99.00", text: "Label fee." };
    await expect(service.saveDraft(shop, fee, { cheapestItem: { title: "Studs", price: "20.00", currency: "GBP" } })).rejects.toBeInstanceOf(PolicyInvalidError);
    expect((await service.draftDocument(shop)).document).toEqual(before.document);
  });

  it("GIVEN a publish that fails half way THEN the previous version stays live and the draft is kept", async () => {
    const shop = "halfway.myshopify.com";
    await createShopRepository(database.db).recordInstall(shop, { country: "GB" });
    await service.start(shop, { preset: "uk-jeweller" });
    const first = await service.publishDraft(shop);
    const edited = clone((await service.draftDocument(shop)).document) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    edited.returns.changeOfMind.windows[1].window.amount = 14;
    await service.saveDraft(shop, edited);

    const failing = createPolicyService({ policies: createPolicyRepository(failingAtShopRow(database.db)), shops: createShopRepository(database.db) });
    await expect(failing.publishDraft(shop)).rejects.toThrow("connection lost half way");

    const live = await service.live(shop);
    expect(live.versionId).toBe(first.version.id);
    expect(live.policy.returns.changeOfMind.enabled && live.policy.returns.changeOfMind.windows[1].window).toMatchObject({ amount: 30 });
    expect(JSON.parse((await createShopRepository(database.db).policyJson(shop)) ?? "null").returns.changeOfMind.windows[1].window.amount).toBe(30);
    expect((await service.draftDocument(shop)).saved).toBe(true);
  });

  it("GIVEN a window changed from 30 to 14 days and a saved scenario WHEN published, compared and restored THEN the scenario's change is listed and restoring brings 30 back", async () => {
    const shop = "cycle.myshopify.com";
    const policies = createPolicyRepository(database.db);
    await createShopRepository(database.db).recordInstall(shop, { country: "GB" });
    await service.start(shop, { preset: "uk-jeweller" });
    const v1 = await service.publishDraft(shop);
    const bangle = samples.find((s) => s.id === "uk-bangle-change-of-mind-day-20");
    const { expect: _e, preset: _p, policy: _q, ...scenario } = bangle;
    await policies.saveScenario(shop, "Bangle back on day 20", JSON.stringify(scenario));

    const edited = clone((await service.draftDocument(shop)).document) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    edited.returns.changeOfMind.windows[1].window.amount = 14;
    await service.saveDraft(shop, edited);
    const v2 = await service.publishDraft(shop);
    expect(v2.version.number).toBe(2);
    expect(v2.changed).toEqual([
      {
        scenarioId: expect.any(String),
        name: "Bangle back on day 20",
        before: "L1 eligible (refund, exchange); refund £80.00",
        after: "L1 refused (window_expired)",
        // The same change as codes and minor units, for the admin to say in the merchant's language.
        was: { lines: [{ lineId: "L1", eligible: true, codes: ["refund", "exchange"] }], refund: { method: "refund", total: 8000, currency: "GBP" } },
        now: { lines: [{ lineId: "L1", eligible: false, codes: ["window_expired"] }], refund: null },
      },
    ]);
    expect(await service.compare(shop, 1, 2)).toEqual([{ path: "returns.changeOfMind.windows.returns-30-days.window.amount", before: 30, after: 14 }]);

    const v3 = await service.restore(shop, 1);
    expect(v3.version).toMatchObject({ number: 3, restoredFrom: 1 });
    expect(v3.changed.map((c) => c.after)).toEqual(["L1 eligible (refund, exchange); refund £80.00"]);
    expect(await service.compare(shop, 1, 3)).toEqual([]);
    expect((await policies.history(shop)).map((v) => v.number)).toEqual([3, 2, 1]);
    expect((await service.live(shop)).versionId).toBe(v3.version.id);
    expect(v1.version.id).not.toBe(v3.version.id);
  });

  it("GIVEN two shops WHEN one publishes and erases THEN the other's versions are untouched", async () => {
    await service.start("x.myshopify.com", { preset: "gulf-boutique" });
    await service.publishDraft("x.myshopify.com");
    await service.start("y.myshopify.com", { empty: true });
    await service.publishDraft("y.myshopify.com");
    expect((await service.live("x.myshopify.com")).policy.name).toBe("Gulf boutique");
    expect((await service.live("y.myshopify.com")).policy.name).toBe("My policy");
    await createShopRepository(database.db).erase("x.myshopify.com");
    expect((await service.live("x.myshopify.com")).source).toBe("empty");
    expect((await service.live("y.myshopify.com")).source).toBe("version");
    await expect(service.compare("y.myshopify.com", 1, 1)).resolves.toEqual([]);
    await expect(service.compare("x.myshopify.com", 1, 1)).rejects.toThrow("does not exist");
  });
});
