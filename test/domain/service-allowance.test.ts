import { describe, expect, it } from "vitest";

import { edited, orderLine, requestLine, service, under } from "./builders";

// A service's free uses (CONTRACT rule 5, docs/decisions/023): what the line offers once they are
// spent, when the policy quotes further work ("thereafter: quoted") rather than refusing it.

const US = { country: "US", timezone: "America/New_York", currency: "USD" };
const usedOnce = [{ kind: "service" as const, service: "resize" as const, lineId: "L1", at: "2026-02-25T10:00:00Z" }];

/** Fine jewellery's one free resize per adjustable piece, its allowance edited per test. */
const resize = (edit: (rule: ReturnType<typeof service>) => void, history: typeof usedOnce = []) =>
  under(
    edited("fine-jewellery", (p) => edit(service(p, "resize"))),
    {
      shop: US,
      order: { shippingCountry: "US", lines: [orderLine({ metafields: { crystal_count: null, adjustable: true } })] },
      request: { kind: "service", service: "resize", lines: [requestLine({ reason: "other" })] },
      history,
    },
  );

const quotedThereafter = (rule: ReturnType<typeof service>) => {
  if (rule.allowance) rule.allowance.thereafter = "quoted";
};

describe("a spent allowance whose policy quotes further work", () => {
  it("GIVEN the one free resize used and the policy quoting work beyond it THEN the resize is still offered, as paid work by quote, with no free use left", () => {
    const d = resize(quotedThereafter, usedOnce);
    expect(d.lines[0]).toMatchObject({ eligible: true, blockers: [], resolutions: ["service"], charge: "paid", price: { kind: "quote" }, allowanceLeft: 0 });
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "services.resize.allowance.once", outcome: "applied", detail: "used 1 of 1; further work is quoted" }));
  });

  it("GIVEN a quoted resize beyond the free one THEN the piece travels home at the shopper's cost: paid work is the shopper's journey", () => {
    const d = resize((rule) => {
      quotedThereafter(rule);
      rule.outboundShipping = { id: "free-home", payer: "store", text: "We send your piece home free." };
    }, usedOnce);
    expect(d.outboundShipping).toBe("customer");
  });

  it("GIVEN a service with a fixed price of its own and its free uses spent under a quoting policy THEN the price is a quote, not the fixed price of the free use", () => {
    const d = resize((rule) => {
      quotedThereafter(rule);
      rule.price = { kind: "free" };
    }, usedOnce);
    expect(d.lines[0].price).toEqual({ kind: "quote" });
  });

  it("GIVEN the free resize not yet used under a quoting policy THEN it is free, with its own price and one use left", () => {
    const d = resize((rule) => {
      quotedThereafter(rule);
      rule.price = { kind: "free" };
    });
    expect(d.lines[0]).toMatchObject({ eligible: true, charge: "free", price: { kind: "free" }, allowanceLeft: 1 });
    expect(d.lines[0].explanation).toContainEqual(expect.objectContaining({ rule: "services.resize.allowance.once", outcome: "passed", detail: "used 0 of 1" }));
  });

  it("GIVEN the free resize used under a policy that refuses further work THEN the line is refused with limit_reached and quotes nothing", () => {
    const d = resize((rule) => {
      if (rule.allowance) rule.allowance.thereafter = "refused";
    }, usedOnce);
    expect(d.lines[0]).toMatchObject({ eligible: false, blockers: ["limit_reached"], charge: null });
    expect(d.lines[0].price).toBeUndefined();
  });
});
