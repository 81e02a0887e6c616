import "@shopify/shopify-api/adapters/node";
import { readFileSync } from "node:fs";

import { ApiVersion, Session, shopifyApi } from "@shopify/shopify-api";

import { routeShopTrafficTo } from "../../app/shopify/admin-origin.server";
import { adminClient, type AdminClient, type AdminGraphql, type RetryPolicy } from "../../app/shopify/client.server";
import { startStandin, type RunningStandin } from "../standin";

export const SHOP = "gateway-jeweller.myshopify.com";
const API_KEY = "aftercare-test-key";
const API_SECRET = "aftercare-test-secret";
/** The scopes the app declares in shopify.app.toml: a gateway call needing one it lacks fails here. */
export const SCOPES = (/^\s*scopes\s*=\s*"([^"]*)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** The stand-in on 127.0.0.1 with one empty shop, and the library's traffic routed to it. */
export async function gatewayStandin(): Promise<RunningStandin> {
  const standin = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: "http://127.0.0.1:9", scopes: SCOPES, shops: [{ myshopifyDomain: SHOP }], webhooks: { subscriptions: [] } });
  routeShopTrafficTo(standin.origin);
  return standin;
}

/**
 * The same `graphql` function shopify-app-remix hands a route (`admin.graphql`): the library's
 * GraphQL client for an offline session, its answer wrapped in a Response.
 */
export function libraryGraphql(standin: RunningStandin, shop = SHOP): AdminGraphql {
  const api = shopifyApi({ apiKey: API_KEY, apiSecretKey: API_SECRET, apiVersion: ApiVersion.October26, hostName: "127.0.0.1:3000", hostScheme: "http", isEmbeddedApp: true, scopes: SCOPES, logger: { level: 0 }, future: {} });
  const session = new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: standin.issueAccessToken(shop, SCOPES), scope: SCOPES.join(",") });
  return async (query, options) => {
    const client = new api.clients.Graphql({ session });
    const response = await client.request(query, { variables: options?.variables });
    return new Response(JSON.stringify(response));
  };
}

/** A client with quick retries, for tests that inject faults. */
export function quickClient(standin: RunningStandin, policy: Partial<RetryPolicy> = {}): AdminClient {
  return adminClient(libraryGraphql(standin), { baseDelayMs: 5, maxDelayMs: 40, maxElapsedMs: 20_000, ...policy });
}
