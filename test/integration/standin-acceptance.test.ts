import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type * as ShopifyServer from "../../app/shopify.server";
import { startStandin, type RunningStandin } from "../standin";
import { graphqlDocumentsIn, isFragmentOnly } from "../standin/graphql-documents";
import { freshDatabase, type TestDatabase } from "../support/databases";

/**
 * Issue 4's acceptance: the app's own modules (app/shopify.server.ts with its real configuration,
 * pointed at the stand-in only through SHOPIFY_ADMIN_API_ORIGIN and SHOPIFY_APP_URL) accept what
 * the stand-in sends and refuse it with one byte changed.
 */
const SHOP = "demo-jeweller.myshopify.com";
const API_KEY = "aftercare-test-key";
const API_SECRET = "aftercare-test-secret";

let database: TestDatabase;
let standin: RunningStandin;
let receiver: Server;
let appUrl: string;
const deliveries: { path: string; headers: Record<string, string>; body: string }[] = [];
let app: typeof ShopifyServer;

vi.mock("../../app/db.server", async () => ({ default: database.db }));

beforeAll(async () => {
  database = await freshDatabase("sqlite");
  // Stands for the app's web server: records webhook deliveries exactly as they arrive.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      deliveries.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  standin = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, scopes: ["read_orders", "write_returns"], shops: [{ myshopifyDomain: SHOP }], webhooks: { attempts: 1 } });
  vi.stubEnv("SHOPIFY_APP_URL", appUrl);
  vi.stubEnv("SHOPIFY_ADMIN_API_ORIGIN", standin.origin);
  app = await import("../../app/shopify.server");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await standin?.close();
  await new Promise((r) => receiver?.close(r));
  await database?.dispose();
});

function flipLastChar(text: string): string {
  // The character before the last: the last one of a 32-byte value in base64 also carries unused
  // padding bits, and "a"/"b" differ only there, so flipping it left one signature in 16 intact.
  const flipped = text.at(-2) === "a" ? "b" : "a";
  return `${text.slice(0, -2)}${flipped}${text.slice(-1)}`;
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(Response);
  return outcome as Response;
}

describe("authenticate.admin against the stand-in", () => {
  it("GIVEN the admin opens the app WHEN authenticate.admin runs THEN token exchange installs it and the Admin client reaches the stand-in", async () => {
    const { admin, session } = await app.authenticate.admin(new Request(standin.appEntryUrl(SHOP)));
    expect(session).toMatchObject({ shop: SHOP, isOnline: false });
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(standin.installed.has(SHOP)).toBe(true);
    expect(await database.db.session.count({ where: { shop: SHOP } })).toBe(1);

    const response = await admin.graphql(`#graphql
      query AcceptanceShop { shop { name currencyCode } }`);
    expect(await response.json()).toMatchObject({ data: { shop: { name: "Demo Jeweller", currencyCode: "GBP" } } });
  });

  it("GIVEN a session token with one byte changed WHEN sent as a bearer THEN 401 asking App Bridge to retry; as id_token THEN the bounce page", async () => {
    const forged = flipLastChar(standin.sessionToken(SHOP));
    const bearer = await thrown(app.authenticate.admin(new Request(`${appUrl}/app`, { headers: { Authorization: `Bearer ${forged}` } })));
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get("X-Shopify-Retry-Invalid-Session-Request")).toBe("1");

    const entry = new URL(standin.appEntryUrl(SHOP));
    entry.searchParams.set("id_token", forged);
    const document = await thrown(app.authenticate.admin(new Request(entry)));
    expect(document.status).toBe(302);
    expect(document.headers.get("Location")).toMatch(/^\/auth\/session-token\?.*shopify-reload=/);

    const genuine = await app.authenticate.admin(new Request(`${appUrl}/app`, { headers: { Authorization: `Bearer ${standin.sessionToken(SHOP)}` } }));
    expect(genuine.session.shop).toBe(SHOP);
  });
});

describe("merchant entry", () => {
  it("GIVEN the stand-in's admin page WHEN opened THEN it sends the merchant to the app with a session token authenticate.admin accepts", async () => {
    const response = await fetch(standin.adminUrl(SHOP), { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${appUrl}/app`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ embedded: "1", shop: SHOP });
    const { session } = await app.authenticate.admin(new Request(location));
    expect(session.shop).toBe(SHOP);
  });

  it("GIVEN App Bridge asks for a session token WHEN from the app's origin THEN it gets one the app accepts; from another origin THEN 403", async () => {
    const url = `${standin.origin}/store/demo-jeweller/session-token`;
    const allowed = await fetch(url, { headers: { Origin: appUrl } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(appUrl);
    const { token } = (await allowed.json()) as { token: string };
    const { session } = await app.authenticate.admin(new Request(`${appUrl}/app`, { headers: { Authorization: `Bearer ${token}` } }));
    expect(session.shop).toBe(SHOP);
    expect((await fetch(url, { headers: { Origin: "http://127.0.0.1:1" } })).status).toBe(403);
  });
});

describe("authenticate.public.appProxy against the stand-in", () => {
  it("GIVEN a storefront request the stand-in signs WHEN the app checks it THEN it passes; one byte changed THEN 400", async () => {
    const url = standin.appProxyUrl("/apps/aftercare/orders/1001?view=full", { shop: SHOP, loggedInCustomerId: 7100000123 });
    expect(new URL(url).pathname).toBe("/apps/proxy/orders/1001");
    const context = await app.authenticate.public.appProxy(new Request(url));
    expect(context.session?.shop).toBe(SHOP);

    const tampered = new URL(url);
    tampered.searchParams.set("signature", flipLastChar(tampered.searchParams.get("signature") ?? ""));
    expect((await thrown(app.authenticate.public.appProxy(new Request(tampered)))).status).toBe(400);

    const otherCustomer = new URL(url);
    otherCustomer.searchParams.set("logged_in_customer_id", "7100000124");
    expect((await thrown(app.authenticate.public.appProxy(new Request(otherCustomer)))).status).toBe(400);
  });
});

describe("authenticate.webhook against the stand-in", () => {
  it("GIVEN the stand-in delivers app/uninstalled WHEN the app checks it THEN it passes; one byte of body or signature changed THEN 401", async () => {
    standin.uninstall(SHOP);
    await standin.webhooks.idle();
    const delivery = deliveries.find((d) => d.path === "/webhooks/app/uninstalled");
    expect(delivery).toBeDefined();
    const request = (body: string, headers: Record<string, string>) => new Request(`${appUrl}${delivery?.path}`, { method: "POST", headers, body });
    const { headers, body } = delivery as NonNullable<typeof delivery>;

    const context = await app.authenticate.webhook(request(body, headers));
    expect(context).toMatchObject({ topic: "APP_UNINSTALLED", shop: SHOP, webhookId: headers["x-shopify-webhook-id"], eventId: headers["x-shopify-event-id"], payload: { myshopify_domain: SHOP } });

    expect((await thrown(app.authenticate.webhook(request(`${body.slice(0, -1)} `, headers)))).status).toBe(401);
    const badSignature = { ...headers, "x-shopify-hmac-sha256": flipLastChar(headers["x-shopify-hmac-sha256"].replace(/=+$/, "")) + "=" };
    expect((await thrown(app.authenticate.webhook(request(body, badSignature)))).status).toBe(401);
  });
});

describe("every GraphQL document the app sends", () => {
  it("GIVEN the #graphql documents under app/ WHEN sent to the stand-in THEN none is refused by validation", () => {
    const documents = graphqlDocumentsIn("app").filter((d) => !isFragmentOnly(d.text));
    for (const doc of documents) {
      expect({ file: doc.file, name: doc.name, errors: standin.engine.validateDocument(doc.text) }).toEqual({ file: doc.file, name: doc.name, errors: [] });
    }
  });

  it("GIVEN a source file with a good and a misspelt document WHEN scanned and sent THEN the good one passes and the misspelt one is refused as Shopify refuses it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "graphql-docs-"));
    try {
      writeFileSync(
        join(dir, "gateway.server.ts"),
        [
          "const MONEY = `#graphql\n  fragment Money on MoneyV2 { amount currencyCode }`;",
          "export const ORDER = `#graphql\n  query OrderTotal($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { ...Money } } } }\n  ${MONEY}`;",
          "export const BROKEN = `#graphql\n  query ShopBroken { shop { nmae } }`;",
        ].join("\n"),
      );
      const documents = graphqlDocumentsIn(dir).filter((d) => !isFragmentOnly(d.text));
      expect(documents.map((d) => d.name)).toEqual(["OrderTotal", "ShopBroken"]);
      expect(standin.engine.validateDocument(documents[0].text)).toEqual([]);

      // Over HTTP, with an access token, as the app's Admin client sends it.
      const response = await fetch(`${standin.origin}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-shop-domain": SHOP, "x-shopify-access-token": standin.issueAccessToken(SHOP) },
        body: JSON.stringify({ query: documents[1].text }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: "Field 'nmae' doesn't exist on type 'Shop'",
            locations: [{ line: 2, column: 29 }],
            path: ["query ShopBroken", "shop", "nmae"],
            extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" },
          },
        ],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
