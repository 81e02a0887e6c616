import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { adminClient, type AdminGraphql } from "../../app/shopify/client.server";
import { createExchangeReturn, fetchReturnableLines, REASON_HANDLES, requestReturn, returnReasonDefinitionIds } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { deprecatedInputsUsed } from "../standin/deprecated-inputs";
import { RETURN_REASON_DEFINITIONS } from "../standin/return-reasons";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { adminSchema } from "../standin/schema";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Return reasons go to Shopify as ReturnReasonDefinition ids (`returnReasonDefinitionId`), read
 * from Shopify's library by handle, never as the deprecated `ReturnReason` enum.
 */
let standin: RunningStandin;
beforeAll(async () => {
  standin = await gatewayStandin();
});
afterAll(async () => {
  await standin?.close();
});

/** The library's graphql function, recording every request it sends. */
function recording(): { graphql: AdminGraphql; sent: { query: string; variables: Record<string, unknown> }[] } {
  const inner = libraryGraphql(standin);
  const sent: { query: string; variables: Record<string, unknown> }[] = [];
  return {
    sent,
    graphql: (query, options) => {
      sent.push({ query, variables: options?.variables ?? {} });
      return inner(query, options);
    },
  };
}

const idOf = (handle: string) => RETURN_REASON_DEFINITIONS.find((d) => d.handle === handle)!.id;

function twoLineOrder() {
  const store = standin.store(SHOP);
  const customer = addCustomer(store);
  const ring = addProduct(store, { title: "Pavé ring", price: 42_000 });
  const studs = addProduct(store, { title: "Pearl studs", price: 18_000 });
  const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }, { variant: studs.variant, quantity: 1 }] });
  return { store, order };
}

describe("return reasons as ReturnReasonDefinition ids", () => {
  it("GIVEN every domain reason WHEN mapped THEN each has a handle Shopify's library holds", async () => {
    const ids = await returnReasonDefinitionIds(adminClient(libraryGraphql(standin)), Object.keys(REASON_HANDLES));
    expect(Object.fromEntries(ids)).toEqual({
      changed_mind: idOf("changed-my-mind"),
      defective: idOf("damaged-or-defective"),
      damaged_in_transit: idOf("damaged-or-defective"),
      loose_crystal: idOf("damaged-or-defective"),
      wrong_item: idOf("received-the-wrong-item"),
      other: idOf("other-reason"),
    });
  });

  it("GIVEN a shopper's request for a loose crystal and a change of mind WHEN sent THEN Shopify records each line's reason definition, and nothing deprecated was sent", async () => {
    const { store, order } = twoLineOrder();
    const { graphql, sent } = recording();
    const admin = adminClient(graphql);
    const [ring, studs] = order.lineItems;
    const returnable = await fetchReturnableLines(admin, order.id);
    const line = (id: string) => returnable.find((l) => l.lineItemId === id)!.fulfillmentLineItemId;

    const made = await requestReturn(admin, order.id, [
      { fulfillmentLineItemId: line(ring.id), quantity: 1, reason: "loose_crystal", customerNote: "A stone fell out" },
      { fulfillmentLineItemId: line(studs.id), quantity: 1, reason: "changed_mind" },
    ]);

    const ret = store.find(made.id, "Return")!;
    expect(ret.returnLineItems.map((l) => [l.returnReasonDefinitionId, l.returnReason])).toEqual([
      [idOf("damaged-or-defective"), "DEFECTIVE"],
      [idOf("changed-my-mind"), "UNWANTED"],
    ]);
    const request = sent.find((s) => s.query.includes("returnRequest("))!;
    expect(JSON.stringify(request.variables)).not.toContain("returnReason\"");
    expect(sent.flatMap((s) => deprecatedInputsUsed(adminSchema(), s.query, s.variables))).toEqual([]);
  });

  it("GIVEN a merchant-made exchange for a wrong item WHEN created THEN its line carries the wrong-item definition", async () => {
    const { store, order } = twoLineOrder();
    const { graphql, sent } = recording();
    const admin = adminClient(graphql);
    const returnable = await fetchReturnableLines(admin, order.id);
    const made = await createExchangeReturn(admin, order.id, [{ fulfillmentLineItemId: returnable[0].fulfillmentLineItemId, quantity: 1, reason: "wrong_item" }], []);
    expect(store.find(made.id, "Return")!.returnLineItems.map((l) => l.returnReasonDefinitionId)).toEqual([idOf("received-the-wrong-item")]);
    expect(sent.flatMap((s) => deprecatedInputsUsed(adminSchema(), s.query, s.variables))).toEqual([]);
  });

  it("GIVEN a reason with no handle of its own WHEN sent THEN it goes as Shopify's \"other-reason\"", async () => {
    const ids = await returnReasonDefinitionIds(adminClient(libraryGraphql(standin)), ["engraving_misspelt"]);
    expect(ids.get("engraving_misspelt")).toBe(idOf("other-reason"));
  });

  it("GIVEN a returnReasonDefinitionId Shopify does not have WHEN a return is requested THEN the stand-in refuses it as Shopify does, and no return is made", async () => {
    const { store, order } = twoLineOrder();
    const admin = adminClient(libraryGraphql(standin));
    const returnable = await fetchReturnableLines(admin, order.id);
    const before = store.returns.length;
    const response = await libraryGraphql(standin)(
      `#graphql
      mutation Bad($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { field message code } } }`,
      { variables: { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: returnable[0].fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: "gid://shopify/ReturnReasonDefinition/1" }] } } },
    );
    const body = (await response.json()) as { data: { returnRequest: { return: null; userErrors: { field: string[]; code: string }[] } } };
    expect(body.data.returnRequest.return).toBeNull();
    expect(body.data.returnRequest.userErrors).toEqual([expect.objectContaining({ field: ["input", "returnLineItems", "0", "returnReasonDefinitionId"], code: "NOT_FOUND" })]);
    expect(store.returns.length).toBe(before);
  });

  it("GIVEN the deprecated enum in a variable WHEN checked THEN the walker names it (so the checks above can fail)", () => {
    const query = `mutation R($input: ReturnRequestInput!) { returnRequest(input: $input) { userErrors { message } } }`;
    expect(deprecatedInputsUsed(adminSchema(), query, { input: { orderId: "gid://shopify/Order/1", returnLineItems: [{ fulfillmentLineItemId: "x", quantity: 1, returnReason: "DEFECTIVE" }] } })).toEqual([
      "ReturnRequestLineItemInput.returnReason at $input.returnLineItems[0].returnReason",
    ]);
  });
});
