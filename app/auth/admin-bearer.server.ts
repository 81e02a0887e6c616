import { logger } from "../platform/logger.server";
import { authenticate } from "../shopify.server";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * A desk file fetched by App Bridge (a photo, a job envelope): the staff member's session token
 * as a bearer, checked by `authenticate.admin`, and it must be a Shopify admin token for that shop
 * (a shopper's customer-account token is signed with the same secret). Returns the shop, or the
 * answer to give: 401 with `signIn` for anyone else, or the library's own 401 for an expired token,
 * which asks App Bridge to retry with a fresh one. `what` names the refusal in the log.
 */
export async function adminBearerShop(request: Request, signIn: string, what: string): Promise<{ shop: string } | Response> {
  if (!/^Bearer\s+\S+$/i.test(request.headers.get("Authorization") ?? "")) return plain(401, signIn);
  try {
    const { session, sessionToken } = await authenticate.admin(request);
    if (sessionToken?.iss !== `https://${session.shop}/admin` || !sessionToken.sub) return plain(401, signIn);
    return { shop: session.shop };
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 401) return thrown;
    logger.warn({ error: thrown instanceof Response ? `response ${thrown.status}` : String(thrown) }, `${what} refused: not a Shopify admin session`);
    return plain(401, signIn);
  }
}
