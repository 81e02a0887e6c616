import type { LoaderFunctionArgs } from "@remix-run/node";

import { adminBearerShop } from "../auth/admin-bearer.server";
import { deskPhoto } from "../desk/photos.server";
import { parcels, requests } from "../repositories/index.server";
import { photoStore } from "../requests/photo-store.server";

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
  const caller = await adminBearerShop(request, SIGN_IN, "desk photo");
  if (caller instanceof Response) return caller;
  const shop = caller.shop;
  const size = new URL(request.url).searchParams.get("size") === "full" ? "full" : "thumbnail";
  const bytes = /^[a-z0-9]{10,40}$/.test(params.id ?? "") ? await deskPhoto({ requests, photos: photoStore, parcels }, shop, params.id as string, params.key ?? "", size) : null;
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
