import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonBody } from "../auth/customer-account.server";
import { posReturnsAnswer } from "../boutique/context.server";
import { requestIdSchema } from "../desk/forms.server";

/** POST /api/pos/requests/:id/receive { from } — the items handed in at the counter: the desk's approve (when still new) and receive, from the state POS showed (moved on since: 409 with who moved it, nothing changes). */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  posReturnsAnswer(request, async (returns, shop) => {
    const id = requestIdSchema.safeParse(params.id);
    if (!id.success) return { ok: false, status: 404, message: "No such request in this shop." };
    return returns.receive(shop, id.data, await jsonBody(request));
  });
