import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonBody } from "../auth/customer-account.server";
import { posReturnsAnswer } from "../boutique/context.server";
import { requestIdSchema } from "../desk/forms.server";

/** POST /api/pos/requests/:id/preview { method } — what settling would send, as the desk's preview says it. Nothing moves. */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  posReturnsAnswer(request, async (returns, shop) => {
    const id = requestIdSchema.safeParse(params.id);
    if (!id.success) return { ok: false, status: 404, message: "No such request in this shop." };
    return returns.preview(shop, id.data, await jsonBody(request));
  });
