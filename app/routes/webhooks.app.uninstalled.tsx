import type { ActionFunctionArgs } from "@remix-run/node";

import { logger } from "../logger.server";
import { shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  // Answers 401 for a bad HMAC and 405/400 for other bad requests before we see it.
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  // The session may already be gone if this webhook is retried; both steps are idempotent.
  await shops.recordUninstall(shop, new Date());
  logger.info({ shop, topic, webhookId }, "shop uninstalled; sessions removed");
  return new Response();
};
