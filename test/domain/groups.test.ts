import { describe, expect, it } from "vitest";

import { groupsOf, isOnSale } from "../../app/domain/engine/match";
import type { ItemGroup, Matcher } from "../../app/domain/policy/schema";
import type { OrderLine } from "../../app/domain/scenario";

// Item groups (CONTRACT rules 6 and 13): how a policy's matcher decides which lines it covers.

const line = (overrides: Partial<OrderLine> = {}): OrderLine => ({
  id: "L1",
  title: "Piece",
  productType: "Rings",
  tags: [],
  collections: [],
  quantity: 1,
  refundedQuantity: 0,
  unitPrice: "100.00",
  compareAtUnitPrice: null,
  discountAllocations: [],
  properties: {},
  metafields: {},
  ...overrides,
});

const group = (match: Matcher, id = "g"): ItemGroup => ({ id, label: id, match });
const inGroup = (match: Matcher, l: OrderLine) => groupsOf([group(match)], l).has("g");

describe("matching is by words, whatever their case or surrounding spaces", () => {
  it("GIVEN a product type written ' earrings ' in the policy THEN a line of type 'Earrings' matches, and 'Ear cuffs' does not", () => {
    expect(inGroup({ productTypes: [" earrings "] }, line({ productType: "Earrings" }))).toBe(true);
    expect(inGroup({ productTypes: ["EARRINGS"] }, line({ productType: " earrings" }))).toBe(true);
    expect(inGroup({ productTypes: ["Earrings"] }, line({ productType: "Ear cuffs" }))).toBe(false);
  });

  it("GIVEN tags THEN a line with any one of them matches, in any case; a line with none does not", () => {
    expect(inGroup({ tags: ["Pierced", "hoops"] }, line({ tags: ["gift", " HOOPS "] }))).toBe(true);
    expect(inGroup({ tags: ["pierced"] }, line({ tags: ["gift"] }))).toBe(false);
  });

  it("GIVEN collections THEN a line in any one of them matches; a line in others does not", () => {
    expect(inGroup({ collections: ["Bridal ", "sale"] }, line({ collections: ["Summer", "bridal"] }))).toBe(true);
    expect(inGroup({ collections: ["bridal"] }, line({ collections: ["summer"] }))).toBe(false);
  });

  it("GIVEN line-item properties THEN a line carrying any of them with a value matches; an empty or absent value does not", () => {
    expect(inGroup({ properties: ["engraving", "Custom"] }, line({ properties: { " Engraving": "A & B" } }))).toBe(true);
    expect(inGroup({ properties: ["engraving"] }, line({ properties: { Engraving: "   " } }))).toBe(false);
    expect(inGroup({ properties: ["engraving"] }, line({ properties: { Gift: "yes" } }))).toBe(false);
  });

  it("GIVEN a matcher with several kinds of fact THEN a line must satisfy each of them", () => {
    const both = { productTypes: ["Rings"], tags: ["gold"] };
    expect(inGroup(both, line({ tags: ["gold"] }))).toBe(true);
    expect(inGroup(both, line({ tags: ["silver"] }))).toBe(false);
    expect(inGroup(both, line({ productType: "Pens", tags: ["gold"] }))).toBe(false);
  });

  it("GIVEN several groups THEN a line is in every group that matches it and only those", () => {
    const groups = [group({ productTypes: ["Rings"] }, "rings"), group({ tags: ["gold"] }, "gold"), group({ tags: ["silver"] }, "silver")];
    expect([...groupsOf(groups, line({ tags: ["gold"] }))]).toEqual(["rings", "gold"]);
  });
});

describe("metafields", () => {
  const present = { metafields: [{ key: "crystal_count", is: "present" as const }] };

  it.each([null, undefined, "", 0, false])("GIVEN a metafield whose value is %o THEN it is not present", (value) => {
    expect(inGroup(present, line({ metafields: value === undefined ? {} : { crystal_count: value } }))).toBe(false);
  });

  it.each([12, "12", true, "no"])("GIVEN a metafield whose value is %o THEN it is present", (value) => {
    expect(inGroup(present, line({ metafields: { crystal_count: value } }))).toBe(true);
  });

  it.each([
    [true, true],
    ["true", true],
    [1, true],
    ["1", true],
    [false, false],
    ["false", false],
    [0, false],
    ["yes", false],
    [null, false],
  ])("GIVEN an 'adjustable' metafield of %o THEN it counts as true: %s, and as false: the opposite", (value, truthy) => {
    expect(inGroup({ metafields: [{ key: "adjustable", is: "true" }] }, line({ metafields: { adjustable: value } }))).toBe(truthy);
    expect(inGroup({ metafields: [{ key: "adjustable", is: "false" }] }, line({ metafields: { adjustable: value } }))).toBe(!truthy);
  });

  it("GIVEN two metafield conditions THEN both must hold", () => {
    const match = { metafields: [{ key: "adjustable", is: "true" as const }, { key: "crystal_count", is: "present" as const }] };
    expect(inGroup(match, line({ metafields: { adjustable: true, crystal_count: 3 } }))).toBe(true);
    expect(inGroup(match, line({ metafields: { adjustable: true, crystal_count: null } }))).toBe(false);
  });
});

describe("on sale (CONTRACT rule 6): a compare-at price above the price paid", () => {
  it("GIVEN a compare-at price above the price THEN the line is on sale; equal, below or absent, it is not", () => {
    expect(isOnSale(line({ unitPrice: "80.00", compareAtUnitPrice: "100.00" }))).toBe(true);
    expect(isOnSale(line({ unitPrice: "100.00", compareAtUnitPrice: "100.00" }))).toBe(false);
    expect(isOnSale(line({ unitPrice: "100.00", compareAtUnitPrice: "90.00" }))).toBe(false);
    expect(isOnSale(line({ unitPrice: "100.00", compareAtUnitPrice: null }))).toBe(false);
  });

  it("GIVEN a group of items on sale and one of items not on sale THEN each holds only its own", () => {
    const sale = line({ unitPrice: "80.00", compareAtUnitPrice: "100.00" });
    expect(inGroup({ onSale: true }, sale)).toBe(true);
    expect(inGroup({ onSale: false }, sale)).toBe(false);
    expect(inGroup({ onSale: false }, line())).toBe(true);
  });
});
