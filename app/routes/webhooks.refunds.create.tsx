import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// refunds/create: a refund may finish an operation a crashed worker left unrecorded; the reconciler looks.
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("refunds/create", webhook);
};
