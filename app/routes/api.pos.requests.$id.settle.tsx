import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonBody } from "../auth/customer-account.server";
import { posReturnsAnswer } from "../boutique/context.server";
import { requestIdSchema } from "../desk/forms.server";

/** POST /api/pos/requests/:id/settle { method } — the request settled at the counter by the desk's resolve: the same keyed money operation, so a second tap never pays twice. */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  posReturnsAnswer(request, async (returns, shop) => {
    const id = requestIdSchema.safeParse(params.id);
    if (!id.success) return { ok: false, status: 404, message: "No such request in this shop." };
    return returns.settle(shop, id.data, await jsonBody(request));
  });
