import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { posAnswer, posPreflight } from "../repairs/counter-context.server";

/** GET /api/pos/customers/:id/orders — the customer's orders on POS's customer details screen, to take a piece of one in. */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  posAnswer(request, async ({ counter }) => {
    if (!/^\d{1,20}$/.test(params.id ?? "")) return { ok: false, status: 400, message: "No such customer." };
    return counter.customerOrders(`gid://shopify/Customer/${params.id}`);
  });

/** The CORS preflight POS on the web sends first. */
export const action = async ({ request }: ActionFunctionArgs) => posPreflight(request);
