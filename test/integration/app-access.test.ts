import { readFileSync } from "node:fs";

import { parse } from "graphql";
import { describe, expect, it } from "vitest";

import { APPROVED_PROTECTED_DATA } from "../../app/shopify/protected-customer-data";
import { deniedSelections, topicDenial, type AccessPolicy } from "../standin/access";
import { graphqlDocumentsIn, isFragmentOnly } from "../standin/graphql-documents";
import { adminSchema } from "../standin/schema";
import { subscriptionsFromToml } from "../standin/webhooks";

/**
 * The app asks Shopify for exactly what it uses: every field any of its documents selects and
 * every topic it subscribes to must be granted by the scopes in shopify.app.toml (and the
 * protected customer data in app/shopify/protected-customer-data.ts), as the 2026-10 schema
 * records their access. A selection or topic that needs more fails here, naming what it needs.
 */
const toml = readFileSync("shopify.app.toml", "utf8");
const tomlScopes = (/^\s*scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const documents = graphqlDocumentsIn("app").filter((d) => !isFragmentOnly(d.text));

function denials(policy: AccessPolicy) {
  const selections = documents.flatMap((d) => deniedSelections(adminSchema(), parse(d.text), policy).map((x) => `${d.name}: ${x.path} needs ${x.requiredAccess}`));
  const topics = subscriptionsFromToml(toml).subscriptions.flatMap((s) => {
    const denied = topicDenial(s.topic, policy.scopes);
    return denied ? [`${s.topic}: ${denied}`] : [];
  });
  return [...selections, ...topics];
}

describe("the app's access scopes", () => {
  it("GIVEN shopify.app.toml WHEN every document under app/ and every subscribed topic is checked THEN the scopes grant all of them", () => {
    expect(documents.length).toBeGreaterThan(10);
    expect(denials({ scopes: tomlScopes, protectedData: APPROVED_PROTECTED_DATA })).toEqual([]);
  });

  it("GIVEN the scopes the toml asked for before issue 15 WHEN checked THEN store credit reads and the fulfilment webhook are denied (why the toml changed)", () => {
    const before = "read_orders,read_all_orders,read_products,read_customers,read_discounts,write_returns,write_orders,write_store_credit_account_transactions,write_draft_orders,write_legal_policies,read_locations".split(","); // read_locations came later, for restocking

    expect(denials({ scopes: before, protectedData: APPROVED_PROTECTED_DATA }).sort()).toEqual([
      "StoreCreditAccountCredit: StoreCreditAccountCreditTransaction.account needs `read_store_credit_accounts` access scope.",
      "StoreCreditTransactions: StoreCreditAccountConnection.nodes needs `read_store_credit_accounts` access scope.",
      "StoreCreditAccountTransactions: QueryRoot.storeCreditAccount needs `read_store_credit_accounts` access scope.",
      "fulfillments/update: Requires at least one of the following scopes: read_fulfillments, read_marketplace_orders.",
    ].sort());
  });

  it("GIVEN the scopes without read_locations WHEN checked THEN only restocking a processed return (the location it shipped from) is denied", () => {
    const without = tomlScopes.filter((scope) => scope !== "read_locations");
    expect(denials({ scopes: without, protectedData: APPROVED_PROTECTED_DATA })).toEqual([
      "ReturnRestockLines: Fulfillment.location needs `read_locations` access scope, `read_inventory` access scope or `read_markets_home` access scope.",
      "ReturnRestockLines: Location.id needs `read_locations` access scope, `read_inventory` access scope or `read_markets_home` access scope.",
    ]);
  });

  it("GIVEN no approval for protected customer data WHEN checked THEN the customer's name, email, phone and address selections are what needs it", () => {
    const found = denials({ scopes: tomlScopes, protectedData: [] });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => /protected customer data \((name|email|phone|address)\)/.test(d))).toBe(true);
    // The parts order reads the order's shipping address (app/shopify/parts-orders.server.ts).
    expect(found.some((d) => d.startsWith("PartsOrderSource:") && /\(address\)/.test(d))).toBe(true);
  });

  it("GIVEN the toml WHEN each scope is listed THEN each has its reason in the comment above it", () => {
    const comment = toml.split(/^\s*scopes\s*=/m)[0].split("[access_scopes]")[1];
    for (const scope of tomlScopes) expect(comment, scope).toMatch(new RegExp(`#\\s+[^\\n]*\\b${scope}\\b`));
  });
});
