import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonBody } from "../auth/customer-account.server";
import { posAnswer } from "../repairs/counter-context.server";
import { ticketIdSchema } from "../repairs/forms.server";

/**
 * POST /api/pos/tickets/:id/collect { from } — the piece handed back at the counter: the bench's
 * collect move from the state POS showed (a ticket that moved on since: 409, nothing changes).
 */
export const action = async ({ request, params }: ActionFunctionArgs) =>
  posAnswer(request, async ({ counter, shop }) => {
    const id = ticketIdSchema.safeParse(params.id);
    if (!id.success) return { ok: false, status: 404, message: "No such repair ticket in this shop." };
    return counter.handBack(shop.domain, id.data, await jsonBody(request));
  });
