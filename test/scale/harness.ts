// The scale run on PostgreSQL: two web processes and two workers on one database, the Shopify
// stand-in as the shop, N signed webhooks (some delivered twice, as Shopify does) and M recorded
// money operations (store credits, each job enqueued twice) driven through the queue, and one
// worker killed with SIGKILL mid-run. Used by test/integration/scale-postgresql.test.ts (small
// numbers) and bench/scale.ts (`npm run bench:scale`). Nothing lost: every event processed, every
// operation succeeded. Nothing done twice: one credit per operation on the stand-in's books.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { join } from "node:path";

import { createDatabase } from "../../app/platform/db-client.server";
import { operationKey } from "../../app/jobs/money.server";
import { createJobQueue } from "../../app/jobs/queue.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { appScopes, startDemo } from "../../scripts/demo-standin";
import { DEMO_SHOP_DOMAIN } from "../standin/seed";
import { freePort } from "../support/app-server";
import { decidedRequest } from "../support/money-requests";

export const SCALE_SECRET = "aftercare-scale-secret";
const SHOP = DEMO_SHOP_DOMAIN;

/**
 * Short enough for a run of a minute: a killed worker's jobs come back after 10 s without a
 * heartbeat, and a retry waits 1 s, then 2 s …
 */
const QUEUE_SETTINGS = { heartbeatSeconds: 10, superviseSeconds: 2, retryDelaySeconds: 1, pollMs: 500, concurrency: 4 } as const;

export type ScaleOptions = { databaseUrl: string; webhooks: number; moneyOperations: number; log?: (line: string) => void; drainTimeoutMs?: number };

export type ScaleResult = {
  webhooks: { sent: number; deliveries: number; statuses: Record<string, number>; outcomes: Record<string, number>; errorSamples: string[]; events: number; unprocessed: number };
  money: { operations: number; byStatus: Record<string, number>; creditsOnStandin: number; operationsCreditedTwice: number; operationsNotCredited: number; distinctResultIds: number };
  queue: { deadLetters: number; left: number; retriedJobs: number };
  killed: { atWebhook: number; pid: number | undefined; signal: string | null };
  seconds: { send: number; drain: number; total: number };
  throughput: { webhooksPerSecond: number };
};

type Proc = { child: ChildProcess; output: () => string };

function spawnTsx(script: string, env: Record<string, string>): Proc {
  let output = "";
  // Node itself with tsx's loader, not tsx's CLI: the CLI runs the script in a child process of its
  // own, so a SIGKILL to it left the real worker running as an orphan (still taking jobs, and
  // holding this process's pipes open so the run never exited).
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + String(chunk)).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + String(chunk)).slice(-20_000)));
  return { child, output: () => output };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, proc?: Proc[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${(proc ?? []).map((p) => p.output()).join("\n---\n")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(proc: Proc): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    proc.child.once("exit", () => resolve());
    proc.child.kill("SIGTERM");
  });
}

function webhook(n: number, eventId: string, orderIds: string[]) {
  const orderId = orderIds[n % orderIds.length];
  const body = JSON.stringify({ id: Number(orderId.split("/").pop()), admin_graphql_api_id: orderId, name: `#S${n}`, financial_status: "paid" });
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/updated",
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-Api-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", SCALE_SECRET).update(body).digest("base64"),
    },
  };
}

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const db = createDatabase(options.databaseUrl);
  const procs: Proc[] = [];
  const webPorts = [await freePort(), await freePort()];
  const demo = await startDemo({ apiKey: "aftercare-scale", apiSecret: SCALE_SECRET, appUrl: `http://127.0.0.1:${webPorts[0]}`, databaseUrl: options.databaseUrl, deskRequests: false });
  // The enqueuing side of the desk (no worker): records operations and enqueues their jobs.
  // It creates pg-boss's queue (first to start), and a queue keeps the retry delay and heartbeat it
  // was created with: the same settings the processes below get, or every retry waited pg-boss's
  // default 30 s and a killed worker's jobs 30 s more, whatever their environment said.
  const desk = createJobQueue(db, "postgresql", createJobRepository(db, "postgresql"), { connectionString: options.databaseUrl, ...QUEUE_SETTINGS });
  try {
    const env = {
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      SHOPIFY_API_KEY: "aftercare-scale",
      SHOPIFY_API_SECRET: SCALE_SECRET,
      SHOPIFY_APP_URL: `http://127.0.0.1:${webPorts[0]}`,
      SCOPES: appScopes().join(","),
      SHOPIFY_ADMIN_API_ORIGIN: demo.standin.origin,
      JOBS_IN_WEB: "false",
      LOG_LEVEL: "warn",
      // Short enough for a run of a minute: a killed worker's jobs come back after 10 s without a
      // heartbeat; a send it left on the wire is looked at after 4 s (its call gave up after 3 s).
      JOB_HEARTBEAT_S: String(QUEUE_SETTINGS.heartbeatSeconds),
      JOB_SUPERVISE_S: String(QUEUE_SETTINGS.superviseSeconds),
      JOB_RETRY_DELAY_S: String(QUEUE_SETTINGS.retryDelaySeconds),
      JOB_POLL_MS: String(QUEUE_SETTINGS.pollMs),
      JOB_CONCURRENCY: String(QUEUE_SETTINGS.concurrency),
      SHOPIFY_CALL_TIMEOUT_MS: "3000",
      RECONCILE_GRACE_MS: "4000",
    };
    // pg-boss installs its schema once, before the processes race to do it.
    await desk.stats(new Date());
    const webs = webPorts.map((port) => spawnTsx(join("test", "scale", "web-process.ts"), { ...env, PORT: String(port) }));
    const workers = [0, 1].map(() => spawnTsx(join("scripts", "worker.ts"), env));
    procs.push(...webs, ...workers);
    for (const [i, port] of webPorts.entries()) {
      await until(`web process ${i + 1}`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)), 60_000, procs);
    }
    log("two web and two worker processes up");

    // Requests whose orders the webhooks rename; money operations recorded as the desk records them.
    const orderIds = Array.from({ length: 20 }, (_, k) => `gid://shopify/Order/${900_000_000_000_000_000n + BigInt(k)}`);
    for (const [k, orderId] of orderIds.entries()) {
      await db.aftercareRequest.create({ data: { shop: SHOP, orderId, orderName: `#O${k}`, kind: "return", currency: "GBP" } });
    }
    const store = demo.standin.engine.store(SHOP);
    const customers = store.customers.slice(1, 251).map((c) => c.id);
    const operations = createOperationRepository(db);
    const creditsBefore = new Set(store.storeCreditAccounts.flatMap((a) => a.transactions.map((t) => t.id)));
    // Recorded eight at a time (one after another, 1,000 of them took over a minute of the run).
    const keys = Array.from({ length: options.moneyOperations }, (_, i) => operationKey(`scale-money-${i}`, "credit"));
    const record = async (i: number) => {
      const requestId = `scale-money-${i}`;
      await decidedRequest(db, SHOP, requestId, "GBP", 1_000_000);
      const grant = { customerId: customers[i % customers.length], amountMinor: 101 + i, currency: "GBP", expiresAt: null, notify: false };
      await operations.begin(SHOP, { requestId, step: "credit", idempotencyKey: keys[i], kind: "store_credit", amountMinor: grant.amountMinor, currency: "GBP", input: grant, shopifyOrderId: null, shopifyTargetId: grant.customerId });
    };
    for (let i = 0; i < keys.length; i += 8) await Promise.all(keys.slice(i, i + 8).map((_, k) => record(i + k)));

    // Send: two web processes in turn, 32 in flight; every tenth event delivered twice; money jobs
    // enqueued (each twice) as the webhooks go; one worker SIGKILLed at 40 %.
    const statuses: Record<string, number> = {};
    const errorSamples: string[] = [];
    const outcomes: Record<string, number> = {};
    const killAt = Math.floor(options.webhooks * 0.4);
    const victim = workers[0];
    let deliveries = 0;
    let nextMoney = 0;
    const sendStart = performance.now();
    const inFlight = new Set<Promise<void>>();
    const deliver = (n: number, eventId: string) => {
      const { body, headers } = webhook(n, eventId, orderIds);
      const port = webPorts[deliveries++ % 2];
      const done = fetch(`http://127.0.0.1:${port}/webhooks/orders/updated`, { method: "POST", body, headers })
        .then(async (response) => {
          const text = await response.text();
          if (response.status >= 500 && errorSamples.length < 5) errorSamples.push(text.slice(0, 500));
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const outcome = response.headers.get("X-Aftercare-Webhook") ?? "none";
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        })
        .catch(() => void (statuses.error = (statuses.error ?? 0) + 1))
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    };
    for (let n = 0; n < options.webhooks; n++) {
      while (inFlight.size >= 32) await Promise.race(inFlight);
      const eventId = `scale-${n}`;
      deliver(n, eventId);
      if (n % 10 === 5) deliver(n, eventId);
      while (nextMoney < keys.length && nextMoney * options.webhooks <= n * keys.length) {
        const job = { kind: "money", payload: { idempotencyKey: keys[nextMoney++] } };
        await desk.enqueue(SHOP, [job, job]);
      }
      if (n === killAt) {
        victim.child.kill("SIGKILL");
        log(`worker ${victim.child.pid} killed with SIGKILL at webhook ${n}`);
      }
    }
    while (nextMoney < keys.length) {
      const job = { kind: "money", payload: { idempotencyKey: keys[nextMoney++] } };
      await desk.enqueue(SHOP, [job, job]);
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - sendStart) / 1000;
    log(`sent ${options.webhooks} webhooks (${deliveries} deliveries) in ${sendSeconds.toFixed(1)} s`);

    const drainStart = performance.now();
    const left = async () => {
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'aftercare-jobs' AND state IN ('created', 'retry', 'active')`);
      return row.n;
    };
    await until(
      "every job to finish",
      async () => (await left()) === 0 && (await db.webhookEvent.count({ where: { shop: SHOP, processedAt: null } })) === 0 && (await db.operation.count({ where: { shop: SHOP, status: { in: ["pending", "sent"] } } })) === 0,
      options.drainTimeoutMs ?? 120_000,
      procs,
    );
    const drainSeconds = (performance.now() - drainStart) / 1000;

    const ops = await db.operation.findMany({ where: { shop: SHOP }, select: { status: true, shopifyResultId: true, amountMinor: true } });
    const byStatus: Record<string, number> = {};
    for (const op of ops) byStatus[op.status] = (byStatus[op.status] ?? 0) + 1;
    // The stand-in's books: credits this run added, by amount (each operation has its own amount).
    const credits = store.storeCreditAccounts.flatMap((a) => a.transactions).filter((t) => !creditsBefore.has(t.id) && t.event === "ADJUSTMENT");
    const perAmount = new Map<number, number>();
    for (const t of credits) {
      const minor = Math.round(Number(t.amount.amount) * 100);
      perAmount.set(minor, (perAmount.get(minor) ?? 0) + 1);
    }
    const amounts = Array.from({ length: options.moneyOperations }, (_, i) => 101 + i);
    const [retried] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'aftercare-jobs' AND retry_count > 0`);
    return {
      webhooks: {
        sent: options.webhooks,
        deliveries,
        statuses,
        outcomes,
        errorSamples,
        events: await db.webhookEvent.count({ where: { shop: SHOP } }),
        unprocessed: await db.webhookEvent.count({ where: { shop: SHOP, processedAt: null } }),
      },
      money: {
        operations: ops.length,
        byStatus,
        creditsOnStandin: credits.length,
        operationsCreditedTwice: amounts.filter((a) => (perAmount.get(a) ?? 0) > 1).length,
        operationsNotCredited: amounts.filter((a) => (perAmount.get(a) ?? 0) === 0).length,
        distinctResultIds: new Set(ops.map((o) => o.shopifyResultId).filter(Boolean)).size,
      },
      queue: { deadLetters: (await desk.deadLetters(SHOP, 1000)).length, left: await left(), retriedJobs: retried.n },
      killed: { atWebhook: killAt, pid: victim.child.pid, signal: victim.child.signalCode },
      seconds: { send: round(sendSeconds), drain: round(drainSeconds), total: round((performance.now() - startedAt) / 1000) },
      throughput: { webhooksPerSecond: round(options.webhooks / (sendSeconds + drainSeconds)) },
    };
  } finally {
    for (const proc of procs) await stop(proc);
    await desk.stop();
    await demo.close();
    await db.$disconnect();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
