/**
 * Selections shared by more than one document (HOUSE-STYLE: fragments, not repeated selections).
 * A document interpolates each fragment it spreads, once, at its end, and is declared `as const`
 * so its type is its exact text: the key under which `npm run shopify:codegen` types it.
 */

/** What a policy's product matchers read, from an order line's product or from the catalogue. */
export const PRODUCT_FOR_POLICY = `#graphql
  fragment ProductForPolicy on Product {
    productType tags
    crystalCount: metafield(namespace: "custom", key: "crystal_count") { value }
    adjustable: metafield(namespace: "custom", key: "adjustable") { value }
  }
` as const;

/** An order line as the policy engine needs it (order-mapping.ts reads exactly this). */
export const ORDER_LINE_FOR_DECISION = `#graphql
  fragment OrderLineForDecision on LineItem {
    id title quantity refundableQuantity
    customAttributes { key value }
    originalUnitPriceSet { presentmentMoney { amount } }
    discountAllocations { allocatedAmountSet { presentmentMoney { amount } } discountApplication { index } }
    variant { compareAtPrice }
    product { ...ProductForPolicy }
  }
  ${PRODUCT_FOR_POLICY}
` as const;

/** A return as a lifecycle mutation answers it, and its refusals. */
export const RETURN_REF = `#graphql
  fragment ReturnRef on Return { id status }
` as const;

export const RETURN_USER_ERRORS = `#graphql
  fragment ReturnUserErrors on ReturnUserError { field message code }
` as const;
