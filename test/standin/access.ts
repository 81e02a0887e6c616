import { GraphQLError, type GraphQLResolveInfo } from "graphql";

/**
 * The access scope each root field Aftercare may send requires (shopify.app.toml explains each;
 * /work/shared/shopify/NOTES.md lists them). A `write_` scope grants its `read_` scope, as on
 * Shopify. Fields not listed here need no scope in the stand-in.
 */
const QUERY_SCOPES: Record<string, string> = {
  order: "read_orders",
  orders: "read_orders",
  ordersCount: "read_orders",
  fulfillment: "read_orders",
  refund: "read_orders",
  return: "read_orders",
  returnableFulfillment: "read_orders",
  returnableFulfillments: "read_orders",
  product: "read_products",
  products: "read_products",
  productsCount: "read_products",
  productVariant: "read_products",
  productVariants: "read_products",
  collection: "read_products",
  collections: "read_products",
  customer: "read_customers",
  customers: "read_customers",
  customersCount: "read_customers",
  draftOrder: "read_draft_orders",
  draftOrders: "read_draft_orders",
  discountNodes: "read_discounts",
  codeDiscountNodeByCode: "read_discounts",
};

const MUTATION_SCOPES: Record<string, string> = {
  refundCreate: "write_orders",
  returnRequest: "write_returns",
  returnCreate: "write_returns",
  returnApproveRequest: "write_returns",
  returnDeclineRequest: "write_returns",
  returnProcess: "write_returns",
  returnClose: "write_returns",
  returnCancel: "write_returns",
  storeCreditAccountCredit: "write_store_credit_account_transactions",
  draftOrderCreate: "write_draft_orders",
  shopPolicyUpdate: "write_legal_policies",
};

function granted(scopes: string[], needed: string): boolean {
  return scopes.includes(needed) || (needed.startsWith("read_") && scopes.includes(`write_${needed.slice(5)}`));
}

/**
 * Wraps root resolvers so a field the token's scopes do not cover fails alone with Shopify's
 * ACCESS_DENIED error (the rest of the query still answers). `scopes` null: no check.
 */
export function withAccessCheck<R extends Record<string, unknown>>(root: R, kind: "query" | "mutation", scopes: string[] | null): R {
  if (!scopes) return root;
  const table = kind === "query" ? QUERY_SCOPES : MUTATION_SCOPES;
  const wrapped: Record<string, unknown> = { ...root };
  for (const [field, needed] of Object.entries(table)) {
    const resolve = root[field];
    if (typeof resolve !== "function") continue;
    wrapped[field] = (args: unknown, ctx: unknown, info: GraphQLResolveInfo) => {
      if (!granted(scopes, needed)) {
        throw new GraphQLError(`Access denied for ${field} field. Required access: \`${needed}\` access scope.`, {
          nodes: info.fieldNodes,
          path: [info.path.key],
          extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: `\`${needed}\` access scope.` },
        });
      }
      return (resolve as (a: unknown, c: unknown, i: GraphQLResolveInfo) => unknown)(args, ctx, info);
    };
  }
  return wrapped as R;
}
