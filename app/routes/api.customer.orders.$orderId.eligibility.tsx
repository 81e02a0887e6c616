import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { answer, onlyGet, orderGidFrom, viewerOf } from "../auth/customer-account.server";
import { requestFlow } from "../requests/index.server";

/**
 * GET /api/customer/orders/:orderId/eligibility — whether the order action menu shows "Return,
 * exchange or repair": some line still has something it may be asked for, as the request module
 * decides it on the shop's published policy. The extension never guesses.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  answer(request, async (caller) => {
    const view = await requestFlow.orderView(viewerOf(caller), orderGidFrom(params, request));
    return { eligible: view.lines.some((line) => line.entitlements.some((e) => e.eligible)) };
  });

export const action = async ({ request }: ActionFunctionArgs) => onlyGet(request);
