import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { PRESET_DOCUMENTS } from "../../app/domain";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { routeShopTrafficTo } from "../../app/shopify/admin-origin.server";
import { legacyId } from "../standin/ids";
import { createDemoStore } from "../standin/seed";
import { startStandin, type RunningStandin } from "../standin/server";
import { storefrontRoutes } from "../standin/storefront";
import { freePort } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/databases";

/**
 * The stand-in's storefront driven over HTTP: theme pages render the extension's real block, and
 * /apps/aftercare reaches the app's real proxy route (its loader behind a plain HTTP server),
 * whose library checks the signature the storefront made.
 */
const SECRET = "aftercare-test-secret";
let database: TestDatabase;
vi.mock("../../app/repositories/index.server", async () => ({ shops: createShopRepository(database.db), requests: createRequestRepository(database.db) }));
vi.mock("../../app/db.server", async () => ({ default: database.db }));

const { store, summary } = createDemoStore({ now: new Date(), seed: 3, orders: 300, customers: 60 });
let standin: RunningStandin;
let app: Server;
let appCalls = 0;

beforeAll(async () => {
  database = await freshDatabase("sqlite");
  const shops = createShopRepository(database.db);
  await shops.recordInstall(store.domain, { name: store.shop.name, currency: "GBP", timezone: "Europe/London", country: "GB" });
  await shops.choosePolicy(store.domain, "uk-jeweller", JSON.stringify(PRESET_DOCUMENTS["uk-jeweller"]));
  await database.db.session.create({ data: { id: `offline_${store.domain}`, shop: store.domain, state: "", isOnline: false, accessToken: "shpat_test" } });
  const routes = {
    index: await import("../../app/routes/apps.proxy._index/route"),
    lookup: await import("../../app/routes/apps.proxy.lookup/route"),
    order: await import("../../app/routes/apps.proxy.orders.$orderId/route"),
    status: await import("../../app/routes/apps.proxy.status/route"),
  };
  // The app's proxy routes behind a plain HTTP server, dispatched as Remix would.
  app = createServer((req, res) => {
    appCalls += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(`https://aftercare.test${req.url}`);
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      const request = new Request(url, { method: req.method, body, headers });
      const order = /^\/apps\/proxy\/orders\/([^/]+)$/.exec(url.pathname);
      const args = { request, params: order ? { orderId: order[1] } : {}, context: {} };
      const post = req.method === "POST";
      const run =
        url.pathname === "/apps/proxy" ? routes.index.loader(args)
        : url.pathname === "/apps/proxy/lookup" ? (post ? routes.lookup.action(args) : routes.lookup.loader(args))
        : url.pathname === "/apps/proxy/status" ? routes.status.loader(args)
        : order ? (post ? routes.order.action(args) : routes.order.loader(args))
        : Promise.resolve(new Response("not found", { status: 404 }));
      run
        .catch((thrown: unknown) => thrown)
        .then(async (response) => {
          const r = response as Response;
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(await r.text());
        });
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  standin = await startStandin({ apiKey: "aftercare-test-key", apiSecret: SECRET, appUrl, shops: [store] });
  standin.use(storefrontRoutes({ shop: store.domain, signedInCustomerId: summary.featuredCustomerId }));
  routeShopTrafficTo(standin.origin);
  await database.db.session.updateMany({ where: { shop: store.domain }, data: { accessToken: standin.issueAccessToken(store.domain) } });
});

afterAll(async () => {
  await standin?.close();
  await new Promise((resolve) => app?.close(resolve));
  await database?.dispose();
});

const get = (path: string, cookie?: string) => fetch(`${standin.origin}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

describe("stand-in storefront", () => {
  it("GIVEN the demo shop WHEN the home page opens THEN the shop and its products show", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Hatton &amp; Hart Jewellers");
    expect(html).toContain("Solitaire Engagement Ring");
  });

  it("GIVEN the signed-in shopper WHEN her order page opens THEN the lines show and the extension's block links to the proxy for that order with its assets in the head", async () => {
    const id = legacyId(summary.featuredOrderIds.recent);
    const html = await (await get(`/account/orders/${id}`)).text();
    expect(html).toContain("Pearl Drop Earrings");
    expect(html).toContain("Engraving: A.H.");
    expect(html).toContain(`href="/apps/aftercare?order_id=${id}&amp;locale=en"`);
    expect(html).toContain('<link rel="stylesheet" href="/extensions/aftercare-theme/assets/aftercare.css">');
    expect(html).toContain('<script src="/extensions/aftercare-theme/assets/aftercare.js" defer></script>');
    const css = await get("/extensions/aftercare-theme/assets/aftercare.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("GIVEN another customer's order WHEN the shopper opens it THEN 404 and none of its lines", async () => {
    const other = store.orders.find((o) => o.customerId !== summary.featuredCustomerId);
    const response = await get(`/account/orders/${legacyId(other?.id ?? "gid://shopify/Order/1")}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(other?.lineItems[0].name ?? "—");
  });

  it("GIVEN the block's link WHEN followed THEN the app's proxy answers, signed by the storefront, with that order's items and what each may get, inside the theme", async () => {
    const before = appCalls;
    const id = legacyId(summary.featuredOrderIds.recent);
    const response = await get(`/apps/aftercare?order_id=${id}&locale=en`);
    expect(response.status).toBe(302);
    expect(appCalls).toBe(before + 1);
    expect(response.headers.get("location")).toBe(`/apps/aftercare/orders/${id}?locale=en`);
    const page = await get(response.headers.get("location") as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<header class="theme-header">');
    expect(html).toContain("Pearl Drop Earrings");
    expect(html).toContain("Not returnable: For hygiene reasons we cannot exchange or refund earrings unless they are faulty.");
    expect(html).toContain('<form method="post" action="/apps/aftercare/orders/');
  });

  it("GIVEN a signed-out shopper WHEN the proxy page opens THEN the theme's login URL is filled in by Liquid", async () => {
    const html = await (await get("/apps/aftercare", "standin_customer=none")).text();
    expect(html).toContain('Log in to your account to start a return');
    expect(html).toContain('href="/account/login"');
    expect(html).not.toContain("{{");
  });

  it("GIVEN the app is not answering WHEN the shopper opens the proxy page THEN the theme says it is unavailable with 502", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const down = await startStandin({ apiKey: "aftercare-test-key", apiSecret: SECRET, appUrl: nobody, shops: [createDemoStore({ now: new Date(), seed: 5, orders: 20, customers: 5 }).store] });
    try {
      down.use(storefrontRoutes({ shop: store.domain }));
      const response = await fetch(`${down.origin}/apps/aftercare`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain("This page is not available right now");
    } finally {
      await down.close();
    }
  });
});
