import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { processReturn, RETURN_PROCESS, type ProcessPlan } from "../../app/shopify/money.server";
import { approveReturn, fetchReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { reverseLineId } from "../standin/resolvers/fields";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { gatewayStandin, libraryGraphql, quickClient, SHOP } from "./gateway-standin";

/**
 * Restocking on returnProcess: when the merchant's policy asks, each processed return line gets a
 * RESTOCKED disposition on its reverse fulfilment order line, at the location it shipped from; the
 * stand-in puts the units back in the variant's stock and keeps a log of it.
 */
let standin: RunningStandin;
beforeAll(async () => {
  standin = await gatewayStandin();
});
afterAll(async () => {
  await standin?.close();
});

/** An approved return of `quantity` hoops (of 2 bought), the hoops' variant, and the return's state. */
async function approvedReturn(quantity: number) {
  const store = standin.store(SHOP);
  const customer = addCustomer(store);
  const hoops = addProduct(store, { title: "Gold hoops", price: 16_000 });
  const order = addPaidOrder(store, { customer, lines: [{ variant: hoops.variant, quantity: 2 }] });
  const admin = quickClient(standin);
  const [line] = await fetchReturnableLines(admin, order.id);
  const ret = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity, reason: "changed_mind" }]);
  await approveReturn(admin, ret.id, { notifyCustomer: false });
  return { store, admin, order, variant: hoops.variant, state: await fetchReturn(admin, ret.id) };
}

function plan(returnId: string, orderId: string, lines: ProcessPlan["lines"], restock?: boolean): ProcessPlan {
  return { returnId, orderId, currency: "GBP", note: "test", lines, toPaymentMinor: 0, storeCreditMinor: 16_000, storeCreditExpiresAt: null, shippingMinor: 0, notify: false, ...(restock === undefined ? {} : { restock }) };
}

const noVerify = async () => null;

describe("restocking returned items on returnProcess", () => {
  it("GIVEN the merchant asks to restock WHEN a return is processed THEN the unit goes back in stock at the location it shipped from, once", async () => {
    const { store, admin, order, variant, state } = await approvedReturn(1);
    const stockBefore = variant.inventoryQuantity;

    await processReturn(admin, plan(state.id, order.id, [{ returnLineItemId: state.lines[0].id, quantity: 1 }], true), noVerify);

    expect(variant.inventoryQuantity).toBe(stockBefore + 1);
    expect(store.restocks.filter((r) => r.returnId === state.id)).toEqual([{ variantId: variant.id, locationId: store.location.id, quantity: 1, returnId: state.id, at: expect.any(String) }]);
    const rli = store.find(state.lines[0].id, "ReturnLineItem")!;
    expect(rli.dispositions?.map((d) => [d.type, d.quantity, d.locationId])).toEqual([["RESTOCKED", 1, store.location.id]]);
  });

  it("GIVEN no restock asked (the default, and operations recorded before the setting) WHEN processed THEN stock is unchanged and nothing is disposed", async () => {
    for (const restock of [undefined, false]) {
      const { store, admin, order, variant, state } = await approvedReturn(1);
      const stockBefore = variant.inventoryQuantity;
      await processReturn(admin, plan(state.id, order.id, [{ returnLineItemId: state.lines[0].id, quantity: 1 }], restock), noVerify);
      expect(variant.inventoryQuantity).toBe(stockBefore);
      expect(store.restocks.filter((r) => r.returnId === state.id)).toEqual([]);
      expect(store.find(state.lines[0].id, "ReturnLineItem")!.dispositions ?? []).toEqual([]);
      expect((await fetchReturn(admin, state.id)).lines[0].processedQuantity).toBe(1);
    }
  });

  it("GIVEN two units returned and processed one at a time WHEN restocking THEN each processing restocks only the unit it processes", async () => {
    const { store, admin, order, variant, state } = await approvedReturn(2);
    const stockBefore = variant.inventoryQuantity;
    const line = [{ returnLineItemId: state.lines[0].id, quantity: 1 }];
    await processReturn(admin, { ...plan(state.id, order.id, line, true), storeCreditMinor: 8_000 }, noVerify);
    expect(variant.inventoryQuantity).toBe(stockBefore + 1);
    await processReturn(admin, { ...plan(state.id, order.id, line, true), storeCreditMinor: 8_000 }, noVerify);
    expect(variant.inventoryQuantity).toBe(stockBefore + 2);
    expect(store.restocks.filter((r) => r.returnId === state.id).map((r) => r.quantity)).toEqual([1, 1]);
  });

  it("GIVEN a RESTOCKED disposition without a location, or on another line WHEN sent THEN the stand-in refuses it as the schema says, and nothing is processed", async () => {
    const { store, variant, state } = await approvedReturn(1);
    const graphql = libraryGraphql(standin);
    const stockBefore = variant.inventoryQuantity;
    const rli = store.find(state.lines[0].id, "ReturnLineItem")!;
    const send = async (disposition: Record<string, unknown>) => {
      const input = { returnId: state.id, returnLineItems: [{ id: rli.id, quantity: 1, dispositions: [{ quantity: 1, dispositionType: "RESTOCKED", ...disposition }] }] };
      const body = (await (await graphql(RETURN_PROCESS, { variables: { input } })).json()) as { data: { returnProcess: { userErrors: { field: string[]; code: string }[] } } };
      return body.data.returnProcess.userErrors.map((e) => [e.field.at(-1), e.code]);
    };
    expect(await send({ reverseFulfillmentOrderLineItemId: reverseLineId(rli) })).toEqual([["locationId", "BLANK"]]);
    expect(await send({ reverseFulfillmentOrderLineItemId: "gid://shopify/ReverseFulfillmentOrderLineItem/1", locationId: store.location.id })).toEqual([["reverseFulfillmentOrderLineItemId", "NOT_FOUND"]]);
    expect(await send({ reverseFulfillmentOrderLineItemId: reverseLineId(rli), locationId: "gid://shopify/Location/1" })).toEqual([["locationId", "NOT_FOUND"]]);
    expect(rli.processedQuantity).toBe(0);
    expect(variant.inventoryQuantity).toBe(stockBefore);
  });
});
