import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook } from "../jobs/runtime.server";
import { parseWebhookBody } from "../jobs/webhooks.server";
import { authenticate } from "../shopify.server";

// returns/close: the merchant acted on the return in Shopify's admin; the request behind it follows.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  // Read before the library consumes it: ids are 64-bit and JSON.parse rounds those above 2^53.
  const body = request.clone().text();
  const webhook = await authenticate.webhook(request);
  return receiveWebhook("returns/close", { ...webhook, payload: parseWebhookBody(await body) });
};
