import { describe, expect, it } from "vitest";

import type { Entitlement, OrderLineView, OrderView } from "../../app/schemas/requests";
import { translator } from "../../app/storefront/i18n";
import { renderOrder, type PageContext } from "../../app/storefront/pages.server";

const ctx: PageContext = { locale: "en", intl: "en", t: translator("en"), base: "/apps/aftercare", carry: {} };
const gbp = (amountMinor: number) => ({ amountMinor, currency: "GBP" });
const entitlement = (kind: Entitlement["kind"], eligible: boolean, reasons: string[] = [], service: Entitlement["service"] = null): Entitlement => ({
  kind,
  service,
  eligible,
  until: null,
  reasons,
  blockers: eligible ? [] : ["excluded_item"],
  resolutions: [],
  charge: null,
});
const line = (i: number, title: string, entitlements: Entitlement[]): OrderLineView => ({
  lineId: `gid://shopify/LineItem/${i}`,
  title,
  variantTitle: null,
  image: null,
  quantity: 1,
  available: 1,
  unitPrice: gbp(5_000),
  state: "available",
  openRequests: [],
  entitlements,
  exchangeOptions: [],
});
const view: OrderView = {
  orderId: "gid://shopify/Order/1",
  orderName: "#1001",
  placedAt: "2026-11-01T10:00:00Z",
  currency: "GBP",
  timezone: "Europe/London",
  policyVersionId: null,
  causes: [],
  services: [{ service: "resize", text: "", charge: "free" }],
  lines: [
    line(0, "Gold Chain", [entitlement("return", true), entitlement("warranty", true), entitlement("service", false, ["One free size adjustment per piece."], "resize")]),
    line(1, "Gift Card Charm", [entitlement("return", false, ["Final sale."]), entitlement("faulty", false), entitlement("warranty", false), entitlement("service", false, [], "resize")]),
  ],
};

describe("the ask form on the order page", () => {
  const html = renderOrder(ctx, view, { errors: {}, values: { lines: {} }, action: "/apps/aftercare/orders/1", liabilityText: null });

  it("GIVEN an item entitled to something WHEN the form renders THEN its fields sit in a block its checkbox controls, with the kinds it may be asked for", () => {
    expect(html).toMatch(/<fieldset class="ac__line" data-kinds="return warranty">/);
    expect(html).toContain('id="ac-include-0" name="include_0" value="on" aria-controls="ac-fields-0"');
    expect(html).toContain('<div class="ac__fields" id="ac-fields-0">');
    // Not entitled to a resize: said beside the checkbox, shown while resize is the chosen kind.
    expect(html).toContain('<p class="ac__none" data-kind="service:resize">Not possible for this item as Service: Resizing: One free size adjustment per piece.</p>');
    expect(html).toContain('.ac__ask:has(#ac-kind option[value="service:resize"]:checked) .ac__line:not([data-kinds~="service:resize"]) .ac__fields{display:none}');
  });

  it("GIVEN an item entitled to nothing WHEN the form renders THEN it says why and offers neither checkbox nor fields", () => {
    expect(html).toContain("Nothing can be requested for this item: Final sale.");
    expect(html).not.toContain("include_1");
    expect(html).not.toContain("qty_1");
  });

  it("GIVEN a ticked item WHEN the form is shown again with errors THEN its checkbox stays ticked, so its fields stay open with their values", () => {
    const again = renderOrder(ctx, view, { errors: { "line.0.quantity": "Ask for at least one." }, values: { kind: "return", lines: { 0: { include: true, qty: "0" } } }, action: "/a", liabilityText: null });
    expect(again).toMatch(/id="ac-include-0" name="include_0" value="on" aria-controls="ac-fields-0" checked/);
    expect(again).toMatch(/id="ac-qty-0" name="qty_0" min="1" max="1" value="0"/);
  });

  it("GIVEN a crystal service with parts already sent for the item THEN the item says how many parts are left, in the shopper's language", () => {
    const crystals: Entitlement = { ...entitlement("service", true, [], "crystal_replacement"), charge: "free", partsLeft: 4 };
    const withCrystals: OrderView = { ...view, lines: [line(0, "Crystal clutch", [crystals])] };
    const page = (locale: "en" | "fr") => renderOrder({ ...ctx, locale, t: translator(locale) }, withCrystals, { errors: {}, values: { lines: {} }, action: "/a", liabilityText: null });
    expect(page("en")).toContain("(free, up to 4 parts left)");
    expect(page("fr")).toContain("(gratuit, jusqu’à 4 pièces restantes)");
  });
});
