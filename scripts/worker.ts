// `npm run worker`: the job worker process. Web processes record webhooks and enqueue; this runs
// the jobs (webhook follow-ups, the reconciler of money operations, retention), on the same
// database (DATABASE_URL) and with the same Shopify credentials as the web processes. Run one or
// more beside the web processes; claims are atomic, so they never run a job twice at once.
// With WORKER_PORT set it also answers /healthz, /readyz and /metrics there. SIGTERM or SIGINT
// finishes the job under way, then exits.
import { createServer } from "node:http";

import db from "../app/db.server";
import { env } from "../app/platform/env.server";
import { readiness } from "../app/platform/health.server";
import { startWorker } from "../app/jobs/runtime.server";
import { logger } from "../app/platform/logger.server";
import { metrics } from "../app/platform/metrics.server";

const worker = startWorker();

const server =
  env.WORKER_PORT === undefined
    ? null
    : createServer((request, response) => {
        void (async () => {
          if (request.url === "/healthz") return response.writeHead(200, { "Content-Type": "text/plain" }).end("ok\n");
          if (request.url === "/readyz") {
            const ready = await readiness();
            return response.writeHead(ready.ready ? 200 : 503, { "Content-Type": "application/json" }).end(JSON.stringify(ready));
          }
          if (request.url === "/metrics") return response.writeHead(200, { "Content-Type": metrics.registry.contentType }).end(await metrics.registry.metrics());
          response.writeHead(404).end();
        })().catch((error: unknown) => response.writeHead(500).end(String(error)));
      }).listen(env.WORKER_PORT, "127.0.0.1", () => logger.info({ workerId: worker.workerId, address: server?.address() }, "worker probes listening"));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ workerId: worker.workerId, signal }, "job worker stopping");
    server?.close();
    void worker
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  });
}
