import { BodyRefused, JSON_LIMIT_BYTES, readCapped } from "../platform/body.server";
import { isSignedByFlow } from "../shopify.server";

/**
 * The body of a request from Shopify Flow, once its signature is checked: 405 for anything but a
 * POST, 413 past the JSON limit, 401 when it is not signed with the app's secret (a forgery changes
 * nothing), 400 when it is not JSON. Thrown as the Response to answer.
 */
export async function readFlowRequest(request: Request): Promise<unknown> {
  if (request.method !== "POST") throw new Response("Only POST", { status: 405 });
  let raw: string;
  try {
    raw = (await readCapped(request, JSON_LIMIT_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyRefused) throw new Response(error.key, { status: error.status });
    throw error;
  }
  if (!(await isSignedByFlow(raw, request))) throw new Response("Not signed by Shopify Flow", { status: 401 });
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Response("The body is not JSON", { status: 400 });
  }
}
