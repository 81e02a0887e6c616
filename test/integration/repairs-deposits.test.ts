import { randomUUID } from "node:crypto";

import { stringify } from "lossless-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { operationKey } from "../../app/jobs/money.server";
import { intakeWebhook, parseWebhookBody } from "../../app/jobs/webhooks.server";
import { runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createBench, type Staff } from "../../app/repairs/bench.server";
import { BALANCE_INVOICE_STEP, BALANCE_STEP, BALANCE_STEPS, DEPOSIT_INVOICE_STEP, DEPOSIT_STEP, DEPOSIT_STEPS, depositWords } from "../../app/repairs/deposits.server";
import { QUOTE_STEP, sendQuote } from "../../app/repairs/quotes.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import type { AdminClient } from "../../app/shopify/client.server";
import { repairBalanceTag, repairQuoteTag } from "../../app/shopify/draft-orders.server";
import { payDraftOrder, payloadFor, type RunningStandin } from "../standin";
import { minorOf } from "../standin/money";
import { addCustomer } from "../standin/sample-shop";
import type { CustomerRec, OrderRec } from "../standin/store";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

/**
 * Issue 25's deposits against the stand-in, on both databases (docs/decisions/023): a redesign
 * whose service asks 30% first is quoted as a deposit draft order; the ticket is accepted when
 * that is paid; the balance (the quote less the deposit, in pence) is a second draft order
 * invoiced when the piece is ready, and the piece is not handed back until it is paid. A crash
 * between Shopify's answer and the record leaves exactly one draft order per step.
 */
const NOW = new Date("2026-12-07T10:00:00Z");
const PAID_AT = new Date("2026-12-07T11:00:00Z");
/** The bench works the piece after the deposit; the balance is paid after that, and the piece goes back last. */
const WORKED_AT = new Date("2026-12-07T12:00:00Z");
const BALANCE_PAID_AT = new Date("2026-12-07T13:00:00Z");
const BACK_AT = new Date("2026-12-07T14:00:00Z");
const STAFF: Staff = { id: "31", name: "Ines Moreau" };
const LINES = [
  { title: "Re-cut the face to the sketch", quantity: 1, price: "180.00" },
  { title: "Hand engraving, per letter", quantity: 3, price: "12.50" },
];

let standin: RunningStandin;
beforeAll(async () => {
  standin = await gatewayStandin();
});
afterAll(async () => {
  await standin?.close();
});

describe.each(testProviders())("repair deposits paid through Shopify (%s)", (provider) => {
  let database: TestDatabase;
  let admin: AdminClient;
  let customer: CustomerRec;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    await createShopRepository(database.db).recordInstall(SHOP);
    admin = quickClient(standin);
    customer = addCustomer(standin.store(SHOP), { email: `ines-${provider}@example.com` });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** The preset, its redesigns asking a 30% deposit. */
  const policy = (() => {
    const preset = presetPolicy("fine-jewellery");
    return { ...preset, services: preset.services.map((s) => (s.service === "redesign" ? { ...s, deposit: { kind: "share" as const, percent: 30 } } : s)) };
  })();
  const repairs = () => createRepairRepository(database.db);
  const operations = () => createOperationRepository(database.db);
  const jobs = () => createJobRepository(database.db, provider);
  const deps = (now?: () => Date): JobDeps => ({
    ...(now ? { now } : {}),
    requests: createRequestRepository(database.db),
    operations: operations(),
    repairs: repairs(),
    jobs: jobs(),
    dataExports: createExportRepository(database.db),
    adminFor: async () => admin,
    policyOf: async () => policy,
    money: { reconcileGraceMs: -1_000 },
  });
  const bench = (withShopify = true, at = NOW) => createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy, ...(withShopify ? { admin, operations: operations() } : {}), now: () => at });

  let made = 0;
  /** A redesign ticket taken in and assessed: ready to be quoted. */
  async function assessed() {
    made += 1;
    const request = await database.db.aftercareRequest.create({
      data: { shop: SHOP, orderId: `gid://shopify/Order/7${made}`, orderName: `#${3000 + made}`, customerName: "Ines Moreau", customerId: customer.id, customerEmail: customer.email, kind: "service", service: "redesign", currency: "GBP", status: "resolved", resolution: "quote", lines: { create: [{ lineItemId: `gid://shopify/LineItem/7${made}`, title: "Signet ring", quantity: 1, reason: "other" }] } },
    });
    const { ticket } = await repairs().open(SHOP, { requestId: request.id, origin: "quote", work: "Redesign", itemTitle: "Signet ring", currency: "GBP" }, { staffId: STAFF.id, staffName: STAFF.name, message: "Repair ticket {job} opened.", at: NOW });
    expect(await bench(false).move(SHOP, ticket.id, { move: "intake", from: "awaiting_item", description: "Yellow metal signet ring, customer states 9ct gold.", condition: "Worn face.", termsAccepted: true })).toMatchObject({ ok: true });
    expect(await bench(false).move(SHOP, ticket.id, { move: "assess", from: "received", findings: "Face can be re-cut to the sketch." })).toMatchObject({ ok: true });
    return ticket;
  }

  const draftsUnder = (tag: string) => standin.store(SHOP).draftOrders.filter((d) => d.tags.includes(tag));
  const ordersUnder = (tag: string) => standin.store(SHOP).orders.filter((o) => o.tags.includes(tag));

  async function ordersCreate(order: OrderRec, eventId = randomUUID()) {
    const payload = parseWebhookBody(stringify(payloadFor(standin.store(SHOP), "orders/create", order)) ?? "null");
    return intakeWebhook(jobs(), "orders/create", { shop: SHOP, topic: "ORDERS_CREATE", eventId, payload });
  }
  /** The shopper pays a draft order; orders/create is delivered and the worker follows it. */
  async function pay(draftId: string, at = PAID_AT) {
    const order = payDraftOrder(standin.store(SHOP), draftId);
    expect(await ordersCreate(order)).toMatchObject({ status: 200, outcome: "accepted" });
    expect((await runDueJobs(deps(() => at), { workerId: `pay-${randomUUID()}`, now: new Date(Date.now() + 3_600_000) })).failed).toBe(0);
    return order;
  }
  async function history(requestId: string) {
    const events = await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId, type: "repair" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return events.map((e) => ({ actor: e.actor, to: (JSON.parse(e.dataJson) as { to?: string }).to ?? null, message: e.message }));
  }
  /** Reconcile jobs, twice: they finish what is unfinished and attach what was made. */
  async function reconcileTwice() {
    for (let i = 0; i < 2; i++) {
      await jobs().enqueue(SHOP, { kind: "reconcile", payload: { sweep: true } });
      expect(await runDueJobs(deps(), { workerId: `r${i}-${randomUUID()}`, now: new Date(Date.now() + 1_000) })).toEqual({ ran: 1, failed: 0 });
    }
  }

  it("GIVEN a redesign whose service asks a 30% deposit WHEN the deposit is paid and then the rest THEN one deposit draft order accepts the ticket, one balance draft order is invoiced when it is ready, and the piece goes back only once that is paid", async () => {
    const ticket = await assessed();
    const quoted = await bench().move(SHOP, ticket.id, { move: "quote", from: "assessed", description: "Redesign to the sketch", lines: LINES });
    expect(quoted).toEqual({ ok: true, message: expect.stringMatching(/quoted £217\.50: .*Deposit of £65\.25 first: .*the balance of £152\.25 is invoiced when the piece is ready\. Draft order made and its invoice emailed\.$/) });

    const [deposit, ...moreDeposits] = draftsUnder(repairQuoteTag(ticket.id));
    expect(moreDeposits).toEqual([]);
    expect(deposit.lineItems.map((l) => [l.title, l.quantity, minorOf(l.originalUnitPriceSet)])).toEqual([[`${ticket.job}: Deposit: Redesign to the sketch`, 1, 6_525]]);
    expect([deposit.customerId, deposit.presentmentCurrencyCode, deposit.status]).toEqual([customer.id, "GBP", "INVOICE_SENT"]);
    expect(standin.store(SHOP).invoices.filter((i) => i.orderId === deposit.id)).toEqual([expect.objectContaining({ to: customer.email, amountMinor: 6_525 })]);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, DEPOSIT_STEP))).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: deposit.id });
    expect(await operations().find(SHOP, operationKey(ticket.requestId, QUOTE_STEP))).toBeNull();
    expect((await repairs().find(SHOP, ticket.id))?.quote).toMatchObject({ amountMinor: 21_750, depositMinor: 6_525, draftOrderId: deposit.id, balance: { amountMinor: 15_225, draftOrderId: null, paidAt: null } });
    expect(depositWords((await repairs().find(SHOP, ticket.id))!, "en-GB")).toEqual({ deposit: "£65.25 invoiced, not paid yet", balance: "£152.25 due: invoiced when the piece is ready" });

    const depositOrder = await pay(deposit.id);
    expect((await repairs().find(SHOP, ticket.id))).toMatchObject({ state: "quote_accepted", quote: { orderId: depositOrder.id } });

    expect(await bench(true, WORKED_AT).move(SHOP, ticket.id, { move: "start", from: "quote_accepted" })).toMatchObject({ ok: true });
    expect(await bench(true, WORKED_AT).move(SHOP, ticket.id, { move: "finish", from: "at_bench" })).toEqual({ ok: true, message: `${ticket.job} ready. Balance of £152.25 invoiced through Shopify; the piece is handed back once it is paid. Draft order made and its invoice emailed.` });
    const [balance, ...moreBalances] = draftsUnder(repairBalanceTag(ticket.id));
    expect(moreBalances).toEqual([]);
    expect(balance.lineItems.map((l) => [l.title, l.quantity, minorOf(l.originalUnitPriceSet)])).toEqual([[`${ticket.job}: Balance: Redesign to the sketch (less the £65.25 deposit)`, 1, 15_225]]);
    expect(standin.store(SHOP).invoices.filter((i) => i.orderId === balance.id)).toEqual([expect.objectContaining({ to: customer.email, amountMinor: 15_225 })]);
    expect((await repairs().find(SHOP, ticket.id))?.quote?.balance).toMatchObject({ draftOrderId: balance.id, invoiceUrl: balance.invoiceUrl, paidAt: null });
    // What the desk's ticket page says of it.
    expect(depositWords((await repairs().find(SHOP, ticket.id))!, "en-GB")).toEqual({ deposit: "£65.25 paid", balance: "£152.25 due: invoiced, not paid yet" });

    // Not handed back while the balance is unpaid, at the bench or the counter (the same move).
    const refused = await bench(true, WORKED_AT).move(SHOP, ticket.id, { move: "collect", from: "ready" });
    expect(refused).toEqual({ ok: false, status: 409, message: `Not handed back: ${ticket.job}'s balance of £152.25 is not paid yet: the piece is handed back once Shopify shows it paid. Cancel the ticket if the work will not be handed back this way. Nothing changed.` });
    expect((await repairs().find(SHOP, ticket.id))?.state).toBe("ready");

    const balanceOrder = await pay(balance.id, BALANCE_PAID_AT);
    // A second delivery of the same news records nothing twice.
    await ordersCreate(balanceOrder);
    expect((await runDueJobs(deps(() => BACK_AT), { workerId: "again", now: new Date(Date.now() + 3_600_000) })).failed).toBe(0);
    expect((await repairs().find(SHOP, ticket.id))?.quote?.balance).toMatchObject({ orderId: balanceOrder.id, paidAt: BALANCE_PAID_AT });
    expect(depositWords((await repairs().find(SHOP, ticket.id))!, "en-GB")).toEqual({ deposit: "£65.25 paid", balance: "£152.25 paid" });
    expect(await bench(true, BACK_AT).move(SHOP, ticket.id, { move: "send_back", from: "ready" })).toMatchObject({ ok: true });

    expect([draftsUnder(repairQuoteTag(ticket.id)).length, draftsUnder(repairBalanceTag(ticket.id)).length]).toEqual([1, 1]);
    expect(ordersUnder(repairQuoteTag(ticket.id)).map((o) => [o.id, standin.store(SHOP).financialStatus(o)])).toEqual([[depositOrder.id, "PAID"]]);
    expect(ordersUnder(repairBalanceTag(ticket.id)).map((o) => [o.id, standin.store(SHOP).financialStatus(o)])).toEqual([[balanceOrder.id, "PAID"]]);
    const steps = await history(ticket.requestId);
    expect(steps.map((s) => s.to)).toEqual(["awaiting_item", "received", "assessed", "quoted", "quote_accepted", "at_bench", "ready", null, "sent_back"]);
    expect(steps.find((s) => s.to === "quote_accepted")).toEqual({ actor: "shopify", to: "quote_accepted", message: `${ticket.job} deposit paid: draft order ${deposit.name} completed into order ${depositOrder.name}.` });
    expect(steps.filter((s) => s.actor === "shopify" && s.to === null)).toEqual([{ actor: "shopify", to: null, message: `${ticket.job} balance paid: draft order ${balance.name} completed into order ${balanceOrder.name}. The piece can be handed back.` }]);
  });

  it("GIVEN the deposit's draft order made WHEN the app dies before recording it THEN the reconciler finds it by its tag: one deposit draft order, invoiced once, on the ticket", async () => {
    const ticket = await assessed();
    expect(await bench(false).move(SHOP, ticket.id, { move: "quote", from: "assessed", description: "Redesign", lines: LINES })).toMatchObject({ ok: true });
    const crashed = await sendQuote(admin, { repairs: repairs(), operations: operations(), crash: (point) => { if (point === "after-call") throw new Error("worker killed"); } }, SHOP, ticket, DEPOSIT_STEPS);
    expect(crashed).toMatchObject({ draft: "missing", error: expect.stringMatching(/worker killed/) });
    expect(await operations().find(SHOP, operationKey(ticket.requestId, DEPOSIT_STEP))).toMatchObject({ status: "sent" });
    await reconcileTwice();
    const [deposit, ...more] = draftsUnder(repairQuoteTag(ticket.id));
    expect(more).toEqual([]);
    expect(deposit.lineItems.map((l) => minorOf(l.originalUnitPriceSet))).toEqual([6_525]);
    expect(standin.store(SHOP).invoices.filter((i) => i.orderId === deposit.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, DEPOSIT_INVOICE_STEP))).toMatchObject({ status: "succeeded" });
    expect((await repairs().find(SHOP, ticket.id))?.quote).toMatchObject({ draftOrderId: deposit.id });
  });

  it("GIVEN the balance's draft order made WHEN the app dies before recording it THEN the reconciler leaves one balance draft order, invoiced once, on the ticket; the unpaid ticket can still be cancelled", async () => {
    const ticket = await assessed();
    expect(await bench().move(SHOP, ticket.id, { move: "quote", from: "assessed", description: "Redesign", lines: LINES })).toMatchObject({ ok: true });
    await pay(draftsUnder(repairQuoteTag(ticket.id))[0].id);
    expect(await bench(true, WORKED_AT).move(SHOP, ticket.id, { move: "start", from: "quote_accepted" })).toMatchObject({ ok: true });
    expect(await bench(false, WORKED_AT).move(SHOP, ticket.id, { move: "finish", from: "at_bench" })).toMatchObject({ ok: true });
    const crashed = await sendQuote(admin, { repairs: repairs(), operations: operations(), crash: (point) => { if (point === "after-call") throw new Error("worker killed"); } }, SHOP, ticket, BALANCE_STEPS);
    expect(crashed).toMatchObject({ draft: "missing", error: expect.stringMatching(/worker killed/) });
    expect(draftsUnder(repairBalanceTag(ticket.id))).toHaveLength(1);
    await reconcileTwice();
    const [balance, ...more] = draftsUnder(repairBalanceTag(ticket.id));
    expect(more).toEqual([]);
    expect(standin.store(SHOP).invoices.filter((i) => i.orderId === balance.id)).toHaveLength(1);
    expect(await operations().find(SHOP, operationKey(ticket.requestId, BALANCE_STEP))).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: balance.id });
    expect(await operations().find(SHOP, operationKey(ticket.requestId, BALANCE_INVOICE_STEP))).toMatchObject({ status: "succeeded" });
    expect((await repairs().find(SHOP, ticket.id))?.quote?.balance).toMatchObject({ draftOrderId: balance.id, paidAt: null });
    expect(await bench().move(SHOP, ticket.id, { move: "cancel", from: "ready", reason: "The customer will not pay the balance; the piece stays for the team to decide." })).toMatchObject({ ok: true });
  });
});
