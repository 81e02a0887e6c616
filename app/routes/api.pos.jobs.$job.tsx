import type { LoaderFunctionArgs } from "@remix-run/node";

import { posAnswer } from "../repairs/counter-context.server";

/** GET /api/pos/jobs/:job — the POS home tile finds a ticket by the job number on its envelope ("J-1042"). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => posAnswer(request, async ({ counter, shop }) => counter.findJob(shop.domain, params.job ?? ""));
