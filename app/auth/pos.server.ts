import { refusal, withSentence } from "./customer-account.server";
import { logger } from "../platform/logger.server";
import { adminClient, type Admin } from "../shopify/client.server";
import { authenticate } from "../shopify.server";

/**
 * Calls from Aftercare's POS UI extension (docs/decisions/019-pos.md). Shopify POS adds the
 * signed-in user's session token (a Shopify ID token, the same kind Shopify admin gives its
 * extensions) as a bearer to every fetch() to the app's URL, so `authenticate.admin` checks it
 * (signature, times, audience), loads the shop's session and answers CORS preflights. The token
 * must be a Shopify admin token for its shop with a user (`sub`): a shopper's customer-account
 * token is signed with the same secret and is refused here.
 * https://shopify.dev/docs/api/pos-ui-extensions (App authentication)
 */
export type PosCaller = { shop: string; admin: Admin; cors: (response: Response) => Response };

export async function posCaller(request: Request): Promise<PosCaller> {
  let authenticated: Awaited<ReturnType<typeof authenticate.admin>>;
  try {
    authenticated = await authenticate.admin(request);
  } catch (error) {
    // The library answers a token exchange Shopify refused with a bare 500: the token failed, not the app.
    if (error instanceof Response && error.status >= 500 && error.body === null) throw refusal(request, 401, "adminSession");
    if (error instanceof Response) throw withSentence(request, error, "adminSession");
    logger.warn({ error: (error as Error).message }, "POS extension call refused");
    throw refusal(request, 401, "adminSession");
  }
  const { admin, session, sessionToken, cors } = authenticated;
  if (sessionToken?.iss !== `https://${session.shop}/admin` || !sessionToken.sub) {
    logger.warn({ shop: session.shop }, "POS extension call refused: not a Shopify admin or POS user's token");
    throw cors(refusal(request, 401, "adminSession"));
  }
  return { shop: session.shop, admin: adminClient(admin.graphql), cors };
}
