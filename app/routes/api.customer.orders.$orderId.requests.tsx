import type { ActionFunctionArgs } from "@remix-run/node";

import { answer, jsonBody, orderGidFrom, viewerOf } from "../auth/customer-account.server";
import { requestFlow } from "../requests/index.server";

/**
 * POST /api/customer/orders/:orderId/requests — submits the request; the body's idempotency key
 * makes a retried submit find the first request instead of making a second one.
 */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  answer(request, async (caller) => {
    const body = await jsonBody(request);
    return requestFlow.submit(viewerOf(caller), { ...body, orderId: orderGidFrom(params, request) });
  });
