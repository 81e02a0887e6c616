import type { LoaderFunctionArgs } from "@remix-run/node";

import { dataExports } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

// The download of one customer data export, as a JSON file. 404 for an id of another shop.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const found = params.id ? await dataExports.find(session.shop, params.id) : null;
  if (!found) throw new Response("No such data export", { status: 404 });
  const body = JSON.stringify({ customerId: found.customerId, email: found.email, requestedAt: found.requestedAt.toISOString(), data: found.data }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="aftercare-data-request-${found.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
};
