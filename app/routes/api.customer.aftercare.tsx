import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { answer, onlyGet, viewerOf } from "../auth/customer-account.server";
import { customerOverview } from "../requests/overview.server";

/** GET /api/customer/aftercare — "My aftercare": the signed-in customer's requests and their items' services. */
export const loader = async ({ request }: LoaderFunctionArgs) => answer(request, (caller) => customerOverview(viewerOf(caller)));

export const action = async ({ request }: ActionFunctionArgs) => onlyGet(request);
