import type { LoaderFunctionArgs } from "@remix-run/node";

import { parseProxyQuery } from "../../schemas/proxy";
import { authenticate } from "../../shopify.server";
import { loadShopPolicy, renderBadRequest, renderNotInstalled, renderPolicyPage } from "./policy-page.server";

/**
 * https://{shop}/apps/aftercare → here (shopify.app.toml [app_proxy]). Shopify renders the
 * `application/liquid` answer inside the shop's theme, so shoppers read the shop's after-sales
 * policy in its own look. The shop comes from the verified session, never from the query.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  // 400/401 for a missing or wrong signature or a stale timestamp, before anything else runs.
  const { session, liquid } = await authenticate.public.appProxy(request);
  if (!session) return liquid(renderNotInstalled(), { status: 404 });

  const query = parseProxyQuery(new URL(request.url));
  if (!query.success) return liquid(renderBadRequest(query.error), { status: 400 });

  const policy = await loadShopPolicy(session.shop);
  return liquid(renderPolicyPage(policy, { loggedIn: query.data.logged_in_customer_id !== null, orderId: query.data.order_id ?? null }));
};
