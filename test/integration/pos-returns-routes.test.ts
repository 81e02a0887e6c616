import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { engineRefund } from "../../app/desk/actions.server";
import { resolutionsFor } from "../../app/desk/machine";
import type { Decision } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import { createBench } from "../../app/repairs/bench.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import type { CounterReturn, CounterTicket, TakenIn } from "../../app/schemas/pos";
import { legacyId } from "../standin/ids";
import { customerAccountToken } from "../standin/customer-account/harness";
import { sessionToken } from "../standin/tokens";
import { testProviders } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The returns endpoints of Shopify POS (app/routes/api.pos.orders.$id.requests,
 * api.pos.returns.$reference, api.pos.requests.$id.{receive,preview,settle}) on the production
 * build, against the demo shop in the stand-in, on SQLite and PostgreSQL: authenticated as the
 * counter's repair routes are, answering the desk's decisions, and refusing without changing
 * anything. Needs `npx remix build` first, as the other tests of the built app.
 */
const API_KEY = "aftercare-pos-returns";
const API_SECRET = "aftercare-pos-returns-secret";
const OTHER_SHOP = "another-jeweller.myshopify.com";
const PERSON = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

describe.each(testProviders())("the POS endpoints on the built app, returns and the repair counter (%s)", (provider) => {
  let running: RunningDemoApp;
  let shop: string;

  beforeAll(async () => {
    running = await startDemoApp({
      provider,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 7, preset: "fine-jewellery" },
      env: () => ({ LOG_LEVEL: "warn" }),
      prepare: ({ demo }) => {
        demo.standin.addShop({ myshopifyDomain: OTHER_SHOP, name: "Another jeweller" });
      },
    });
    shop = running.demo.summary.domain;
  }, 240_000);

  afterAll(async () => {
    await running?.close();
  });

  const tokenFor = (forShop: string, secret = API_SECRET) => sessionToken({ shop: forShop, apiKey: API_KEY, apiSecret: secret });
  async function call<T = Record<string, unknown>>(path: string, token: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${running.app.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "User-Agent": PERSON, Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => ({}))) as T };
  }

  async function newReturn(): Promise<RequestRecord> {
    const all = await createRequestRepository(running.database.db).list(shop, { status: ["requested"], take: 200 });
    const found = all.find((r) => {
      const figure = engineRefund(r);
      return r.kind === "return" && !r.lines.some((l) => l.exchangeVariantId) && figure && figure.amountMinor > 0 && figure.currency === r.currency && resolutionsFor(r.kind, engineDecisionOf(r.decision) as Decision | null).includes("refund");
    });
    if (!found) throw new Error("the demo has no new return the engine refunds");
    return found;
  }

  const refundsFor = (request: RequestRecord) => running.demo.standin.engine.store(shop).refunds.filter((r) => r.orderId === request.orderId && (r.note ?? "").includes(request.id));

  it("GIVEN a new return WHEN POS finds it on its order and by number, receives it and settles it twice THEN the desk's figure is shown and refunded once", { timeout: 90_000 }, async () => {
    const request = await newReturn();
    const mine = tokenFor(shop);
    const figure = engineRefund(request)!;
    const amount = formatMoneyIn(figure.amountMinor, figure.currency, "en-GB");

    const onOrder = await call<{ requests: CounterReturn[] }>(`/api/pos/orders/${legacyId(request.orderId)}/requests`, mine);
    expect(onOrder.status).toBe(200);
    const listed = onOrder.json.requests.find((r) => r.id === request.id);
    expect(listed).toMatchObject({ reference: `R-${request.number}`, status: "requested", receivable: true, settleable: false, refund: amount });
    const byNumber = await call<CounterReturn>(`/api/pos/returns/R-${request.number}`, mine);
    expect(byNumber).toEqual({ status: 200, json: listed });

    const received = await call<CounterReturn>(`/api/pos/requests/${request.id}/receive`, mine, { from: "requested" });
    expect(received).toMatchObject({ status: 200, json: { status: "received", settleable: true } });
    const preview = await call(`/api/pos/requests/${request.id}/preview`, mine, { method: "refund" });
    expect(preview).toMatchObject({ status: 200, json: { method: "refund", formatted: amount } });

    const taps = await Promise.all([call(`/api/pos/requests/${request.id}/settle`, mine, { method: "refund" }), call(`/api/pos/requests/${request.id}/settle`, mine, { method: "refund" })]);
    expect(taps.map((t) => t.status).sort()).toEqual(taps.some((t) => t.status === 409) ? [200, 409] : [200, 200]);
    expect(refundsFor(request)).toHaveLength(1);
    const after = await createRequestRepository(running.database.db).find(shop, request.id);
    expect(after?.resolution).toBe("refund");
    expect(await running.database.db.operation.count({ where: { shop, requestId: request.id } })).toBe(1);
  });

  it("GIVEN the returns endpoints WHEN called with a forged or a shopper's token, for another shop, from a stale screen or with bad input THEN 401, 404, 409 and 400 with a sentence, and nothing changes", { timeout: 90_000 }, async () => {
    const request = await newReturn();
    const mine = tokenFor(shop);
    const other = tokenFor(OTHER_SHOP);
    const shopper = customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: "1" });
    const events = () => running.database.db.requestEvent.count({ where: { requestId: request.id } });
    const before = await events();
    const answers = {
      "a forged token": await call(`/api/pos/orders/${legacyId(request.orderId)}/requests`, tokenFor(shop, "not-the-secret")),
      "a shopper's token": await call(`/api/pos/requests/${request.id}/receive`, shopper, { from: "requested" }),
      "another shop's order": await call(`/api/pos/orders/${legacyId(request.orderId)}/requests`, other),
      "another shop's customer": await call(`/api/pos/customers/${legacyId(request.customerId ?? "gid://shopify/Customer/1")}/requests`, other),
      "another shop's number": await call(`/api/pos/returns/R-${request.number}`, other),
      "another shop receiving it": await call(`/api/pos/requests/${request.id}/receive`, other, { from: "requested" }),
      "another shop settling it": await call(`/api/pos/requests/${request.id}/settle`, other, { method: "refund" }),
      "a screen showing it approved": await call(`/api/pos/requests/${request.id}/receive`, mine, { from: "approved" }),
      "settling before it is received": await call(`/api/pos/requests/${request.id}/preview`, mine, { method: "refund" }),
      "no state shown": await call(`/api/pos/requests/${request.id}/receive`, mine, {}),
      "settled in cash": await call(`/api/pos/requests/${request.id}/settle`, mine, { method: "cash" }),
      "not a request number": await call(`/api/pos/returns/ring`, mine),
      "not a request id": await call(`/api/pos/requests/..%2F/settle`, mine, { method: "refund" }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
      "a forged token": 401,
      "a shopper's token": 401,
      "another shop's order": 200,
      "another shop's customer": 200,
      "another shop's number": 404,
      "another shop receiving it": 404,
      "another shop settling it": 404,
      "a screen showing it approved": 409,
      "settling before it is received": 409,
      "no state shown": 400,
      "settled in cash": 400,
      "not a request number": 400,
      "not a request id": 404,
    });
    expect(answers["another shop's order"].json).toEqual({ requests: [] });
    expect(answers["another shop's customer"].json).toEqual({ requests: [] });
    expect(answers["settled in cash"].json.error).toMatch(/refund to the original payment or store credit.*Nothing was sent/);
    expect(answers["not a request number"].json.error).toMatch(/reads like R-12/);
    expect(answers["a screen showing it approved"].json.error).toEqual(expect.any(String));
    expect(await events()).toBe(before);
    expect((await createRequestRepository(running.database.db).find(shop, request.id))?.status).toBe("requested");
    expect(refundsFor(request)).toHaveLength(0);

    // Received at the counter, then a colleague's tablet still showing it new: 409 naming who moved it.
    expect((await call(`/api/pos/requests/${request.id}/receive`, mine, { from: "requested" })).status).toBe(200);
    const stale = await call(`/api/pos/requests/${request.id}/receive`, tokenFor(shop), { from: "requested" });
    expect(stale.status).toBe(409);
    expect(String(stale.json.error)).toMatch(/approved|received/i);
  });
  it("GIVEN a piece of an order at the counter WHEN POS takes it in twice with one key, the tile finds its job and hands it back once the bench is done THEN one request and ticket, collected once; another shop's token and a stale screen change nothing", { timeout: 90_000 }, async () => {
    const mine = tokenFor(shop);
    const other = tokenFor(OTHER_SHOP);
    const orderGid = running.demo.summary.featuredOrderIds.recent;
    const order = running.demo.standin.engine.store(shop).orders.find((o) => o.id === orderGid)!;
    const line = order.lineItems.find((l) => /Cocktail Ring/.test(l.title)) ?? order.lineItems[0];
    const intake = {
      lineId: line.id,
      service: "cleaning",
      description: "Yellow metal ring, one white stone, customer states 18ct gold and diamond.",
      condition: "Light scratches on the shank; claws intact.",
      declaredValue: "1200.00",
      termsAccepted: true,
      idempotencyKey: `counter-${provider}-0123456789abcdef`,
    };
    const taps = await Promise.all([call<TakenIn>(`/api/pos/orders/${legacyId(orderGid)}/intake`, mine, intake), call<TakenIn>(`/api/pos/orders/${legacyId(orderGid)}/intake`, mine, intake)]);
    expect(taps.map((t) => t.status)).toEqual([200, 200]);
    expect(taps[1].json.job).toBe(taps[0].json.job);
    const taken = taps[0].json;
    expect(taken).toMatchObject({ job: expect.stringMatching(/^J-\d+$/), state: "received", collectable: false, intakeDescription: intake.description });
    const repairs = createRepairRepository(running.database.db);
    const ticket = (await repairs.byNumber(shop, Number(taken.job.slice(2))))!;
    expect(await running.database.db.repairTicket.count({ where: { shop, requestId: ticket.requestId } })).toBe(1);
    expect(await running.database.db.aftercareRequest.count({ where: { shop, orderId: orderGid, service: "cleaning", status: "received" } })).toBe(1);

    expect(await call(`/api/pos/jobs/${taken.job}`, other)).toMatchObject({ status: 404 });
    expect(await call(`/api/pos/tickets/${ticket.id}/collect`, other, { from: "received" })).toMatchObject({ status: 404 });
    expect(await call(`/api/pos/jobs/ring`, mine)).toMatchObject({ status: 422 });
    // Not finished yet: handing it back is refused with the reason, and nothing moves.
    expect(await call(`/api/pos/tickets/${ticket.id}/collect`, mine, { from: "received" })).toMatchObject({ status: 422, json: { error: expect.stringMatching(/cannot be collected/) } });
    expect((await repairs.find(shop, ticket.id))?.state).toBe("received");

    const bench = createBench({ repairs, staff: { id: "9100000002", name: "Sam Bench" }, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: null });
    for (const [move, from, extra] of [
      ["assess", "received", { findings: "Dirty setting; stones secure." }],
      ["start", "assessed", {}],
      ["finish", "at_bench", {}],
    ] as const) {
      expect(await bench.move(shop, ticket.id, { move, from, ...extra })).toMatchObject({ ok: true });
    }
    const found = await call<CounterTicket>(`/api/pos/jobs/${taken.job}`, mine);
    expect(found).toMatchObject({ status: 200, json: { id: ticket.id, state: "ready", collectable: true } });
    const handed = await Promise.all([call(`/api/pos/tickets/${ticket.id}/collect`, mine, { from: "ready" }), call(`/api/pos/tickets/${ticket.id}/collect`, tokenFor(shop), { from: "ready" })]);
    expect(handed.map((h) => h.status).sort()).toEqual([200, 409]);
    expect((await repairs.find(shop, ticket.id))?.state).toBe("collected");
    const moves = await running.database.db.requestEvent.findMany({ where: { shop, requestId: ticket.requestId, type: "repair" } });
    expect(moves.filter((e) => (JSON.parse(e.dataJson) as { move?: string }).move === "collect")).toHaveLength(1);
  });
});
