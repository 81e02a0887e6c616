import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { BodyRefused, FORM_LIMIT_BYTES, mediaType, readForm } from "../../platform/body.server";
import { postParcel, statusParcelHtml, type ParcelFormState } from "../../parcels/proxy.server";
import { answerQuote, quoteFor, type QuoteView } from "../../desk/quotes.server";
import { quoteAnswerSchema } from "../../desk/schemas";
import { requestFlow, RequestFlowError } from "../../requests/index.server";
import { desk, requests, shops } from "../../repositories/index.server";
import type { authenticate } from "../../shopify.server";
import { renderMessage, renderStatus, type StatusQuote } from "../../storefront/pages.server";
import { countryCode, notInstalledPage, pageContext, refusalPage, withCarried } from "../../storefront/proxy.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { repairSectionHtml } from "../../storefront/repair-section.server";

type Proxy = Awaited<ReturnType<typeof authenticate.public.appProxy>>;

/** The page for a verified token: the request's steps and its repair quote, if one was made. */
type QuoteLookup = (requestId: string) => Promise<{ view: QuoteView | null; notice: StatusQuote["notice"]; status?: number }>;

async function page(proxy: Proxy, url: URL, quoteOf: QuoteLookup, parcel: { state: ParcelFormState | null; status: number } | null = null) {
  const { session, admin, liquid } = proxy;
  // One read of the shop: its country writes the page's dates, its time zone the steps' times.
  const shop = await shops.find(session!.shop);
  const ctx = pageContext(url, countryCode(shop?.country));
  const token = url.searchParams.get("token") ?? "";
  try {
    // The signed link is the permission: the viewer is not consulted for a token.
    const view = await requestFlow.status({ shop: session!.shop, viewer: { type: "staff" }, admin: admin!.graphql }, { token });
    const { view: quote, notice, status = 200 } = await quoteOf(view.requestId);
    const quoted: StatusQuote | null = quote ? { quote, action: `${ctx.base}/status`, token, notice } : null;
    const parcelHtml = await statusParcelHtml(ctx, session!.shop, view, token, parcel?.state ?? null);
    const repairHtml = await repairSectionHtml(ctx, session!.shop, view.requestId, { timezone: shop?.timezone ?? "UTC", shopName: shop?.name ?? null, admin: admin!.graphql });
    return liquid(renderStatus(ctx, view, null, shop?.timezone ?? "UTC", quoted, token, parcelHtml, repairHtml), { status: parcel?.status ?? status });
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    return liquid(renderMessage(ctx, ctx.t("title"), ctx.t("expired"), { href: ctx.base, label: ctx.t("backToStart") }), { status: error.code === "invalid" ? 400 : 404 });
  }
}

/** /apps/aftercare/status?token=… — a request's steps, for whoever holds its signed, expiring link. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const proxy = await proxyAuth(request);
  if (!proxy.session || !proxy.admin) return notInstalledPage(proxy.liquid, request);
  const shop = proxy.session.shop;
  return page(proxy, new URL(request.url), async (requestId) => ({ view: await quoteFor(desk, shop, requestId), notice: null }));
};

/** The shopper's answer to a repair quote (accept or decline), under the same signed link. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const proxy = await proxyAuth(request);
  if (!proxy.session || !proxy.admin) return notInstalledPage(proxy.liquid, request);
  if (mediaType(request) === "multipart/form-data") return parcelAction(proxy, request);
  let form: FormData;
  try {
    form = await readForm(request, FORM_LIMIT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyRefused)) throw error;
    const shop = await shops.find(proxy.session.shop);
    return refusalPage(proxy.liquid, new URL(request.url), countryCode(shop?.country), error);
  }
  const url = withCarried(new URL(request.url), form);
  const parsed = quoteAnswerSchema.safeParse({ answer: form.get("answer") });
  const shop = proxy.session.shop;
  const admin = proxy.admin.graphql;
  if (!parsed.success) return page(proxy, url, async (requestId) => ({ view: await quoteFor(desk, shop, requestId), notice: null, status: 400 }));
  return page(proxy, url, async (requestId) => {
    const answered = await answerQuote({ desk, requests, admin, locale: pageContext(url).locale }, shop, requestId, parsed.data.answer);
    if (answered.ok) return { view: answered.quote, notice: null };
    const failed = answered.reason === "shopify";
    return { view: answered.quote ?? (await quoteFor(desk, shop, requestId)), notice: failed ? "failed" : "already", status: failed ? 502 : 409 };
  });
};

/** The parcel form (multipart, with its proof photo), under the same signed link as the page. */
async function parcelAction(proxy: Proxy, request: Request) {
  const shop = proxy.session!.shop;
  const url = new URL(request.url);
  const admin = proxy.admin!.graphql;
  let requestId: string;
  try {
    requestId = (await requestFlow.status({ shop, viewer: { type: "staff" }, admin }, { token: url.searchParams.get("token") ?? "" })).requestId;
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    return page(proxy, url, async () => ({ view: null, notice: null }));
  }
  // The signed link is the permission; the proof photo is bound to the request's order for the link's holder.
  const posted = await postParcel(request, { shop, viewer: { type: "staff" }, admin }, requestId);
  if (posted.refused) {
    const found = await shops.find(shop);
    return refusalPage(proxy.liquid, url, countryCode(found?.country), posted.refused);
  }
  const carried = posted.form ? withCarried(url, posted.form) : url;
  return page(proxy, carried, async (id) => ({ view: await quoteFor(desk, shop, id), notice: null }), { state: posted.state, status: posted.status });
}
