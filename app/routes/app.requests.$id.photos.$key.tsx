import type { LoaderFunctionArgs } from "@remix-run/node";

import { deskPhoto } from "../desk/photos.server";
import { logger } from "../platform/logger.server";
import { requests } from "../repositories/index.server";
import { photoStore } from "../requests/photo-store.server";
import { authenticate } from "../shopify.server";

/**
 * GET /app/requests/:id/photos/:key[?size=full] — a shopper's photo for the merchant's desk: a
 * thumbnail, or the photo itself with `size=full`. Only through the desk's own authentication:
 * App Bridge's fetch adds the staff member's session token as a bearer, which `authenticate.admin`
 * checks; the token must be a Shopify admin one for that shop (a shopper's customer-account token
 * is signed with the same secret). Anyone else gets 401; another shop's admin, another request's
 * photo or a guessed key 404. Never cached by anything shared.
 */
const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

const SIGN_IN = "Open this photo from the request's page in Shopify admin.";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  if (!/^Bearer\s+\S+$/i.test(request.headers.get("Authorization") ?? "")) return plain(401, SIGN_IN);
  let shop: string;
  try {
    const { session, sessionToken } = await authenticate.admin(request);
    if (sessionToken?.iss !== `https://${session.shop}/admin` || !sessionToken.sub) return plain(401, SIGN_IN);
    shop = session.shop;
  } catch (thrown) {
    // An expired token: the library's 401 asks App Bridge to retry with a fresh one.
    if (thrown instanceof Response && thrown.status === 401) return thrown;
    logger.warn({ error: thrown instanceof Response ? `response ${thrown.status}` : String(thrown) }, "desk photo refused: not a Shopify admin session");
    return plain(401, SIGN_IN);
  }
  const size = new URL(request.url).searchParams.get("size") === "full" ? "full" : "thumbnail";
  const bytes = /^[a-z0-9]{10,40}$/.test(params.id ?? "") ? await deskPhoto({ requests, photos: photoStore }, shop, params.id as string, params.key ?? "", size) : null;
  if (!bytes) return plain(404, "There is no such photo on this request.");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
};
