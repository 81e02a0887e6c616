import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_NAMES, presetPolicy } from "../../app/domain";
import { policyText, policyTextHtml } from "../../app/domain/policy/text";
import { ShopifyUserErrors } from "../../app/shopify/errors";
import { fetchCatalogue, fetchRecentOrders, updateRefundPolicy } from "../../app/shopify/policies.server";
import type { RunningStandin } from "../standin";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

describe("the policy editor's gateway on the stand-in", () => {
  let standin: RunningStandin;
  beforeAll(async () => {
    standin = await gatewayStandin();
  });
  afterAll(async () => standin?.close());

  it.each(PRESET_NAMES)("GIVEN the %s preset's generated text WHEN published THEN the shop's refund policy is that text", async (name) => {
    const html = policyTextHtml(policyText(presetPolicy(name), { currency: "GBP" }));
    await updateRefundPolicy(libraryGraphql(standin), html);
    const refund = standin.store(SHOP).shop.shopPolicies.find((p) => p.type === "REFUND_POLICY");
    expect(refund?.body).toBe(html);
  });

  it("GIVEN a body Shopify refuses WHEN published THEN the user error is raised, not ignored", async () => {
    await expect(updateRefundPolicy(libraryGraphql(standin), "x".repeat(600 * 1024))).rejects.toBeInstanceOf(ShopifyUserErrors);
  });

  it("GIVEN a shop with no products or orders THEN the catalogue and the order list are empty and complete", async () => {
    await expect(fetchCatalogue(libraryGraphql(standin))).resolves.toMatchObject({ products: [], complete: true });
    await expect(fetchRecentOrders(libraryGraphql(standin))).resolves.toEqual([]);
  });
});
