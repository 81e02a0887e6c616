import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { logger } from "../../platform/logger.server";
import { requestFlow } from "../../requests/index.server";
import { parseProxyQuery } from "../../schemas/proxy";
import { refusalFor } from "../../platform/refusals";
import { renderPortal } from "../../storefront/pages.server";
import { notInstalledPage, pageContext, refusalPage, shopCountry, viewerOf } from "../../storefront/proxy.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { loadShopPolicy, renderBadRequest, renderPolicyPage } from "./policy-page.server";

/**
 * https://{shop}/apps/aftercare → here (shopify.app.toml [app_proxy]): the shopper's aftercare
 * portal. A logged-in customer sees their orders; anyone can find an order by its number and the
 * email or phone on it (gift recipients, guests); the shop's policy is one click away. The theme
 * block's link (`?order_id=`) goes straight to that order. Shopify renders the answer as Liquid
 * inside the shop's theme. The shop comes from the verified session, never from the query.
 */
/** The portal takes no posts (its forms go to /lookup and the order's page). */
export const action = async ({ request }: ActionFunctionArgs) => {
  await proxyAuth(request);
  return new Response(refusalFor(request, "method"), { status: 405, headers: { Allow: "GET", "Content-Type": "text/plain; charset=utf-8" } });
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  // 400/401 for a missing or wrong signature or a stale timestamp, before anything else runs.
  const { session, admin, liquid } = await proxyAuth(request);
  if (!session || !admin) return notInstalledPage(liquid, request);
  const country = await shopCountry(session.shop);

  const url = new URL(request.url);
  const query = parseProxyQuery(url);
  if (!query.success) return refusalPage(liquid, new URL(request.url), country, { status: 400, key: "badLink" }, renderBadRequest(query.error));
  const ctx = pageContext(url, country);
  if (query.data.order_id && query.data.logged_in_customer_id) {
    const carry = new URLSearchParams(ctx.carry).toString();
    return redirect(`${ctx.base}/orders/${query.data.order_id}${carry ? `?${carry}` : ""}`);
  }
  const viewer = viewerOf(url);
  const loggedIn = viewer?.type === "customer";
  const [orders, policy] = await Promise.all([
    // Shopify out of reach: the policy and the order lookup still work, the list waits.
    loggedIn
      ? requestFlow.listOrders({ shop: session.shop, viewer, admin: admin.graphql }).catch((error: unknown) => {
          logger.warn({ shop: session.shop, error: (error as Error).message }, "could not list the customer's orders");
          return [];
        })
      : Promise.resolve([]),
    loadShopPolicy(session.shop),
  ]);
  const policyHtml = renderPolicyPage(policy, { loggedIn, orderId: null }, ctx);
  return liquid(renderPortal(ctx, { loggedIn, orders, errors: {}, values: {}, policyHtml }));
};
