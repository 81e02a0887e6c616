import { readFileSync } from "node:fs";

import { generate } from "@graphql-codegen/cli";
import { Kind, NoDeprecatedCustomRule, NoUnusedFragmentsRule, parse, specifiedRules, validate, visit } from "graphql";
import { describe, expect, it } from "vitest";

import graphqlConfig from "../../.graphqlrc";
import * as draftOrders from "../../app/shopify/draft-orders.server";
import * as shipments from "../../app/shopify/shipments.server";
import * as flow from "../../app/shopify/flow.server";
import * as partsOrders from "../../app/shopify/parts-orders.server";
import * as fragments from "../../app/shopify/fragments";
import * as money from "../../app/shopify/money.server";
import * as orders from "../../app/shopify/orders.server";
import * as policies from "../../app/shopify/policies.server";
import * as quotes from "../../app/shopify/quotes.server";
import * as returns from "../../app/shopify/returns.server";
import * as returnLines from "../../app/shopify/return-lines.server";
import * as reverseDeliveries from "../../app/shopify/reverse-deliveries.server";
import * as shop from "../../app/shopify/shop.server";
import * as shopper from "../../app/shopify/shopper.server";
import { graphqlDocumentsIn, isFragmentOnly } from "../standin/graphql-documents";
import { adminSchema } from "../standin/schema";

/**
 * Every Admin GraphQL document the app sends is checked against the vendored 2026-10 schema:
 * operations whole (with the fragments they interpolate), fragments on their own, and the exact
 * strings the gateway modules export. The types `npm run shopify:codegen` committed under
 * app/types must be what the preset generates from these documents today.
 */
const documents = graphqlDocumentsIn("app");
const operations = documents.filter((d) => !isFragmentOnly(d.text));
const fragmentDocuments = documents.filter((d) => isFragmentOnly(d.text));
const exported = Object.entries({ ...draftOrders, ...flow, ...fragments, ...money, ...orders, ...partsOrders, ...policies, ...quotes, ...returns, ...returnLines, ...reverseDeliveries, ...shipments, ...shop, ...shopper } as Record<string, unknown>).filter(
  (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trimStart().startsWith("#graphql"),
);

describe("the gateway's GraphQL documents", () => {
  it("GIVEN app/ WHEN its #graphql documents are collected THEN the gateway's operations and shared fragments are all there", () => {
    expect(operations.map((d) => d.name)).toEqual(
      expect.arrayContaining(["OrderForDecision", "OrderLinesPage", "RefundCreate", "ReturnProcess", "StoreCreditAccountCredit", "ReturnRequest", "ReturnApproveRequest", "ReturnDeclineRequest", "ReturnClose", "ReturnCancel", "ReturnCreate", "CatalogueForPolicy", "ReverseDeliveryCreateWithShipping", "ReturnReverseDeliveries", "FlowTriggerReceive"]),
    );
    expect(fragmentDocuments.map((d) => d.name).sort()).toEqual(["OrderLineForDecision", "ProductForPolicy", "ReturnRef", "ReturnUserErrors", "ReverseDeliveryTracking"]);
    // Every tagged literal under app/ is one the gateway modules export (and so the one checked below as sent).
    expect(exported.length).toBe(documents.length);
  });

  it.each(operations.map((d) => [d.name, d.text]))("GIVEN operation %s WHEN validated against the vendored 2026-10 schema THEN it has no errors and uses nothing deprecated", (_name, text) => {
    expect(validate(adminSchema(), parse(text), [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message)).toEqual([]);
  });

  it.each(fragmentDocuments.map((d) => [d.name, d.text]))("GIVEN fragment %s WHEN validated on its own THEN it has no errors and an operation spreads it", (name, text) => {
    const rules = [...specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule), NoDeprecatedCustomRule];
    expect(validate(adminSchema(), parse(text), rules).map((e) => e.message)).toEqual([]);
    const spreaders = operations.filter((d) => {
      let spreads = false;
      visit(parse(d.text), { FragmentSpread: (node) => void (spreads ||= node.name.value === name) });
      return spreads;
    });
    expect(spreaders.length).toBeGreaterThan(0);
  });

  it.each(exported)("GIVEN the string %s exports WHEN parsed as sent THEN it validates and defines each fragment it spreads exactly once", (_name, text) => {
    const document = parse(text);
    const rules = isFragmentOnly(text) ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule) : specifiedRules;
    expect(validate(adminSchema(), document, rules).map((e) => e.message)).toEqual([]);
    const names = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => d.name.value);
    expect(new Set(names).size).toBe(names.length);
  });

  it("GIVEN the documents WHEN the codegen preset runs again over the vendored schema THEN app/types holds exactly its output (not stale)", async () => {
    const project = graphqlConfig.projects.default;
    const codegen = (project.extensions as { codegen: Record<string, unknown> }).codegen;
    const outputs = await generate({ schema: project.schema, documents: project.documents, ...codegen, silent: true, verbose: false } as never, false);
    const files = (outputs as { filename: string; content: string }[]).map((o) => o.filename.replace(/^\.\//, "")).sort();
    expect(files).toEqual(["app/types/admin.generated.d.ts", "app/types/admin.types.d.ts"]);
    for (const output of outputs as { filename: string; content: string }[]) {
      expect(readFileSync(output.filename, "utf8") === output.content, `${output.filename} is stale: run npm run shopify:codegen`).toBe(true);
    }
  }, 180_000);

  it("GIVEN refundCreate WHEN its document is read THEN it carries @idempotent(key:), which 2026-10 requires", () => {
    const refund = documents.find((d) => d.text.includes("refundCreate("));
    expect(refund?.text).toMatch(/refundCreate\(input: \$input\) @idempotent\(key: \$idempotencyKey\)/);
  });
});
