import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook } from "../jobs/runtime.server";
import { parseWebhookBody } from "../jobs/webhooks.server";
import { authenticate } from "../shopify.server";

// Mandatory privacy topic: the customer's data is stored as a JSON export row for the merchant to send on (not logged: logs go where redaction cannot reach). https://shopify.dev/docs/apps/build/privacy-law-compliance
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  // Read before the library consumes it: ids are 64-bit and JSON.parse rounds those above 2^53.
  const body = request.clone().text();
  const webhook = await authenticate.webhook(request);
  return receiveWebhook("customers/data_request", { ...webhook, payload: parseWebhookBody(await body) });
};
