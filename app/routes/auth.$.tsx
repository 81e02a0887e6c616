import type { LoaderFunctionArgs } from "@remix-run/node";
import { InvalidShopError, ShopifyError } from "@shopify/shopify-api";

import { withSentence } from "../auth/customer-account.server";
import { logger } from "../platform/logger.server";
import { refusalFor } from "../platform/refusals";
import { authenticate } from "../shopify.server";

// OAuth callbacks and the embedded-auth bounce page land here; the library answers them. What it
// refuses as input (a shop that is not a shop domain, an exit-iframe to another site, a value
// no header can carry) is a 400 with a sentence, never a 500.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  try {
    await authenticate.admin(request);
  } catch (error) {
    if (error instanceof Response) throw withSentence(request, error, "adminSession");
    if (!(error instanceof ShopifyError) && !(error instanceof TypeError)) throw error;
    logger.warn({ error: (error as Error).message }, "auth request refused");
    const key = error instanceof InvalidShopError || error instanceof TypeError ? "badShop" : "foreignUrl";
    throw new Response(refusalFor(request, key), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return null;
};
