import type { LoaderFunctionArgs } from "@remix-run/node";

import { requestReference } from "../repositories/desk.server";
import { shops } from "../repositories/index.server";
import { RequestFlowError, requestFlow } from "../requests/index.server";
import { returnSlipPdf } from "../requests/return-slip.server";
import { renderMessage } from "../storefront/pages.server";
import { countryCode, notInstalledPage, pageContext } from "../storefront/proxy.server";
import { proxyAuth } from "../auth/app-proxy.server";

/**
 * /apps/aftercare/status/slip?token=… — the return slip of an approved request, as a PDF, for
 * whoever holds its signed status link. A request with nowhere to send (not approved yet, or the
 * policy names no address) has no slip: 404 with a page that says so.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const proxy = await proxyAuth(request);
  if (!proxy.session || !proxy.admin) return notInstalledPage(proxy.liquid, request);
  const url = new URL(request.url);
  const shop = await shops.find(proxy.session.shop);
  const ctx = pageContext(url, countryCode(shop?.country));
  const back = { href: `${ctx.base}/status?token=${encodeURIComponent(url.searchParams.get("token") ?? "")}`, label: ctx.t("title") };
  try {
    const view = await requestFlow.status({ shop: proxy.session.shop, viewer: { type: "staff" }, admin: proxy.admin.graphql }, { token: url.searchParams.get("token") ?? "" });
    if (!view.sendTo) return proxy.liquid(renderMessage(ctx, ctx.t("returnSlip"), ctx.t("noSlip"), back), { status: 404 });
    const reference = requestReference({ id: view.requestId, number: view.number });
    const pdf = await returnSlipPdf({ reference, orderName: view.orderName, shopName: shop?.name ?? proxy.session.shop, shopCountry: shop?.country ?? null, lines: view.lines, sendTo: view.sendTo });
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="return-slip-${reference}.pdf"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    return proxy.liquid(renderMessage(ctx, ctx.t("title"), ctx.t("expired"), { href: ctx.base, label: ctx.t("backToStart") }), { status: error.code === "invalid" ? 400 : 404 });
  }
};
