import { getNamedType, type GraphQLSchema } from "graphql";

import { legacyId } from "../ids";
import { returnReasonDefinitions } from "../return-reasons";
import type { CustomerRec, DraftOrderRec, FulfillmentRec, ProductRec, Rec } from "../store";
import { orderSearchFields, orderSortValue, search, sortBy, type Args, type Ctx } from "./fields";

/** Record types the store holds: `Query.<type>(id:)` for these is answered by a store lookup. */
const LOOKUP_TYPES = new Set<Rec["__typename"]>([
  "Order",
  "Product",
  "ProductVariant",
  "Collection",
  "Customer",
  "Fulfillment",
  "Refund",
  "Return",
  "StoreCreditAccount",
  "DraftOrder",
  "DiscountNode",
  "ShopPolicy",
]);

/** The Query root: store lookups by id for every type held, lists with search and sort, and the rest. */
export function queryRoot(schema: GraphQLSchema): Record<string, (args: Args, ctx: Ctx) => unknown> {
  const root: Record<string, (args: Args, ctx: Ctx) => unknown> = {};
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const type = getNamedType(field.type).name as Rec["__typename"];
    if (field.args.length === 1 && field.args[0].name === "id" && LOOKUP_TYPES.has(type)) {
      root[field.name] = (args, ctx) => ctx.store.find(String(args.id), type) ?? null;
    }
  }
  return {
    ...root,
    shop: (_args, ctx) => ctx.store.shop,
    node: (args, ctx) => ctx.store.find(String(args.id)) ?? null,
    nodes: (args, ctx) => (args.ids as string[]).map((id) => ctx.store.find(id) ?? null),
    orders: (args, ctx) =>
      sortBy(search(ctx.store.orders, args.query, orderSearchFields(ctx.store), (o) => `${o.name} ${o.email ?? ""} ${o.tags.join(" ")}`), args.sortKey, orderSortValue),
    ordersCount: (args, ctx) => ({ count: search(ctx.store.orders, args.query, orderSearchFields(ctx.store), (o) => o.name).length, precision: "EXACT" }),
    customers: (args, ctx) =>
      sortBy(
        search(ctx.store.customers, args.query, customerSearchFields, (c) => `${c.firstName} ${c.lastName} ${c.email}`),
        args.sortKey,
        (c: CustomerRec, key) => (key === "CREATED_AT" ? c.createdAt : key === "UPDATED_AT" ? c.updatedAt : key === "NAME" ? `${c.lastName} ${c.firstName}` : undefined),
      ),
    customersCount: (args, ctx) => ({ count: search(ctx.store.customers, args.query, customerSearchFields, (c) => c.email).length, precision: "EXACT" }),
    products: (args, ctx) =>
      sortBy(
        search(ctx.store.products, args.query, productSearchFields, (p) => `${p.title} ${p.productType} ${p.tags.join(" ")}`),
        args.sortKey,
        (p: ProductRec, key) => (key === "TITLE" ? p.title : key === "PRODUCT_TYPE" ? p.productType : key === "CREATED_AT" ? p.createdAt : key === "UPDATED_AT" ? p.updatedAt : undefined),
      ),
    productsCount: (args, ctx) => ({ count: search(ctx.store.products, args.query, productSearchFields, (p) => p.title).length, precision: "EXACT" }),
    productVariants: (args, ctx) =>
      search(ctx.store.variants, args.query, (v, f) => (f === "sku" ? [v.sku] : f === "product_id" ? [legacyId(v.productId)] : f === "id" ? [legacyId(v.id)] : undefined), (v) => `${v.title} ${v.sku ?? ""}`),
    collections: (args, ctx) =>
      search(ctx.store.collections, args.query, (c, f) => (f === "title" ? [c.title] : f === "handle" ? [c.handle] : f === "id" ? [legacyId(c.id)] : undefined), (c) => c.title),
    draftOrders: (args, ctx) =>
      search(ctx.store.draftOrders, args.query, draftSearchFields, (d) => `${d.name} ${d.email ?? ""}`),
    codeDiscountNodeByCode: (args, ctx) => {
      // Shopify looks codes up case-insensitively.
      const code = String(args.code).toLowerCase();
      const node = ctx.store.discounts.find((d) => d.discount.codes?.some((c) => c.code.toLowerCase() === code));
      return node ? { __typename: "DiscountCodeNode", id: node.id.replace("DiscountNode", "DiscountCodeNode"), codeDiscount: node.discount, metafields: node.metafields } : null;
    },
    discountNodes: (args, ctx) =>
      search(ctx.store.discounts, args.query, (d, f) => (f === "status" ? [d.discount.status.toLowerCase()] : f === "title" ? [d.discount.title] : undefined), (d) => d.discount.title),
    returnReasonDefinitions: (args) => returnReasonDefinitions(args as { handles?: string[] | null; ids?: string[] | null }),
    returnableFulfillments: (args, ctx) => {
      const order = ctx.store.find(String(args.orderId), "Order");
      if (!order) return [];
      return order.fulfillments.filter((f) => f.status === "SUCCESS").map((f) => returnableFulfillment(ctx, f)).filter((rf) => rf.returnableFulfillmentLineItems.length > 0);
    },
    returnableFulfillment: (args, ctx) => {
      const id = String(args.id).replace("ReturnableFulfillment", "Fulfillment");
      const fulfillment = ctx.store.find(id, "Fulfillment");
      return fulfillment ? returnableFulfillment(ctx, fulfillment) : null;
    },
    currentAppInstallation: (_args, ctx) => ({
      __typename: "AppInstallation",
      id: `gid://shopify/AppInstallation/${BigInt(legacyId(ctx.store.shop.id)) + 1n}`,
      accessScopes: ctx.scopes.map((handle) => ({ __typename: "AccessScope", handle, description: handle.replace(/_/g, " ") })),
      activeSubscriptions: [],
      launchUrl: `https://${ctx.store.domain}/admin/apps/${ctx.appHandle}`,
      uninstallUrl: null,
      metafields: [],
      app: { __typename: "App", id: "gid://shopify/App/1", title: "Aftercare", handle: ctx.appHandle, apiKey: ctx.apiKey, embedded: true, installation: null },
    }),
  };
}

/** Shopify's view of what a fulfillment can still send back, per fulfilled line. */
function returnableFulfillment(ctx: Ctx, fulfillment: FulfillmentRec) {
  return {
    __typename: "ReturnableFulfillment",
    id: fulfillment.id.replace("Fulfillment", "ReturnableFulfillment"),
    fulfillment,
    returnableFulfillmentLineItems: fulfillment.fulfillmentLineItems
      .map((fli) => ({ __typename: "ReturnableFulfillmentLineItem", fulfillmentLineItem: fli, quantity: ctx.store.returnableQuantity(fli) }))
      .filter((line) => line.quantity > 0),
  };
}

function customerSearchFields(c: CustomerRec, field: string): unknown[] | undefined {
  if (field === "email") return [c.email];
  if (field === "id") return [legacyId(c.id)];
  if (field === "tag") return c.tags;
  if (field === "first_name") return [c.firstName];
  if (field === "last_name") return [c.lastName];
  if (field === "phone") return [c.phone];
  if (field === "created_at") return [c.createdAt];
  if (field === "updated_at") return [c.updatedAt];
  return undefined;
}

function productSearchFields(p: ProductRec, field: string): unknown[] | undefined {
  if (field === "product_type") return [p.productType];
  if (field === "tag") return p.tags;
  if (field === "title") return [p.title];
  if (field === "vendor") return [p.vendor];
  if (field === "handle") return [p.handle];
  if (field === "id") return [legacyId(p.id)];
  if (field === "status") return [p.status.toLowerCase()];
  if (field === "created_at") return [p.createdAt];
  if (field === "updated_at") return [p.updatedAt];
  return undefined;
}

function draftSearchFields(d: DraftOrderRec, field: string): unknown[] | undefined {
  if (field === "status") return [d.status.toLowerCase()];
  if (field === "tag") return d.tags;
  if (field === "customer_id") return d.customerId ? [legacyId(d.customerId)] : [];
  if (field === "name") return [d.name];
  if (field === "email") return [d.email];
  return undefined;
}
