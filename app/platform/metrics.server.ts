import { Counter, Gauge, Histogram } from "prom-client";

import { queue } from "../jobs/process-queue.server";
import { registry } from "./prometheus.server";
import { operations } from "../repositories/index.server";
import { shopifyMetrics } from "../shopify/telemetry.server";

/**
 * Prometheus metrics (prom-client), one registry per process: web processes answer them on
 * /metrics, the worker on its own port (scripts/worker.ts). Queue and money figures are read from
 * the database at scrape time, so every process reports the same totals. Labels carry topics,
 * kinds and outcomes only: never a shop's customer or an order.
 */
function createMetrics() {
  const registers = [registry];
  const queueAge = new Gauge({ name: "aftercare_jobs_oldest_due_age_seconds", help: "How long the oldest due job has waited.", registers });
  return {
    registry,
    /** Shopify throttling and errors by operation, counted by the gateway (app/shopify/telemetry.server.ts). */
    shopify: shopifyMetrics,
    webhooksReceived: new Counter({ name: "aftercare_webhooks_received_total", help: "Webhook deliveries by topic and outcome (accepted, duplicate, ignored, unknown-shop, refused).", labelNames: ["topic", "outcome"], registers }),
    webhookAckSeconds: new Histogram({ name: "aftercare_webhook_ack_seconds", help: "Time from a webhook's arrival to its answer.", labelNames: ["topic"], buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
    webhookBatchSize: new Histogram({ name: "aftercare_webhook_batch_size", help: "Webhook deliveries written per transaction by the intake's group commit.", buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers }),
    jobsFinished: new Counter({ name: "aftercare_jobs_finished_total", help: "Job attempts by kind and outcome (done, retry, gave_up).", labelNames: ["kind", "outcome"], registers }),
    queue: new Gauge({
      name: "aftercare_jobs",
      help: "Jobs by state: due (runnable now), waiting (unfinished, including retries later), gave_up (the dead-letter state).",
      labelNames: ["state"],
      registers,
      async collect() {
        const stats = await queue.stats(new Date());
        this.set({ state: "due" }, stats.due);
        this.set({ state: "waiting" }, stats.waiting);
        this.set({ state: "gave_up" }, stats.gaveUp);
        queueAge.set(stats.oldestDueAt ? (Date.now() - stats.oldestDueAt.getTime()) / 1000 : 0);
      },
    }),
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
