// `npm run bench:eligibility`: the shopper's eligibility answer (requestFlow.orderView: the
// Shopify reads, the stored requests, the engine once per kind, the view) for a 20-line order,
// sent open-loop at 200 requests a second, on SQLite and on PostgreSQL. Latency is measured from
// each request's scheduled start, so queueing behind slow ones counts. Results go to
// bench/results/eligibility.json with the machine they ran on. Timing lives here, never in tests.
import "@shopify/shopify-api/adapters/node";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { ApiVersion, Session, shopifyApi } from "@shopify/shopify-api";
import pg from "pg";

import { createDatabase } from "../app/platform/db-client.server";
import { presetPolicy } from "../app/domain";
import { createPublishedCache } from "../app/policies/published-cache.server";
import { createPolicyService } from "../app/policies/service.server";
import { createPolicyRepository } from "../app/repositories/policies.server";
import { createRequestRepository } from "../app/repositories/requests.server";
import { createShopRepository } from "../app/repositories/shops.server";
import { createRequestFlow, ORDER_CACHE_SECONDS } from "../app/requests/flow.server";
import { routeShopTrafficTo } from "../app/shopify/admin-origin.server";
import { adminClient, type AdminGraphql } from "../app/shopify/client.server";
import { startStandin } from "../test/standin";
import { addCustomer, addPaidOrder, addProduct } from "../test/standin/sample-shop";

const SHOP = "bench-jeweller.myshopify.com";
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = 100;
const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SCOPES = ["read_orders", "write_returns", "read_returns", "read_products", "read_customers", "read_discounts"];

function migrate(url: string) {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, stdio: "ignore" });
}

async function database(provider: "sqlite" | "postgresql") {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-bench-"));
    const url = `file:${join(dir, "bench.sqlite")}`;
    migrate(url);
    return { url, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `aftercare_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  migrate(url.toString());
  return {
    url: url.toString(),
    dispose: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(provider: "sqlite" | "postgresql") {
  // Shopify's rate limit is lifted here: at 200 requests a second one shop would be throttled by
  // Shopify itself; what is measured is the app's answer with Shopify answering promptly.
  const standin = await startStandin({ apiKey: "bench", apiSecret: "bench-secret", appUrl: "http://127.0.0.1:9", scopes: SCOPES, shops: [{ myshopifyDomain: SHOP }], webhooks: { subscriptions: [] }, throttle: { maximumAvailable: 1e9, restoreRate: 1e9 } });
  routeShopTrafficTo(standin.origin);
  const store = standin.store(SHOP);
  const customer = addCustomer(store);
  const lines = Array.from({ length: 20 }, (_, i) => ({ variant: addProduct(store, { title: `Piece ${i + 1}`, price: 5_000 + i * 250, productType: i % 5 === 0 ? "Earrings" : "Rings", tags: i % 5 === 0 ? ["pierced"] : [] }).variant, quantity: 1 }));
  const order = addPaidOrder(store, { customer, lines, shipping: 495, createdAt: new Date(Date.now() - 5 * 86_400_000).toISOString(), deliveredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });

  const api = shopifyApi({ apiKey: "bench", apiSecretKey: "bench-secret", apiVersion: ApiVersion.October26, hostName: "127.0.0.1:3000", hostScheme: "http", isEmbeddedApp: true, scopes: SCOPES, logger: { level: 0 }, future: {} });
  const session = new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: standin.issueAccessToken(SHOP, SCOPES), scope: SCOPES.join(",") });
  const live: AdminGraphql = async (query, options) => {
    const client = new api.clients.Graphql({ session });
    const response = await client.request(query, { variables: options?.variables });
    return new Response(JSON.stringify(response));
  };
  // Shopify's answers, read once from the stand-in and then replayed: executing the 2026-10
  // schema in this process costs ~55 ms a request (it is Shopify's time, on Shopify's servers),
  // which on two shared cores caps the run near 18 requests a second. Replaying measures the app's
  // own part: the library client, the gateway's mapping, the database, the engine and the view.
  const recorded = new Map<string, string>();
  const graphql: AdminGraphql = async (query, options) => {
    const key = `${query}\n${JSON.stringify(options?.variables ?? {})}`;
    let text = recorded.get(key);
    if (text === undefined) {
      text = await (await live(query, options)).text();
      recorded.set(key, text);
    }
    return new Response(text);
  };

  const db = await database(provider);
  const prisma = createDatabase(db.url);
  // The published policy as deployed (app/policies/index.server.ts): a stored version, parsed
  // once and reused while the live version's stamp (one indexed query per request) is unchanged.
  const policyRepository = createPolicyRepository(prisma);
  await policyRepository.publish(SHOP, JSON.stringify(presetPolicy("fine-jewellery")), { note: "bench" });
  const service = createPolicyService({ policies: policyRepository, shops: createShopRepository(prisma) });
  const published = createPublishedCache(
    async (shop) => {
      const { policy, versionId } = await service.live(shop);
      return { policy, versionId };
    },
    (shop) => policyRepository.liveStamp(shop),
  );
  const flow = createRequestFlow({
    requests: createRequestRepository(prisma),
    policies: (shop) => published.get(shop),
    secret: "bench-secret",
    photos: { exists: async () => false },
    orderLookups: { consume: async () => true },
    // As deployed (app/requests/index.server.ts): Shopify is asked for the order once per
    // ORDER_CACHE_SECONDS, the stored requests are read on every request.
    orderCacheSeconds: ORDER_CACHE_SECONDS,
  });
  const ctx = { shop: SHOP, viewer: { type: "customer" as const, customerId: customer.id }, admin: adminClient(graphql) };
  try {
    for (let i = 0; i < WARMUP; i++) await flow.orderView(ctx, order.id);
    const total = RATE * SECONDS;
    const latencies: number[] = [];
    let errors = 0;
    const start = performance.now() + 50;
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const scheduled = start + (i * 1000) / RATE;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          const view = await flow.orderView(ctx, order.id);
          if (view.lines.length !== 20) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - scheduled);
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      provider,
      lines: 20,
      requests: total,
      targetRate: RATE,
      achievedRate: Number((total / elapsed).toFixed(1)),
      errors,
      p50Ms: Number(percentile(latencies, 50).toFixed(2)),
      p95Ms: Number(percentile(latencies, 95).toFixed(2)),
      p99Ms: Number(percentile(latencies, 99).toFixed(2)),
      maxMs: Number(latencies[latencies.length - 1].toFixed(2)),
    };
  } finally {
    await prisma.$disconnect();
    await db.dispose();
    await standin.close();
  }
}

const results = [];
for (const provider of ["sqlite", "postgresql"] as const) {
  const result = await run(provider);
  results.push(result);
  console.log(JSON.stringify(result));
}
const output = {
  what: "requestFlow.orderView for a 20-line order (fine-jewellery preset: return, faulty, warranty and 5 services decided per line), open-loop at the target rate, latency from each request's scheduled start",
  setup: "app code in one Node process, wired as deployed: the published policy parsed once per live version (its stamp read on every request, one indexed query), the order kept for ORDER_CACHE_SECONDS after Shopify's answer with its entitlements decided once per day and state of the stored requests, the order's stored requests read on every request (one SQL join); Shopify's answers read once from the stand-in (Admin GraphQL on the 2026-10 schema) and replayed, so Shopify's own time and rate limit are not counted; database local (SQLite file, PostgreSQL on 127.0.0.1, sharing the machine's cores)",
  orderCacheSeconds: ORDER_CACHE_SECONDS,
  notShopify: "with the stand-in executing every query in the same process, the run reached 18 requests/s on this machine: the stand-in's GraphQL execution (~55 ms a request) is the cost, not the app's",
  loadNote: "2 cores shared with other work: read `machine.loadavg`; a load above 2 means the run had less than the whole machine",
  target: { p99Ms: 50, rate: 200 },
  results,
  pass: results.every((r) => r.p99Ms <= 50 && r.errors === 0),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavg: loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
  at: new Date().toISOString(),
};
writeFileSync(join("bench", "results", "eligibility.json"), `${JSON.stringify(output, null, 2)}\n`);
console.log(`p99: ${results.map((r) => `${r.provider} ${r.p99Ms} ms`).join(", ")} (target ≤ 50 ms at ${RATE}/s)`);
