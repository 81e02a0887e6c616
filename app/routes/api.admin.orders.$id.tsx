import type { LoaderFunctionArgs } from "@remix-run/node";

import { adminAnswer } from "../auth/admin-extension.server";
import { orderRequests } from "../desk/order-requests.server";
import { requests } from "../repositories/index.server";
import { requestFlow } from "../requests/index.server";
import type { AdminOrderAnswer } from "../schemas/admin-order";

/**
 * GET /api/admin/orders/:id — the order-details block: the desk's requests for the order and the
 * request module's view of each line (what it may still get, decided on the published policy).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  adminAnswer(request, params, async ({ ctx }, orderId): Promise<AdminOrderAnswer> => {
    const [view, list] = await Promise.all([requestFlow.orderView(ctx, orderId), orderRequests(requests, ctx.shop, orderId)]);
    return { orderName: view.orderName, requests: list, view };
  });
