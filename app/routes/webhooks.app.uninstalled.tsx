import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveLifecycleWebhook, verifyWebhook } from "../jobs/runtime.server";

// app/uninstalled: the access tokens go at once; the shop's data stays until shop/redact. Once per
// event id: a redelivery changes nothing.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveLifecycleWebhook("app/uninstalled", webhook);
};
