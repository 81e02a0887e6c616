// The production server (`npm start`: server.mjs on the built app, spawned on a free port) under
// the health probes and under a database blip. Needs `npx remix build` first. The blip is made on
// this file's own PostgreSQL database only (its backends terminated, new connections refused for a
// while); the shared PostgreSQL server is never restarted.
import { createHmac, randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createShopRepository } from "../../app/repositories/shops.server";
import { startBuiltApp, type RunningApp } from "../support/app-server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";
import { POSTGRES_ADMIN_URL } from "../support/postgres";

const SECRET = "aftercare-production-secret";
const SHOP = "blip.myshopify.com";

function appEnv(database: TestDatabase): Record<string, string> {
  return { SHOPIFY_API_KEY: "aftercare-production-key", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "http://127.0.0.1", DATABASE_URL: database.url, LOG_LEVEL: "warn" };
}

/** One signed orders/updated delivery to the running app; its status, or 0 when no answer came. */
async function deliverWebhook(app: RunningApp): Promise<number> {
  const body = JSON.stringify({ admin_graphql_api_id: `gid://shopify/Order/${Math.floor(Math.random() * 1e9)}`, name: "#1", financial_status: "paid" });
  try {
    const response = await fetch(`${app.url}/webhooks/orders/updated`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/updated",
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Api-Version": "2026-10",
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
        "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      },
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function probe(app: RunningApp, path: string): Promise<{ status: number; type: string | null; text: string }> {
  try {
    const response = await fetch(`${app.url}${path}`, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  } catch (error) {
    return { status: 0, type: null, text: String(error) };
  }
}

async function eventually(what: string, check: () => Promise<boolean>, app: RunningApp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s\n${app.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(testProviders())("the production server on %s: health endpoints", (provider: Provider) => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    app = await startBuiltApp(appEnv(database));
  });
  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
  });

  it("GIVEN `npm start` on the built app WHEN probed THEN /healthz answers ok and /readyz answers 200 JSON with the database and queue checked", async () => {
    const health = await probe(app, "/healthz");
    expect(health).toMatchObject({ status: 200, text: "ok\n" });
    const ready = await probe(app, "/readyz");
    expect(ready.status, ready.text).toBe(200);
    expect(ready.type).toMatch(/^application\/json/);
    expect(JSON.parse(ready.text)).toMatchObject({ ready: true, checks: { database: "ok", queue: expect.stringMatching(/^ok: \d+ due/) } });
  });
});

describe.skipIf(!testProviders().includes("postgresql"))("the production server on PostgreSQL: a database blip", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let name: string;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });

  /** Ends every connection to this file's own database (the app's pools, pg-boss's, Prisma's). */
  const terminate = async () => (await admin.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name])).rows[0] as { n: number };
  const refuseConnections = (refuse: boolean) => admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${refuse ? "false" : "true"}`);

  beforeAll(async () => {
    database = await freshDatabase("postgresql");
    name = new URL(database.url).pathname.slice(1);
    await createShopRepository(database.db).recordInstall(SHOP);
    await database.db.$disconnect();
    await admin.connect();
    app = await startBuiltApp(appEnv(database));
  });
  afterAll(async () => {
    await app?.stop();
    if (name) await refuseConnections(false).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await database?.dispose();
  });

  it("GIVEN the database refuses connections when the first webhooks arrive WHEN it comes back THEN webhooks are accepted and /readyz is ready again without a restart", async () => {
    await refuseConnections(true);
    await terminate();
    const during = await Promise.all(Array.from({ length: 8 }, () => deliverWebhook(app)));
    expect(during.every((status) => status === 500), String(during)).toBe(true);
    expect((await probe(app, "/readyz")).status).toBe(503);
    expect((await probe(app, "/healthz")).status).toBe(200);

    await refuseConnections(false);
    await eventually("a webhook accepted after the database came back", async () => (await deliverWebhook(app)) === 200, app);
    await eventually("/readyz ready after the database came back", async () => (await probe(app, "/readyz")).status === 200, app);
  }, 180_000);

  it("GIVEN webhooks arriving steadily, then a pause WHEN every connection of the app is dropped, under load and while idle THEN the process keeps answering and recovers by itself", async () => {
    const statuses: number[] = [];
    let sending = false;
    let senders: Promise<void>[] = [];
    const send = () => {
      sending = true;
      senders = Array.from({ length: 6 }, async () => {
        while (sending) statuses.push(await deliverWebhook(app));
      });
    };
    const pause = async () => {
      sending = false;
      await Promise.all(senders);
    };

    send();
    await eventually("webhooks accepted under load", async () => statuses.filter((s) => s === 200).length >= 30, app);
    // Under load: connections in the middle of a batch and between two.
    expect((await terminate()).n).toBeGreaterThan(0);
    let mark = statuses.length;
    await eventually("webhooks accepted again after the blip under load", async () => statuses.slice(mark).filter((s) => s === 200).length >= 30, app);

    // While idle: every pooled connection is waiting for the next batch when the server ends it.
    await pause();
    expect((await terminate()).n).toBeGreaterThan(0);
    // The same web process still answers (an unheard pool 'error' would have ended it).
    await eventually("/healthz answering after the idle blip", async () => (await probe(app, "/healthz")).status === 200, app);
    send();
    mark = statuses.length;
    await eventually("webhooks accepted again after the idle blip", async () => statuses.slice(mark).filter((s) => s === 200).length >= 30, app);
    await pause();

    expect(statuses.includes(0), "a delivery got no answer at all (the process went away)").toBe(false);
    await eventually("/readyz ready after the blips", async () => (await probe(app, "/readyz")).status === 200, app);
    expect(app.output()).not.toMatch(/Uncaught|uncaughtException/i);
  }, 180_000);
});
