import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { BodyRefused, readForm } from "../../platform/body.server";
import { GUEST_CODE_MINUTES, GuestCodeRefused, guestCodes, RequestFlowError } from "../../requests/index.server";
import { shops } from "../../repositories/index.server";
import { guestLookupSchema } from "../../schemas/requests";
import { renderMessage, renderPortal } from "../../storefront/pages.server";
import { clientAddress, FORM_LIMIT_BYTES, lookupsPerIp, notInstalledPage, pageContext, refusalPage, shopCountry, withCarried } from "../../storefront/proxy.server";
import { renderCodePage, renderSignIn, signInWord } from "../../storefront/signin.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { loadShopPolicy, renderPolicyPage } from "../apps.proxy._index/policy-page.server";

/**
 * /apps/aftercare/lookup: a guest finds an order by its number and the email on it, where the
 * merchant offers it (off by default), and proves the email with the code mailed to it
 * (docs/decisions/021-signin.md). Step one (orderNumber, contact) mails the code; step two
 * (challenge, code) opens the order. Nothing of the order shows before the code.
 */
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
  if (!(await shops.guestLookup(session.shop))) {
    const back = `${ctx.base}${ctx.carry.locale ? `?${new URLSearchParams({ locale: ctx.carry.locale })}` : ""}`;
    return liquid(renderMessage(ctx, ctx.t("title"), signInWord(ctx.locale, "lookupOff"), { href: back, label: ctx.t("backToStart") }), { status: 404 });
  }
  const values = { orderNumber: String(form.get("orderNumber") ?? ""), contact: String(form.get("contact") ?? "") };
  const again = async (status: number, errors: Record<string, string>) => {
    const policyHtml = renderPolicyPage(await loadShopPolicy(session.shop), { loggedIn: false, orderId: null }, ctx);
    return liquid(renderPortal(ctx, { loggedIn: false, orders: [], errors, values, policyHtml, guestLookup: true, signInHtml: renderSignIn(ctx) }), { status });
  };

  const challenge = form.get("challenge");
  if (typeof challenge === "string" && challenge) {
    try {
      const opened = await guestCodes.verify(session.shop, { challenge, code: String(form.get("code") ?? "") });
      const next = new URLSearchParams({ ...ctx.carry, grant: opened.grant });
      return redirect(`${ctx.base}/orders/${opened.orderId.split("/").pop()}?${next.toString()}`);
    } catch (error) {
      if (!(error instanceof GuestCodeRefused)) throw error;
      if (error.outcome === "wrong" || error.outcome === "malformed") {
        return liquid(renderCodePage(ctx, { challenge, email: values.contact.trim(), error: error.outcome === "wrong" ? "codeWrong" : "codeMalformed", minutes: GUEST_CODE_MINUTES }), { status: error.status });
      }
      return again(error.status, { form: signInWord(ctx.locale, "codeGone") });
    }
  }

  // Lookups count per client address; a code's own tries are limited by the code (GUEST_CODE_TRIES).
  if (!(await lookupsPerIp.consume(`${session.shop}:${clientAddress(request)}`))) return again(429, { form: ctx.t("tooMany") });
  // The code goes to an email address: a phone number cannot receive it.
  if (guestLookupSchema.safeParse(values).success && !values.contact.includes("@")) return again(400, { contact: signInWord(ctx.locale, "emailNeeded") });
  try {
    const started = await guestCodes.start({ shop: session.shop, admin: admin.graphql }, values, ctx.locale);
    return liquid(renderCodePage(ctx, { challenge: started.challenge, email: values.contact.trim(), error: null, minutes: GUEST_CODE_MINUTES }));
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    if (error.code === "invalid") return again(400, error.fields);
    if (error.code === "rate_limited") return again(429, { form: ctx.t("tooMany") });
    if (error.code === "not_found") return again(404, { form: ctx.t("notFound") });
    return again(error.status, { form: ctx.t("unavailable") });
  }
};
