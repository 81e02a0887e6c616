import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REFUSALS } from "../../app/platform/refusals";
import { SHOPPER_MESSAGES } from "../../app/schemas/messages";
import { localiseMessage, translator, type Locale } from "../../app/storefront/i18n";
import { appProxySignature } from "../standin/app-proxy";
import { customerAccountToken } from "../standin/customer-account/harness";
import { signJwt } from "../standin/tokens";
import { API_KEY, API_SECRET, startHostileApp, webhookHeaders, type HostileApp } from "../support/hostile";

/**
 * Issue 22's acceptance: every public entry of the production server (server.mjs and the build,
 * as `npm start` runs it) — the app proxy's pages and forms, the customer-account and
 * admin-extension endpoints, the webhook routes with valid and invalid signatures, the auth
 * routes — gets malformed, oversized, wrongly encoded and out-of-order inputs made by fast-check,
 * signed where the entry needs it so the app's own parsing is what meets them. For every input:
 * no 5xx; a refusal (4xx) carries a sentence, in the reader's language where the reader has one
 * (the storefront's `locale`, the extension's Accept-Language); and an entry whose inputs were
 * all refused wrote no row and stored no photo. The explicit shapes issue 22 found answering 500
 * come first in each entry; then `FUZZ_RUNS` (default 150, about 2,000 inputs in all) generated inputs per entry, from
 * `FUZZ_SEED` (printed). It prints how many inputs it tried per entry.
 *   FUZZ_RUNS=2000 npx vitest run test/integration/fuzz-public-entries.test.ts   (a longer run)
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 4;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const photoDir = mkdtempSync(join(tmpdir(), "aftercare-fuzz-photos-"));
let app: HostileApp;

beforeAll(async () => {
  app = await startHostileApp({ AFTERCARE_PHOTO_DIR: photoDir });
  process.stdout.write(`fuzz: seed ${SEED}, ${RUNS} generated inputs per entry\n`);
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(photoDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ inputs

type Reader = "shopper" | "extension" | "shopify" | "staff";
type Input = { method: string; url: string; headers: Record<string, string>; body?: string | Uint8Array; reader: Reader; locale: Locale | null; note: string };

const LOCALES = [undefined, "en", "fr", "ar", "fr-CA", "ar-SA", "xx", ""] as const;
const readerLocale = (given: string | undefined): Locale | null => (given ? ((["en", "fr", "ar"] as const).find((l) => given.toLowerCase().startsWith(l)) ?? "en") : "en");

const odd = fc.constantFrom("", " ", "%", "%zz", "%00", "\u0000", "\uFEFF", "😀", "ü", "../../etc/passwd", "<script>alert(1)</script>", "{{ shop.secret }}", "1".repeat(300), "-1", "0", "1e9", "NaN", "null", "[]", "{}", "gid://shopify/Order/1", "DROP TABLE");
const junk = fc.oneof(odd, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }));
const contentTypes = fc.constantFrom(
  undefined,
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-16",
  "application/json",
  "text/plain",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=XYZ",
  "application/octet-stream",
  "image/jpeg",
);
const formFields = fc.dictionary(fc.oneof(fc.constantFrom("orderNumber", "contact", "draft", "idempotencyKey", "answer", "kind", "lineId_0", "include_0", "qty_0", "reason_0", "grant", "locale", "shop"), fc.string({ maxLength: 12 })), junk, { maxKeys: 8 });
const urlencoded = formFields.map((fields) => new URLSearchParams(fields).toString());
const badBytes = fc.uint8Array({ maxLength: 512 });
const unterminated = fc.tuple(fc.string({ maxLength: 20 }), junk).map(([name, value]) => `--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}`);
const badMultipart = fc.constantFrom(
  "--XYZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XYZ--\r\n",
  "--XYZ\r\nno colon here\r\n\r\nx\r\n--XYZ--\r\n",
  '--XYZ\r\nContent-Disposition: form-data; name="a"; filename="x.jpg"\r\n\r\n',
  '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\nnot a jpeg\r\n--XYZ--\r\n',
  "preamble\r\n--XYZ--\r\n",
  "--XYZ--\r\n",
);
const oversized = fc.constantFrom(`orderNumber=${"9".repeat(40 * 1024)}`, JSON.stringify({ note: "n".repeat(70 * 1024) }));
const bodies = fc.oneof(urlencoded, fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 }), badBytes, unterminated, badMultipart, oversized);

function proxyUrl(path: string, query: Record<string, string>, options: { shop?: string; customerId?: string; sign?: "valid" | "tampered" | "none" | "stale" } = {}): string {
  const params: Record<string, string> = {
    shop: options.shop ?? app.shop,
    logged_in_customer_id: options.customerId ?? "",
    path_prefix: "/apps/aftercare",
    timestamp: String(Math.floor(Date.now() / 1000) - (options.sign === "stale" ? 3600 : 0)),
    ...query,
  };
  const search = new URLSearchParams(params);
  if (options.sign !== "none") search.set("signature", appProxySignature(params, options.sign === "tampered" ? "not-the-secret" : API_SECRET));
  return `${app.app.url}/apps/proxy${path}?${search}`;
}

const signing = fc.constantFrom("valid", "valid", "valid", "tampered", "none", "stale") as fc.Arbitrary<"valid" | "tampered" | "none" | "stale">;
const badShops = ["DEMO-JEWELLER.MYSHOPIFY.COM", "", "a/b", "ünïcode.myshopify.com", "evil.example.com", "ghost.myshopify.com"];
const shopChoice = () => fc.oneof({ weight: 5, arbitrary: fc.constant(app.shop) }, { weight: 1, arbitrary: fc.constantFrom(...badShops) });
const customerChoice = () => fc.constantFrom("", app.customerId, app.otherCustomerId, "abc", "-1", "1".repeat(25));
// Never empty: an empty id is another path (no route), not this entry.
const orderChoice = () => fc.oneof(fc.constantFrom(app.orderId, app.otherOrderId, "0", "1".repeat(25)), junk).filter((id) => id.trim().length > 0 && id !== "." && id !== "..");

function tokenChoice(): fc.Arbitrary<{ header?: string; note: string }> {
  const now = Math.floor(Date.now() / 1000);
  return fc.constantFrom(
    { header: `Bearer ${app.customerToken()}`, note: "customer token" },
    { header: `Bearer ${app.customerToken()}`, note: "customer token" },
    { header: `Bearer ${app.customerToken(app.otherCustomerId)}`, note: "other customer's token" },
    { header: `Bearer ${app.customerToken(null)}`, note: "token without a customer" },
    { header: `Bearer ${customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: app.shop, customerId: app.customerId, nowSeconds: now - 3600 })}`, note: "expired token" },
    { header: `Bearer ${customerAccountToken({ apiKey: API_KEY, apiSecret: "not-the-secret", shop: app.shop, customerId: app.customerId })}`, note: "forged token" },
    { header: `Bearer ${customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: "ghost.myshopify.com", customerId: app.customerId })}`, note: "token for a shop without the app" },
    { header: `Bearer ${signJwt({ dest: "ÜNÏ", aud: API_KEY, sub: "x", exp: now + 60, nbf: now, iat: now }, API_SECRET)}`, note: "token with a bad dest" },
    { header: `Bearer ${app.staffToken()}`, note: "staff token" },
    { header: "Bearer not.a.jwt", note: "garbage token" },
    { header: "Basic Zm9vOmJhcg==", note: "basic auth" },
    { note: "no token" },
  );
}

function staffTokenChoice(): fc.Arbitrary<{ header?: string; note: string }> {
  return fc.constantFrom(
    { header: `Bearer ${app.staffToken()}`, note: "staff token" },
    { header: `Bearer ${app.staffToken()}`, note: "staff token" },
    { header: `Bearer ${app.staffToken("ghost.myshopify.com")}`, note: "staff token for a shop that never installed the app" },
    { header: `Bearer ${app.customerToken()}`, note: "customer-account token" },
    { header: "Bearer not.a.jwt", note: "garbage token" },
    { note: "no token" },
  );
}

const withType = (headers: Record<string, string>, type: string | undefined) => (type ? { ...headers, "Content-Type": type } : headers);

type Entry = { name: string; explicit: () => Input[]; generated: () => fc.Arbitrary<Input> };

const entries: Entry[] = [
  {
    name: "proxy portal (GET, POST)",
    explicit: (): Input[] => [
      ...badShops.map((shop): Input => ({ method: "GET", url: proxyUrl("", { locale: "fr" }, { shop }), headers: {}, reader: "shopper", locale: "fr", note: `signed, shop=${shop}` })),
      { method: "POST", url: proxyUrl("", { locale: "ar" }), headers: { "Content-Type": "application/json" }, body: "{}", reader: "shopper", locale: "ar", note: "POST to the portal" },
    ],
    generated: () =>
      fc.record({ locale: fc.constantFrom(...LOCALES), sign: signing, shop: shopChoice(), customer: customerChoice(), order: fc.option(orderChoice()), method: fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE") }).map(({ locale, sign, shop, customer, order, method }) => ({
        method,
        url: proxyUrl("", { ...(locale !== undefined ? { locale } : {}), ...(order !== null ? { order_id: order } : {}) }, { shop, customerId: customer, sign }),
        headers: {},
        reader: "shopper",
        locale: readerLocale(locale),
        note: `${method} portal ${sign} shop=${shop} customer=${customer} order=${order}`,
      })),
  },
  {
    name: "proxy lookup (POST form)",
    explicit: () =>
      [undefined, "application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=XYZ"].map((type): Input => ({
        method: "POST",
        url: proxyUrl("/lookup", { locale: "fr" }),
        headers: withType({}, type),
        body: type === "multipart/form-data; boundary=XYZ" ? '--XYZ\r\nContent-Disposition: form-data; name="orderNumber"\r\n\r\n1001' : '{"orderNumber":"1001"}',
        reader: "shopper",
        locale: "fr",
        note: `lookup as ${type ?? "no type"}`,
      })),
    generated: () =>
      fc.record({ locale: fc.constantFrom(...LOCALES), sign: signing, shop: shopChoice(), type: contentTypes, body: bodies, method: fc.constantFrom("POST", "POST", "GET") }).map(({ locale, sign, shop, type, body, method }) => ({
        method,
        url: proxyUrl("/lookup", locale !== undefined ? { locale } : {}, { shop, sign }),
        headers: withType({ "X-Forwarded-For": "203.0.113.9" }, type),
        body: method === "GET" ? undefined : body,
        reader: "shopper",
        locale: readerLocale(locale),
        note: `${method} lookup ${sign} shop=${shop} type=${type}`,
      })),
  },
  {
    name: "proxy order page (GET)",
    explicit: (): Input[] => [{ method: "GET", url: proxyUrl(`/orders/${app.otherOrderId}`, { locale: "ar" }, { customerId: app.customerId }), headers: {}, reader: "shopper", locale: "ar", note: "another shopper's order" }],
    generated: () =>
      fc.record({ locale: fc.constantFrom(...LOCALES), sign: signing, order: orderChoice(), customer: customerChoice(), grant: fc.option(junk) }).map(({ locale, sign, order, customer, grant }) => ({
        method: "GET",
        url: proxyUrl(`/orders/${encodeURIComponent(order)}`, { ...(locale !== undefined ? { locale } : {}), ...(grant !== null ? { grant } : {}) }, { customerId: customer, sign }),
        headers: {},
        reader: "shopper",
        locale: readerLocale(locale),
        note: `order ${order} customer=${customer} grant=${grant} ${sign}`,
      })),
  },
  {
    name: "proxy order submit (POST form, out of order)",
    explicit: () =>
      [undefined, "application/json", "text/plain"].map((type): Input => ({
        method: "POST",
        url: proxyUrl(`/orders/${app.orderId}`, { locale: "fr" }, { customerId: app.customerId }),
        headers: withType({}, type),
        body: "draft=%7B%7D&idempotencyKey=x",
        reader: "shopper",
        locale: "fr",
        note: `submit as ${type ?? "no type"}`,
      })),
    generated: () =>
      fc
        .record({
          locale: fc.constantFrom(...LOCALES),
          customer: customerChoice(),
          order: orderChoice(),
          draft: fc.oneof(fc.json({ maxDepth: 3 }), junk, fc.record({ orderId: fc.constantFrom(`gid://shopify/Order/${app.orderId}`, `gid://shopify/Order/${app.otherOrderId}`), kind: junk, lines: fc.array(fc.record({ lineId: junk, quantity: fc.oneof(fc.integer(), junk) }), { maxLength: 3 }), photos: fc.array(fc.constantFrom("0".repeat(32), "f".repeat(32), "x"), { maxLength: 3 }) }).map((d) => JSON.stringify(d))),
          key: junk,
          type: fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded", undefined, "text/plain"),
        })
        .map(({ locale, customer, order, draft, key, type }) => ({
          method: "POST",
          url: proxyUrl(`/orders/${encodeURIComponent(order)}`, locale !== undefined ? { locale } : {}, { customerId: customer }),
          headers: withType({}, type),
          body: new URLSearchParams({ intent: "submit", draft, idempotencyKey: key }).toString(),
          reader: "shopper",
          locale: readerLocale(locale),
          note: `submit order=${order} customer=${customer} type=${type}`,
        })),
  },
  {
    name: "proxy order preview (POST multipart)",
    explicit: () =>
      ["multipart/form-data", "multipart/form-data; boundary=XYZ"].map((type): Input => ({
        method: "POST",
        url: proxyUrl(`/orders/${app.orderId}`, { locale: "ar" }, { customerId: app.customerId }),
        headers: { "Content-Type": type },
        body: '--XYZ\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreturn',
        reader: "shopper",
        locale: "ar",
        note: `preview ${type}, unterminated`,
      })),
    generated: () =>
      fc
        .record({
          locale: fc.constantFrom(...LOCALES),
          customer: customerChoice(),
          order: orderChoice(),
          body: fc.oneof(unterminated, badMultipart, badBytes, fc.tuple(formFields, fc.array(badBytes, { maxLength: 7 })).map(([fields, photos]) => {
            const parts = Object.entries(fields).map(([k, v]) => `--XYZ\r\nContent-Disposition: form-data; name="${k.replace(/"/g, "")}"\r\n\r\n${v}\r\n`);
            const files = photos.map((p, i) => `--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="p${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${Buffer.from(p).toString("latin1")}\r\n`);
            return `${parts.join("")}${files.join("")}--XYZ--\r\n`;
          })),
          type: fc.constantFrom("multipart/form-data; boundary=XYZ", "multipart/form-data; boundary=XYZ", "multipart/form-data; boundary=OTHER", "multipart/form-data"),
        })
        .map(({ locale, customer, order, body, type }) => ({
          method: "POST",
          url: proxyUrl(`/orders/${encodeURIComponent(order)}`, locale !== undefined ? { locale } : {}, { customerId: customer }),
          headers: { "Content-Type": type },
          body: typeof body === "string" ? Buffer.from(body, "latin1") : body,
          reader: "shopper",
          locale: readerLocale(locale),
          note: `preview order=${order} customer=${customer} type=${type}`,
        })),
  },
  {
    name: "proxy status (GET, POST)",
    explicit: (): Input[] => [undefined, "application/json", "multipart/form-data"].map((type): Input => ({ method: "POST", url: proxyUrl("/status", { locale: "fr", token: "x" }), headers: withType({}, type), body: "answer=accept", reader: "shopper", locale: "fr", note: `status as ${type ?? "no type"}` })),
    generated: () =>
      fc.record({ locale: fc.constantFrom(...LOCALES), token: junk, method: fc.constantFrom("GET", "POST"), type: contentTypes, body: bodies, sign: signing }).map(({ locale, token, method, type, body, sign }) => ({
        method,
        url: proxyUrl("/status", { token, ...(locale !== undefined ? { locale } : {}) }, { sign }),
        headers: method === "POST" ? withType({}, type) : {},
        body: method === "POST" ? body : undefined,
        reader: "shopper",
        locale: readerLocale(locale),
        note: `${method} status ${sign} type=${type}`,
      })),
  },
  {
    name: "customer account reads (GET)",
    explicit: (): Input[] => [],
    generated: () =>
      fc.record({ token: tokenChoice(), order: orderChoice(), path: fc.constantFrom("/api/customer/orders/ORDER", "/api/customer/orders/ORDER/eligibility", "/api/customer/aftercare"), lang: fc.constantFrom(undefined, "fr-FR,fr;q=0.9", "ar", "en-GB", "xx") }).map(({ token, order, path, lang }) => ({
        method: "GET",
        url: `${app.app.url}${path.replace("ORDER", encodeURIComponent(order))}`,
        headers: { ...(token.header ? { Authorization: token.header } : {}), ...(lang ? { "Accept-Language": lang } : {}) },
        reader: "extension",
        locale: readerLocale(lang),
        note: `GET ${path} ${token.note} order=${order}`,
      })),
  },
  {
    name: "customer account preview and submit (POST JSON)",
    explicit: (): Input[] => [],
    generated: () =>
      fc.record({ token: tokenChoice(), order: orderChoice(), path: fc.constantFrom("preview", "requests"), type: contentTypes, body: fc.oneof(fc.json({ maxDepth: 4 }), bodies, fc.record({ kind: junk, lines: fc.array(fc.record({ lineId: junk, quantity: fc.integer() }), { maxLength: 3 }), photos: fc.array(fc.constantFrom("0".repeat(32), "a".repeat(32)), { maxLength: 2 }), idempotencyKey: junk }).map((o) => JSON.stringify(o))), lang: fc.constantFrom(undefined, "fr", "ar-SA", "en") }).map(({ token, order, path, type, body, lang }) => ({
        method: "POST",
        url: `${app.app.url}/api/customer/orders/${encodeURIComponent(order)}/${path}`,
        headers: withType({ ...(token.header ? { Authorization: token.header } : {}), ...(lang ? { "Accept-Language": lang } : {}) }, type),
        body,
        reader: "extension",
        locale: readerLocale(lang),
        note: `POST ${path} ${token.note} order=${order} type=${type}`,
      })),
  },
  {
    name: "customer account photos (POST JSON)",
    explicit: (): Input[] => [
      { method: "POST", url: `${app.app.url}/api/customer/photos`, headers: { Authorization: `Bearer ${app.customerToken()}`, "Content-Type": "application/json", "Accept-Language": "fr" }, body: JSON.stringify({ orderId: app.otherOrderId, photos: [{ name: "a.jpg", data: "aGVsbG8=" }] }), reader: "extension", locale: "fr", note: "photos for another shopper's order" },
      { method: "POST", url: `${app.app.url}/api/customer/photos`, headers: { Authorization: `Bearer ${app.customerToken()}`, "Content-Type": "application/json", "Accept-Language": "en" }, body: JSON.stringify({ photos: [{ name: "a.jpg", data: "aGVsbG8=" }] }), reader: "extension", locale: "en", note: "photos without an order" },
    ],
    generated: () =>
      fc.record({ token: tokenChoice(), order: fc.option(orderChoice()), photos: fc.array(fc.record({ name: junk, data: fc.oneof(badBytes.map((b) => Buffer.from(b).toString("base64")), junk) }), { maxLength: 7 }), type: fc.constantFrom("application/json", "application/json", undefined, "text/plain"), lang: fc.constantFrom(undefined, "fr", "ar") }).map(({ token, order, photos, type, lang }) => ({
        method: "POST",
        url: `${app.app.url}/api/customer/photos`,
        headers: withType({ ...(token.header ? { Authorization: token.header } : {}), ...(lang ? { "Accept-Language": lang } : {}) }, type),
        body: JSON.stringify({ ...(order !== null ? { orderId: order } : {}), photos }),
        reader: "extension",
        locale: readerLocale(lang),
        note: `photos ${token.note} order=${order} n=${photos.length}`,
      })),
  },
  {
    name: "admin extension (GET order, POST request)",
    explicit: (): Input[] => [
      { method: "GET", url: `${app.app.url}/api/admin/orders/${app.orderId}`, headers: { Authorization: `Bearer ${app.customerToken()}` }, reader: "staff", locale: "en", note: "customer-account token to the admin endpoint" },
      { method: "GET", url: `${app.app.url}/api/admin/orders/${app.orderId}`, headers: { Authorization: `Bearer ${app.staffToken("ghost.myshopify.com")}` }, reader: "staff", locale: "en", note: "staff token for a shop that never installed the app" },
    ],
    generated: () =>
      fc.record({ token: staffTokenChoice(), order: orderChoice(), method: fc.constantFrom("GET", "POST"), type: contentTypes, body: bodies }).map(({ token, order, method, type, body }) => ({
        method,
        url: `${app.app.url}/api/admin/orders/${encodeURIComponent(order)}${method === "POST" ? "/requests" : ""}`,
        headers: method === "POST" ? withType(token.header ? { Authorization: token.header } : {}, type) : token.header ? { Authorization: token.header } : {},
        body: method === "POST" ? body : undefined,
        reader: "staff",
        locale: "en",
        note: `${method} admin ${token.note} order=${order}`,
      })),
  },
  {
    name: "webhooks, valid signatures",
    explicit: (): Input[] => [],
    generated: () =>
      fc.record({ topic: fc.constantFrom("orders/updated", "orders/cancelled", "refunds/create", "returns/process", "customers/redact", "customers/data_request", "shop/redact", "app/uninstalled", "fulfillments/update"), spell: fc.constantFrom("as is", "upper", "slash"), body: fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 100 }), badBytes.map((b) => Buffer.from(b).toString("latin1"))), drop: fc.option(fc.constantFrom("X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Event-Id", "X-Shopify-Webhook-Id", "Content-Type")), shop: fc.constantFrom(app.shop, app.shop, "ghost.myshopify.com", "NOT A SHOP") }).map(({ topic, spell, body, drop, shop }) => {
        const headers = webhookHeaders(topic, Buffer.from(body, "latin1"), { shop });
        if (drop) delete headers[drop];
        const path = spell === "upper" ? `/WEBHOOKS/${topic.toUpperCase()}` : spell === "slash" ? `/webhooks/${topic}/` : `/webhooks/${topic}`;
        return { method: "POST", url: `${app.app.url}${path}`, headers, body: Buffer.from(body, "latin1"), reader: "shopify" as const, locale: null, note: `webhook ${path} valid signature shop=${shop} drop=${drop}` };
      }),
  },
  {
    name: "webhooks, invalid signatures",
    explicit: (): Input[] => [],
    generated: () =>
      fc.record({ topic: fc.constantFrom("orders/updated", "returns/request", "shop/redact", "app/uninstalled", "customers/redact", "no/such"), spell: fc.constantFrom("as is", "upper", "slash"), body: fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 100 })), method: fc.constantFrom("POST", "POST", "GET", "PUT") }).map(({ topic, spell, body, method }) => {
        const path = spell === "upper" ? `/WEBHOOKS/${topic.toUpperCase()}` : spell === "slash" ? `/webhooks/${topic}/` : `/webhooks/${topic}`;
        return { method, url: `${app.app.url}${path}`, headers: webhookHeaders(topic, body, { shop: app.shop, forged: true }), body: method === "GET" ? undefined : body, reader: "shopify" as const, locale: null, note: `${method} webhook ${path} forged` };
      }),
  },
  {
    name: "auth routes",
    explicit: (): Input[] => [
      { method: "POST", url: `${app.app.url}/auth/login`, headers: { "Content-Type": "application/json" }, body: '{"shop":"demo"}', reader: "staff", locale: "en", note: "login as JSON" },
      { method: "POST", url: `${app.app.url}/auth/login`, headers: { "X-Fuzz": "no type" }, body: "shop=demo", reader: "staff", locale: "en", note: "login without a type" },
      { method: "GET", url: `${app.app.url}/auth/exit-iframe?shop=${app.shop}&exitIframe=${encodeURIComponent("https://evil.example.com/steal")}`, headers: {}, reader: "staff", locale: "en", note: "exit-iframe to a foreign URL" },
      { method: "GET", url: `${app.app.url}/auth/session-token?shop=${encodeURIComponent("ünïcode.myshopify.com")}`, headers: {}, reader: "staff", locale: "en", note: "session-token with a non-ASCII shop" },
    ],
    generated: () =>
      fc.oneof(
        fc.record({ type: contentTypes, body: bodies }).map(({ type, body }): Input => ({ method: "POST", url: `${app.app.url}/auth/login`, headers: withType({}, type), body, reader: "staff", locale: "en", note: `login type=${type}` })),
        fc.record({ shop: junk, path: fc.constantFrom("/auth/login", "/auth/session-token", "/auth/exit-iframe", "/auth", "/auth/callback") , url: fc.oneof(fc.webUrl(), junk) }).map(({ shop, path, url }): Input => ({ method: "GET", url: `${app.app.url}${path}?shop=${encodeURIComponent(shop)}&exitIframe=${encodeURIComponent(url)}&host=${encodeURIComponent(shop)}`, headers: {}, reader: "staff", locale: "en", note: `GET ${path} shop=${shop} url=${url}` })),
      ),
  },
];

// ------------------------------------------------------------------ checks

/** Sentences a refusal in French may carry: the refusals, the pages' words, the flow's messages (Arabic is told by its script). */
function markers(locale: "en" | "fr"): string[] {
  const t = translator(locale);
  const page = ["title", "notFound", "tooMany", "expired", "unavailable", "findOrder", "tooLarge", "backToStart"].map((key) => t(key));
  // Every literal stretch of a message between its placeholders: "{name} est vide." is known by
  // " est vide.", whatever name the input made it echo.
  const flow = Object.values(SHOPPER_MESSAGES).flatMap((text) => localiseMessage(locale, text).split(/\{[^}]*\}/));
  return [...Object.values(REFUSALS[locale]), ...page, ...flow].map((text) => text.slice(0, 24)).filter((text) => text.trim().length >= 6 && /\p{L}{2,}/u.test(text));
}
const MARKERS = { en: markers("en"), fr: markers("fr") };

const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16))).replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/\\u([0-9a-f]{4})/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)));

function problemWith(input: Input, status: number, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  const text = unescape(body);
  if (!/[\p{L}]{2,}/u.test(text)) return `refused ${status} with no sentence`;
  if ((input.reader === "shopper" || input.reader === "extension") && input.locale && input.locale !== "en") {
    const speaks = input.locale === "ar" ? /[\u0600-\u06FF]{2,}/.test(text) : MARKERS[input.locale].some((marker) => text.includes(marker));
    if (!speaks) return `refused ${status} not in ${input.locale}: ${text.replace(/\s+/g, " ").slice(0, 160)}`;
  }
  return null;
}

const COUNTED = ["shop", "aftercareRequest", "requestLine", "requestEvent", "deskClaim", "replacedReturn", "repairQuote", "operation", "webhookEvent", "job", "customerDataExport", "policyVersion", "policyScenario"] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const db = app.database.db as unknown as Record<string, { count(): Promise<number> }>;
  const counts: Record<string, number> = {};
  for (const model of COUNTED) counts[model] = await db[model].count();
  const files = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? files(join(dir, e.name)) : 1), 0);
  counts.photoFiles = files(photoDir);
  return counts;
}

async function send(input: Input): Promise<{ status: number; body: string } | { error: string }> {
  try {
    // A browser's User-Agent, as the extensions' and the shoppers' requests carry (the library turns bots away with 410).
    const response = await fetch(input.url, { method: input.method, headers: { "User-Agent": BROWSER, ...input.headers }, body: input.body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { error: `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}` };
  }
}

describe("fuzz of every public entry against the production server", () => {
  const tried: Record<string, number> = {};

  it.each(entries.map((e) => [e.name, e] as const))("GIVEN %s WHEN it gets malformed, oversized, wrongly encoded and out-of-order inputs THEN no 5xx, every refusal has a sentence in the reader's language, and refused inputs write nothing", async (_name, entry) => {
    const inputs = [...entry.explicit(), ...fc.sample(entry.generated(), { numRuns: RUNS, seed: SEED })];
    const before = await rowCounts();
    const problems: string[] = [];
    const statuses: Record<number, number> = {};
    let accepted = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < inputs.length) {
          const input = inputs[next++];
          const answer = await send(input);
          if ("error" in answer) {
            problems.push(`${input.note}: no answer (${answer.error})`);
            continue;
          }
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status < 400 && input.method !== "GET") accepted++;
          const problem = problemWith(input, answer.status, answer.body);
          if (problem) problems.push(`${input.note}: ${problem}`);
        }
      }),
    );
    const after = await rowCounts();
    tried[entry.name] = inputs.length;
    process.stdout.write(`fuzz: ${entry.name}: ${inputs.length} inputs, answers ${JSON.stringify(statuses)}\n`);
    for (const problem of problems.slice(0, 12)) process.stdout.write(`fuzz:   ${problem.slice(0, 400)}\n`);
    expect(problems.slice(0, 12), `${problems.length} of ${inputs.length} inputs (seed ${SEED})`).toEqual([]);
    // Inputs the app took (a valid webhook) may write; when every input was refused, nothing did.
    if (accepted === 0) expect(after).toEqual(before);
  });

  it("GIVEN the run WHEN it ends THEN it says how many inputs each entry was sent", () => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    process.stdout.write(`fuzz: ${total} inputs on ${Object.keys(tried).length} entries (seed ${SEED})\n`);
    expect(Object.keys(tried)).toHaveLength(entries.length);
  });
});
