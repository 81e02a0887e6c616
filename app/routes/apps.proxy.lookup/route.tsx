import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { requestFlow, RequestFlowError } from "../../requests/index.server";
import { authenticate } from "../../shopify.server";
import { renderMessage, renderPortal } from "../../storefront/pages.server";
import { clientAddress, FORM_LIMIT_BYTES, lookupsPerIp, pageContext, shopCountry, tooLarge, withCarried } from "../../storefront/proxy.server";
import { loadShopPolicy, renderNotInstalled, renderPolicyPage } from "../apps.proxy._index/policy-page.server";

/** /apps/aftercare/lookup: a guest finds an order by its number and the email or phone on it. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.public.appProxy(request);
  return redirect(pageContext(new URL(request.url)).base);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin, liquid } = await authenticate.public.appProxy(request);
  if (!session || !admin) return liquid(renderNotInstalled(), { status: 404 });
  const country = await shopCountry(session.shop);
  let url = new URL(request.url);
  if (tooLarge(request, FORM_LIMIT_BYTES)) return liquid(renderMessage(pageContext(url, country), pageContext(url, country).t("findOrder"), "The form is too large."), { status: 413 });
  const form = await request.formData();
  url = withCarried(url, form);
  url.searchParams.delete("grant");
  const ctx = pageContext(url, country);
  const values = { orderNumber: String(form.get("orderNumber") ?? ""), contact: String(form.get("contact") ?? "") };
  const again = async (status: number, errors: Record<string, string>) => {
    const policyHtml = renderPolicyPage(await loadShopPolicy(session.shop), { loggedIn: false, orderId: null }, ctx);
    return liquid(renderPortal(ctx, { loggedIn: false, orders: [], errors, values, policyHtml }), { status });
  };
  if (!(await lookupsPerIp.consume(`${session.shop}:${clientAddress(request)}`))) return again(429, { form: ctx.t("tooMany") });
  try {
    const found = await requestFlow.findGuestOrder({ shop: session.shop, admin: admin.graphql }, values);
    const next = new URLSearchParams({ ...ctx.carry, grant: found.grant });
    return redirect(`${ctx.base}/orders/${found.orderId.split("/").pop()}?${next.toString()}`);
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    if (error.code === "invalid") return again(400, error.fields);
    if (error.code === "rate_limited") return again(429, { form: ctx.t("tooMany") });
    if (error.code === "not_found") return again(404, { form: ctx.t("notFound") });
    return again(error.status, { form: ctx.t("unavailable") });
  }
};
