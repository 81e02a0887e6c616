import "@shopify/shopify-api/adapters/node";
import { ApiVersion, GraphqlQueryError, HttpResponseError, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeShopTrafficTo } from "~/shopify/admin-origin.server";

import { startStandin, type RunningStandin } from "../standin";

const SHOP = "demo-jeweller.myshopify.com";
const API_KEY = "standin-test-key";
const API_SECRET = "standin-test-secret";

let standin: RunningStandin;

function library() {
  return shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    apiVersion: ApiVersion.October26,
    hostName: "127.0.0.1:3000",
    hostScheme: "http",
    isEmbeddedApp: true,
    scopes: ["read_orders"],
    logger: { level: 0 },
    future: {},
  });
}

beforeAll(async () => {
  standin = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: "http://127.0.0.1:9", scopes: ["read_orders", "write_returns"], shops: [{ myshopifyDomain: SHOP }] });
  // The app's own switch (SHOPIFY_ADMIN_API_ORIGIN): the library's https://{shop}/admin calls go to the stand-in.
  routeShopTrafficTo(standin.origin);
});

afterAll(() => standin.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${standin.origin}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-shopify-shop-domain": SHOP, ...headers }, body: JSON.stringify(body) });
}

describe("stand-in over HTTP with @shopify/shopify-api", () => {
  it("GIVEN a session token signed with the app secret WHEN the library exchanges it THEN it gets an expiring offline token that queries the Admin API", async () => {
    const shopify = library();
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken: standin.sessionToken(SHOP), requestedTokenType: RequestedTokenType.OfflineAccessToken, expiring: true });
    expect(session.isOnline).toBe(false);
    expect(session.id).toBe(`offline_${SHOP}`);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(session.expires?.getTime()).toBeGreaterThan(Date.now());
    expect(session.scope).toBe("read_orders,write_returns");

    const client = new shopify.clients.Graphql({ session });
    const response = await client.request(`#graphql
      query ShopName { shop { name currencyCode } }`);
    expect(response.data).toEqual({ shop: { name: "Demo Jeweller", currencyCode: "GBP" } });
    expect(response.extensions).toMatchObject({ cost: { requestedQueryCost: 1, throttleStatus: { maximumAvailable: 2000 } } });

    const refreshed = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken as string });
    expect(refreshed.session.accessToken).not.toBe(session.accessToken);
    await expect(shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken as string })).rejects.toBeInstanceOf(HttpResponseError);
  });

  it("GIVEN an online token request WHEN exchanged THEN the associated user comes back as the library expects", async () => {
    const shopify = library();
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken: standin.sessionToken(SHOP), requestedTokenType: RequestedTokenType.OnlineAccessToken });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.email).toBe("morgan@demo-jeweller.example");
    expect(session.id).toBe(`${SHOP}_${session.onlineAccessInfo?.associated_user.id}`);
  });

  it("GIVEN a session token with one byte changed WHEN exchanged THEN the stand-in refuses it with 400", async () => {
    const token = standin.sessionToken(SHOP);
    const forged = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    const response = await post("/admin/oauth/access_token", {
      client_id: API_KEY,
      client_secret: API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: forged,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_subject_token" });
  });

  it("GIVEN the admin's app URL WHEN the library checks its hmac THEN it is Shopify's signature over the query", async () => {
    const query = Object.fromEntries(new URL(standin.appEntryUrl(SHOP)).searchParams);
    expect(await library().utils.validateHmac(query)).toBe(true);
    expect(await library().utils.validateHmac({ ...query, shop: "other.myshopify.com" })).toBe(false);
  });

  it("GIVEN no or an unknown access token WHEN querying THEN 401", async () => {
    const response = await post("/admin/api/2026-10/graphql.json", { query: "{ shop { name } }" }, { "x-shopify-access-token": "shpat_unknown" });
    expect(response.status).toBe(401);
  });

  it("GIVEN a misspelt field WHEN the library sends it THEN it raises Shopify's undefinedField error", async () => {
    const shopify = library();
    const session = (await shopify.auth.tokenExchange({ shop: SHOP, sessionToken: standin.sessionToken(SHOP), requestedTokenType: RequestedTokenType.OfflineAccessToken })).session;
    const client = new shopify.clients.Graphql({ session });
    const error = await client.request(`query { shop { nmae } }`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphqlQueryError);
    expect((error as GraphqlQueryError).body?.errors).toMatchObject({ graphQLErrors: [{ extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" } }] });
  });
});

describe("product images", () => {
  it("GIVEN a product WHEN its featured image is asked for THEN the URL points at the stand-in, which serves a drawn SVG, and an unknown handle is 404", async () => {
    const store = standin.store(SHOP);
    store.products.push(store.index({ __typename: "Product", id: "gid://shopify/Product/990001", title: "Vintage Sapphire Ring", handle: "vintage-sapphire-ring", productType: "Rings", vendor: "Demo", tags: ["sapphire"], status: "ACTIVE", descriptionHtml: "", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", publishedAt: null, metafields: [], collectionIds: [], variantIds: [] }));
    const response = (await standin.engine.graphql(SHOP, { query: `query { product(id: "gid://shopify/Product/990001") { featuredImage { url(transform: { maxWidth: 160 }) altText width } } }`, variables: null, operationName: null }, { scopes: ["read_products"] })).body as { data?: { product: { featuredImage: { url: string; altText: string; width: number } } } };
    const image = response.data?.product.featuredImage;
    expect(image).toEqual({ url: `${standin.origin}/cdn/shop/products/vintage-sapphire-ring.svg`, altText: "Vintage Sapphire Ring", width: 600 });

    const served = await fetch(image?.url as string);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await served.text();
    expect(svg).toContain("<title>Vintage Sapphire Ring</title>");
    // The sapphire's blue, not the default crystal.
    expect(svg).toContain("#2f5fb3");
    expect((await fetch(`${standin.origin}/cdn/shop/products/no-such-ring.svg`)).status).toBe(404);
    expect((await fetch(`${standin.origin}/cdn/shop/products/..%2Fsecret.svg`)).status).toBe(404);
  });
});
