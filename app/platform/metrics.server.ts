import { Counter, Gauge, Histogram } from "prom-client";

import { registry } from "./prometheus.server";
import { operations } from "../repositories/index.server";
import { shopifyMetrics } from "../shopify/telemetry.server";

/**
 * Prometheus metrics (prom-client), one registry per process: web processes answer them on
 * /metrics, the worker on its own port (scripts/worker.ts). Queue and money figures are read from
 * the database at scrape time, so every process reports the same totals. Labels carry topics,
 * kinds and outcomes only: never a shop's customer or an order. The job queue registers its own
 * gauges on the same registry (app/jobs/process-queue.server.ts), so this module knows nothing of
 * the jobs above it.
 */
function createMetrics() {
  const registers = [registry];
  return {
    registry,
    /** Shopify throttling and errors by operation, counted by the gateway (app/shopify/telemetry.server.ts). */
    shopify: shopifyMetrics,
    webhooksReceived: new Counter({ name: "aftercare_webhooks_received_total", help: "Webhook deliveries by topic and outcome (accepted, duplicate, ignored, unknown-shop, refused).", labelNames: ["topic", "outcome"], registers }),
    webhookAckSeconds: new Histogram({ name: "aftercare_webhook_ack_seconds", help: "Time from a webhook's arrival to its answer.", labelNames: ["topic"], buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
    webhookBatchSize: new Histogram({ name: "aftercare_webhook_batch_size", help: "Webhook deliveries written per transaction by the intake's group commit.", buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers }),
    jobsFinished: new Counter({ name: "aftercare_jobs_finished_total", help: "Job attempts by kind and outcome (done, retry, gave_up).", labelNames: ["kind", "outcome"], registers }),
    money: new Gauge({
      name: "aftercare_money_operations",
      help: "Money operations (refunds, returns processed, store credit) by status.",
      labelNames: ["status"],
      registers,
      async collect() {
        this.reset();
        for (const [status, count] of Object.entries(await operations.countByStatusAllShops())) this.set({ status }, count);
      },
    }),
  };
}

declare global {
  // Remix dev re-imports server modules on every change; metrics register once per process.
  var __aftercareMetrics: ReturnType<typeof createMetrics> | undefined;
}

export const metrics = (globalThis.__aftercareMetrics ??= createMetrics());
