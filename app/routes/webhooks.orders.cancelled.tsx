import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// orders/cancelled: requests still open on the order are cancelled.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("orders/cancelled", webhook);
};
