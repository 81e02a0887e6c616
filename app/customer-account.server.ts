import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { z } from "zod";

import { env } from "./env.server";
import { PhotoError, RequestFlowError, type FlowContext } from "./requests/index.server";
import { adminClient, type Admin } from "./shopify/client.server";
import { authenticate, unauthenticated } from "./shopify.server";

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

function refuse(status: number, error: string, cors: (response: Response) => Response = (r) => r): never {
  throw cors(jsonResponse({ error }, { status }));
}

export async function authenticateCustomer(request: Request): Promise<CustomerCaller> {
  // 401 for a missing, forged or expired token and 204 for a preflight, before anything else runs.
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  // The library skips the audience check for extension tokens; a token minted for another app
  // could never carry our signature, but checking costs nothing.
  if (sessionToken.aud !== env.SHOPIFY_API_KEY) refuse(401, "This session is not for Aftercare.", cors);
  const shop = shopDomain.safeParse(sessionToken.dest);
  if (!shop.success) refuse(401, "This session names no shop.", cors);
  const customer = customerGid.safeParse(sessionToken.sub);
  if (!customer.success) refuse(401, "Sign in to your account to see your orders.", cors);
  try {
    const { admin } = await unauthenticated.admin(shop.data);
    return { shop: shop.data, customerId: customer.data, admin: adminClient(admin.graphql), cors };
  } catch (error) {
    if (error instanceof SessionNotFoundError) refuse(401, "This shop does not use Aftercare.", cors);
    throw error;
  }
}

/** The request module's context: the customer comes from the token only, never from the body. */
export function viewerOf(caller: CustomerCaller): FlowContext {
  return { shop: caller.shop, viewer: { type: "customer", customerId: caller.customerId }, admin: caller.admin };
}

/** The order in the URL (/api/customer/orders/1001 → gid://shopify/Order/1001). */
export function orderGidFrom(params: { orderId?: string }): string {
  const id = orderParam.safeParse(params.orderId);
  if (!id.success) refuse(400, "Choose one of your orders.");
  return `gid://shopify/Order/${id.data}`;
}

export function invalidBody(error: z.ZodError): Response {
  return jsonResponse({ error: error.issues[0]?.message ?? "Check the form and try again.", issues: z.flattenError(error).fieldErrors }, { status: 400 });
}

/** A JSON object body, or 400; the fields are checked by the request module's own schemas. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) refuse(415, "Send the request as JSON.");
  const body: unknown = await request.json().catch(() => null);
  if (!body || typeof body !== "object" || Array.isArray(body)) refuse(400, "Send the request as a JSON object.");
  return body as Record<string, unknown>;
}

/** Answers with the library's CORS headers whatever happens, so the extension can read refusals. */
export async function answer(request: Request, work: (caller: CustomerCaller) => Promise<unknown>): Promise<Response> {
  const caller = await authenticateCustomer(request);
  try {
    return caller.cors(jsonResponse(await work(caller)));
  } catch (error) {
    if (error instanceof Response) return caller.cors(error);
    if (error instanceof RequestFlowError || error instanceof PhotoError) {
      return caller.cors(jsonResponse({ error: error.message, fields: error.fields }, { status: error.status }));
    }
    throw error;
  }
}
