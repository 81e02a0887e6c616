import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { customerAccountHarness } from "./customer-account/harness";
import { legacyId } from "./ids";
import { createDemoStore } from "./seed";
import { startStandin, type RunningStandin } from "./server";

/**
 * Fidelity of the customer-account sign-in the stand-in plays (docs/decisions/021-signin.md): as
 * Shopify's customer accounts do, a page opened signed out sends the shopper to sign in and,
 * once signed in, back to the page asked for; the return is only ever to a customer-account page;
 * and the session tokens the extensions get then name the shopper who signed in.
 */
const API_KEY = "signin-fidelity-key";
const API_SECRET = "signin-fidelity-secret";
const { store, summary } = createDemoStore({ now: new Date(), seed: 3, orders: 300, customers: 60 });

describe("the stand-in's customer-account sign-in", () => {
  let standin: RunningStandin;
  const harness = customerAccountHarness({ apiKey: API_KEY, apiSecret: API_SECRET, signInShop: store.domain });

  beforeAll(async () => {
    standin = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: "http://127.0.0.1:9", shops: [store] });
    standin.use(harness.route);
  });
  afterAll(async () => {
    await standin?.close();
  });

  const get = (path: string) => fetch(`${standin.origin}${path}`, { redirect: "manual" });

  it("GIVEN nobody signed in WHEN an order's customer-account page opens THEN it sends to sign-in, and signing in comes back to that order's page", async () => {
    harness.signOut();
    const order = legacyId(summary.featuredOrderIds.recent);
    const asked = await get(`/customer-account/orders/${order}?locale=ar`);
    expect(asked.status).toBe(302);
    const signIn = new URL(asked.headers.get("location") ?? "", standin.origin);
    expect(signIn.pathname).toBe("/customer-account/login");
    expect(signIn.searchParams.get("return_to")).toBe(`/customer-account/orders/${order}?locale=ar`);
    const page = await get(`${signIn.pathname}${signIn.search}`);
    expect(page.status).toBe(200);
    const customer = store.find(summary.featuredCustomerId, "Customer")!;
    expect(await page.text()).toContain(customer.email);
    // No session token before signing in.
    expect((await get("/customer-account/session-token")).status).toBe(401);

    const chosen = await get(`/customer-account/login?${new URLSearchParams({ customer: String(legacyId(customer.id)), return_to: signIn.searchParams.get("return_to")! })}`);
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe(`/customer-account/orders/${order}?locale=ar`);
    const back = await get(chosen.headers.get("location")!);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(harness.pagePath("aftercare-order-page", { order: String(order), locale: "ar" }));
    const token = (await (await get("/customer-account/session-token")).json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.token.split(".")[1], "base64url").toString("utf8")) as { sub: string; dest: string };
    expect(claims).toMatchObject({ sub: customer.id, dest: store.domain });
  });

  it("GIVEN a sign-in link WHEN its return_to leaves customer accounts THEN the shopper lands on customer accounts, never elsewhere", async () => {
    harness.signOut();
    const customer = String(legacyId(summary.featuredCustomerId));
    for (const away of ["https://evil.example/", "//evil.example/x", "/account/orders/1", "/customer-account/../admin"]) {
      const chosen = await get(`/customer-account/login?${new URLSearchParams({ customer, return_to: away })}`);
      expect(chosen.status).toBe(302);
      expect(chosen.headers.get("location")).toBe("/customer-account/orders");
    }
  });

  it("GIVEN a harness without a shop to sign in to WHEN an extension page opens signed out THEN 401, as before", async () => {
    const bare = customerAccountHarness({ apiKey: API_KEY, apiSecret: API_SECRET });
    const other = await startStandin({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: "http://127.0.0.1:9", shops: [] });
    try {
      other.use(bare.route);
      expect((await fetch(`${other.origin}${bare.pagePath("aftercare-order-page", { order: "1" })}`, { redirect: "manual" })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
