import type { ActionFunctionArgs } from "@remix-run/node";

import { receiveLifecycleWebhook, verifyWebhook } from "../jobs/runtime.server";

// Shopify sends shop/redact 48 hours after uninstall: everything Aftercare holds for the shop
// goes (https://shopify.dev/docs/apps/build/privacy-law-compliance), once per event id, and only
// when the payload's shop_domain is the shop the signed header names.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await verifyWebhook(request);
  return receiveLifecycleWebhook("shop/redact", webhook);
};
