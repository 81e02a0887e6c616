import { describe, expect, it } from "vitest";

import { engineRefund } from "../../app/desk/actions.server";
import { decidedMinorOf, type RequestRecord } from "../../app/repositories/requests.server";

/**
 * The request flow stores `{ engine, preview }`; the desk's own and older rows store the engine's
 * decision itself. The desk must read the refund the engine decided from either, or a request a
 * shopper submitted shows "nothing to refund".
 */
const refund = { method: "store_credit", items: "76.50", shipping: "0.00", total: "76.50", storeCreditExpiresOn: "2027-05-29", currency: "GBP" };
const engine = { scenario: "r1", lines: [], refund, returnShipping: "customer", requirements: [] };

function requestWith(decision: unknown): RequestRecord {
  return { id: "r1", shop: "s", currency: "GBP", decision } as unknown as RequestRecord;
}

describe("a stored decision read by the desk", () => {
  it.each([
    ["the request flow's { engine, preview }", { engine, preview: { lines: [] } }],
    ["the engine's decision itself", engine],
  ])("GIVEN %s WHEN the desk reads the refund THEN it is the engine's figure", (_label, stored) => {
    expect(engineRefund(requestWith(stored))).toEqual({ amountMinor: 7650, itemsMinor: 7650, shippingMinor: 0, feesMinor: 0, currency: "GBP", method: "store_credit", storeCreditExpiresOn: "2027-05-29" });
    expect(decidedMinorOf(stored, "GBP")).toBe(7650);
  });

  it("GIVEN no refund in the decision WHEN read THEN there is nothing to refund", () => {
    expect(engineRefund(requestWith({ engine: { ...engine, refund: null }, preview: {} }))).toBeNull();
    expect(engineRefund(requestWith(null))).toBeNull();
  });
});
