import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { operationKey, reconcileShop } from "../../app/jobs/money.server";
import { runDueJobs, runTask, type JobDeps } from "../../app/jobs/worker.server";
import { createBench, type Staff } from "../../app/repairs/bench.server";
import { DEPOSIT_REFUND_STEP, QUOTE_DELETE_STEP, RETURN_ORDER_STEP, deleteClosedDrafts, refundDeposit } from "../../app/repairs/closing.server";
import { followPaidQuotes } from "../../app/repairs/quotes.server";
import { createShopperRepairReader } from "../../app/repositories/repair-shopper.server";
import { translator } from "../../app/storefront/i18n";
import { repairSectionHtml } from "../../app/storefront/repair-section.server";
import type { FulfillmentRec } from "../standin/store";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import type { AdminClient } from "../../app/shopify/client.server";
import { repairQuoteTag } from "../../app/shopify/draft-orders.server";
import { returnOrderTag } from "../../app/shopify/parts-orders.server";
import { payDraftOrder, type RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { CustomerRec } from "../standin/store";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";
import { minorOf } from "../standin/money";

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
  /** The same policy with a 30% deposit on redesigns (docs/decisions/023). */
  const withDeposit = { ...policy, services: policy.services.map((s) => (s.service === "redesign" ? { ...s, deposit: { kind: "share" as const, percent: 30 } } : s)) };
  const bench = (withShopify = true, rules = policy) => createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: rules, ...(withShopify ? { admin, operations: operations() } : {}), now: () => NOW });

  let made = 0;
  /** A redesign taken in, assessed and quoted: its draft order made and invoiced. */
  async function quoted(rules = policy) {
    made += 1;
    const store = standin.store(SHOP);
    const ring = addProduct(store, { title: `Signet ring ${made}`, price: 30_000 });
    const bought = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }] });
    const request = await database.db.aftercareRequest.create({
      data: { shop: SHOP, orderId: bought.id, orderName: bought.name, customerName: "Ada Lovelace", customerId: customer.id, customerEmail: customer.email, kind: "service", service: "redesign", currency: "GBP", status: "resolved", resolution: "quote", lines: { create: [{ lineItemId: `gid://shopify/LineItem/8${made}`, title: "Signet ring", quantity: 1, reason: "other" }] } },
    });
    const { ticket } = await repairs().open(SHOP, { requestId: request.id, origin: "quote", work: "Redesign", itemTitle: "Signet ring", currency: "GBP" }, { staffId: "11", staffName: "Eleanor Hart", message: "Repair ticket {job} opened.", at: NOW });
    expect(await bench(false).move(SHOP, ticket.id, { move: "intake", from: "awaiting_item", description: "Yellow metal signet ring.", condition: "Worn face.", termsAccepted: true })).toMatchObject({ ok: true });
    expect(await bench(false).move(SHOP, ticket.id, { move: "assess", from: "received", findings: "Face can be re-cut." })).toMatchObject({ ok: true });
    expect(await bench(true, rules).move(SHOP, ticket.id, { move: "quote", from: "assessed", description: "Redesign", lines: [{ title: "Re-cut the face", quantity: 1, price: "180.00" }] })).toMatchObject({ ok: true, message: expect.stringMatching(/Draft order made and its invoice emailed\.$/) });
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

  const returnOrders = (requestId: string) => standin.store(SHOP).orders.filter((o) => o.tags.includes(returnOrderTag(requestId)));

  it("GIVEN a declined quote WHEN the piece is sent back THEN one zero-price Shopify order posts the customer's own piece to the order's address, for Shopify to fulfil, named on the timeline; a second click makes none", async () => {
    const ticket = await quoted();
    expect(await bench().move(SHOP, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    const sent = await bench().move(SHOP, ticket.id, { move: "send_back", from: "quote_declined" });
    const [order, ...more] = returnOrders(ticket.requestId);
    expect(more).toEqual([]);
    expect(sent).toEqual({ ok: true, message: `${ticket.job} sent back to the customer. Return order ${order.name} made in Shopify at no charge, for Shopify to fulfil.` });
    const store = standin.store(SHOP);
    const original = store.find((await repairs().find(SHOP, ticket.id))!.orderId, "Order")!;
    expect(order.lineItems.map((l) => [l.title, l.quantity, minorOf(l.originalUnitPriceSet), l.requiresShipping])).toEqual([[`${ticket.job}: your Signet ring, returned unrepaired`, 1, 0, true]]);
    expect([order.customerId, order.presentmentCurrencyCode, order.sourceName, store.financialStatus(order), order.shippingAddress?.address1]).toEqual([customer.id, original.presentmentCurrencyCode, "shopify_draft_order", "PAID", original.shippingAddress?.address1]);
    expect(order.transactions).toEqual([]);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, RETURN_ORDER_STEP))).toMatchObject({ kind: "parts_order", status: "succeeded", attempts: 1, shopifyResultId: order.id });
    expect(await bench().move(SHOP, ticket.id, { move: "send_back", from: "quote_declined" })).toMatchObject({ ok: false, status: 409 });
    expect(returnOrders(ticket.requestId)).toHaveLength(1);
    expect((await timeline(ticket.requestId)).filter((m) => /Return order/.test(m))).toEqual([`Return order ${order.name} made in Shopify at no charge: the piece goes back unrepaired, for Shopify to fulfil.`]);

    // The shopper's status page names it: being prepared, then posted with the carrier's tracking once the shop fulfils it in Shopify.
    const section = () => repairSectionHtml({ locale: "en", intl: "en-GB", t: translator("en"), base: "/apps/aftercare", carry: {} }, SHOP, ticket.requestId, { timezone: "Europe/London", shopName: null, admin }, { reader: createShopperRepairReader(database.db), policyOf: async () => policy });
    expect(await section()).toMatch(new RegExp(`Your piece, returned unrepaired: order <bdi dir="ltr" class="ac__amount">${order.name}</bdi>.*your Signet ring, returned unrepaired.*At no charge\\. <span data-aftercare-shipment-status>Being prepared for posting\\.</span>`, "s"));
    const fulfillment: FulfillmentRec = { __typename: "Fulfillment", id: store.nextId("Fulfillment"), orderId: order.id, name: `${order.name}-F1`, status: "SUCCESS", displayStatus: "IN_TRANSIT", createdAt: store.timestamp(), updatedAt: store.timestamp(), inTransitAt: store.timestamp(), deliveredAt: null, estimatedDeliveryAt: null, requiresShipping: true, trackingInfo: [{ __typename: "FulfillmentTrackingInfo", company: "Royal Mail", number: "RM123456785GB", url: "https://www.royalmail.com/track/RM123456785GB" }], fulfillmentLineItems: order.lineItems.map((li) => ({ __typename: "FulfillmentLineItem" as const, id: store.nextId("FulfillmentLineItem"), fulfillmentId: "", lineItemId: li.id, quantity: li.quantity })) };
    order.fulfillments.push(store.index(fulfillment));
    expect(await section()).toContain('<span data-aftercare-shipment-status>Posted.</span> <a href="https://www.royalmail.com/track/RM123456785GB" rel="noopener noreferrer" data-aftercare-tracking>Royal Mail tracking <bdi dir="ltr">RM123456785GB</bdi></a>');
  });

  it("GIVEN an expired quote WHEN the piece is sent back and draftOrderComplete's answer is lost THEN it is never sent blind again: the reconciler (twice) finds the one order by its tag", async () => {
    const ticket = await quoted();
    expect(await runTask(deps(), "quote-expiry", new Date(NOW.getTime() + 14 * DAY + 1))).toBeGreaterThanOrEqual(1);
    standin.faults.next(1, { kind: "lost", status: 503 }, "graphql", "PartsDraftComplete");
    const sent = await bench().move(SHOP, ticket.id, { move: "send_back", from: "quote_expired" });
    expect(sent).toMatchObject({ ok: true, message: expect.stringMatching(/sent back to the customer\. (Return order #\d+ made in Shopify|The return order is not (confirmed by Shopify|made in Shopify) yet)/) });
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("sent_back");
    for (let i = 0; i < 2; i++) {
      await jobs().enqueue(SHOP, { kind: "reconcile", payload: { sweep: true } });
      expect((await runDueJobs(deps(), { workerId: `ret${i}`, now: new Date(Date.now() + 1_000) })).failed).toBe(0);
    }
    expect(returnOrders(ticket.requestId)).toHaveLength(1);
    expect(openDrafts(ticket.id)).toEqual([]);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, RETURN_ORDER_STEP))).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: returnOrders(ticket.requestId)[0].id });
    expect((await timeline(ticket.requestId)).filter((m) => /Return order/.test(m))).toHaveLength(1);
  });

  it("GIVEN Shopify cannot read the order WHEN the piece is sent back (403) THEN 503 and nothing changed", async () => {
    const ticket = await quoted();
    expect(await bench().move(SHOP, ticket.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    standin.faults.next(1, { kind: "status", status: 403 }, "graphql", "PartsOrderSource");
    const refused = await bench().move(SHOP, ticket.id, { move: "send_back", from: "quote_declined" });
    standin.faults.clear();
    expect(refused).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/Nothing changed/) });
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("quote_declined");
    expect(await operations().find(SHOP, operationKey(ticket.requestId, RETURN_ORDER_STEP))).toBeNull();
  });

  /** A redesign quoted at £180 with a 30% deposit, the deposit paid through Shopify: accepted. */
  async function depositPaid() {
    const ticket = await quoted(withDeposit);
    const [draft] = openDrafts(ticket.id);
    const order = payDraftOrder(standin.store(SHOP), draft.id);
    expect((await followPaidQuotes(admin, repairs(), SHOP, order.tags, NOW)).moved).toEqual([ticket.id]);
    expect((await repairs().find(SHOP, ticket.id))?.quote).toMatchObject({ depositMinor: 5_400, orderId: order.id });
    return { ticket, order };
  }
  const refundsOf = (orderId: string) => standin.store(SHOP).refunds.filter((r) => r.orderId === orderId);
  const refundedMinor = (orderId: string) => standin.store(SHOP).orders.find((o) => o.id === orderId)!.transactions.filter((t) => t.kind === "REFUND").reduce((sum, t) => sum + minorOf(t.amountSet.presentmentMoney), 0);

  it("GIVEN a paid deposit WHEN the ticket is cancelled THEN refundCreate gives the deposit back on its own order, in its currency, once; the timeline says so and a second click refunds nothing", async () => {
    const { ticket, order } = await depositPaid();
    const cancelled = await bench(true, withDeposit).move(SHOP, ticket.id, { move: "cancel", from: "quote_accepted", reason: "The customer asked for the piece back." });
    expect(cancelled).toEqual({ ok: true, message: `${ticket.job} cancelled: The customer asked for the piece back. The paid deposit of £54.00 goes back to the customer. Deposit of £54.00 refunded to the original payment in Shopify.` });
    const [refund, ...more] = refundsOf(order.id);
    expect(more).toEqual([]);
    expect(refund.note).toBe(`Aftercare ${operationKey(ticket.requestId, DEPOSIT_REFUND_STEP)}`);
    expect(refundedMinor(order.id)).toBe(5_400);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, DEPOSIT_REFUND_STEP))).toMatchObject({ kind: "refund", status: "succeeded", attempts: 1, amountMinor: 5_400, currency: "GBP", shopifyOrderId: order.id, shopifyResultId: refund.id });
    expect(await bench(true, withDeposit).move(SHOP, ticket.id, { move: "cancel", from: "quote_accepted", reason: "again" })).toMatchObject({ ok: false, status: 409 });
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(refundsOf(order.id)).toHaveLength(1);
    const messages = await timeline(ticket.requestId);
    expect(messages.filter((m) => /Deposit of £54\.00 refunded/.test(m))).toEqual(["Deposit of £54.00 refunded to the original payment in Shopify (the ticket was cancelled)."]);
    expect(messages.some((m) => m.includes("cancelled: The customer asked for the piece back. The paid deposit of £54.00 goes back to the customer."))).toBe(true);
  });

  it("GIVEN Shopify is not at hand THEN a ticket with a paid deposit is not cancelled (503, nothing changed); GIVEN refundCreate's answer is lost after Shopify refunded THEN one refund of the deposit once the reconciler has run twice", async () => {
    const { ticket, order } = await depositPaid();
    expect(await bench(false, withDeposit).move(SHOP, ticket.id, { move: "cancel", from: "quote_accepted", reason: "Changed their mind." })).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/Nothing changed/) });
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("quote_accepted");
    standin.faults.next(1, { kind: "lost", status: 503 }, "graphql", "RefundCreate");
    const cancelled = await bench(true, withDeposit).move(SHOP, ticket.id, { move: "cancel", from: "quote_accepted", reason: "Changed their mind." });
    expect(cancelled).toMatchObject({ ok: true, message: expect.stringMatching(/(Deposit of £54\.00 refunded to the original payment in Shopify|deposit refund .*not confirmed by Shopify yet.*never sent twice)\.$/) });
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(refundsOf(order.id)).toHaveLength(1);
    expect(refundedMinor(order.id)).toBe(5_400);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, DEPOSIT_REFUND_STEP))).toMatchObject({ status: "succeeded", shopifyResultId: refundsOf(order.id)[0].id });
  });

  it("GIVEN the worker dies after refundCreate answered, before the record THEN the reconciler (twice) recognises the refund by its note: exactly one", async () => {
    const { ticket, order } = await depositPaid();
    const key = operationKey(ticket.requestId, DEPOSIT_REFUND_STEP);
    // The cancel move records the refund with it; this bench's send finds no row (it is the dying worker's below).
    const recorded = operations();
    const quiet = createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: withDeposit, admin, operations: { ...recorded, find: async () => null }, now: () => NOW });
    expect(await quiet.move(SHOP, ticket.id, { move: "cancel", from: "quote_accepted", reason: "Changed their mind." })).toMatchObject({ ok: true });
    expect(await operations().find(SHOP, key)).toMatchObject({ status: "pending" });
    const words = await refundDeposit(admin, { operations: operations(), crash: (point) => { if (point === "after-call") throw new Error("worker killed"); } }, SHOP, key);
    expect(words).toMatch(/not confirmed by Shopify yet .*worker killed/);
    expect(refundsOf(order.id)).toHaveLength(1);
    expect(await operations().find(SHOP, key)).toMatchObject({ status: "sent" });
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { operations: operations(), reconcileGraceMs: -1_000 }, SHOP);
    expect(refundsOf(order.id)).toHaveLength(1);
    expect(await operations().find(SHOP, key)).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: refundsOf(order.id)[0].id });
    expect((await timeline(ticket.requestId)).filter((m) => /Deposit of £54\.00 refunded/.test(m))).toHaveLength(1);
  });
});
