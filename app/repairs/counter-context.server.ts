import { flowRefusal, jsonResponse } from "../auth/customer-account.server";
import { posCaller, type PosCaller } from "../auth/pos.server";
import { requests } from "../repositories/index.server";
import { PhotoError, RequestFlowError, requestFlow } from "../requests/index.server";
import { benchContext } from "./context.server";
import { createCounter, type CounterResult } from "./counter.server";

/**
 * What every POS route starts with: the POS user's session token checked (app/auth/pos.server.ts),
 * then the bench's context (the desk bound to the staff member and the live policy) and the
 * counter's use cases over it. The answer carries the library's CORS headers; a refusal is JSON
 * with a sentence, as the admin extensions' calls are answered.
 */
export async function counterContext(request: Request, caller: PosCaller) {
  const context = await benchContext(request);
  const flowCtx = { shop: caller.shop, viewer: { type: "staff" as const }, admin: caller.admin };
  const counter = createCounter({ flow: requestFlow, flowCtx, desk: context.desk, bench: context.bench, repairs: context.repairs, requests, policy: context.policy, staff: context.staff });
  return { ...context, flowCtx, counter };
}

export type CounterContext = Awaited<ReturnType<typeof counterContext>>;

/** Runs a POS call: authenticate, build the context, answer the use case's result (or its refusal) as JSON with CORS. */
export async function posAnswer(request: Request, work: (ctx: CounterContext) => Promise<CounterResult<unknown> | { raw: unknown }>): Promise<Response> {
  const caller = await posCaller(request);
  try {
    const result = await work(await counterContext(request, caller));
    if ("raw" in result) return caller.cors(jsonResponse(result.raw));
    if (result.ok) return caller.cors(jsonResponse(result.value));
    return caller.cors(jsonResponse({ error: result.message, fields: result.fields ?? {} }, { status: result.status }));
  } catch (error) {
    if (error instanceof Response) return caller.cors(error);
    if (error instanceof RequestFlowError || error instanceof PhotoError) return caller.cors(flowRefusal(request, error));
    throw error;
  }
}

/**
 * A read-only POS route's action: Shopify POS on the web asks a CORS preflight (OPTIONS) before a
 * GET with a bearer; `authenticate.admin` answers it. Any other method is refused.
 */
export async function posPreflight(request: Request): Promise<Response> {
  const caller = await posCaller(request);
  return caller.cors(jsonResponse({ error: "This address only answers GET." }, { status: 405, headers: { Allow: "GET" } }));
}
