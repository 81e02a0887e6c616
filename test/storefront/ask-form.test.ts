import { describe, expect, it } from "vitest";

import type { Entitlement, OrderLineView, OrderView } from "../../app/schemas/requests";
import { translator } from "../../app/storefront/i18n";
import { renderOrder, renderPortal, type PageContext } from "../../app/storefront/pages.server";

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
  services: [{ service: "resize", name: null, price: { kind: "free" }, turnaround: null, asksCause: false, asksLiability: false, text: "", charge: "free" }],
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
    expect(html).toContain('<p class="ac__none" data-kind="service:resize">Not possible for this item as Service: Resizing: <bdi dir="auto">One free size adjustment per piece.</bdi></p>');
    expect(html).toContain('.ac__ask:has(#ac-kind option[value="service:resize"]:checked) .ac__line:not([data-kinds~="service:resize"]) .ac__fields{display:none}');
  });

  it("GIVEN an item entitled to nothing WHEN the form renders THEN it says why and offers neither checkbox nor fields", () => {
    expect(html).toContain('Nothing can be requested for this item: <bdi dir="auto">Final sale.</bdi>');
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

describe("the order page tells the shopper what is true (issue 22, items 12, 13, 17, 25)", () => {
  const fr: PageContext = { locale: "fr", intl: "fr-FR", t: translator("fr"), base: "/apps/aftercare", carry: { locale: "fr" } };
  const claimed: OrderLineView = {
    ...line(0, "Crystal Eternity Band", [{ ...entitlement("return", false), blockers: ["in_return"] }]),
    available: 0,
    state: "open_request",
    openRequests: [{ number: 27, kind: "warranty", service: null, status: "approved", statusToken: "c3ViamVjdA.abc.sig" }],
  };
  const refunded: OrderLineView = { ...line(1, "Pearl Studs", [{ ...entitlement("return", false), blockers: ["unavailable"] }]), available: 0, state: "returned" };
  const replate: Entitlement = { ...entitlement("service", true, [], "restoration"), charge: "paid", allowanceLeft: 1 };
  const late: Entitlement = { ...entitlement("return", false, ["Returns are accepted within 14 days of delivery."]), blockers: ["window_expired"], ended: "2026-11-26" };
  const page: OrderView = {
    ...view,
    services: [{ service: "restoration", name: "Polish and re-plate", price: { kind: "fixed", amount: gbp(4_500) }, turnaround: "about two weeks", asksCause: false, asksLiability: false, text: "We polish and re-plate.", charge: "paid" }],
    lines: [claimed, refunded, line(2, "Gold Hoops", [late, replate])],
  };
  const html = renderOrder(ctx, page, { errors: {}, values: { lines: {} }, action: "/a", liabilityText: null });

  it("GIVEN an item in an approved warranty claim WHEN the order shows THEN it names the open request with its status and links to its status page, and never says returned", () => {
    expect(html).toContain("Request 27 (Warranty claim) is open for this item: approved.");
    expect(html).toContain('<a href="/apps/aftercare/status?token=c3ViamVjdA.abc.sig">Follow request 27</a>');
    expect(html.match(/Already returned or refunded/g)).toHaveLength(1);
  });

  it("GIVEN an item held back only by its open request WHEN the form says why it cannot be asked about THEN it says a request is open, not the window it is still inside", () => {
    const held: OrderLineView = { ...line(3, "Silver Locket", [{ ...entitlement("return", false, ["Returns are accepted within 30 days of receipt."]), blockers: ["open_request"] }, entitlement("warranty", true)]), openRequests: [{ number: 31, kind: "return", service: null, status: "requested", statusToken: "t.t.t" }] };
    const form = renderOrder(ctx, { ...view, lines: [held] }, { errors: {}, values: { lines: {} }, action: "/a", liabilityText: null });
    expect(form).toContain('<p class="ac__none" data-kind="return">Not possible for this item as Return or exchange: a request is already open for this item</p>');
  });

  it("GIVEN a paid restoration the merchant named and priced WHEN the order shows THEN its name, price in the shop's money, turnaround and allowance left are shown, not its kind", () => {
    expect(html).toContain('<bdi dir="auto">Polish and re-plate</bdi>: available (<bdi class="ac__amount">£45.00</bdi>, turnaround: <bdi dir="auto">about two weeks</bdi>, times left: 1)');
    expect(html).not.toContain("Restoration");
    expect(html).toContain('<option value="service:restoration">Service: \u2068Polish and re-plate\u2069</option>');
  });

  it("GIVEN a service chosen WHEN the form asks THEN the return's reason, condition, exchange and refund preference are only for returns, and a warranty claim offers no change of mind", () => {
    expect(html).toMatch(/<div class="ac__field" data-for="return"><label for="ac-reason-2">/);
    expect(html).toMatch(/<fieldset data-for="return"><legend>Condition/);
    expect(html).toMatch(/<div class="ac__field" data-for="return"><label for="ac-preferred">/);
    expect(html).toContain('.ac__ask:has(#ac-kind option[value="service:restoration"]:checked) [data-for]:not([data-for~="service:restoration"]){display:none}');
    const warrantyReasons = /<select id="ac-wreason-2" name="wreason_2">(.*?)<\/select>/.exec(html)?.[1] ?? "";
    expect(warrantyReasons).toContain('value="defective"');
    expect(warrantyReasons).not.toContain("changed_mind");
  });

  it("GIVEN a return window that ended WHEN the order shows THEN it gives the date it ended and the one sentence that applied", () => {
    expect(html).toContain('Not returnable: Returns ended on November 26, 2026. <bdi dir="auto">Returns are accepted within 14 days of delivery.</bdi>');
  });

  it("GIVEN a French page WHEN it shows the merchant's English words THEN each run is marked English and isolated, and the amounts use £", () => {
    const french = renderOrder(fr, page, { errors: {}, values: { lines: {} }, action: "/a", liabilityText: null });
    expect(french).toContain('<h3><bdi dir="auto" lang="en">Gold Hoops</bdi></h3>');
    expect(french).toContain("Les retours ont pris fin le 26 novembre 2026.");
    expect(french.replace(/\s/g, " ")).toContain('<bdi class="ac__amount">45,00 £</bdi>');
    expect(french).not.toContain("£GB");
  });

  it("GIVEN a signed-in customer's orders on a French page WHEN listed THEN each product title is marked English and isolated", () => {
    const portal = renderPortal(fr, { loggedIn: true, orders: [{ id: "gid://shopify/Order/7", name: "#1007", titles: ["Gold Hoops", "Pearl Studs"] } as never], errors: {}, values: {}, policyHtml: "" });
    expect(portal).toContain('<bdi dir="auto" lang="en">Gold Hoops</bdi>, <bdi dir="auto" lang="en">Pearl Studs</bdi>');
  });
});
