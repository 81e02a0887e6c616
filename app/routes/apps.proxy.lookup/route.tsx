import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { BodyRefused, readForm } from "../../platform/body.server";
import { requestFlow, RequestFlowError } from "../../requests/index.server";
import { renderPortal } from "../../storefront/pages.server";
import { clientAddress, FORM_LIMIT_BYTES, lookupsPerIp, notInstalledPage, pageContext, refusalPage, shopCountry, withCarried } from "../../storefront/proxy.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { loadShopPolicy, renderPolicyPage } from "../apps.proxy._index/policy-page.server";

/** /apps/aftercare/lookup: a guest finds an order by its number and the email or phone on it. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await proxyAuth(request);
  return redirect(pageContext(new URL(request.url)).base);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin, liquid } = await proxyAuth(request);
  if (!session || !admin) return notInstalledPage(liquid, request);
  const country = await shopCountry(session.shop);
  let url = new URL(request.url);
  let form: FormData;
  try {
    form = await readForm(request, FORM_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyRefused) return refusalPage(liquid, url, country, error);
    throw error;
  }
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
