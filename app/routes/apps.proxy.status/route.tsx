import type { LoaderFunctionArgs } from "@remix-run/node";

import { requestFlow, RequestFlowError } from "../../requests/index.server";
import { authenticate } from "../../shopify.server";
import { renderMessage, renderStatus } from "../../storefront/pages.server";
import { pageContext } from "../../storefront/proxy.server";
import { renderNotInstalled } from "../apps.proxy._index/policy-page.server";
import { shops } from "../../repositories/index.server";

/** /apps/aftercare/status?token=… — a request's steps, for whoever holds its signed, expiring link. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin, liquid } = await authenticate.public.appProxy(request);
  if (!session || !admin) return liquid(renderNotInstalled(), { status: 404 });
  const url = new URL(request.url);
  const ctx = pageContext(url);
  const token = url.searchParams.get("token") ?? "";
  try {
    // The signed link is the permission: the viewer is not consulted for a token.
    const status = await requestFlow.status({ shop: session.shop, viewer: { type: "staff" }, admin: admin.graphql }, { token });
    const shop = await shops.find(session.shop);
    return liquid(renderStatus(ctx, status, null, shop?.timezone ?? "UTC"));
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    return liquid(renderMessage(ctx, ctx.t("title"), ctx.t("expired"), { href: ctx.base, label: ctx.t("backToStart") }), { status: error.code === "invalid" ? 400 : 404 });
  }
};
