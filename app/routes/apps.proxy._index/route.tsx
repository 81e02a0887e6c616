import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { logger } from "../../platform/logger.server";
import { requestFlow } from "../../requests/index.server";
import { parseProxyQuery } from "../../schemas/proxy";
import { refusalFor } from "../../platform/refusals";
import { renderPortal } from "../../storefront/pages.server";
import { notInstalledPage, pageContext, refusalPage, shopCountry, viewerOf } from "../../storefront/proxy.server";
import { shops } from "../../repositories/index.server";
import { customerAccountsOf, renderSignIn, signInHref } from "../../storefront/signin.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { loadShopPolicy, renderBadRequest, renderPolicyPage } from "./policy-page.server";

/**
 * https://{shop}/apps/aftercare → here (shopify.app.toml [app_proxy]): the shopper's aftercare
 * portal. A logged-in customer sees their orders (on new customer accounts: is handed to them);
 * anyone else is invited to sign in, and, where the merchant offers it, a guest can find an order
 * by its number and email with a mailed code (gift recipients); the shop's policy is one click away. The theme
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
  const viewer = viewerOf(url);
  const loggedIn = viewer?.type === "customer";
  // Classic customer accounts sign in on the theme; new ones on Shopify's customer-account pages,
  // where Aftercare's extensions run with the Customer Account API's session token
  // (docs/decisions/021-signin.md): a signed-in shopper there is handed over, and anyone not signed
  // in is sent to sign in and back to the same order.
  if (query.data.order_id || loggedIn) {
    const accounts = await customerAccountsOf(admin.graphql, session.shop);
    const onCustomerAccounts = accounts.version === "NEW_CUSTOMER_ACCOUNTS" && accounts.url !== null;
    if (query.data.order_id) {
      if (!query.data.logged_in_customer_id || onCustomerAccounts) return redirect(signInHref(accounts, ctx, query.data.order_id));
      const carry = new URLSearchParams(ctx.carry).toString();
      return redirect(`${ctx.base}/orders/${query.data.order_id}${carry ? `?${carry}` : ""}`);
    }
    if (onCustomerAccounts) return redirect(signInHref(accounts, ctx, null));
  }
  const [orders, policy, guestLookup] = await Promise.all([
    // Shopify out of reach: the policy and the order lookup still work, the list waits.
    loggedIn
      ? requestFlow.listOrders({ shop: session.shop, viewer, admin: admin.graphql }).catch((error: unknown) => {
          logger.warn({ shop: session.shop, error: (error as Error).message }, "could not list the customer's orders");
          return [];
        })
      : Promise.resolve([]),
    loadShopPolicy(session.shop),
    shops.guestLookup(session.shop),
  ]);
  const policyHtml = renderPolicyPage(policy, { loggedIn, orderId: null }, ctx);
  const signInHtml = loggedIn ? "" : renderSignIn(ctx);
  return liquid(renderPortal(ctx, { loggedIn, orders, errors: {}, values: {}, policyHtml, guestLookup, signInHtml }));
};
