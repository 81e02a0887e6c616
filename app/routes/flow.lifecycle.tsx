import { json, type ActionFunctionArgs } from "@remix-run/node";

import { readFlowRequest } from "../flow/route.server";
import { receiveLifecycle } from "../flow/entry.server";
import { flowStore } from "../repositories/flow-store.server";

// Shopify Flow's trigger lifecycle callback (extensions/aftercare-flow-lifecycle): a shop enabled or
// disabled a workflow using one of Aftercare's triggers. 401 unless Flow signed it; a trigger is
// sent only while its shop has an enabled workflow (app/flow/send.server.ts).
export const action = async ({ request }: ActionFunctionArgs) => {
  const body = await readFlowRequest(request);
  const answer = await receiveLifecycle(flowStore, body);
  // `json`, not `Response.json`: the fetch globals server.mjs installs have none (a 500 in production).
  return json({ message: answer.message }, { status: answer.status });
};
