import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Sends the library's calls to a shop (Admin GraphQL, token exchange, OAuth) to another origin,
 * keeping path and query. Production leaves SHOPIFY_ADMIN_API_ORIGIN unset and talks to
 * https://{shop}; the demo and the tests point it at the local Shopify stand-in, because the
 * Admin API client always builds `https://{shop}` URLs. This is configuration, not a demo branch:
 * every code path above the network is the production one. Either way, every call to a shop has
 * its own timeout.
 */
/**
 * Each HTTP call to a shop's Admin API (one GraphQL request, a token exchange) gives up after
 * this long. The gateway's retries give up after 60 s in all, and the reconciler leaves a sent
 * money operation alone for 3 minutes (money.server.ts, reconcileGraceMs), so a call still on the
 * wire can never be looked at, and sent again, by the reconciler.
 */
export const SHOPIFY_CALL_TIMEOUT_MS = 20_000;

export function routeShopTrafficTo(origin: string | undefined, options: { timeoutMs?: number } = {}): void {
  const target = origin ? new URL(origin) : null;
  const timeoutMs = options.timeoutMs ?? SHOPIFY_CALL_TIMEOUT_MS;
  const realFetch = globalThis.fetch;
  const routed: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (!isShopAdminUrl(url)) return realFetch(input, init);
    // Plain strings and records only: remix-serve installs its own Request/Headers globals, which
    // Node's fetch does not recognise as its own.
    const request = typeof input === "string" || input instanceof URL ? undefined : input;
    const callerSignal = init?.signal ?? request?.signal;
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(callerSignal ? [callerSignal] : [])]);
    if (!target) return realFetch(input, { ...init, signal });
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((value, key) => (headers[key] = value));
    // The stand-in serves many shops on one port; tell it which one is meant.
    headers["x-shopify-shop-domain"] = url.host;
    const method = init?.method ?? request?.method ?? "GET";
    const body = init?.body ?? (request && method !== "GET" && method !== "HEAD" ? await request.text() : undefined);
    return realFetch(new URL(url.pathname + url.search, target).href, { method, headers, body, signal, redirect: init?.redirect });
  };
  setAbstractFetchFunc(routed);
}

function isShopAdminUrl(url: URL): boolean {
  return url.protocol === "https:" && url.pathname.startsWith("/admin/");
}
