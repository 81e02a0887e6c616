import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { posReturnsAnswer } from "../boutique/context.server";
import { posPreflight } from "../repairs/counter-context.server";

/** GET /api/pos/customers/:id/requests — the customer's open returns and warranty claims, on POS's customer details screen. */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  posReturnsAnswer(request, async (returns, shop) => {
    if (!/^\d{1,20}$/.test(params.id ?? "")) return { ok: false, status: 400, message: "No such customer." };
    return returns.forCustomer(shop, `gid://shopify/Customer/${params.id}`);
  });

/** The CORS preflight POS on the web sends first. */
export const action = async ({ request }: ActionFunctionArgs) => posPreflight(request);
