import { z } from "zod";

import { flowRefusal, jsonResponse, refusal, withSentence } from "./customer-account.server";
import { logger } from "../platform/logger.server";
import { PhotoError, RequestFlowError, type FlowContext } from "../requests/index.server";
import { adminClient } from "../shopify/client.server";
import { authenticate } from "../shopify.server";

/**
 * Calls from Aftercare's admin UI extensions (the order-details block and action). Shopify adds
 * the staff member's session token as a bearer to every fetch() to the app's URL;
 * `authenticate.admin` checks it (signature, times, audience), loads the shop's session and
 * answers CORS preflights; `cors` adds the headers an extension on Shopify's origin needs.
 * https://shopify.dev/docs/api/admin-extensions (App authentication)
 */
export type AdminCaller = { ctx: FlowContext; cors: (response: Response) => Response };

const orderParam = z.string().regex(/^\d{1,20}$/);

export async function adminAnswer(request: Request, params: { id?: string }, work: (caller: AdminCaller, orderId: string) => Promise<unknown>): Promise<Response> {
  let authenticated: Awaited<ReturnType<typeof authenticate.admin>>;
  try {
    authenticated = await authenticate.admin(request);
  } catch (error) {
    // The library answers a token exchange Shopify refused (a shop that never installed the app)
    // with a bare 500: that is the caller's token, not the app, failing.
    if (error instanceof Response && error.status >= 500 && error.body === null) {
      logger.warn({ status: error.status }, "admin extension token could not be exchanged");
      throw refusal(request, 401, "adminSession");
    }
    if (error instanceof Response) throw withSentence(request, error, "adminSession");
    // A token Shopify will not exchange (a customer-account token, a shop that never installed
    // the app, a token for a session since removed): the caller must open the app again.
    logger.warn({ error: (error as Error).message }, "admin extension call refused");
    throw refusal(request, 401, "adminSession");
  }
  const { admin, session, cors } = authenticated;
  const caller: AdminCaller = { ctx: { shop: session.shop, viewer: { type: "staff" }, admin: adminClient(admin.graphql) }, cors };
  const id = orderParam.safeParse(params.id);
  if (!id.success) return cors(refusal(request, 400, "adminSession"));
  try {
    return cors(jsonResponse(await work(caller, `gid://shopify/Order/${id.data}`)));
  } catch (error) {
    if (error instanceof Response) return cors(error);
    if (error instanceof RequestFlowError || error instanceof PhotoError) return cors(flowRefusal(request, error));
    throw error;
  }
}
