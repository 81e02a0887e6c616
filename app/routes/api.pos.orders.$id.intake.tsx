import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonBody } from "../auth/customer-account.server";
import { posAnswer } from "../repairs/counter-context.server";

/**
 * POST /api/pos/orders/:id/intake — Shopify POS takes a piece of the order in for repair at the
 * counter: the request, received, its bench ticket and intake record (app/repairs/counter.server.ts).
 * Answers the job number to write on the envelope.
 */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  posAnswer(request, async ({ counter, shop }) => {
    if (!/^\d{1,20}$/.test(params.id ?? "")) return { ok: false, status: 400, message: "No such order." };
    return counter.takeIn(shop.domain, `gid://shopify/Order/${params.id}`, await jsonBody(request));
  });
