import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook } from "../jobs/runtime.server";
import { authenticate } from "../shopify.server";

// orders/cancelled: requests still open on the order are cancelled.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await authenticate.webhook(request);
  return receiveWebhook("orders/cancelled", webhook);
};
