import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// Mandatory privacy topic: the customer's data is stored as a JSON export row for the merchant to send on (not logged: logs go where redaction cannot reach). https://shopify.dev/docs/apps/build/privacy-law-compliance
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("customers/data_request", webhook);
};
