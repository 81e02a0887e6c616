import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The process's one Prometheus registry (prom-client), with nothing else imported: the gateway
 * (app/shopify) registers its counters here without reaching for the repositories that the
 * queue and money gauges of app/platform/metrics.server.ts read.
 */
function createRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "aftercare" });
  collectDefaultMetrics({ register: registry });
  return registry;
}

declare global {
  // Remix dev re-imports server modules on every change; metrics register once per process.
  var __aftercareRegistry: Registry | undefined;
}

export const registry = (globalThis.__aftercareRegistry ??= createRegistry());
