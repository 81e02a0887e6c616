import { z } from "zod";

import { jsonResponse } from "./customer-account.server";
import { PhotoError, RequestFlowError, type FlowContext } from "./requests/index.server";
import { adminClient } from "./shopify/client.server";
import { authenticate } from "./shopify.server";

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
  const { admin, session, cors } = await authenticate.admin(request);
  const caller: AdminCaller = { ctx: { shop: session.shop, viewer: { type: "staff" }, admin: adminClient(admin.graphql) }, cors };
  const id = orderParam.safeParse(params.id);
  if (!id.success) return cors(jsonResponse({ error: "Open this from an order in Shopify admin." }, { status: 400 }));
  try {
    return cors(jsonResponse(await work(caller, `gid://shopify/Order/${id.data}`)));
  } catch (error) {
    if (error instanceof Response) return cors(error);
    if (error instanceof RequestFlowError || error instanceof PhotoError) {
      return cors(jsonResponse({ error: error.message, fields: error.fields }, { status: error.status }));
    }
    throw error;
  }
}
