import { createHmac } from "node:crypto";

/**
 * App proxy signing as Shopify does it when it forwards https://{shop}/{prefix}/{subpath}/* to
 * the app: the query gains `shop`, `logged_in_customer_id` (empty when nobody is signed in),
 * `path_prefix` and `timestamp`, and `signature` = hex HMAC-SHA256 (app secret) of every other
 * parameter as `key=value`, sorted by key, joined with nothing; a repeated key's values are joined
 * with commas. https://shopify.dev/docs/apps/build/online-store/display-dynamic-data#calculate-a-digital-signature
 */
export type AppProxyConfig = {
  /** Where Shopify forwards to: the toml's `[app_proxy] url`, e.g. https://app.example/apps/proxy. */
  url: string;
  /** `[app_proxy] prefix` and `subpath`: the storefront path is /{prefix}/{subpath}. */
  prefix: string;
  subpath: string;
};

export function appProxySignature(params: Record<string, string | string[]>, secret: string): string {
  const message = Object.entries(params)
    .filter(([key]) => key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : value}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** Reads `[app_proxy]` (url, subpath, prefix) from shopify.app.toml text. */
export function appProxyFromToml(text: string): AppProxyConfig {
  const section = /^\[app_proxy\]\s*$([\s\S]*?)(?=^\[|$(?![\s\S]))/m.exec(text)?.[1] ?? "";
  const value = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(section)?.[1];
  const url = value("url");
  const subpath = value("subpath");
  const prefix = value("prefix");
  if (!url || !subpath || !prefix) throw new Error("shopify.app.toml has no complete [app_proxy] section (url, subpath, prefix)");
  return { url, subpath, prefix };
}

/**
 * The app URL Shopify requests for a storefront path under the proxy, signed. `storefrontPath`
 * is what the shopper opened, e.g. `/apps/aftercare/orders/1001?lang=en`; `appOrigin` replaces
 * the origin of the toml's proxy URL (the app runs locally).
 */
export function signedAppProxyUrl(input: {
  storefrontPath: string;
  shop: string;
  secret: string;
  proxy: AppProxyConfig;
  appOrigin?: string;
  loggedInCustomerId?: string | number | null;
  timestamp?: number;
}): string {
  const requested = new URL(input.storefrontPath, `https://${input.shop}`);
  const prefix = `/${input.proxy.prefix}/${input.proxy.subpath}`;
  if (requested.pathname !== prefix && !requested.pathname.startsWith(`${prefix}/`)) {
    throw new Error(`${requested.pathname} is not under the app proxy ${prefix}`);
  }
  const target = new URL(input.proxy.url);
  const base = input.appOrigin ? new URL(target.pathname, input.appOrigin) : target;
  base.pathname = `${base.pathname.replace(/\/$/, "")}${requested.pathname.slice(prefix.length)}`;
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of requested.searchParams) {
    const existing = params[key];
    params[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  params.shop = input.shop;
  params.logged_in_customer_id = input.loggedInCustomerId === null || input.loggedInCustomerId === undefined ? "" : String(input.loggedInCustomerId);
  params.path_prefix = prefix;
  params.timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = appProxySignature(params, input.secret);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  search.append("signature", signature);
  base.search = search.toString();
  return base.toString();
}
