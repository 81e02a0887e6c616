import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Sends the library's calls to a shop (Admin GraphQL, token exchange, OAuth) to another origin,
 * keeping path and query. Production leaves SHOPIFY_ADMIN_API_ORIGIN unset and talks to
 * https://{shop}; the demo and the tests point it at the local Shopify stand-in, because the
 * Admin API client always builds `https://{shop}` URLs. This is configuration, not a demo branch:
 * every code path above the network is the production one.
 */
export function routeShopTrafficTo(origin: string | undefined): void {
  if (!origin) return;
  const target = new URL(origin);
  const realFetch = globalThis.fetch;
  const routed: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (isShopAdminUrl(url)) {
      const rerouted = new URL(url.pathname + url.search, target);
      const headers = new Headers(request.headers);
      // The stand-in serves many shops on one port; tell it which one is meant.
      headers.set("x-shopify-shop-domain", url.host);
      return realFetch(new Request(rerouted, { ...requestInit(request), headers }));
    }
    return realFetch(request);
  };
  setAbstractFetchFunc(routed);
}

function isShopAdminUrl(url: URL): boolean {
  return url.protocol === "https:" && url.pathname.startsWith("/admin/");
}

function requestInit(request: Request): RequestInit & { duplex?: "half" } {
  return {
    method: request.method,
    body: request.body,
    redirect: request.redirect,
    signal: request.signal,
    duplex: request.body ? "half" : undefined,
  };
}
