import { createHmac, randomUUID } from "node:crypto";

export const SECRET = "aftercare-test-secret";
export const SHOP = "gold.myshopify.com";

/** A webhook as Shopify sends it, signed for real with the app's secret (or a forged one). */
export function signedWebhook(topic: string, body: object | string, options: { eventId?: string; secret?: string; shop?: string } = {}) {
  // A string is sent as it is: Shopify's own bodies, with ids no JavaScript number holds exactly.
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`https://aftercare.test/webhooks/${topic}`, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": options.shop ?? SHOP,
      "X-Shopify-Api-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret ?? SECRET).update(raw).digest("base64"),
    },
  });
}

/** Calls a webhook route's action as Remix would; a thrown Response (401, 405) is returned. */
export async function deliver(route: string, request: Request): Promise<Response> {
  const { action } = (await import(`../../app/routes/webhooks.${route}.tsx`)) as { action: (args: { request: Request; params: object; context: object }) => Promise<Response> };
  return action({ request, params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

