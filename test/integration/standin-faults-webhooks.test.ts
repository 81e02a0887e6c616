import "@shopify/shopify-api/adapters/node";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startStandin, type RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { subscriptionsFromToml } from "../standin/webhooks";

const SHOP = "demo-jeweller.myshopify.com";
const API_KEY = "standin-test-key";
const API_SECRET = "standin-test-secret";

type Received = { path: string; headers: Record<string, string>; body: string; check: unknown; tampered: unknown };
const shopify = shopifyApi({ apiKey: API_KEY, apiSecretKey: API_SECRET, apiVersion: ApiVersion.October26, hostName: "127.0.0.1", isEmbeddedApp: true, logger: { level: 0 } });

let standin: RunningStandin;
let receiver: Server;
let received: Received[] = [];
/** Statuses the receiving app answers with, in turn; 200 once exhausted. */
let answers: number[] = [];
let token: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // The library's own check, on the raw request as the app receives it, and with one byte changed.
      const check = await shopify.webhooks.validate({ rawBody: body, rawRequest: req, rawResponse: res });
      const tampered = await shopify.webhooks.validate({ rawBody: `${body.slice(0, -1)} `, rawRequest: req, rawResponse: res });
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body, check, tampered });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  standin = await startStandin({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    appUrl,
    shops: [{ myshopifyDomain: SHOP }],
    webhooks: { subscriptions: [...subscriptionsFromToml(`[[webhooks.subscriptions]]\ntopics = [ "app/uninstalled", "refunds/create", "returns/request" ]\nuri = "/webhooks"\n[[webhooks.subscriptions]]\ncompliance_topics = [ "customers/redact" ]\nuri = "/webhooks/customers/redact"\n`).subscriptions], attempts: 3, backoffMs: 5 },
  });
  token = standin.issueAccessToken(SHOP);
});

afterEach(() => {
  received = [];
  answers = [];
  standin.faults.clear(7);
  // Each test starts with a full bucket, as after a quiet minute: a throttled fault drains it.
  standin.engine.drainBucket(SHOP, standin.engine.throttleStatus(SHOP).maximumAvailable);
});

afterAll(async () => {
  await standin.close();
  await new Promise((r) => receiver.close(r));
});

function graphql(query: string) {
  return fetch(`${standin.origin}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-shop-domain": SHOP, "x-shopify-access-token": token },
    body: JSON.stringify({ query }),
  });
}

describe("faults on demand", () => {
  it("GIVEN 429, 503 and THROTTLED for the next calls WHEN the app calls THEN it meets each once, then normal service", async () => {
    standin.faults.next(1, { kind: "status", status: 429, retryAfter: 2 }).next(1, { kind: "status", status: 503 }).next(1, { kind: "throttled" });
    const first = await graphql("{ shop { name } }");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2.0");
    expect((await graphql("{ shop { name } }")).status).toBe(503);
    const throttled = await graphql("{ shop { name } }");
    expect(throttled.status).toBe(200);
    const body = (await throttled.json()) as { extensions: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } } };
    expect(body).toMatchObject({ errors: [{ extensions: { code: "THROTTLED" } }] });
    // As a client would: wait until the bucket holds the query's cost again, then it goes through.
    const { requestedQueryCost, throttleStatus } = body.extensions.cost;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(((requestedQueryCost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate) * 1_000) + 10));
    expect(await (await graphql("{ shop { name } }")).json()).toMatchObject({ data: { shop: { name: "Demo Jeweller" } } });
  });

  it("GIVEN a dropped connection WHEN the app calls THEN fetch fails without an answer", async () => {
    standin.faults.next(1, { kind: "drop" });
    await expect(graphql("{ shop { name } }")).rejects.toThrow();
    expect((await graphql("{ shop { name } }")).status).toBe(200);
  });

  it("GIVEN a seeded share of 500s WHEN replayed with the same seed THEN the same calls fail", async () => {
    const run = async () => {
      standin.faults.clear(42).share(0.5, { kind: "status", status: 500 });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await graphql("{ shop { id } }")).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it("GIVEN a slow fault WHEN the app calls with a shorter timeout THEN it gives up", async () => {
    standin.faults.next(1, { kind: "slow", ms: 300 });
    await expect(fetch(`${standin.origin}/admin/api/2026-10/graphql.json`, { method: "POST", headers: { "x-shopify-shop-domain": SHOP, "x-shopify-access-token": token }, body: "{}", signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });
});

describe("webhooks", () => {
  async function refund() {
    const store = standin.store(SHOP);
    const { variant } = addProduct(store, { title: "Clip-on earrings", price: 9000 });
    const order = addPaidOrder(store, { customer: addCustomer(store), lines: [{ variant, quantity: 1 }] });
    const response = await graphql(`mutation { refundCreate(input: { orderId: "${order.id}", refundLineItems: [{ lineItemId: "${order.lineItems[0].id}", quantity: 1 }], transactions: [{ orderId: "${order.id}", parentId: "${order.transactions[0].id}", amount: "90.00", gateway: "shopify_payments", kind: REFUND }] }) @idempotent(key: "${order.id}") { refund { id } userErrors { message } } }`);
    return (await response.json()) as { data: { refundCreate: { refund: { id: string } } } };
  }

  it("GIVEN a refund WHEN it is created THEN refunds/create arrives signed as Shopify signs, and the library accepts it", async () => {
    const result = await refund();
    await standin.webhooks.idle();
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook.headers["x-shopify-topic"]).toBe("refunds/create");
    expect(hook.headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(hook.headers["x-shopify-api-version"]).toBe("2026-10");
    expect(hook.headers["x-shopify-event-id"]).toBeTruthy();
    expect(JSON.parse(hook.body)).toMatchObject({ admin_graphql_api_id: result.data.refundCreate.refund.id, transactions: [{ kind: "refund", amount: "90.0" }] });
    expect(hook.check).toMatchObject({ valid: true, topic: "REFUNDS_CREATE", domain: SHOP, webhookId: hook.headers["x-shopify-webhook-id"] });
    expect(hook.tampered).toMatchObject({ valid: false, reason: "invalid_hmac" });
  });

  it("GIVEN the app answers 500 twice WHEN a webhook is sent THEN it is retried until delivered", async () => {
    answers = [500, 500];
    const [delivery] = standin.uninstall(SHOP);
    await standin.webhooks.idle();
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(delivery.state).toBe("delivered");
    expect(JSON.parse(received[2].body)).toMatchObject({ myshopify_domain: SHOP });
    expect((await graphql("{ shop { id } }")).status).toBe(401);
    token = standin.issueAccessToken(SHOP);
  });

  it("GIVEN duplicates and held deliveries WHEN released THEN the app sees the same event twice and events out of order", async () => {
    standin.webhooks.duplicateNext(1);
    standin.webhooks.send(SHOP, "app/uninstalled", { n: 1 });
    await standin.webhooks.idle();
    expect(received).toHaveLength(2);
    expect(received[0].headers["x-shopify-event-id"]).toBe(received[1].headers["x-shopify-event-id"]);
    expect(received[0].headers["x-shopify-webhook-id"]).toBe(received[1].headers["x-shopify-webhook-id"]);

    received = [];
    standin.webhooks.hold();
    standin.webhooks.send(SHOP, "app/uninstalled", { n: 1 });
    standin.webhooks.send(SHOP, "app/uninstalled", { n: 2 });
    standin.webhooks.release("reverse");
    await standin.webhooks.idle();
    expect(received.map((r) => JSON.parse(r.body).n)).toEqual([2, 1]);
  });

  it("GIVEN a privacy request WHEN the stand-in sends customers/redact THEN it names the customer and their orders, signed", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "redact-me@example.com" });
    const { variant } = addProduct(store, { title: "Bracelet", price: 5000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant, quantity: 1 }] });
    standin.compliance(SHOP, "customers/redact", customer.id);
    await standin.webhooks.idle();
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe("/webhooks/customers/redact");
    expect(received[0].check).toMatchObject({ valid: true, topic: "CUSTOMERS_REDACT" });
    expect(JSON.parse(received[0].body)).toEqual({
      shop_id: expect.any(Number),
      shop_domain: SHOP,
      customer: { id: Number(customer.id.split("/").pop()), email: "redact-me@example.com", phone: null },
      orders_to_redact: [Number(order.id.split("/").pop())],
    });
  });

  it("GIVEN the app's shopify.app.toml WHEN read THEN its topics and compliance topics are subscribed", () => {
    const toml = subscriptionsFromToml(readFileSync("shopify.app.toml", "utf8"));
    expect(toml.apiVersion).toBe("2026-10");
    expect(toml.subscriptions).toEqual(expect.arrayContaining([{ topic: "app/uninstalled", uri: "/webhooks/app/uninstalled" }, { topic: "shop/redact", uri: "/webhooks/shop/redact" }]));
  });
});
