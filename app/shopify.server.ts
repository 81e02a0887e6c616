import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  SessionNotFoundError,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";

import db from "./db.server";
import { env } from "./platform/env.server";
import { shops } from "./repositories/index.server";
import { routeShopTrafficTo } from "./shopify/admin-origin.server";

routeShopTrafficTo(env.SHOPIFY_ADMIN_API_ORIGIN, { timeoutMs: env.SHOPIFY_CALL_TIMEOUT_MS });

/** The Admin API version every operation is written and validated against. */
export const apiVersion = ApiVersion.October26;

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: env.SCOPES,
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db),
  distribution: AppDistribution.AppStore,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  // The shop row marks "installed at some time": webhooks for a shop without one are dropped.
  hooks: { afterAuth: async ({ session }) => void (await shops.recordInstall(session.shop)) },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;

/**
 * The shop's offline Admin GraphQL client for work no merchant is present for (jobs, retries),
 * or null when the shop has no offline session: the app is not installed there now. Any other
 * failure to load it (the database not answering, Shopify refusing to refresh an expiring token)
 * is thrown, for the caller to try again later: it says nothing about whether the app is installed.
 */
export async function offlineAdminGraphql(shop: string, load: typeof unauthenticated.admin = unauthenticated.admin) {
  try {
    return (await load(shop)).admin.graphql;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

/**
 * An online session (it names the staff member: associated_user) for an App Bridge session token,
 * by token exchange. The Remix package keeps its own API object private, so the same library is
 * configured here with the app's keys for this one call.
 */
const api = shopifyApi({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: env.SCOPES,
  hostName: new URL(env.SHOPIFY_APP_URL).host,
  hostScheme: new URL(env.SHOPIFY_APP_URL).protocol === "http:" ? "http" : "https",
  isEmbeddedApp: true,
  logger: { level: 0 },
});
export async function onlineSessionFor(shop: string, sessionToken: string) {
  return (await api.auth.tokenExchange({ shop, sessionToken, requestedTokenType: RequestedTokenType.OnlineAccessToken })).session;
}

/**
 * Whether a request is Shopify Flow's (a trigger lifecycle callback, an action run): its
 * X-Shopify-Hmac-Sha256 is the HMAC of the raw body with the app's secret, checked by the library.
 * https://shopify.dev/docs/apps/build/flow/actions/endpoints#verifying-requests
 */
export async function isSignedByFlow(rawBody: string, request: Request): Promise<boolean> {
  return (await api.flow.validate({ rawBody, rawRequest: request })).valid;
}
