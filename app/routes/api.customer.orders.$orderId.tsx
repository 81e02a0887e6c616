import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { answer, onlyGet, orderGidFrom, viewerOf } from "../auth/customer-account.server";
import { requestFlow } from "../requests/index.server";

/**
 * GET /api/customer/orders/:orderId — the order-page extension's first call: the request
 * module's view of one of the signed-in customer's orders (each line and what it may still get).
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answer(request, async (caller) => {
    const view = await requestFlow.orderView(viewerOf(caller), orderGidFrom(params, request));
    // Each open request's status page on the shop's storefront (the app proxy, shopify.app.toml), by its number.
    const statusUrls = Object.fromEntries(view.lines.flatMap((line) => line.openRequests.map((r) => [String(r.number), `https://${caller.shop}/apps/aftercare/status?token=${encodeURIComponent(r.statusToken)}`])));
    return { view, eligible: view.lines.some((line) => line.entitlements.some((e) => e.eligible)), statusUrls };
  });

/** Preflights (OPTIONS) are answered by the library; nothing else is allowed here. */
export const action = async ({ request }: ActionFunctionArgs) => onlyGet(request);
