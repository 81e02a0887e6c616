import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { operationKey, reconcileShop } from "../../app/jobs/money.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createBench, type Staff } from "../../app/repairs/bench.server";
import { QUOTE_DELETE_STEP, deleteClosedDrafts } from "../../app/repairs/closing.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import type { AdminClient } from "../../app/shopify/client.server";
import { repairQuoteTag } from "../../app/shopify/draft-orders.server";
import { payDraftOrder, type RunningStandin } from "../standin";
import { addCustomer } from "../standin/sample-shop";
import type { CustomerRec } from "../standin/store";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

/**
 * Issue 25, docs/decisions/026: a repair ticket whose quote is declined, expires or is cancelled
 * leaves no open draft order in Shopify (draftOrderDelete, keyed and recorded with the move, read
 * back by its tag), a draft the shopper paid is never deleted, and a crash between Shopify's
 * answer and the app's record leaves exactly one deletion once the reconciler has run.
 */
const NOW = new Date("2026-12-07T10:00:00Z");
const STAFF: Staff = { id: "11", name: "Eleanor Hart" };
const DAY = 24 * 3_600_000;

let standin: RunningStandin;
beforeAll(async () => {
  standin = await gatewayStandin();
});
afterAll(async () => {
  await standin?.close();
});

describe.each(testProviders())("repair quotes closed in Shopify (%s)", (provider) => {
  let database: TestDatabase;
  let admin: AdminClient;
  let customer: CustomerRec;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    await createShopRepository(database.db).recordInstall(SHOP);
    admin = quickClient(standin);
    customer = addCustomer(standin.store(SHOP), { email: `closed-${provider}@example.com` });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const repairs = () => createRepairRepository(database.db);
  const operations = () => createOperationRepository(database.db);
  const jobs = () => createJobRepository(database.db, provider);
  const policy = (() => {
    const preset = presetPolicy("fine-jewellery");
    return { ...preset, services: preset.services.map((s) => (s.service === "redesign" ? { ...s, quoteValidityDays: 14 } : s)) };
  })();
  const deps = (): JobDeps => ({
    requests: createRequestRepository(database.db),
    operations: operations(),
    repairs: repairs(),
    jobs: jobs(),
    dataExports: createExportRepository(database.db),
    adminFor: async () => admin,
    policyOf: async () => policy,
    money: { reconcileGraceMs: -1_000 },
  });
  const bench = (withShopify = true) => createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy, ...(withShopify ? { admin, operations: operations() } : {}), now: () => NOW });

  let made = 0;
  /** A redesign taken in, assessed and quoted: its draft order made and invoiced. */
  async function quoted() {
    made += 1;
    const request = await database.db.aftercareRequest.create({
      data: { shop: SHOP, orderId: `gid://shopify/Order/8${made}`, orderName: `#${3000 + made}`, customerName: "Ada Lovelace", customerId: customer.id, customerEmail: customer.email, kind: "service", service: "redesign", currency: "GBP", status: "resolved", resolution: "quote", lines: { create: [{ lineItemId: `gid://shopify/LineItem/8${made}`, title: "Signet ring", quantity: 1, reason: "other" }] } },
    });
    const { ticket } = await repairs().open(SHOP, { requestId: request.id, origin: "quote", work: "Redesign", itemTitle: "Signet ring", currency: "GBP" }, { staffId: "11", staffName: "Eleanor Hart", message: "Repair ticket {job} opened.", at: NOW });
    expect(await bench(false).move(SHOP, ticket.id, { move: "intake", from: "awaiting_item", description: "Yellow metal signet ring.", condition: "Worn face.", termsAccepted: true })).toMatchObject({ ok: true });
    expect(await bench(false).move(SHOP, ticket.id, { move: "assess", from: "received", findings: "Face can be re-cut." })).toMatchObject({ ok: true });
    expect(await bench().move(SHOP, ticket.id, { move: "quote", from: "assessed", description: "Redesign", lines: [{ title: "Re-cut the face", quantity: 1, price: "180.00" }] })).toMatchObject({ ok: true, message: expect.stringMatching(/Draft order made and its invoice emailed\.$/) });
    expect(openDrafts(ticket.id)).toHaveLength(1);
    return ticket;
  }

  const openDrafts = (ticketId: string) => standin.store(SHOP).draftOrders.filter((d) => d.tags.includes(repairQuoteTag(ticketId)) && d.status !== "COMPLETED");
  const deletions = (ticketId: string) => standin.store(SHOP).deletedDraftOrders.filter((d) => d.tags.includes(repairQuoteTag(ticketId)));
  async function timeline(requestId: string) {
    const events = await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return events.map((e) => e.message ?? "");
  }

  it("GIVEN a quote the customer declines WHEN the bench records it THEN its draft order is deleted in Shopify once, said on the timeline; a second click deletes nothing", async () => {
    const ticket = await quoted();
    const declined = await bench().move(SHOP, ticket.id, { move: "decline", from: "quoted" });
    expect(declined).toEqual({ ok: true, message: `${ticket.job} quote declined by the customer; the piece goes back without work. Its unpaid draft order is deleted in Shopify.` });
    expect(openDrafts(ticket.id)).toEqual([]);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ kind: "draft_delete", status: "succeeded", attempts: 1, shopifyResultId: deletions(ticket.id)[0].id });
    expect(await bench().move(SHOP, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: false, status: 409 });
    await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect((await timeline(ticket.requestId)).filter((m) => /draft order was deleted/.test(m))).toEqual(["The quote's unpaid draft order was deleted in Shopify (confirmed by reading it back)."]);
  });

  it("GIVEN a quote unanswered past its validity WHEN the hourly task expires it THEN its money job deletes the draft order: none open in Shopify, one deletion", async () => {
    const ticket = await quoted();
    expect(await runTask(deps(), "quote-expiry", new Date(NOW.getTime() + 14 * DAY + 1))).toBeGreaterThanOrEqual(1);
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("quote_expired");
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "pending" });
    expect((await runDueJobs(deps(), { workerId: "expiry", now: new Date(Date.now() + 1_000) })).failed).toBe(0);
    expect(openDrafts(ticket.id)).toEqual([]);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("GIVEN Shopify deleted the draft WHEN the app dies before recording it THEN the row stays sent and the reconciler (twice) confirms it by its tag: exactly one deletion", async () => {
    const ticket = await quoted();
    expect(await bench(false).move(SHOP, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    const row = await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP));
    const words = await deleteClosedDrafts(admin, { operations: operations(), crash: (point) => { if (point === "after-call") throw new Error("worker killed"); } }, SHOP, [row!]);
    expect(words).toMatch(/not deleted in Shopify yet .*worker killed.*finished automatically/);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "sent" });
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect(openDrafts(ticket.id)).toEqual([]);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: deletions(ticket.id)[0].id });
  });

  it("GIVEN draftOrderDelete's answer is lost (503 after Shopify deleted it) THEN it is never sent again and the read-back confirms the one deletion", async () => {
    const ticket = await quoted();
    standin.faults.next(1, { kind: "lost", status: 503 }, "graphql", "RepairDraftDelete");
    const declined = await bench().move(SHOP, ticket.id, { move: "decline", from: "quoted" });
    expect(declined).toMatchObject({ ok: true, message: expect.stringMatching(/(Its unpaid draft order is deleted in Shopify\.|not deleted in Shopify yet .*finished automatically\.)$/) });
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(deletions(ticket.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("GIVEN the shopper paid the draft before the decline was sent WHEN the deletion runs THEN the paid draft and its order are kept, the row fails unsent and the team is told", async () => {
    const ticket = await quoted();
    expect(await bench(false).move(SHOP, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    const [draft] = openDrafts(ticket.id);
    const order = payDraftOrder(standin.store(SHOP), draft.id);
    await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(deletions(ticket.id)).toEqual([]);
    expect(standin.store(SHOP).draftOrders.find((d) => d.id === draft.id)?.status).toBe("COMPLETED");
    expect(standin.store(SHOP).orders.find((o) => o.id === order.id)).toBeDefined();
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_DELETE_STEP))).toMatchObject({ status: "failed", lastError: expect.stringMatching(/was paid .*kept, never deleted/) });
    expect((await timeline(ticket.requestId)).filter((m) => /was not deleted/.test(m))).toHaveLength(1);
  });

  it("GIVEN a quoted ticket WHEN it is cancelled THEN its unpaid draft order is deleted too", async () => {
    const ticket = await quoted();
    expect(await bench().move(SHOP, ticket.id, { move: "cancel", from: "quoted", reason: "Customer changed their mind." })).toMatchObject({ ok: true, message: expect.stringMatching(/Its unpaid draft order is deleted in Shopify\.$/) });
    expect(openDrafts(ticket.id)).toEqual([]);
    expect(deletions(ticket.id)).toHaveLength(1);
  });
});
