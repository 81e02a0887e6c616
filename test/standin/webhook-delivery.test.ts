import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Duplex } from "node:stream";

import { afterEach, describe, expect, it } from "vitest";

import { SHOPIFY_RETRY_SCHEDULE_MS, Webhooks, type WebhookClock } from "./webhooks";

/**
 * Delivery as Shopify documents it (https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks):
 * a one-second connection timeout, five seconds for the whole request, and without a 2xx answer
 * 8 retries over the next 4 hours (the steps between them are the stand-in's choice).
 */
let server: Server | undefined;
let webhooks: Webhooks | undefined;

afterEach(async () => {
  webhooks?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function app(answer: (n: number) => number | "hang"): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    const status = answer(++n);
    if (status !== "hang") res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** A clock the test controls: each wait moves time on at once and is recorded. */
function fakeClock(start = Date.parse("2026-11-01T09:00:00Z")): WebhookClock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return { waits, now: () => new Date(now), sleep: async (ms) => void (waits.push(ms), (now += ms)) };
}

const subscriptions = [{ topic: "orders/updated", uri: "/webhooks/orders/updated" }];

describe("webhook delivery", () => {
  it("GIVEN an app that keeps failing WHEN a webhook is sent THEN 8 retries over 4 hours, on the test's clock", async () => {
    const appUrl = await app(() => 500);
    const clock = fakeClock();
    webhooks = new Webhooks({ appUrl, apiSecret: "s" }, { subscriptions, clock });
    const [delivery] = webhooks.send("shop.myshopify.com", "orders/updated", { id: 1 });
    await webhooks.idle();

    expect(delivery.state).toBe("failed");
    expect(delivery.attempts).toHaveLength(9);
    expect(clock.waits).toEqual(SHOPIFY_RETRY_SCHEDULE_MS);
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBe(4 * 3600 * 1000);
    expect(delivery.attempts.at(-1)?.at).toBe("2026-11-01T13:00:00.000Z");
    expect(delivery.attempts.every((a) => a.status === 500)).toBe(true);
  });

  it("GIVEN an app that recovers WHEN the third retry reaches it THEN delivered, and no more tries", async () => {
    const appUrl = await app((n) => (n < 4 ? 503 : 200));
    const clock = fakeClock();
    webhooks = new Webhooks({ appUrl, apiSecret: "s" }, { subscriptions, clock });
    const [delivery] = webhooks.send("shop.myshopify.com", "orders/updated", { id: 1 });
    await webhooks.idle();
    expect(delivery.state).toBe("delivered");
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
    expect(clock.waits).toEqual(SHOPIFY_RETRY_SCHEDULE_MS.slice(0, 3));
  });

  it("GIVEN a connection that is never made WHEN delivering THEN the attempt fails after one second", async () => {
    // A connection that never completes (the host does not answer SYN): writes vanish, no 'connect'.
    const blackHole = () => new Duplex({ read() {}, write(_chunk, _encoding, done) { done(); } }) as unknown as Socket;
    webhooks = new Webhooks({ appUrl: "http://192.0.2.1", apiSecret: "s" }, { subscriptions, clock: fakeClock(), attempts: 1, createConnection: blackHole });
    const started = Date.now();
    const [delivery] = webhooks.send("shop.myshopify.com", "orders/updated", { id: 1 });
    await webhooks.idle();
    expect(delivery.state).toBe("failed");
    expect(delivery.attempts[0].error).toBe("connection not made within 1000 ms");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("GIVEN an app that accepts but never answers WHEN delivering THEN the attempt fails at the request timeout and is retried", async () => {
    const appUrl = await app((n) => (n === 1 ? "hang" : 200));
    webhooks = new Webhooks({ appUrl, apiSecret: "s" }, { subscriptions, clock: fakeClock(), timeoutMs: 200 });
    const [delivery] = webhooks.send("shop.myshopify.com", "orders/updated", { id: 1 });
    await webhooks.idle();
    expect(delivery.attempts.map((a) => a.error ?? a.status)).toEqual(["no answer within 200 ms", 200]);
    expect(delivery.state).toBe("delivered");
  });
});
