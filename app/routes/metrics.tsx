import type { LoaderFunctionArgs } from "@remix-run/node";

import { env } from "../platform/env.server";
import { metrics } from "../platform/metrics.server";

// Prometheus scrape endpoint. With METRICS_TOKEN set, only a scraper sending it as a bearer token
// is answered (queue figures are not for the public).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (env.METRICS_TOKEN && request.headers.get("Authorization") !== `Bearer ${env.METRICS_TOKEN}`) return new Response("unauthorized\n", { status: 401 });
  return new Response(await metrics.registry.metrics(), { headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" } });
};
