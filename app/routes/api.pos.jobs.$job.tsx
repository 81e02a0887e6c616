import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { posAnswer, posPreflight } from "../repairs/counter-context.server";

/** GET /api/pos/jobs/:job — the POS home tile finds a ticket by the job number on its envelope ("J-1042"). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => posAnswer(request, async ({ counter, shop }) => counter.findJob(shop.domain, params.job ?? ""));

/** The CORS preflight POS on the web sends first. */
export const action = async ({ request }: ActionFunctionArgs) => posPreflight(request);
