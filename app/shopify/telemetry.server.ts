import { Counter } from "prom-client";

import { registry } from "../platform/prometheus.server";

/**
 * What the gateway counts of its calls to Shopify, by operation (the GraphQL document's name: a
 * small fixed set, never a shop, an order or a customer). `via` says where Shopify said it:
 * "graphql" (an `errors` list in a 200, or the library's GraphqlQueryError), "http" (a status
 * code: 429, 5xx, 4xx) or "network" (no answer at all: a dropped connection, a timeout).
 */
function createShopifyMetrics() {
  const registers = [registry];
  return {
    throttled: new Counter({ name: "aftercare_shopify_throttled_total", help: "Shopify calls answered THROTTLED (GraphQL) or 429 (HTTP), by operation.", labelNames: ["operation", "via"], registers }),
    errors: new Counter({ name: "aftercare_shopify_errors_total", help: "Shopify calls that failed other than by throttling, by operation and where the error came from (graphql, http, network).", labelNames: ["operation", "via"], registers }),
  };
}

declare global {
  var __aftercareShopifyMetrics: ReturnType<typeof createShopifyMetrics> | undefined;
}

export const shopifyMetrics = (globalThis.__aftercareShopifyMetrics ??= createShopifyMetrics());
