import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { posReturnsAnswer } from "../boutique/context.server";
import { posPreflight } from "../repairs/counter-context.server";

/** GET /api/pos/orders/:id/requests — the shopper's open returns and warranty claims on the order POS shows, with the engine's decision. */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  posReturnsAnswer(request, async (returns, shop) => {
    if (!/^\d{1,20}$/.test(params.id ?? "")) return { ok: false, status: 400, message: "No such order." };
    return returns.forOrder(shop, `gid://shopify/Order/${params.id}`);
  });

/** The CORS preflight POS on the web sends first. */
export const action = async ({ request }: ActionFunctionArgs) => posPreflight(request);
