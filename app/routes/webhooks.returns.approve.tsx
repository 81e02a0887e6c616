import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// returns/approve: the merchant acted on the return in Shopify's admin; the request behind it follows.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("returns/approve", webhook);
};
