import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { posReturnsAnswer } from "../boutique/context.server";
import { posPreflight } from "../repairs/counter-context.server";

/** GET /api/pos/returns/:reference — the POS home tile finds a request by the number the shopper gives ("R-12"). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => posReturnsAnswer(request, async (returns, shop) => returns.byReference(shop, params.reference ?? ""));

/** The CORS preflight POS on the web sends first. */
export const action = async ({ request }: ActionFunctionArgs) => posPreflight(request);
