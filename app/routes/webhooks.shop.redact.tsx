import type { ActionFunctionArgs } from "@remix-run/node";

import { logger } from "../logger.server";
import { shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

// Shopify sends shop/redact 48 hours after uninstall: everything Aftercare holds for the shop
// goes (https://shopify.dev/docs/apps/build/privacy-law-compliance).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  await shops.erase(shop);
  logger.info({ shop, topic, webhookId }, "shop data erased");
  return new Response();
};
