import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { z } from "zod";

import { BodyRefused, JSON_LIMIT_BYTES, readJsonObject } from "../platform/body.server";
import { env } from "../platform/env.server";
import { logger } from "../platform/logger.server";
import { readerLocale, refusalFor, refusalText, type RefusalKey } from "../platform/refusals";
import { PhotoError, RequestFlowError, type FlowContext } from "../requests/index.server";
import { localiseMessage, translator } from "../storefront/i18n";
import { adminClient, type Admin } from "../shopify/client.server";
import { authenticate, unauthenticated } from "../shopify.server";

/**
 * Who is calling from a customer-account UI extension, as its session token says and nothing
 * else: the library (`authenticate.public.customerAccount`) checks the HS256 signature with the
 * app's secret and the token's times, and answers OPTIONS preflights; `dest` names the shop and
 * `sub` the signed-in customer. https://shopify.dev/docs/api/shopify-app-remix/latest/authenticate/public/customer-account
 */
export type CustomerCaller = {
  shop: string;
  /** gid://shopify/Customer/{id}. */
  customerId: string;
  admin: Admin;
  /** The library's CORS helper: every answer, refusals included, goes through it. */
  cors: (response: Response) => Response;
};

const shopDomain = z
  .string()
  .transform((dest) => dest.replace(/^https:\/\//, "").replace(/\/$/, ""))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/));
const customerGid = z.string().regex(/^gid:\/\/shopify\/Customer\/\d{1,20}$/);
const orderParam = z.string().regex(/^\d{1,20}$/);

/**
 * A JSON answer. Not jsonResponse(): remix-serve installs its own fetch globals, whose Response
 * has no static json().
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers } });
}

/** A JSON refusal in the reader's language (request's Accept-Language). */
export function refusal(request: Request, status: number, key: RefusalKey, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error: refusalFor(request, key) }, { status, headers });
}

/**
 * A refusal the Shopify library threw as a bare Response (401 without a body for a missing,
 * forged or expired token), given a sentence; its own headers (CORS, the retry hint) are kept.
 */
export function withSentence(request: Request, thrown: Response, key: RefusalKey): Response {
  if (thrown.status < 400 || thrown.status >= 500 || thrown.body !== null) return thrown;
  const headers = Object.fromEntries(thrown.headers);
  return refusal(request, thrown.status, key, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}

export async function authenticateCustomer(request: Request): Promise<CustomerCaller> {
  // 401 for a missing, forged or expired token and 204 for a preflight, before anything else runs.
  let verified: Awaited<ReturnType<typeof authenticate.public.customerAccount>>;
  try {
    verified = await authenticate.public.customerAccount(request);
  } catch (error) {
    if (error instanceof Response) throw withSentence(request, error, "notSignedIn");
    // A token the library cannot read at all (not a JWT, wrong algorithm).
    logger.warn({ error: (error as Error).message }, "customer-account token refused");
    throw refusal(request, 401, "notSignedIn");
  }
  const { sessionToken, cors } = verified;
  const refuse = (status: number, key: RefusalKey): never => {
    throw cors(refusal(request, status, key));
  };
  // The library skips the audience check for extension tokens; a token minted for another app
  // could never carry our signature, but checking costs nothing.
  if (sessionToken.aud !== env.SHOPIFY_API_KEY) refuse(401, "notForApp");
  const shop = shopDomain.safeParse(sessionToken.dest);
  if (!shop.success) return refuse(401, "badShop");
  const customer = customerGid.safeParse(sessionToken.sub);
  if (!customer.success) return refuse(401, "notSignedIn");
  try {
    const { admin } = await unauthenticated.admin(shop.data);
    return { shop: shop.data, customerId: customer.data, admin: adminClient(admin.graphql), cors };
  } catch (error) {
    if (error instanceof SessionNotFoundError) return refuse(401, "notInstalled");
    throw error;
  }
}

/** The request module's context: the customer comes from the token only, never from the body. */
export function viewerOf(caller: CustomerCaller): FlowContext {
  return { shop: caller.shop, viewer: { type: "customer", customerId: caller.customerId }, admin: caller.admin };
}

/** The order in the URL (/api/customer/orders/1001 → gid://shopify/Order/1001). */
export function orderGidFrom(params: { orderId?: string }, request?: Request): string {
  const id = orderParam.safeParse(params.orderId);
  if (!id.success) throw request ? refusal(request, 400, "chooseOrder") : jsonResponse({ error: "Choose one of your orders." }, { status: 400 });
  return `gid://shopify/Order/${id.data}`;
}

/**
 * 400 for a body its schema refused: the first issue's sentence in the reader's language (a
 * message of the request flow's own is translated; any other falls back to "the form could not
 * be read"), and every issue by field as the schema wrote it.
 */
export function invalidBody(error: z.ZodError, request?: Request): Response {
  const first = error.issues[0]?.message ?? "Check the form and try again.";
  const locale = request ? readerLocale(request.url, request.headers.get("accept-language")) : "en";
  const localised = localiseMessage(locale, first);
  const sentence = locale !== "en" && localised === first ? refusalText(locale, "unreadableForm") : localised;
  return jsonResponse({ error: sentence, issues: z.flattenError(error).fieldErrors }, { status: 400 });
}

/**
 * A JSON object body of at most `limit` bytes, counted as it streams (413 past it, 415 when not
 * JSON, 400 when not an object); the fields are checked by the request module's own schemas.
 */
export async function jsonBody(request: Request, limit = JSON_LIMIT_BYTES): Promise<Record<string, unknown>> {
  try {
    return await readJsonObject(request, limit);
  } catch (error) {
    if (error instanceof BodyRefused) throw refusal(request, error.status, error.key);
    throw error;
  }
}

/** A refusal of the request flow's, its sentences in the reader's language. */
export function flowRefusal(request: Request, error: RequestFlowError): Response {
  const locale = readerLocale(request.url, request.headers.get("accept-language"));
  const t = translator(locale);
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [field, localiseMessage(locale, message)]));
  // The codes whose sentence is the pages' own (as the storefront shows them); the rest are the flow's messages.
  const byCode = { not_found: t("notFound"), rate_limited: t("tooMany"), unavailable: t("unavailable") } as Partial<Record<RequestFlowError["code"], string>>;
  return jsonResponse({ error: byCode[error.code] ?? localiseMessage(locale, error.message), fields }, { status: error.status });
}

/** Answers with the library's CORS headers whatever happens, so the extension can read refusals. */
export async function answer(request: Request, work: (caller: CustomerCaller) => Promise<unknown>): Promise<Response> {
  const caller = await authenticateCustomer(request);
  try {
    return caller.cors(jsonResponse(await work(caller)));
  } catch (error) {
    if (error instanceof Response) return caller.cors(error);
    if (error instanceof RequestFlowError || error instanceof PhotoError) return caller.cors(flowRefusal(request, error));
    throw error;
  }
}

/** 405 for a method the route does not take, after the token (and a preflight) is checked. */
export async function onlyGet(request: Request): Promise<Response> {
  const { cors } = await authenticateCustomer(request);
  return cors(refusal(request, 405, "useGet", { Allow: "GET" }));
}
