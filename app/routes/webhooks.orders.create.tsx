import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// orders/create: an order completed from a repair quote's draft order accepts its ticket once Shopify shows it paid.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("orders/create", webhook);
};
