import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook } from "../jobs/runtime.server";
import { parseWebhookBody } from "../jobs/webhooks.server";
import { authenticate } from "../shopify.server";

// Mandatory privacy topic: the customer's personal data leaves Aftercare's tables (names, emails, notes, photos); anonymised figures stay. https://shopify.dev/docs/apps/build/privacy-law-compliance
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  // Read before the library consumes it: ids are 64-bit and JSON.parse rounds those above 2^53.
  const body = request.clone().text();
  const webhook = await authenticate.webhook(request);
  return receiveWebhook("customers/redact", { ...webhook, payload: parseWebhookBody(await body) });
};
