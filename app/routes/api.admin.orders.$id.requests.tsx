import type { ActionFunctionArgs } from "@remix-run/node";

import { adminAnswer } from "../auth/admin-extension.server";
import { jsonBody } from "../auth/customer-account.server";
import { requestFlow } from "../requests/index.server";

/**
 * POST /api/admin/orders/:id/requests — staff log a request for a shopper who phoned or came in:
 * the request module's own submit with viewer = staff (same eligibility, same idempotency key).
 */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  adminAnswer(request, params, async ({ ctx }, orderId) => {
    const body = await jsonBody(request);
    return requestFlow.submit(ctx, { ...body, orderId });
  });
