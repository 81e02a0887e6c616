import { parse } from "graphql";
import { beforeEach, describe, expect, it } from "vitest";

import { deniedSelections, parseRequiredAccess, topicDenial } from "./access";
import { createStandin } from "./executor";
import { addCustomer } from "./sample-shop";
import { adminSchema } from "./schema";
import type { ShopStore } from "./store";
import { Webhooks } from "./webhooks";

/**
 * Access as the 2026-10 schema records it (`requiredAccess` on types and fields, `isProtected` /
 * `protectedContent` on protected customer data, WebhookSubscriptionTopic descriptions), and
 * ACCESS_DENIED as Shopify answers it:
 * https://shopify.dev/changelog/new-error-messages-for-graphql-operations-without-necessary-access-scopes
 */

const SHOP = "access-jeweller.myshopify.com";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };

let standin: ReturnType<typeof createStandin>;
let store: ShopStore;

beforeEach(() => {
  standin = createStandin({ apiKey: "key", scopes: [] });
  store = standin.addShop({ myshopifyDomain: SHOP });
});

describe("requiredAccess, read from the schema", () => {
  it("GIVEN the schema's texts WHEN parsed THEN 'Also:' and 'and' join requirements, 'or' offers alternatives, staff permissions are left out", () => {
    // ReturnableFulfillment's requiredAccess
    expect(parseRequiredAccess("`read_orders` access scope or `read_marketplace_orders` access scope. Also: Requires the `read_returns` access scope.")).toEqual([
      ["read_orders", "read_marketplace_orders"],
      ["read_returns"],
    ]);
    // Return.order's
    expect(parseRequiredAccess("`read_returns` access scope and (`read_orders` access scope or `read_marketplace_orders` access scope).")).toEqual([["read_returns"], ["read_orders", "read_marketplace_orders"]]);
    // refundCreate's names resources bare: on a mutation that is the write scope
    expect(parseRequiredAccess("`orders` access scope, `marketplace_orders` access scope or `buyer_membership_orders` access scope.", "write")).toEqual([
      ["write_orders", "write_marketplace_orders", "write_buyer_membership_orders"],
    ]);
    // draftOrderCreate's: the staff member's permission is not the app's to hold
    expect(parseRequiredAccess("`write_draft_orders` access scope or `write_quick_sale` access scope. Also: The user must have access to manage draft orders.")).toEqual([["write_draft_orders", "write_quick_sale"]]);
  });

  it("GIVEN a token with write_store_credit_account_transactions only WHEN it selects a transaction's account THEN that nested field alone is denied: StoreCreditAccount needs read_store_credit_accounts", async () => {
    const customer = addCustomer(store, { email: "ada@example.com" });
    store.creditStoreCredit(customer.id, 1500, "GBP", { event: "ADJUSTMENT" });
    const query = `query Q($id: ID!) { shop { name } customer(id: $id) { id storeCreditAccounts(first: 5) { nodes { id balance { amount } } } } }`;
    const denied = (await standin.graphql(SHOP, { query, variables: { id: customer.id } }, { scopes: ["read_customers", "write_store_credit_account_transactions"] })).body as Body;
    // `nodes` and `storeCreditAccounts` are non-null, so the customer goes null; the rest answers.
    expect(denied.data).toEqual({ shop: { name: "Access Jeweller" }, customer: null });
    expect(denied.errors?.[0]).toMatchObject({
      message: "Access denied for nodes field. Required access: `read_store_credit_accounts` access scope.",
      path: ["customer", "storeCreditAccounts", "nodes"],
      extensions: { code: "ACCESS_DENIED", requiredAccess: "`read_store_credit_accounts` access scope." },
    });
    const allowed = (await standin.graphql(SHOP, { query, variables: { id: customer.id } }, { scopes: ["read_customers", "read_store_credit_accounts"] })).body as Body;
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.customer.storeCreditAccounts.nodes[0].balance.amount).toBe("15.0");
  });

  it("GIVEN write_orders but not read_customers WHEN an order's customer is selected THEN the Customer type's requirement denies it", () => {
    const document = parse(`query Q($id: ID!) { order(id: $id) { id customer { id } } }`);
    expect(deniedSelections(adminSchema(), document, { scopes: ["write_orders"], protectedData: null })).toEqual([
      { kind: "scope", field: "customer", path: "Order.customer", requiredAccess: "`read_customers` access scope." },
    ]);
  });

  it("GIVEN approval for names and emails only WHEN a customer's phone is selected THEN it is denied as protected customer data, the name and email answer", async () => {
    const customer = addCustomer(store, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
    const query = `query Q($id: ID!) { customer(id: $id) { displayName defaultEmailAddress { emailAddress } phone } }`;
    const body = (await standin.graphql(SHOP, { query, variables: { id: customer.id } }, { scopes: ["read_customers"], protectedData: ["name", "email"] })).body as Body;
    expect(body.data?.customer).toMatchObject({ displayName: "Ada Lovelace", defaultEmailAddress: { emailAddress: "ada@example.com" }, phone: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ["customer", "phone"], extensions: { code: "ACCESS_DENIED" } });
    expect(body.errors?.[0].message).toMatch(/^This app is not approved to use the phone field/);
    const none = (await standin.graphql(SHOP, { query, variables: { id: customer.id } }, { scopes: ["read_customers"], protectedData: [] })).body as Body;
    expect(none.errors?.[0]).toMatchObject({ path: ["customer", "displayName"], extensions: { code: "ACCESS_DENIED" } });
  });
});

describe("webhook topics", () => {
  it("GIVEN the topic descriptions WHEN scopes are checked THEN fulfillments/update needs read_fulfillments (read_orders is not enough) and compliance topics need nothing", () => {
    expect(topicDenial("fulfillments/update", ["read_orders"])).toBe("Requires at least one of the following scopes: read_fulfillments, read_marketplace_orders.");
    expect(topicDenial("fulfillments/update", ["read_orders", "read_fulfillments"])).toBeNull();
    expect(topicDenial("returns/request", ["write_returns"])).toBeNull();
    expect(topicDenial("customers/redact", [])).toBeNull();
  });

  it("GIVEN a subscription the scopes do not cover WHEN the stand-in reads it THEN it is refused and never delivered", () => {
    const webhooks = new Webhooks({ appUrl: "http://127.0.0.1:9", apiSecret: "s" }, { scopes: ["read_orders"], subscriptions: [{ topic: "fulfillments/update", uri: "/webhooks/fulfillments/update" }, { topic: "orders/updated", uri: "/webhooks/orders/updated" }] });
    expect(webhooks.subscriptions.map((s) => s.topic)).toEqual(["orders/updated"]);
    expect(webhooks.refused).toEqual([{ topic: "fulfillments/update", uri: "/webhooks/fulfillments/update", requiredAccess: "Requires at least one of the following scopes: read_fulfillments, read_marketplace_orders." }]);
    expect(() => webhooks.send(SHOP, "fulfillments/update", {})).toThrow(/refused/);
    webhooks.close();
  });
});
