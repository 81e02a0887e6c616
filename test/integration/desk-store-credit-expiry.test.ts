import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";

import { createDesk, engineRefund } from "../../app/desk/actions.server";
import { presetPolicy } from "../../app/domain";
import type { Policy } from "../../app/domain/policy/schema";
import { operationKey } from "../../app/jobs/money.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import type { ProcessPlan } from "../../app/shopify/money.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Issue 22 item 21: store credit's expiry came from the desk's own default (90 days from the day
 * it is sent, or none). It now comes from the policy: its refund rule's period, counted from its
 * starting point (the decision's date: the day the return was asked for). The Gulf boutique's
 * eCredit is "valid for 90 days from the date of the return"; the UK jeweller's never expires.
 * Another expiry is an override, which needs a note and is recorded.
 */
const NOW = new Date("2026-11-20T10:00:00Z");
const shop = DEMO_SHOP;
const ZONE = "Europe/London";

/** Each case's store-credit expiry in days, as app/desk/context.server.ts reads it from the live policy. */
function expiryDaysOf(policy: Policy): Record<string, number | null> {
  const days = (rules: Policy["warranty"]) => (rules.enabled ? (rules.refund?.storeCreditExpiryDays ?? null) : null);
  return { change_of_mind: days(policy.returns.changeOfMind), faulty: days(policy.returns.faulty), warranty: days(policy.warranty) };
}

describe.each(testProviders())("store credit's expiry from the policy (%s)", (provider) => {
  const { running, admin } = useDemoDesk(provider, NOW);
  let database: TestDatabase;
  let demo: RunningDemo;
  const taken = new Set<string>();
  beforeAll(() => {
    ({ database, demo } = running);
  });

  function deskUnder(preset: string, staffId = "101") {
    const requests = createRequestRepository(database.db);
    const desk = createDeskRepository(database.db);
    const operations = createOperationRepository(database.db);
    const actions = createDesk({ requests, desk, operations, admin: admin(), staff: { id: staffId, name: `Staff ${staffId}` }, timezone: ZONE, locale: "en-GB", storeCreditExpiryDays: expiryDaysOf(presetPolicy(preset)), now: () => new Date() });
    return { requests, desk, operations, actions };
  }

  async function pick(): Promise<RequestRecord> {
    const all = await createRequestRepository(database.db).list(shop, { status: ["received"], take: 200 });
    const found = all.find((r) => r.kind === "return" && r.customerId && !r.resolution && !taken.has(r.id) && !r.lines.some((l) => l.exchangeVariantId) && (engineRefund(r)?.amountMinor ?? 0) > 0);
    if (!found) throw new Error("no received return with a customer");
    taken.add(found.id);
    // The demo's requests were decided by its own preset; the policy under test credits: its
    // decision offers store credit on each accepted line (the desk offers only what it lists).
    const requests = createRequestRepository(database.db);
    const decision = engineDecisionOf(found.decision) as { lines: { eligible: boolean; resolutions: string[] }[] };
    const lines = decision.lines.map((l) => (l.eligible && !l.resolutions.includes("store_credit") ? { ...l, resolutions: [...l.resolutions, "store_credit"] } : l));
    expect(await requests.recordDecision(shop, found.id, { ...decision, lines }, null)).toBe(true);
    return (await requests.find(shop, found.id))!;
  }

  const creditExpiry = (request: RequestRecord) => {
    const store = demo.standin.engine.store(shop);
    const refundIds = new Set(store.refunds.filter((r) => r.orderId === request.orderId).map((r) => r.id));
    return store.storeCreditAccounts.flatMap((a) => a.transactions).filter((t) => t.refundId && refundIds.has(t.refundId)).map((t) => (t.expiresAt ? DateTime.fromISO(t.expiresAt).setZone(ZONE).toISODate() : null));
  };

  it("GIVEN the Gulf boutique's eCredit 'valid for 90 days from the date of the return' WHEN the desk credits a return days later THEN it expires 90 days from the return's date, not from the day it is sent", async () => {
    const request = await pick();
    const { actions, operations } = deskUnder("gulf-boutique");
    const decidedOn = (engineDecisionOf(request.decision) as { decidedOn: string }).decidedOn;
    const expected = DateTime.fromISO(decidedOn).plus({ days: 90 }).toISODate();
    expect(expected).not.toBe(DateTime.now().setZone(ZONE).plus({ days: 90 }).toISODate());
    const preview = await actions.preview(shop, request.id, { method: "store_credit" });
    expect(preview).toMatchObject({ expiresOn: expected, policyExpiresOn: expected, warning: null });
    const result = await actions.resolve(shop, request.id, { method: "store_credit" });
    expect(result).toMatchObject({ ok: true });
    const plan = (await operations.find(shop, operationKey(request.id, "resolve")))!.input as ProcessPlan;
    expect(DateTime.fromISO(plan.storeCreditExpiresAt!).setZone(ZONE).toISODate()).toBe(expected);
    expect(creditExpiry(request)).toEqual([expected]);
  });

  it("GIVEN the UK jeweller's store credit that never expires WHEN the desk credits a return THEN it has no expiry; another expiry without a note is refused and nothing is sent; with a note it is sent and the override is recorded", async () => {
    const request = await pick();
    const { actions, desk } = deskUnder("uk-jeweller");
    expect(await actions.preview(shop, request.id, { method: "store_credit" })).toMatchObject({ expiresOn: null, policyExpiresOn: null });

    const bare = await actions.resolve(shop, request.id, { method: "store_credit", expiresInDays: 30 });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect([bare.status, bare.message]).toEqual([422, expect.stringMatching(/never expires.*note saying why.*Nothing was sent/)]);
    expect(creditExpiry(request)).toEqual([]);
    expect((await createRequestRepository(database.db).find(shop, request.id))?.resolution).toBeNull();

    const in30 = DateTime.now().setZone(ZONE).plus({ days: 30 }).toISODate();
    const result = await actions.resolve(shop, request.id, { method: "store_credit", expiresInDays: 30, note: "Agreed with the shopper on the phone." });
    expect(result).toMatchObject({ ok: true });
    expect(creditExpiry(request)).toEqual([in30]);
    const override = (await desk.timeline(shop, request.id)).filter((e) => e.type === "override");
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ staffName: "Staff 101", data: { storeCreditExpiresOn: in30, policyExpiresOn: null, note: "Agreed with the shopper on the phone." } });
  });

  it("GIVEN the UK jeweller WHEN a return is credited as the policy says THEN the credit has no expiry (not the desk's old 90 days)", async () => {
    const request = await pick();
    expect(await deskUnder("uk-jeweller").actions.resolve(shop, request.id, { method: "store_credit" })).toMatchObject({ ok: true });
    expect(creditExpiry(request)).toEqual([null]);
  });
});
