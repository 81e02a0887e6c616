import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { APPROVED_PROTECTED_DATA } from "../../app/shopify/protected-customer-data";
import { APP_BRIDGE_SCRIPT } from "./app-bridge-script";
import { appProxyFromToml, signedAppProxyUrl, type AppProxyConfig } from "./app-proxy";
import { createStandin, type ShopInit, type StandinOptions } from "./executor";
import { Faults, type Fault, type FaultTarget } from "./faults";
import { IMAGE_PATH, productImageSvg } from "./product-images";
import { API_VERSION } from "./schema";
import type { ShopStore } from "./store";
import { DEFAULT_STAFF, sessionToken, TokenBook, verifyJwt, type StaffMember } from "./tokens";
import { compliancePayload, shopPayload } from "./webhook-payloads";
import { Webhooks, type WebhookOptions } from "./webhooks";

/**
 * A route the storefront (or a test) mounts on the stand-in: return true when it answered.
 * Built-in routes (/admin/*, /app-bridge.js, /store/*) come first.
 */
export type StandinRoute = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<boolean> | boolean;
export type RouteContext = { url: URL; body: () => Promise<Buffer>; standin: RunningStandin };

export type StartStandinOptions = Omit<StandinOptions, "apiKey"> & {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The app's client id and secret: session tokens, token exchange and webhooks are signed with them. */
  apiKey: string;
  apiSecret: string;
  /** The app's origin, e.g. http://127.0.0.1:3000 (webhooks go to `${appUrl}/webhooks/...`). */
  appUrl: string;
  /** Shops to hold from the start (a ShopStore, e.g. the demo seed, or the fields of a new one). */
  shops?: (ShopStore | ShopInit)[];
  routes?: StandinRoute[];
  /** Seed of the fault injector's generator. */
  faultSeed?: number;
  /** The merchant signing in; the online token's associated_user. */
  staff?: StaffMember;
  /**
   * The language the staff member reads Shopify admin in, which the admin sends the app as its
   * `locale` parameter (a BCP 47 tag: "en-GB", "fr", "fr-CA"); default "en-GB".
   */
  adminLocale?: string;
  /** Lifetime of expiring offline access tokens (Shopify: 1 hour) and refresh tokens (90 days). */
  accessTokenSeconds?: number;
  refreshTokenSeconds?: number;
  /** Online token lifetime (Shopify: about a day). */
  onlineTokenSeconds?: number;
  /** Webhook subscriptions (default: read from shopify.app.toml), retries and backoff. */
  webhooks?: WebhookOptions;
  /** The app proxy (default: `[app_proxy]` of shopify.app.toml); its URL's origin is replaced by appUrl. */
  appProxy?: AppProxyConfig;
};

export type RunningStandin = Awaited<ReturnType<typeof startStandin>>;

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";

/**
 * Starts the local Shopify on 127.0.0.1: Admin GraphQL at /admin/api/2026-10/graphql.json (access
 * token checked), token exchange and refresh at /admin/oauth/access_token, faults on demand, and
 * whatever `routes` add. The shop is named by the `x-shopify-shop-domain` header (set by
 * app/shopify/admin-origin.server.ts) or the Host header.
 */
export async function startStandin(options: StartStandinOptions) {
  const toml = existsSync("shopify.app.toml") ? readFileSync("shopify.app.toml", "utf8") : "";
  // Granted on install: the toml's [access_scopes] unless the test says otherwise.
  const scopes = options.scopes ?? (/^\s*scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? "").split(",").map((x) => x.trim()).filter(Boolean);
  // Protected customer data: what the app says it requested from Shopify, unless the test says otherwise.
  const protectedData = options.protectedData === undefined ? APPROVED_PROTECTED_DATA : options.protectedData;
  const engine = createStandin({ ...options, apiKey: options.apiKey, scopes, protectedData });
  const webhooks = new Webhooks({ appUrl: options.appUrl, apiSecret: options.apiSecret }, { scopes, ...options.webhooks });
  const addShop = (shop: ShopStore | ShopInit) => {
    const store = engine.addShop(shop);
    webhooks.watch(store);
    return store;
  };
  for (const shop of options.shops ?? []) addShop(shop);
  const tokens = new TokenBook();
  const faults = new Faults(options.faultSeed ?? 1);
  const routes: StandinRoute[] = [...(options.routes ?? [])];
  const staff = options.staff ?? DEFAULT_STAFF;
  const now = options.now ?? (() => new Date());
  const accessSeconds = options.accessTokenSeconds ?? 3600;
  const refreshSeconds = options.refreshTokenSeconds ?? 90 * 24 * 3600;
  const onlineSeconds = options.onlineTokenSeconds ?? 86_399;
  /** Shops where the app holds an offline token (installed). */
  const installed = new Set<string>();
  const sockets = new Set<Socket>();
  /** Requests served, in order, the last 10 000 (status 0: dropped or still open). */
  const requests: { method: string; path: string; shop: string; status: number }[] = [];
  const proxy = options.appProxy ?? appProxyFromToml(toml);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { errors: `stand-in failure: ${(error as Error).message}` });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Product images point at this server, which draws them (Shopify's CDN is out of reach).
  if (!options.cdnOrigin) engine.settings.cdnOrigin = origin;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const entry = { method: req.method ?? "GET", path: url.pathname, shop: shopOf(req), status: 0 };
    requests.push(entry);
    // A demo runs for hours: keep the recent past only.
    if (requests.length > 10_000) requests.splice(0, requests.length - 10_000);
    res.on("finish", () => (entry.status = res.statusCode));
    let cached: Buffer | undefined;
    const body = async () => (cached ??= await readBody(req));
    const ctx: RouteContext = { url, body, standin: api };
    if (url.pathname === `/admin/api/${API_VERSION}/graphql.json`) return adminGraphql(req, res, await body());
    if (url.pathname.startsWith("/admin/api/") && url.pathname.endsWith("/graphql.json")) return json(res, 404, { errors: "Not Found" });
    if (url.pathname === "/admin/oauth/access_token") return accessToken(req, res, await body());
    if (url.pathname === "/app-bridge.js") return appBridge(res);
    if (url.pathname.startsWith(IMAGE_PATH) && req.method === "GET") return productImage(res, url.pathname.slice(IMAGE_PATH.length));
    // An app's page deep-linked in the admin (/store/<shop>/apps/<app>/app/bench/<id>) opens the
    // app at that path, as Shopify's admin does.
    const admin = /^\/store\/([^/]+)(?:\/(session-token|apps\/([^/]+)((?:\/[A-Za-z0-9._~-]+)*)|orders\/(\d{1,20})(?:\/returns\/\d{1,20})?))?\/?$/.exec(url.pathname);
    if (admin && req.method === "GET") {
      const shop = shopFromHandle(decodeURIComponent(admin[1]));
      if (shop && admin[2] === "session-token") return sessionTokenFor(req, res, shop);
      if (shop && admin[3]) return openApp(res, shop, admin[4] || undefined);
      if (shop && admin[5]) return adminOrder(res, shop, admin[5]);
      if (shop) return adminHome(res, shop);
    }
    for (const route of routes) if (await route(req, res, ctx)) return;
    json(res, 404, { errors: "Not Found" });
  }

  /** A product's drawn image by its handle, from whichever shop has the product; cached like a CDN's. */
  function productImage(res: ServerResponse, file: string) {
    const handle = /^([a-z0-9-]{1,120})\.svg$/.exec(file)?.[1];
    const product = handle ? [...engine.shops.values()].map((s) => s.products.find((p) => p.handle === handle)).find(Boolean) : undefined;
    if (!product) return json(res, 404, { errors: "Not Found" });
    res.writeHead(200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=31536000, immutable", "Access-Control-Allow-Origin": "*" });
    res.end(productImageSvg(product));
  }

  function shopOf(req: IncomingMessage): string {
    const header = req.headers["x-shopify-shop-domain"];
    return String((Array.isArray(header) ? header[0] : header) ?? req.headers.host ?? "").toLowerCase();
  }

  /**
   * Applies a fault; true when the request has been answered (or dropped) by it; a `lost` fault is
   * handed back to be applied once the call has been carried out.
   */
  async function fault(target: FaultTarget, res: ServerResponse, operation?: string | null): Promise<boolean | "throttled" | Extract<Fault, { kind: "lost" }>> {
    let f: Fault | undefined = faults.take(target, operation);
    while (f?.kind === "slow") {
      await new Promise((r) => setTimeout(r, (f as { ms: number }).ms));
      f = undefined;
    }
    if (!f) return false;
    if (f.kind === "drop") {
      res.socket?.destroy();
      return true;
    }
    if (f.kind === "lost") return f;
    if (f.kind === "status") {
      const headers: Record<string, string> = f.retryAfter !== undefined ? { "Retry-After": f.retryAfter.toFixed(1) } : {};
      const message = f.status === 429 ? "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." : f.status >= 500 ? "Internal Server Error" : "Error";
      json(res, f.status, { errors: message }, headers);
      return true;
    }
    return "throttled";
  }

  /** The GraphQL operation a request body names (its operationName, else its document's first operation). */
  function graphqlOperationName(raw: Buffer): string | null {
    try {
      const text = raw.toString("utf8");
      const body = text.trimStart().startsWith("{") ? (JSON.parse(text) as { query?: unknown; operationName?: unknown }) : { query: text };
      if (typeof body.operationName === "string") return body.operationName;
      return typeof body.query === "string" ? (/\b(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? null) : null;
    } catch {
      return null;
    }
  }

  async function adminGraphql(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    if (req.method !== "POST") return json(res, 405, { errors: "Method Not Allowed" });
    const shop = shopOf(req);
    if (!engine.shops.has(shop)) return json(res, 404, { errors: "Not Found" });
    const header = req.headers["x-shopify-access-token"];
    const token = tokens.check(Array.isArray(header) ? header[0] : header, shop, now().getTime());
    if (!token) return json(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const faulted = await fault("graphql", res, graphqlOperationName(raw));
    if (faulted === true) return;
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      const type = String(req.headers["content-type"] ?? "");
      request = type.includes("application/graphql") ? { query: raw.toString("utf8") } : (JSON.parse(raw.toString("utf8")) as typeof request);
    } catch {
      return json(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    if (typeof request.query !== "string" || !request.query.trim()) return json(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    if (faulted === "throttled") {
      const variables = (request.variables ?? null) as Record<string, unknown> | null;
      return json(res, 200, engine.throttledFor(shop, { query: request.query, variables, operationName: typeof request.operationName === "string" ? request.operationName : null }).body, versionHeaders());
    }
    const run = () =>
      engine.graphql(
        shop,
        { query: request.query as string, variables: (request.variables ?? null) as Record<string, unknown> | null, operationName: typeof request.operationName === "string" ? request.operationName : null },
        { scopes: token.scopes },
      );
    if (typeof faulted === "object") {
      // Carried out (now, or after delayMs); the answer never reaches the app.
      if (faulted.delayMs === undefined) await run();
      else setTimeout(() => void run(), faulted.delayMs);
      if (faulted.status === undefined) res.socket?.destroy();
      else json(res, faulted.status, { errors: "Internal Server Error" });
      return;
    }
    const result = await run();
    json(res, result.status, result.body, versionHeaders());
  }

  /** Token exchange, refresh and the migration to expiring offline tokens, as Shopify's endpoint answers them. */
  async function accessToken(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    if (req.method !== "POST") return json(res, 405, { errors: "Method Not Allowed" });
    if ((await fault("oauth", res)) === true) return;
    const shop = shopOf(req);
    if (!engine.shops.has(shop)) return json(res, 404, { errors: "Not Found" });
    const params = parseParams(req, raw);
    const bad = (status: number, error: string, description: string) => json(res, status, { error, error_description: description });
    if (params.client_id !== options.apiKey || params.client_secret !== options.apiSecret) {
      return bad(401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
    }
    const nowMs = now().getTime();
    const scopes = engine.settings.scopes;
    if (params.grant_type === "refresh_token") {
      const refresh = tokens.refresh.get(params.refresh_token ?? "");
      if (!refresh || refresh.used || refresh.shop !== shop || refresh.expiresAt <= nowMs) return bad(400, "invalid_grant", "The refresh token is invalid, expired or was already used.");
      refresh.used = true;
      return json(res, 200, offlineResponse(shop, refresh.scopes, true, nowMs));
    }
    if (params.grant_type !== TOKEN_EXCHANGE) return bad(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    if (params.subject_token_type === OFFLINE) {
      // Migrating a non-expiring offline token to an expiring one.
      const old = tokens.access.get(params.subject_token ?? "");
      if (!old || old.revoked || old.shop !== shop || old.kind !== "offline") return bad(400, "invalid_subject_token", "The subject token is invalid.");
      old.revoked = true;
      return json(res, 200, offlineResponse(shop, old.scopes, true, nowMs));
    }
    if (params.subject_token_type !== ID_TOKEN) return bad(400, "invalid_request", "subject_token_type is not supported.");
    const claims = verifyJwt(params.subject_token ?? "", options.apiSecret, Math.floor(nowMs / 1000));
    if (!claims || claims.aud !== options.apiKey || claims.dest !== `https://${shop}`) {
      return bad(400, "invalid_subject_token", "Session token is invalid or expired.");
    }
    if (params.requested_token_type === ONLINE) {
      const online = tokens.issueAccess(shop, "online", scopes, nowMs + onlineSeconds * 1000, Number(claims.sub));
      installed.add(shop);
      return json(res, 200, {
        access_token: online.token,
        scope: scopes.join(","),
        expires_in: onlineSeconds,
        associated_user_scope: scopes.join(","),
        session: String(claims.sid ?? ""),
        associated_user: { ...staff, id: Number(claims.sub) },
      });
    }
    if (params.requested_token_type !== OFFLINE) return bad(400, "invalid_request", "requested_token_type is not supported.");
    installed.add(shop);
    return json(res, 200, offlineResponse(shop, scopes, params.expiring === "1", nowMs));
  }

  /** `demo-jeweller` (the handle in admin URLs) or the full domain. */
  function shopFromHandle(handle: string): string | undefined {
    const candidates = [handle, `${handle}.myshopify.com`];
    return candidates.find((c) => engine.shops.has(c));
  }

  function appBridge(res: ServerResponse) {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
    res.end(APP_BRIDGE_SCRIPT);
  }

  /**
   * What App Bridge's idToken() gets from the admin: a fresh session token. Only the app's own
   * origin may ask (CORS); the real admin also requires a signed-in staff member, which the
   * stand-in does not model.
   */
  function sessionTokenFor(req: IncomingMessage, res: ServerResponse, shop: string) {
    const appOrigin = new URL(options.appUrl).origin;
    const from = req.headers.origin;
    if (from && from !== appOrigin) return json(res, 403, { errors: "origin not allowed" });
    json(res, 200, { token: api.sessionToken(shop) }, { "Access-Control-Allow-Origin": appOrigin, Vary: "Origin", "Cache-Control": "no-store" });
  }

  /**
   * Opening the app from the admin, as Shopify does: the app URL with embedded=1, shop, host, a
   * session token (id_token) and an hmac over the query. Shopify frames the app; its
   * frame-ancestors CSP names https://{shop} and admin.shopify.com, which a local http page can
   * never be, so the stand-in opens it in the top window instead.
   */
  function openApp(res: ServerResponse, shop: string, path?: string) {
    res.writeHead(302, { Location: appEntryUrl(shop, path), "Cache-Control": "no-store" });
    res.end();
  }

  /** The app's URL as the admin opens it; `opts.locale` opens it for a staff member reading the admin in another language. */
  function appEntryUrl(shop: string, path = "/app", opts: { locale?: string } = {}): string {
    const handle = shop.replace(/\.myshopify\.com$/, "");
    const query: Record<string, string> = {
      embedded: "1",
      host: Buffer.from(`admin.shopify.com/store/${handle}`).toString("base64").replace(/=+$/, ""),
      id_token: api.sessionToken(shop),
      locale: opts.locale ?? options.adminLocale ?? "en-GB",
      session: createHmac("sha256", options.apiSecret).update(`${shop}:${staff.id}`).digest("hex"),
      shop,
      timestamp: String(Math.floor(now().getTime() / 1000)),
    };
    // Shopify's admin hmac: the other parameters sorted, URL-encoded as a query string.
    const sorted = new URLSearchParams();
    for (const k of Object.keys(query).sort((a, b) => a.localeCompare(b))) sorted.append(k, query[k]);
    const message = sorted.toString().replace(/\+/g, "%20");
    const params = new URLSearchParams({ ...query, hmac: createHmac("sha256", options.apiSecret).update(message).digest("hex") });
    return `${options.appUrl.replace(/\/$/, "")}${path}?${params.toString()}`;
  }

  function adminHome(res: ServerResponse, shop: string) {
    const store = engine.store(shop);
    const handle = engine.settings.appHandle;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(store.shop.name)} · Admin (local stand-in)</title></head>
<body style="font:16px system-ui;margin:40px"><h1>${escapeHtml(store.shop.name)}</h1><p>Local Shopify stand-in for ${escapeHtml(shop)}.</p>
<ul><li><a href="/store/${encodeURIComponent(shop.replace(/\.myshopify\.com$/, ""))}/apps/${encodeURIComponent(handle)}">Open ${escapeHtml(handle)}</a></li></ul></body></html>`;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  }

  /**
   * Shopify admin's order details page, in brief (a return of the order, /orders/<id>/returns/<id>,
   * opens the same page, which carries the order's return status): the order's lines and state, with the app blocks
   * a test or the demo placed on it (`adminOrderBlocks`, hosted by the admin extension harness).
   */
  function adminOrder(res: ServerResponse, shop: string, legacy: string) {
    const store = engine.store(shop);
    const order = store.find(`gid://shopify/Order/${legacy}`, "Order");
    if (!order) return json(res, 404, { errors: "Not Found" });
    const customer = order.customerId ? store.find(order.customerId, "Customer") : undefined;
    const lines = order.lineItems.map((li) => `<li>${li.quantity} × ${escapeHtml(li.title)}${li.variantTitle ? ` (${escapeHtml(li.variantTitle)})` : ""}</li>`).join("");
    const blocks = api.adminOrderBlocks.map((b) => `<section><h2>${escapeHtml(b.title)}</h2><iframe title="${escapeHtml(b.title)}" src="${escapeHtml(b.path(legacy))}" style="width:100%;max-width:680px;height:560px;border:1px solid #ddd;border-radius:12px;background:#fff"></iframe></section>`).join("");
    const actions = api.adminOrderActions.map((a) => `<li><a href="${escapeHtml(a.path(legacy))}">${escapeHtml(a.title)}</a></li>`).join("");
    const handle = shop.replace(/\.myshopify\.com$/, "");
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order ${escapeHtml(order.name)} · ${escapeHtml(store.shop.name)} · Admin (local stand-in)</title></head>
<body style="font:16px system-ui;margin:40px;background:#f1f1f1"><main><p><a href="/store/${encodeURIComponent(handle)}/apps/${encodeURIComponent(engine.settings.appHandle)}">Back to ${escapeHtml(engine.settings.appHandle)}</a></p>
<h1>Order ${escapeHtml(order.name)}</h1><p>${escapeHtml(store.financialStatus(order))} · ${escapeHtml(store.fulfillmentStatus(order))} · ${escapeHtml(store.returnStatus(order))}${customer ? ` · ${escapeHtml(`${customer.firstName} ${customer.lastName}`)}` : ""}</p>
<h2>Items</h2><ul>${lines}</ul>${actions ? `<h2>More actions</h2><ul>${actions}</ul>` : ""}${blocks}</main></body></html>`;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(html);
  }

  function offlineResponse(shop: string, scopes: string[], expiring: boolean, nowMs: number) {
    if (!expiring) return { access_token: tokens.issueAccess(shop, "offline", scopes, null).token, scope: scopes.join(",") };
    const access = tokens.issueAccess(shop, "offline", scopes, nowMs + accessSeconds * 1000);
    const refresh = tokens.issueRefresh(shop, scopes, nowMs + refreshSeconds * 1000);
    return { access_token: access.token, expires_in: accessSeconds, refresh_token: refresh.token, refresh_token_expires_in: refreshSeconds, scope: scopes.join(",") };
  }

  const api = {
    /** http://127.0.0.1:<port>: SHOPIFY_ADMIN_API_ORIGIN for the app. */
    origin,
    /** App blocks on the admin order page: each page's path for an order's number id. */
    adminOrderBlocks: [] as { title: string; path: (order: string) => string }[],
    /** App actions in the admin order page's "More actions". */
    adminOrderActions: [] as { title: string; path: (order: string) => string }[],
    /** The engine: shops, graphql(shop, request) without HTTP, throttle control. */
    engine,
    faults,
    webhooks,
    requests,
    tokens,
    /** Shops where the app obtained an offline token (token exchange is how an embedded app installs). */
    installed,
    routes,
    store: (shop: string) => engine.store(shop),
    addShop,
    /**
     * The merchant removes the app: every token of the shop stops working and app/uninstalled
     * is delivered (its body is the shop, as on Shopify).
     */
    uninstall(shop: string) {
      tokens.revokeShop(shop);
      installed.delete(shop);
      return webhooks.send(shop, "app/uninstalled", shopPayload(engine.store(shop)));
    },
    /** Mount a route after start (e.g. the storefront, which needs `origin` first). */
    use(route: StandinRoute) {
      routes.push(route);
    },
    /** A session token for `shop`, signed with the app secret, as App Bridge would hand the app. */
    sessionToken: (shop: string, opts: { staffId?: number; nowSeconds?: number } = {}) =>
      sessionToken({ shop, apiKey: options.apiKey, apiSecret: options.apiSecret, staffId: opts.staffId ?? staff.id, nowSeconds: opts.nowSeconds ?? Math.floor(now().getTime() / 1000) }),
    /**
     * A privacy request as Shopify sends it: customers/data_request or customers/redact for one
     * of the shop's customers, or shop/redact (48 hours after uninstall on Shopify; now here).
     */
    compliance(shop: string, topic: "customers/data_request" | "customers/redact" | "shop/redact", customerId?: string) {
      return webhooks.send(shop, topic, compliancePayload(engine.store(shop), topic, customerId));
    },
    /** The app proxy configuration in use ({ url, prefix, subpath }). */
    appProxy: proxy,
    /**
     * The signed app URL Shopify would request for a storefront path under the proxy
     * (`/apps/aftercare/...`), with `logged_in_customer_id` set when a customer is signed in.
     */
    appProxyUrl: (storefrontPath: string, input: { shop: string; loggedInCustomerId?: string | number | null; timestamp?: number }) =>
      signedAppProxyUrl({ storefrontPath, shop: input.shop, secret: options.apiSecret, proxy, appOrigin: options.appUrl, loggedInCustomerId: input.loggedInCustomerId, timestamp: input.timestamp }),
    /** The URL the admin opens the app at (see openApp); `path` defaults to /app. */
    appEntryUrl,
    /** The admin page that opens the app: `${origin}/store/<handle>/apps/<app handle>`. */
    adminUrl: (shop: string) => `${origin}/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${engine.settings.appHandle}`,
    /** An offline access token for `shop` without going through the app (for tests that call the API directly). */
    issueAccessToken: (shop: string, scopes: string[] = engine.settings.scopes) => tokens.issueAccess(shop, "offline", scopes, null).token,
    close: () =>
      new Promise<void>((resolve) => {
        webhooks.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return api;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function versionHeaders(): Record<string, string> {
  return { "X-Shopify-API-Version": API_VERSION };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseParams(req: IncomingMessage, raw: Buffer): Record<string, string | undefined> {
  const text = raw.toString("utf8");
  if (String(req.headers["content-type"] ?? "").includes("json")) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
