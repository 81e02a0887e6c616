import type { ActionFunctionArgs } from "@remix-run/node";

import { answer, jsonBody, orderGidFrom, viewerOf } from "../auth/customer-account.server";
import { requestFlow } from "../requests/index.server";

/** POST /api/customer/orders/:orderId/preview — the answer before submitting (nothing is stored). */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  answer(request, async (caller) => {
    const body = await jsonBody(request);
    return requestFlow.preview(viewerOf(caller), { ...body, orderId: orderGidFrom(params, request) });
  });
