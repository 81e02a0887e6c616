import { createHmac, timingSafeEqual } from "node:crypto";

import { logger } from "../platform/logger.server";
import { metrics } from "../platform/metrics.server";
import type { WebhookIntake, WebhookIntakeOutcome } from "../repositories/jobs.server";
import { parseWebhookBody, type WebhookDelivery, type WebhookStore } from "./webhooks.server";

/**
 * The webhook intake: what stands between Shopify's POST and the queue, kept small enough to
 * acknowledge 500 deliveries a second within milliseconds (docs/decisions/011-webhook-fast-path.md).
 *
 * - `verifyShopifyWebhook` checks a raw delivery as Shopify documents it
 *   (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook):
 *   POST, the headers every delivery carries, the HMAC-SHA256 of the raw body under the app's
 *   secret (compared in constant time), then the body parsed with large ids kept exact.
 * - `createWebhookBatcher` is a group commit in front of the job queue: deliveries that
 *   arrive while a batch is being written wait for the next one, and each batch is one transaction
 *   (`acceptWebhooks`). Each delivery is answered only once its batch has committed.
 */

/** Headers every Shopify delivery carries (the library's own MissingHeaders check). */
const REQUIRED_HEADERS = ["X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Api-Version", "X-Shopify-Webhook-Id"] as const;
/** A shop's host name as Shopify sends it (custom stand-in domains included); anything else is not a shop. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9.-]{0,254}$/i;

export type VerifiedWebhook = { ok: true; delivery: WebhookDelivery } | { ok: false; status: 400 | 401 | 405; reason: string };

export function verifyShopifyWebhook(input: {
  method: string;
  header: (name: string) => string | null | undefined;
  body: Buffer;
  secret: string;
  requestId?: string;
  startedAt?: number;
}): VerifiedWebhook {
  const { header, requestId, startedAt } = input;
  const shop = header("X-Shopify-Shop-Domain") ?? "unknown";
  const topicHeader = header("X-Shopify-Topic") ?? "unknown";
  const refuse = (status: 400 | 401 | 405, reason: string): VerifiedWebhook => {
    // The header values are logged only once known to be a shop and a topic: never arbitrary input.
    logger.warn({ requestId, shop: SHOP_DOMAIN.test(shop) ? shop : "invalid", topic: /^[a-z_/]{1,64}$/.test(topicHeader) ? topicHeader : "invalid", status, reason }, "webhook refused");
    metrics.webhooksReceived.inc({ topic: /^[a-z_/]{1,64}$/.test(topicHeader) ? topicHeader : "unknown", outcome: "refused" });
    return { ok: false, status, reason };
  };
  if (input.method !== "POST") return refuse(405, "not a POST");
  const missing = REQUIRED_HEADERS.filter((name) => !header(name));
  if (missing.length) return refuse(400, `missing Shopify webhook headers: ${missing.join(", ")}`);
  const expected = createHmac("sha256", input.secret).update(input.body).digest();
  const given = Buffer.from(header("X-Shopify-Hmac-Sha256") as string, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(401, "the HMAC signature does not verify");
  if (!SHOP_DOMAIN.test(shop)) return refuse(400, "X-Shopify-Shop-Domain is not a shop domain");
  let payload: unknown;
  try {
    payload = parseWebhookBody(input.body.toString("utf8"));
  } catch {
    return refuse(400, "the signed body is not JSON");
  }
  return {
    ok: true,
    delivery: {
      shop,
      // As @shopify/shopify-api hands it to a route: "orders/updated" becomes "ORDERS_UPDATED".
      topic: topicHeader.toUpperCase().replace(/\//g, "_"),
      eventId: header("X-Shopify-Event-Id") ?? undefined,
      webhookId: header("X-Shopify-Webhook-Id") ?? undefined,
      payload,
      requestId,
      startedAt,
    },
  };
}

type Pending = { intake: WebhookIntake; resolve(outcome: WebhookIntakeOutcome): void; reject(error: unknown): void };

/**
 * Group commit over `acceptWebhooks`: a delivery joins the batch being gathered; the batch is
 * written as soon as the previous write is done (and at the latest on the next turn of the event
 * loop when the store is idle), up to `maxBatch` deliveries per transaction. Under light load a
 * batch is one delivery and waits for nothing; under heavy load batches grow to what arrives
 * during one commit, so the number of commits per second stays small. A failed write rejects each
 * delivery in it (answered 500: Shopify delivers again).
 */
export function createWebhookBatcher(repository: { acceptWebhooks(batch: WebhookIntake[]): Promise<WebhookIntakeOutcome[]> }, options: { maxBatch?: number } = {}): WebhookStore & { idle(): Promise<void> } {
  const maxBatch = options.maxBatch ?? 500;
  let queue: Pending[] = [];
  let writing: Promise<void> | null = null;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      writing = write().finally(() => {
        writing = null;
        if (queue.length) schedule();
      });
    });
  }

  async function write(): Promise<void> {
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (!batch.length) return;
    metrics.webhookBatchSize.observe(batch.length);
    try {
      const outcomes = await repository.acceptWebhooks(batch.map((p) => p.intake));
      batch.forEach((pending, i) => pending.resolve(outcomes[i]));
    } catch (error) {
      logger.error({ error: (error as Error).message, deliveries: batch.length }, "webhook batch not written");
      for (const pending of batch) pending.reject(error);
    }
  }

  return {
    acceptWebhook(shop: string, event: WebhookIntake["event"], job: WebhookIntake["job"]): Promise<WebhookIntakeOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ intake: { shop, event, job }, resolve, reject });
        schedule();
      });
    },
    /** Resolves once every delivery handed in so far is written (shutdown, tests). */
    async idle(): Promise<void> {
      while (queue.length || writing || scheduled) await (writing ?? new Promise((r) => setImmediate(r)));
    },
  };
}
