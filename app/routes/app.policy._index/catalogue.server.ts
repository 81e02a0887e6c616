import { logger } from "../../platform/logger.server";
import type { AdminGraphql } from "../../shopify/client.server";
import { cheapestOf, fetchCatalogue } from "../../shopify/policies.server";

/** The shop's products for live group counts; the editor still works (without counts) when Shopify does not answer. */
export async function loadCatalogue(graphql: AdminGraphql) {
  try {
    const catalogue = await fetchCatalogue(graphql);
    return { items: catalogue.products.map((p) => ({ id: p.id, title: p.title, line: p.line })), complete: catalogue.complete, cheapest: cheapestOf(catalogue) };
  } catch (error) {
    logger.warn({ err: error }, "catalogue unavailable for the policy editor");
    return null;
  }
}
