import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createShopRepository } from "../../app/repositories/shops.server";
import { PRESET_DOCUMENTS } from "../../app/domain";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

/**
 * The app proxy page, driven by requests signed exactly as Shopify signs them: the sorted
 * `key=value` pairs of the query (without `signature`), concatenated, HMAC-SHA256 with the app
 * secret, hex. https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 */
const SECRET = "aftercare-test-secret";
const UK = "demo-jeweller.myshopify.com";
const BARE = "no-policy.myshopify.com";
const GONE = "uninstalled.myshopify.com";
let database: TestDatabase;

// The app's modules bind the process's database once; this file runs on each provider in turn,
// so they get a handle that always reaches the current provider's database.
const currentDb = new Proxy({} as TestDatabase["db"], {
  get(_target, property) {
    const value: unknown = Reflect.get(database.db, property);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(database.db) : value;
  },
});
vi.mock("../../app/db.server", async () => ({ default: currentDb }));

function sign(params: Record<string, string>, secret = SECRET): string {
  const message = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

function proxied(shop: string, extra: Record<string, string> = {}, tamper?: (url: URL) => void): Request {
  const params = { shop, path_prefix: "/apps/aftercare", timestamp: String(Math.floor(Date.now() / 1000)), logged_in_customer_id: "", ...extra };
  const url = new URL("https://aftercare.test/apps/proxy");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.searchParams.set("signature", sign(params));
  tamper?.(url);
  return new Request(url);
}

async function load(request: Request): Promise<Response> {
  const { loader } = await import("../../app/routes/apps.proxy._index/route");
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function installed(shop: string, preset: string | null, policyJson?: string) {
  const shops = createShopRepository(database.db);
  await shops.recordInstall(shop, { name: "Hatton & Hart Jewellers", currency: "GBP", timezone: "Europe/London", country: "GB" });
  if (preset) await shops.choosePolicy(shop, preset, policyJson ?? JSON.stringify(PRESET_DOCUMENTS[preset as keyof typeof PRESET_DOCUMENTS]));
  // The merchant offers guests the order lookup (off by default; docs/decisions/021-signin.md).
  await shops.setGuestLookup(shop, true);
  await database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: "read_orders" } });
}

describe.each(testProviders())("app proxy page on %s", (provider) => {
  beforeAll(async () => {
    database = await freshDatabase(provider);
    await installed(UK, "uk-jeweller");
    await installed(BARE, null);
    await createShopRepository(database.db).recordInstall(GONE);
  });
  afterAll(async () => database?.dispose());

  it("GIVEN a shop on the uk-jeweller preset and a logged-in shopper WHEN the proxy page loads THEN Liquid with the policy's own words comes back", async () => {
    // The theme block's link takes a logged-in shopper straight to that order's page.
    const jump = await load(proxied(UK, { logged_in_customer_id: "7100000301", order_id: "7100004242", locale: "fr" }));
    expect(jump.status).toBe(302);
    expect(jump.headers.get("location")).toBe("/apps/aftercare/orders/7100004242?locale=fr");
    const response = await load(proxied(UK));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/liquid");
    const body = await response.text();
    expect(body).toContain("Returns are accepted within 30 days of receipt.");
    expect(body).toContain("30 days from delivery");
    expect(body).toContain("14 working days from delivery");
    expect(body).toContain("For hygiene reasons we cannot exchange or refund earrings unless they are faulty.");
    expect(body).toContain("Engraved and special-order items cannot be returned unless they are faulty.");
    expect(body).toContain("Anything with pierced earrings (sets included)");
    expect(body).toContain("1 year from purchase");
    expect(body).toContain("We repair or replace manufacturing faults up to one year from purchase, or exchange for a piece of equal value.");
    expect(body).toContain("Keep your receipt: it is your proof of purchase and your warranty.");
    expect(body).toContain("a refund or an exchange");
    // Guests and gift recipients find an order by its number and the email or phone on it.
    expect(body).toContain('action="/apps/aftercare/lookup"');
    expect(body).toMatch(/<label for="ac-orderNumber">Order number<\/label>/);
  });

  it("GIVEN a page reached without a region in its locale (a guest typing the portal's address) WHEN it formats dates THEN it writes them as the shop's country does, and links carry the locale as it came", async () => {
    const { pageContext, shopCountry } = await import("../../app/storefront/proxy.server");
    const country = await shopCountry(UK);
    expect(country).toBe("GB");
    const at = (query: string) => pageContext(new URL(`https://aftercare.test/apps/proxy${query}`), country);
    expect([at("").intl, at("?locale=fr").intl, at("?locale=fr-CA").intl, pageContext(new URL("https://aftercare.test/apps/proxy?locale=ar")).intl]).toEqual(["en-GB", "fr-GB", "fr-CA", "ar"]);
    expect(at("?locale=fr").carry.locale).toBe("fr");
    expect(at("").carry.locale).toBeUndefined();
  });

  it("GIVEN no logged-in shopper WHEN the page loads THEN it still shows the policy and asks them to log in", async () => {
    const body = await (await load(proxied(UK))).text();
    expect(body).toContain("Log in to your account to start a return");
    expect(body).toContain('href="{{ routes.account_login_url }}"');
    expect(body).toContain("Returns are accepted within 30 days of receipt.");
  });

  it("GIVEN a stored policy with services and merchant text holding Liquid WHEN the page loads THEN the services show and the text cannot run as Liquid", async () => {
    const crystal = structuredClone(PRESET_DOCUMENTS["crystal-accessories"]) as { summary?: string };
    crystal.summary = "Free fixes {{ shop.secret }} {% render 'x' %} <script>alert(1)</script>";
    await database.db.shop.updateMany({ where: { domain: UK }, data: { policyJson: JSON.stringify(crystal), policyPreset: "crystal-accessories" } });
    const body = await (await load(proxied(UK, { logged_in_customer_id: "" }))).text();
    expect(body).toContain("Crystal replacement");
    expect(body).toContain("We send you replacement crystals with instructions so you can fix the item yourself.");
    expect(body).toContain("No time limit");
    expect(body).not.toContain("{{ shop.secret }}");
    expect(body).not.toContain("{% render");
    expect(body).not.toContain("<script>");
    expect(body).toContain("&#123;&#123; shop.secret &#125;&#125;");
    await createShopRepository(database.db).choosePolicy(UK, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
  });

  it("GIVEN a stored policy that no longer parses WHEN the page loads THEN the shop's preset is shown instead", async () => {
    await database.db.shop.updateMany({ where: { domain: UK }, data: { policyJson: "{\"schemaVersion\":1}" } });
    const body = await (await load(proxied(UK, { logged_in_customer_id: "" }))).text();
    expect(body).toContain("Returns are accepted within 30 days of receipt.");
    await createShopRepository(database.db).choosePolicy(UK, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
  });

  it("GIVEN the signature off by one byte, the secret wrong, a parameter changed or the timestamp stale WHEN loaded THEN the library refuses with 400 and no page", async () => {
    const flip = (url: URL) => {
      const signature = url.searchParams.get("signature") ?? "";
      url.searchParams.set("signature", signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0"));
    };
    const cases = [
      proxied(UK, { logged_in_customer_id: "1" }, flip),
      proxied(UK, { logged_in_customer_id: "1" }, (url) => url.searchParams.set("logged_in_customer_id", "2")),
      proxied(UK, { logged_in_customer_id: "1" }, (url) => url.searchParams.set("signature", sign({ shop: UK }, "not-the-secret"))),
      proxied(UK, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) }),
      new Request(`https://aftercare.test/apps/proxy?shop=${UK}`),
    ];
    for (const request of cases) {
      const response = await load(request);
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain("30 days");
    }
  });

  it("GIVEN a signed request with a malformed order id WHEN loaded THEN 400 with a sentence the shopper can act on", async () => {
    const response = await load(proxied(UK, { logged_in_customer_id: "1", order_id: "12; drop" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("order_id must be the number Shopify shows for it");
  });

  it("GIVEN a shop with no policy chosen WHEN loaded THEN the page says so instead of inventing one", async () => {
    const body = await (await load(proxied(BARE, { logged_in_customer_id: "" }))).text();
    expect(body).toContain("has not published its after-sales policy here yet");
    expect(body).not.toContain("30 days");
  });

  it("GIVEN a shop without an offline session WHEN loaded THEN 404 and no other shop's policy", async () => {
    const response = await load(proxied(GONE, { logged_in_customer_id: "1" }));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("30 days");
  });
});
