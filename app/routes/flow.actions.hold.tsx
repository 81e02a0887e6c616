import { json, type ActionFunctionArgs } from "@remix-run/node";

import { readFlowRequest } from "../flow/route.server";
import { receiveHold } from "../flow/entry.server";
import { desk } from "../repositories/index.server";
import { flowStore } from "../repositories/flow-store.server";

// Shopify Flow's "Hold Aftercare request for review" action (extensions/aftercare-flow-hold): 401
// unless Flow signed it; the request is held so the desk does not approve it until released.
export const action = async ({ request }: ActionFunctionArgs) => {
  const body = await readFlowRequest(request);
  const answer = await receiveHold(
    {
      flow: flowStore,
      // An internal entry: the team sees why, the shopper's timeline does not.
      note: (shop, requestId, message, at) => desk.record(shop, { requestId, type: "note", actor: "system", staffName: "Shopify Flow", message, at }),
    },
    body,
  );
  // `json`, not `Response.json`: the fetch globals server.mjs installs have none (a 500 in production).
  return json({ message: answer.message }, { status: answer.status });
};
