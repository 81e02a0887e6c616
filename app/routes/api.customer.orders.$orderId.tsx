import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { answer, onlyGet, orderGidFrom, viewerOf } from "../customer-account.server";
import { requestFlow } from "../requests/index.server";

/**
 * GET /api/customer/orders/:orderId — the order-page extension's first call: the request
 * module's view of one of the signed-in customer's orders (each line and what it may still get).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answer(request, async (caller) => {
    const view = await requestFlow.orderView(viewerOf(caller), orderGidFrom(params, request));
    return { view, eligible: view.lines.some((line) => line.entitlements.some((e) => e.eligible)) };
  });

/** Preflights (OPTIONS) are answered by the library; nothing else is allowed here. */
export const action = async ({ request }: ActionFunctionArgs) => onlyGet(request);
