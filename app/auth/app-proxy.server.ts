import { InvalidShopError } from "@shopify/shopify-api";

import { refusalFor, type RefusalKey } from "../platform/refusals";
import { authenticate } from "../shopify.server";

/*
 * The app proxy's authentication, apart from the proxy pages' helpers (app/storefront/proxy.server.ts) so that
 * rendering a page or reading a form never loads the Shopify app and its session storage.
 */

/**
 * `authenticate.public.appProxy`, with its refusals in the reader's language: the library
 * answers a missing or wrong signature with an empty 400/401 and throws InvalidShopError for a
 * signed `shop` that is not a shop domain.
 */
export async function proxyAuth(request: Request) {
  try {
    return await authenticate.public.appProxy(request);
  } catch (error) {
    const text = (status: number, key: RefusalKey) => new Response(refusalFor(request, key), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (error instanceof Response) throw error.status >= 400 && error.status < 500 ? text(error.status, "notSigned") : error;
    if (error instanceof InvalidShopError) throw text(400, "badShop");
    throw error;
  }
}
