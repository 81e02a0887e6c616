import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveWebhook, verifyWebhook } from "../jobs/runtime.server";

// Mandatory privacy topic: the customer's personal data leaves Aftercare's tables (names, emails, notes, photos); anonymised figures stay. https://shopify.dev/docs/apps/build/privacy-law-compliance
export const action = async ({ request }: ActionFunctionArgs) => {
  // 401 for a bad HMAC, 405/400 for other bad requests, before anything is stored.
  const webhook = await verifyWebhook(request);
  return receiveWebhook("customers/redact", webhook);
};
