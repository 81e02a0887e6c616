import { describe, expect, it } from "vitest";

import { storefrontOriginOf } from "../../app/messaging/notify.server";

/** Each Shopify shop's storefront is its own domain: the status link's origin is built per shop. */
describe("the status link's storefront origin", () => {
  it.each([
    [null, "demo-crystal.myshopify.com", "https://demo-crystal.myshopify.com"],
    ["http://{shop}.localhost:3001/", "demo-crystal.myshopify.com", "http://demo-crystal.myshopify.com.localhost:3001"],
    ["http://{shop}.localhost:3001", "demo-jeweller.myshopify.com", "http://demo-jeweller.myshopify.com.localhost:3001"],
    ["http://127.0.0.1:3001", "demo-crystal.myshopify.com", "http://127.0.0.1:3001"],
  ])("GIVEN the origin %s WHEN the link is for %s THEN it opens %s", (template, shop, expected) => {
    expect(storefrontOriginOf(template, shop)).toBe(expected);
  });
});
