import { beforeAll, describe, expect, it } from "vitest";

import { REPAIR_STATES } from "../../app/repairs/machine";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * The demo's bench, made the way the app makes tickets: the desk resolves services and warranty
 * claims for the workshop (its hook opens each ticket), and the bench's use cases walk them.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe.each(testProviders())("the demo's bench (%s)", (provider) => {
  const { running } = useDemoDesk(provider, NOW);
  let demo: RunningDemo;
  beforeAll(() => {
    ({ demo } = running);
  });

  it("GIVEN a fresh demo THEN the bench has more than a dozen tickets, every state among them, several overdue, each opened by the desk's resolution", async () => {
    const repairs = createRepairRepository(running.database.db);
    const counts = await repairs.counts(DEMO_SHOP, "2026-11-20");
    const total = Object.values(counts.byState).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(12);
    for (const state of REPAIR_STATES) expect(counts.byState[state], state).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThanOrEqual(3);
    expect(demo.desk?.bench).toEqual(counts.byState);
    const { rows } = await repairs.queue(DEMO_SHOP, { take: 100 });
    const numbers = rows.map((r) => r.number).sort((a, b) => a - b);
    expect(numbers[0]).toBe(1001);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const t of rows) {
      const request = await running.database.db.aftercareRequest.findFirst({ where: { shop: DEMO_SHOP, id: t.requestId }, select: { kind: true, resolution: true } });
      expect(request?.kind).not.toBe("return");
      expect(["repair", "replacement", "quote"]).toContain(request?.resolution);
    }
    // A declined quote sent back: its draft order deleted, the piece posted back by one zero-price order.
    const declinedBack = await running.database.db.operation.findMany({ where: { shop: DEMO_SHOP, step: "return-order", status: "succeeded" }, select: { requestId: true, shopifyResultId: true } });
    expect(declinedBack).toHaveLength(1);
    const order = demo.standin.store(DEMO_SHOP).orders.find((o) => o.id === declinedBack[0].shopifyResultId);
    expect(order?.tags).toEqual([`aftercare-return-${declinedBack[0].requestId}`]);
    expect(await running.database.db.operation.count({ where: { shop: DEMO_SHOP, kind: "draft_delete", status: "succeeded" } })).toBeGreaterThanOrEqual(2);
  });
});
