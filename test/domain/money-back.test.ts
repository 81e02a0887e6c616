import { describe, expect, it } from "vitest";

import { edited, offered, orderLine, requestLine, under } from "./builders";

// The money back (app/domain/engine/money-back.ts) and the postage that goes with it
// (shipping.ts, CONTRACT rule 15): the method, the bonus and fee records, and which line's
// postage rule decides.

const refundOrCredit = (method: "original_payment" | "store_credit") =>
  edited("uk-jeweller", (p) => {
    const changeOfMind = offered(p.returns.changeOfMind);
    changeOfMind.resolutions = ["refund", "store_credit"];
    if (changeOfMind.refund) changeOfMind.refund.method = method;
  });

describe("how the money goes back: the policy's method unless the shopper chose another it offers", () => {
  it("GIVEN a policy offering a refund or store credit, refunding to the original payment, and a shopper with no preference THEN the money goes back to the original payment", () => {
    expect(under(refundOrCredit("original_payment")).refund?.method).toBe("original_payment");
  });

  it("GIVEN a policy offering a refund or store credit, refunding as store credit, and a shopper with no preference THEN it goes back as store credit", () => {
    expect(under(refundOrCredit("store_credit")).refund?.method).toBe("store_credit");
  });

  it("GIVEN a policy refunding to the original payment that offers no store credit and a shopper who asks for store credit THEN the money still goes back to the original payment", () => {
    expect(under(edited("uk-jeweller"), { request: { preferredResolution: "store_credit" } }).refund?.method).toBe("original_payment");
  });
});

describe("the bonus and the fees a refund records", () => {
  it("GIVEN a case without a bonus rule THEN the refund names no bonus at all", () => {
    const refund = under(edited("uk-jeweller")).refund;
    expect(refund?.items).toBe("80.00");
    expect(refund).not.toHaveProperty("bonus");
  });

  it("GIVEN a store-credit bonus and a refund to the original payment THEN the bonus is recorded as nothing and not explained as applied", () => {
    const policy = edited("uk-jeweller", (p) => (offered(p.returns.changeOfMind).bonus = { id: "credit-bonus", storeCreditPercent: 10, text: "10% more as store credit." }));
    const refund = under(policy).refund;
    expect(refund).toMatchObject({ method: "original_payment", bonus: "0.00", total: "80.00" });
    expect(refund?.explanation.map((e) => e.rule)).not.toContain("bonus.credit-bonus");
  });

  it("GIVEN a 15% restocking fee THEN the refund records the percent beside the amount kept, and its explanation quotes the fees rule as applied", () => {
    const policy = edited("uk-jeweller", (p) => (offered(p.returns.changeOfMind).fees = { id: "restocking", restockingPercent: 15, text: "We keep 15% to restock." }));
    const refund = under(policy).refund;
    expect(refund).toMatchObject({ items: "80.00", fees: { restocking: "12.00", returnShipping: "0.00", restockingPercent: 15 }, total: "68.00" });
    expect(refund?.explanation).toContainEqual({ rule: "fees.restocking", outcome: "applied", text: "We keep 15% to restock." });
  });

  it("GIVEN fees of a return label only THEN the restocking percent recorded is 0", () => {
    const policy = edited("uk-jeweller", (p) => (offered(p.returns.changeOfMind).fees = { id: "label", returnShippingFee: "3.00", text: "A label costs 3.00." }));
    expect(under(policy).refund?.fees).toEqual({ restocking: "0.00", returnShipping: "3.00", restockingPercent: 0 });
  });
});

describe("which line's postage rule decides (CONTRACT rule 15)", () => {
  it("GIVEN two lines the store pays to have sent back, the first with no postage rule and the second's rule not repaying postage THEN the second's rule decides: nothing is repaid and the explanation says why", () => {
    const policy = edited("uk-jeweller", (p) => {
      const changeOfMind = offered(p.returns.changeOfMind);
      changeOfMind.returnShipping = { id: "store-pays", payer: "store", text: "We pay for every return." };
      delete changeOfMind.postage;
      const postage = offered(p.returns.faulty).postage;
      if (postage) postage.repaid = false;
    });
    const d = under(policy, {
      order: { lines: [orderLine({ id: "L1" }), orderLine({ id: "L2" })] },
      request: {
        lines: [requestLine({ lineId: "L1" }), requestLine({ lineId: "L2", reason: "defective", cause: "manufacturing" })],
        postage: { amount: "6.50", method: "post", fromCountry: "GB", proof: true },
      },
    });
    expect(d.returnShipping).toBe("store");
    expect(d.refund?.postage).toBe("0.00");
    expect(d.refund?.explanation).toContainEqual(expect.objectContaining({ rule: "returns.faulty.postage.posted-with-proof", outcome: "blocked", detail: "postage is not repaid in this case" }));
  });
});
