import { describe, expect, it } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { FAULTY_REASONS, type RestockChoice } from "../../app/domain/vocabulary";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * The merchant's restock setting (policy `returns.restockOnProcess`) reaches Shopify: a refund the
 * desk confirms on a received return restocks its items when the setting says so, and only then.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe("restocking from the desk", () => {
  const { running, admin } = useDemoDesk("sqlite", NOW);

  function deskWith(restockOnProcess: RestockChoice | undefined) {
    const requests = createRequestRepository(running.database.db);
    const operations = createOperationRepository(running.database.db);
    return { requests, operations, actions: createDesk({ requests, desk: createDeskRepository(running.database.db), operations, admin: admin(), staff: { id: "7", name: "Staff 7" }, timezone: "Europe/London", locale: "en-GB", restockOnProcess, now: () => new Date() }) };
  }

  async function received(faulty: boolean): Promise<RequestRecord[]> {
    const all = await createRequestRepository(running.database.db).list(DEMO_SHOP, { status: ["received" as never], take: 100 });
    return all.filter((r) => !r.resolution && r.shopifyReturnId && r.lines.some((l) => (FAULTY_REASONS as readonly string[]).includes(l.reason)) === faulty);
  }

  it("GIVEN the setting at never, change-of-mind and always WHEN received returns are refunded THEN only the returns the setting covers go back in stock", async () => {
    const store = running.demo.standin.engine.store(DEMO_SHOP);
    const cases: { setting: RestockChoice | undefined; faulty: boolean; restocks: boolean }[] = [
      { setting: undefined, faulty: false, restocks: false },
      { setting: "change_of_mind", faulty: false, restocks: true },
      { setting: "always", faulty: true, restocks: true },
      { setting: "change_of_mind", faulty: true, restocks: false },
    ];
    const checked: string[] = [];
    const ran: boolean[] = [];
    for (const c of cases) {
      const [request] = (await received(c.faulty)).filter((r) => !checked.includes(r.id));
      if (!request) continue;
      checked.push(request.id);
      ran.push(c.restocks);
      const desk = deskWith(c.setting);
      const before = store.restocks.length;
      const result = await desk.actions.resolve(DEMO_SHOP, request.id, { method: "refund" });
      expect(result, `${c.setting} ${c.faulty}`).toMatchObject({ ok: true });
      const made = store.restocks.slice(before).filter((r) => r.returnId === request.shopifyReturnId);
      expect(made.length > 0, `setting ${c.setting}, faulty ${c.faulty}`).toBe(c.restocks);
      if (c.restocks) expect(made.reduce((sum, r) => sum + r.quantity, 0)).toBe(request.lines.reduce((sum, l) => sum + l.quantity, 0));
    }
    // The demo has enough received returns that both outcomes were seen.
    expect(ran).toContain(true);
    expect(ran).toContain(false);
    console.info(`desk restock cases run: ${ran.length} of ${cases.length}`);
  }, 120_000);
});
