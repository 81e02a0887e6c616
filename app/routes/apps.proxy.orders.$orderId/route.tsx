import { randomBytes } from "node:crypto";

import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { BodyRefused, mediaType, readForm } from "../../platform/body.server";
import { refusalText } from "../../platform/refusals";
import { mayStorePhotos, photoStore, requestFlow, RequestFlowError } from "../../requests/index.server";
import type { Viewer } from "../../schemas/requests";
import { renderMessage, renderOrder, renderPreview, renderStatus, type PageContext } from "../../storefront/pages.server";
import { askFromForm, FORM_LIMIT_BYTES, formErrors, notInstalledPage, pageContext, readAskForm, refusalPage, shopCountry, viewerOf, withCarried } from "../../storefront/proxy.server";
import { customerAccountsOf, signInHref } from "../../storefront/signin.server";
import { proxyAuth } from "../../auth/app-proxy.server";
import { getPublishedPolicy } from "../../policies/published.server";

/**
 * /apps/aftercare/orders/:orderId — one order: its items with what each may still get, the form
 * to ask (POST intent=preview, multipart with photos), the answer before submitting, and the
 * submit itself (POST intent=submit), which shows the confirmation. Thin: the request flow
 * (app/requests) decides everything.
 */
type Liquid = (body: string, init?: number | (ResponseInit & { layout?: boolean })) => Response;

function failure(liquid: Liquid, ctx: PageContext, error: unknown): Response {
  if (!(error instanceof RequestFlowError)) throw error;
  const back = { href: ctx.base + (ctx.carry.locale ? `?locale=${ctx.carry.locale}` : ""), label: ctx.t("backToStart") };
  const message = error.code === "not_found" ? ctx.t("notFound") : error.code === "rate_limited" ? ctx.t("tooMany") : error.code === "unavailable" ? ctx.t("unavailable") : error.message;
  return liquid(renderMessage(ctx, ctx.t("title"), message, back), { status: error.status });
}

function gidOf(orderId: string | undefined): string | null {
  return orderId && /^\d{1,20}$/.test(orderId) ? `gid://shopify/Order/${orderId}` : null;
}

async function liabilityText(shop: string, kind: string | undefined): Promise<string | null> {
  const { policy } = await getPublishedPolicy(shop);
  const services = policy.services.filter((s) => s.enabled && s.liabilityAcknowledgement);
  const chosen = kind?.startsWith("service:") ? services.find((s) => `service:${s.service}` === kind) : services[0];
  return chosen?.liabilityAcknowledgement?.text ?? null;
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, admin, liquid } = await proxyAuth(request);
  if (!session || !admin) return notInstalledPage(liquid, request);
  const country = await shopCountry(session.shop);
  const url = new URL(request.url);
  const ctx = pageContext(url, country);
  const orderId = gidOf(params.orderId);
  const viewer = viewerOf(url);
  if (!orderId) return failure(liquid, ctx, new RequestFlowError("not_found", ctx.t("notFound")));
  // Not signed in (and no guest grant): sign in, and back to this order. Signed in on new customer
  // accounts: the order's customer-account page (docs/decisions/021-signin.md).
  if (!viewer || viewer.type === "customer") {
    const accounts = await customerAccountsOf(admin.graphql, session.shop);
    if (!viewer || (accounts.version === "NEW_CUSTOMER_ACCOUNTS" && accounts.url)) return redirect(signInHref(accounts, ctx, params.orderId!));
  }
  try {
    const view = await requestFlow.orderView({ shop: session.shop, viewer, admin: admin.graphql }, orderId);
    const action = `${ctx.base}/orders/${params.orderId}`;
    return liquid(renderOrder(ctx, view, { errors: {}, values: { lines: {} }, action, liabilityText: await liabilityText(session.shop, undefined) }));
  } catch (error) {
    return failure(liquid, ctx, error);
  }
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin, liquid } = await proxyAuth(request);
  if (!session || !admin) return notInstalledPage(liquid, request);
  const country = await shopCountry(session.shop);
  let url = new URL(request.url);
  const orderId = gidOf(params.orderId);
  const multipart = mediaType(request) === "multipart/form-data";
  const action = `${pageContext(url, country).base}/orders/${params.orderId}`;

  if (!multipart) {
    // intent=submit: the draft the preview showed, and the key chosen when it was shown.
    let form: FormData;
    try {
      form = await readForm(request, FORM_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof BodyRefused) return refusalPage(liquid, url, country, error);
      throw error;
    }
    url = withCarried(url, form);
    const ctx = pageContext(url, country);
    const viewer = viewerOf(url);
    if (!orderId || !viewer) return failure(liquid, ctx, new RequestFlowError("not_found", ctx.t("notFound")));
    const flowCtx = { shop: session.shop, viewer, admin: admin.graphql };
    let draft: unknown;
    try {
      draft = JSON.parse(String(form.get("draft") ?? "null"));
    } catch {
      draft = null;
    }
    const idempotencyKey = String(form.get("idempotencyKey") ?? "");
    if (typeof draft !== "object" || draft === null || (draft as { orderId?: unknown }).orderId !== orderId) {
      return failure(liquid, ctx, new RequestFlowError("invalid", "The form has expired; go back to the order and try again."));
    }
    try {
      const submitted = await requestFlow.submit(flowCtx, { ...(draft as object), idempotencyKey, locale: ctx.intl });
      const status = await requestFlow.status(flowCtx, { token: submitted.statusToken });
      const view = await requestFlow.orderView(flowCtx, orderId).catch(() => null);
      return liquid(renderStatus(ctx, status, submitted, view?.timezone ?? "UTC"));
    } catch (error) {
      if (error instanceof RequestFlowError && (error.code === "invalid" || error.code === "not_eligible" || error.code === "requirements_missing")) {
        try {
          const preview = await requestFlow.preview(flowCtx, draft);
          return liquid(renderPreview(ctx, preview, { draftJson: JSON.stringify(draft), idempotencyKey, action, back: `${action}?${new URLSearchParams(ctx.carry)}`, errors: error.code === "invalid" && Object.keys(error.fields).length ? error.fields : { form: error.message } }), { status: error.status });
        } catch (inner) {
          return failure(liquid, ctx, inner);
        }
      }
      return failure(liquid, ctx, error);
    }
  }

  // intent=preview: the ask form with its photos.
  let parsed: Awaited<ReturnType<typeof readAskForm>>;
  try {
    parsed = await readAskForm(request);
  } catch (error) {
    if (error instanceof BodyRefused) return refusalPage(liquid, url, country, error);
    const ctx = pageContext(url, country);
    const viewer = viewerOf(url);
    if (!(error instanceof RequestFlowError) || error.code !== "invalid" || !orderId || !viewer) return failure(liquid, ctx, error);
    // An oversized upload: the form cannot be read back, so it is shown again empty with the reason.
    try {
      const view = await requestFlow.orderView({ shop: session.shop, viewer, admin: admin.graphql }, orderId);
      return liquid(renderOrder(ctx, view, { errors: { photos: error.message }, values: { lines: {} }, action, liabilityText: await liabilityText(session.shop, undefined) }), { status: 400 });
    } catch (inner) {
      return failure(liquid, ctx, inner);
    }
  }
  url = withCarried(url, parsed.form);
  const ctx = pageContext(url, country);
  const viewer: Viewer | null = viewerOf(url);
  if (!orderId || !viewer) return failure(liquid, ctx, new RequestFlowError("not_found", ctx.t("notFound")));
  const flowCtx = { shop: session.shop, viewer, admin: admin.graphql };
  let view;
  try {
    view = await requestFlow.orderView(flowCtx, orderId);
  } catch (error) {
    return failure(liquid, ctx, error);
  }
  const first = askFromForm(parsed.form, orderId, []);
  const again = async (errors: Record<string, string>, status: number) =>
    liquid(renderOrder(ctx, view, { errors, values: first.values, action, liabilityText: await liabilityText(session.shop, first.values.kind) }), { status });
  let photos: string[] = [];
  try {
    if (parsed.uploads.length) {
      // Bound to this viewer and order (whose page was just read as theirs), within the hour's allowance.
      const use = { viewer, orderId };
      if (!(await mayStorePhotos(session.shop, use, parsed.uploads.length))) return again({ photos: refusalText(ctx.locale, "tooManyPhotos") }, 429);
      photos = await photoStore.accept(session.shop, parsed.uploads, use);
    }
    const { draft } = askFromForm(parsed.form, orderId, photos);
    const preview = await requestFlow.preview(flowCtx, draft);
    const idempotencyKey = randomBytes(18).toString("base64url");
    return liquid(renderPreview(ctx, preview, { draftJson: JSON.stringify(draft), idempotencyKey, action, back: `${action}?${new URLSearchParams(ctx.carry)}`, errors: {} }));
  } catch (error) {
    // A refused form keeps no photos.
    if (photos.length) await photoStore.remove(session.shop, photos);
    if (error instanceof RequestFlowError && error.code === "invalid") return again(formErrors(error, first.chosen), 400);
    return failure(liquid, ctx, error);
  }
};
