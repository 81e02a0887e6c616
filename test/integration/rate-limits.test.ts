import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDatabase, type Database } from "../../app/platform/db-client.server";
import { sharedLimit } from "../../app/requests/limits.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

describe.each(testProviders())("shoppers' lookup limits on %s", (provider) => {
  let database: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    // A second client on the same database stands for a second process of the app.
    second = createDatabase(database.url);
  });
  afterAll(async () => {
    await second?.$disconnect();
    await database?.dispose();
  });

  it("GIVEN two processes WHEN a guesser spreads attempts over both THEN they share one count per key, and other keys and prefixes are counted apart", async () => {
    const a = sharedLimit(database.db, { prefix: "lookup-order", points: 3, durationSeconds: 3600 });
    const b = sharedLimit(second, { prefix: "lookup-order", points: 3, durationSeconds: 3600 });
    const key = "shop.myshopify.com:1001";

    expect(await a.consume(key)).toBe(true);
    expect(await b.consume(key)).toBe(true);
    expect(await a.consume(key)).toBe(true);
    expect(await b.consume(key)).toBe(false);
    expect(await a.consume(key)).toBe(false);

    expect(await b.consume("shop.myshopify.com:1002")).toBe(true);
    const perIp = sharedLimit(second, { prefix: "lookup-ip", points: 1, durationSeconds: 3600 });
    expect(await perIp.consume(key)).toBe(true);
    expect(await perIp.consume(key)).toBe(false);

    const rows = await database.db.rateLimiterFlexible.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.points])).toEqual([
      ["lookup-ip:shop.myshopify.com:1001", 2],
      ["lookup-order:shop.myshopify.com:1001", 5],
      ["lookup-order:shop.myshopify.com:1002", 1],
    ]);
  });

  it("GIVEN many attempts at once from two processes WHEN counted THEN exactly the allowed number pass", async () => {
    const a = sharedLimit(database.db, { prefix: "burst", points: 5, durationSeconds: 3600 });
    const b = sharedLimit(second, { prefix: "burst", points: 5, durationSeconds: 3600 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).consume("shop:7")));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("GIVEN a window that has passed WHEN the key is used again THEN it starts a new count", async () => {
    const limit = sharedLimit(database.db, { prefix: "short", points: 1, durationSeconds: 1 });
    expect(await limit.consume("k")).toBe(true);
    expect(await limit.consume("k")).toBe(false);
    await database.db.rateLimiterFlexible.update({ where: { key: "short:k" }, data: { expire: new Date(Date.now() - 1) } });
    expect(await limit.consume("k")).toBe(true);
  });
});
