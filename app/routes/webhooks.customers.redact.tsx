import type { ActionFunctionArgs } from "@remix-run/node";

import { logger } from "../logger.server";
import { authenticate } from "../shopify.server";

// Mandatory privacy topic. Aftercare does not yet store customers' personal data (requests and
// photos arrive with the request desk), so there is nothing to remove; the HMAC is still checked.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  logger.info({ shop, topic, webhookId }, "customer redaction: no personal data held");
  return new Response();
};
