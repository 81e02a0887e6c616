import {
  getNamedType,
  GraphQLError,
  isListType,
  isNonNullType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from "graphql";

import { compareIds, legacyId, parseGid } from "../ids";
import { returnReasonDefinition } from "../return-reasons";
import { IMAGE_PATH, IMAGE_SIZE } from "../product-images";
import { minorOf, minorUnits, moneyBag, moneyV2, orderMoney } from "../money";
import type {
  CollectionRec,
  CustomerRec,
  DiscountAllocationRec,
  DraftOrderLineItemRec,
  DraftOrderRec,
  FulfillmentLineItemRec,
  FulfillmentRec,
  LineItemRec,
  Metafield,
  OrderRec,
  ProductRec,
  RefundLineItemRec,
  RefundRec,
  RefundShippingLineRec,
  ReturnLineItemRec,
  ReturnRec,
  ExchangeLineItemRec,
  ShopRec,
  ShopStore,
  StoreCreditAccountRec,
  StoreCreditTransactionRec,
  TransactionRec,
  VariantRec,
} from "../store";

/** What every resolver sees: the shop the access token belongs to and the app's granted scopes. */
export type Ctx = {
  store: ShopStore;
  scopes: string[];
  apiKey: string;
  appHandle: string;
  /** Where the stand-in serves storefront pages (invoice and order status URLs point here). */
  storefrontOrigin: string;
  /** Where product images are served (Shopify's CDN; the running stand-in serves its own). */
  cdnOrigin: string;
};

/** A product's image as Shopify's `Image` object (test/standin/product-images.ts draws it). */
function productImage(p: ProductRec | null | undefined, ctx: Ctx) {
  if (!p) return null;
  return { __typename: "Image", id: p.id.replace("Product", "ProductImage"), url: `${ctx.cdnOrigin}${IMAGE_PATH}${p.handle}.svg`, altText: p.title, width: IMAGE_SIZE, height: IMAGE_SIZE };
}

export type Args = Record<string, unknown>;
type Fn<T> = (source: T, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => unknown;
type FieldMap = Record<string, Fn<never>>;

function fields<T>(map: Record<string, Fn<T>>): FieldMap {
  return map as unknown as FieldMap;
}

/**
 * Resolves every field of every type: a value Shopify derives comes from COMPUTED, anything else
 * is read from the record under the schema's own field name, so any valid query over data the
 * stand-in holds works without a resolver per field. Lists behind a `…Connection` type are paged
 * as Relay connections with Shopify's first/last/after/before/reverse rules.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  const record = source as Record<string, unknown>;
  const computed = COMPUTED[info.parentType.name]?.[info.fieldName] ?? GENERIC[info.fieldName];
  let value: unknown;
  if (computed && (COMPUTED[info.parentType.name]?.[info.fieldName] || applies(info.fieldName, record))) {
    value = (computed as Fn<unknown>)(record, args, ctx, info);
  } else {
    value = record[info.fieldName];
    if (typeof value === "function") value = (value as (a: Args, c: Ctx, i: GraphQLResolveInfo) => unknown)(args, ctx, info);
  }
  const named = getNamedType(info.returnType);
  if (named.name.endsWith("Connection") && Array.isArray(value)) return connection(value, args, info);
  if (value === undefined) {
    const unwrapped = isNonNullType(info.returnType) ? info.returnType.ofType : info.returnType;
    if (isListType(unwrapped)) return [];
    if (named.name.endsWith("Connection")) return connection([], args, info);
    return null;
  }
  return value;
};

export const typeResolver: GraphQLTypeResolver<unknown, Ctx> = (value) => (value as { __typename?: string }).__typename;

/** Fields every record type shares, applied only where the record has what they need. */
const GENERIC: FieldMap = fields<Record<string, unknown>>({
  legacyResourceId: (r) => String(legacyId(String(r.id))),
  metafield: (r, args) => (r.metafields as Metafield[]).find((m) => m.namespace === args.namespace && m.key === args.key) ?? null,
  metafields: (r, args) =>
    (r.metafields as Metafield[]).filter(
      (m) => (!args.namespace || m.namespace === args.namespace) && (!args.keys || (args.keys as string[]).includes(`${m.namespace}.${m.key}`)),
    ),
  defaultCursor: (r) => cursorFor(0, String(r.id)),
});

function applies(field: string, record: Record<string, unknown>): boolean {
  if (field === "metafield" || field === "metafields") return Array.isArray(record.metafields);
  return typeof record.id === "string" && parseGid(record.id) !== null;
}

// ---------------------------------------------------------------- connections

/** Shopify's cursors are opaque base64; ours carry the position and the node id. */
function cursorFor(index: number, id: string): string {
  return Buffer.from(JSON.stringify({ last_id: id ? safeLegacyId(id) : index, last_value: String(index) })).toString("base64");
}

function safeLegacyId(id: string): number | string {
  return parseGid(id) ? legacyId(id) : id;
}

/**
 * Where a cursor points in the list as it is now. Shopify's cursors name the node (last_id), so a
 * page read after new nodes arrived continues after that node, neither repeating nor skipping:
 * the node is looked up by id first, its old position only when the id is not (or not uniquely) there.
 */
function indexOfCursor(cursor: unknown, items: unknown[]): number {
  try {
    const parsed = JSON.parse(Buffer.from(String(cursor), "base64").toString("utf8")) as { last_id?: number | string; last_value?: string };
    const byId = items.flatMap((node, i) => (idOf(node) && safeLegacyId(idOf(node)) === parsed.last_id ? [i] : []));
    if (byId.length === 1) return byId[0];
    const index = Number(parsed.last_value);
    if (Number.isInteger(index)) return index;
  } catch {
    // fall through to the error Shopify gives for a cursor it did not issue
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

export function connection(all: unknown[], args: Args, info: GraphQLResolveInfo) {
  const definition = info.parentType.getFields()[info.fieldName];
  const pageable = definition.args.some((a) => a.name === "first");
  let items = args.reverse ? [...all].reverse() : all;
  let offset = 0;
  if (pageable) {
    const { first, last, after, before } = args as { first?: number | null; last?: number | null; after?: string; before?: string };
    if ((first === undefined || first === null) && (last === undefined || last === null)) {
      throw new GraphQLError("you must provide one of first or last", { path: info.path ? pathOf(info) : undefined, extensions: { code: "BAD_REQUEST" } });
    }
    if ((first ?? 0) > 250 || (last ?? 0) > 250) {
      throw new GraphQLError("The first and last arguments must be less than or equal to 250", { extensions: { code: "BAD_REQUEST" } });
    }
    let start = 0;
    let end = items.length;
    if (after !== undefined && after !== null) start = indexOfCursor(after, items) + 1;
    if (before !== undefined && before !== null) end = indexOfCursor(before, items);
    if (typeof first === "number") end = Math.min(end, start + first);
    if (typeof last === "number") start = Math.max(start, end - last);
    offset = start;
    const window = items.slice(start, end);
    const page = {
      hasPreviousPage: start > 0,
      hasNextPage: end < items.length,
    };
    items = window;
    return shape(items, offset, page);
  }
  return shape(items, 0, { hasPreviousPage: false, hasNextPage: false });
}

function shape(items: unknown[], offset: number, page: { hasPreviousPage: boolean; hasNextPage: boolean }) {
  const edges = items.map((node, i) => ({ __typename: "Edge", cursor: cursorFor(offset + i, idOf(node)), node }));
  return {
    edges,
    nodes: items,
    pageInfo: {
      __typename: "PageInfo",
      ...page,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function idOf(node: unknown): string {
  return typeof node === "object" && node && "id" in node ? String((node as { id: unknown }).id) : "";
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) path.unshift(p.key);
  return path;
}

// ---------------------------------------------------------------- search syntax

/**
 * Shopify's search syntax, the part apps use: `field:value`, `field:>value` / `>=` / `<` / `<=`,
 * `-field:value` to negate, quoted values, bare words matched against the record's text, all
 * terms ANDed. Unknown fields match nothing, as on Shopify.
 */
export function search<T>(items: T[], query: unknown, fieldsOf: (item: T, field: string) => unknown[] | undefined, text: (item: T) => string): T[] {
  if (typeof query !== "string" || !query.trim()) return items;
  const terms = [...query.matchAll(/(-)?(?:(\w+):)?(>=|<=|>|<)?("[^"]*"|'[^']*'|\S+)/g)].filter((m) => !/^(AND)$/i.test(m[0]));
  return items.filter((item) =>
    terms.every(([, negate, field, op, raw]) => {
      const value = raw.replace(/^["']|["']$/g, "").toLowerCase();
      let hit: boolean;
      if (!field) {
        hit = text(item).toLowerCase().includes(value.replace(/\*$/, ""));
      } else {
        const candidates = fieldsOf(item, field.toLowerCase());
        hit = candidates === undefined ? false : candidates.some((c) => compare(c, op, value));
      }
      return negate ? !hit : hit;
    }),
  );
}

function compare(candidate: unknown, op: string | undefined, value: string): boolean {
  if (candidate === null || candidate === undefined) return false;
  const text = String(candidate).toLowerCase();
  if (!op) return value.endsWith("*") ? text.startsWith(value.slice(0, -1)) : text === value;
  const a = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number(text);
  const b = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number(value);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
}

export function sortBy<T extends { id: string }>(items: T[], key: unknown, valueOf: (item: T, key: string) => string | number | undefined): T[] {
  const sortKey = typeof key === "string" ? key : "ID";
  return [...items].sort((x, y) => {
    const a = sortKey === "ID" ? undefined : valueOf(x, sortKey);
    const b = sortKey === "ID" ? undefined : valueOf(y, sortKey);
    if (a === undefined || b === undefined) return compareIds(x.id, y.id);
    return a < b ? -1 : a > b ? 1 : compareIds(x.id, y.id);
  });
}

export function orderSearchFields(store: ShopStore) {
  return (o: OrderRec, field: string): unknown[] | undefined => {
    const customer = store.find(o.customerId, "Customer");
    switch (field) {
      case "id":
        return [legacyId(o.id), o.id];
      case "name":
        return [o.name, o.name.replace(/^#/, "")];
      case "email":
        return [o.email];
      case "tag":
        return o.tags;
      case "tag_not":
        return undefined;
      case "created_at":
        return [o.createdAt];
      case "processed_at":
        return [o.processedAt];
      case "updated_at":
        return [o.updatedAt];
      case "customer_id":
        return customer ? [legacyId(customer.id)] : [];
      case "financial_status":
        return [store.financialStatus(o).toLowerCase()];
      case "fulfillment_status":
        return [store.fulfillmentStatus(o).toLowerCase().replace("fulfilled", "shipped")];
      case "return_status":
        return [store.returnStatus(o).toLowerCase()];
      case "status":
        return [o.cancelledAt ? "cancelled" : o.closedAt ? "closed" : "open"];
      case "discount_code":
        return o.discountCodes;
      case "sku":
        return o.lineItems.map((li) => li.sku);
      default:
        return undefined;
    }
  };
}

export function orderSortValue(o: OrderRec, key: string): string | number | undefined {
  if (key === "CREATED_AT") return o.createdAt;
  if (key === "PROCESSED_AT") return o.processedAt;
  if (key === "UPDATED_AT") return o.updatedAt;
  if (key === "ORDER_NUMBER") return o.number;
  return undefined;
}

// ---------------------------------------------------------------- derived fields per type

function bag(store: ShopStore, minor: number) {
  return moneyBag(minor, store.shop.currencyCode);
}

/** An order's amount: presentment money in the shopper's currency, shop money at the order's rate. */
function orderBag(o: OrderRec, minor: number) {
  return orderMoney(o, minor);
}

/** A line item's amount, in its order's currencies. */
function lineBag(store: ShopStore, li: LineItemRec, minor: number) {
  const order = store.find(li.orderId, "Order");
  return order ? orderMoney(order, minor) : bag(store, minor);
}

function offset(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const shopFields = fields<ShopRec>({
  billingAddress: (s) => shopAddress(s),
  shopAddress: (s) => shopAddress(s),
  url: (s) => `https://${s.myshopifyDomain}`,
  primaryDomain: (s) => ({ __typename: "Domain", id: s.id.replace("Shop", "Domain"), host: s.myshopifyDomain, url: `https://${s.myshopifyDomain}`, sslEnabled: true }),
  currencyFormats: (s) => {
    const symbol = new Intl.NumberFormat("en-GB", { style: "currency", currency: s.currencyCode }).formatToParts(0).find((p) => p.type === "currency")?.value ?? "";
    return {
      moneyFormat: `${symbol}{{amount}}`,
      moneyInEmailsFormat: `${symbol}{{amount}}`,
      moneyWithCurrencyFormat: `${symbol}{{amount}} ${s.currencyCode}`,
      moneyWithCurrencyInEmailsFormat: `${symbol}{{amount}} ${s.currencyCode}`,
    };
  },
  plan: () => ({ partnerDevelopment: true, publicDisplayName: "Development", shopifyPlus: false }),
  timezoneOffsetMinutes: (s, _a, ctx) => offset(s.ianaTimezone, ctx.store.now()),
  timezoneOffset: (s, _a, ctx) => {
    const minutes = offset(s.ianaTimezone, ctx.store.now());
    const abs = Math.abs(minutes);
    return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
  },
  timezoneAbbreviation: (s, _a, ctx) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: s.ianaTimezone, timeZoneName: "short" }).formatToParts(ctx.store.now()).find((p) => p.type === "timeZoneName")?.value ?? "UTC",
  customerAccounts: () => "OPTIONAL",
  // Which sign-in the shop's storefront sends shoppers to, and (new customer accounts) the root of
  // their pages: the stand-in's customer-account harness (test/standin/customer-account).
  customerAccountsV2: (s, _a, ctx) => ({
    __typename: "CustomerAccountsV2",
    customerAccountsVersion: s.customerAccountsVersion ?? "CLASSIC",
    loginLinksVisibleOnStorefrontAndCheckout: true,
    loginRequiredAtCheckout: false,
    url: s.customerAccountsVersion === "NEW_CUSTOMER_ACCOUNTS" ? `${ctx.storefrontOrigin}/customer-account` : null,
  }),
  setupRequired: () => false,
  checkoutApiSupported: () => true,
  transactionalSmsDisabled: () => false,
  marketingSmsConsentEnabledAtCheckout: () => false,
  orderNumberFormatPrefix: () => "#",
  orderNumberFormatSuffix: () => "",
  shipsToCountries: (s) => [s.countryCode],
  richTextEditorUrl: (s) => `https://${s.myshopifyDomain}/admin/rich_text_editor`,
  customerTags: (_s, _a, ctx) => [...new Set(ctx.store.customers.flatMap((c) => c.tags))].sort(),
  orderTags: (_s, _a, ctx) => [...new Set(ctx.store.orders.flatMap((o) => o.tags))].sort(),
});

function shopAddress(s: ShopRec) {
  return {
    __typename: "ShopAddress",
    id: s.id.replace("Shop", "ShopAddress"),
    address1: "14 Hatton Garden",
    address2: null,
    city: "London",
    company: s.name,
    zip: "EC1N 8AT",
    province: "England",
    provinceCode: "ENG",
    country: s.countryName,
    countryCodeV2: s.countryCode,
    phone: "+44 20 7946 0000",
    coordinatesValidated: true,
    latitude: 51.5203,
    longitude: -0.1087,
    formatted: ["14 Hatton Garden", `London EC1N 8AT`, s.countryName],
    formattedArea: `London, ${s.countryName}`,
  };
}

const productFields = fields<ProductRec>({
  featuredImage: (p, _a, ctx) => productImage(p, ctx),
  variants: (p, _a, ctx) => p.variantIds.map((id) => ctx.store.find(id, "ProductVariant")).filter(Boolean),
  variantsCount: (p) => ({ count: p.variantIds.length, precision: "EXACT" }),
  collections: (p, _a, ctx) => p.collectionIds.map((id) => ctx.store.find(id, "Collection")).filter(Boolean),
  inCollection: (p, args) => p.collectionIds.includes(String(args.id)),
  description: (p, args) => {
    const text = p.descriptionHtml.replace(/<[^>]+>/g, "");
    const limit = typeof args.truncateAt === "number" ? args.truncateAt : undefined;
    return limit && text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
  },
  onlineStoreUrl: (p, _a, ctx) => `https://${ctx.store.domain}/products/${p.handle}`,
  totalInventory: (p, _a, ctx) => p.variantIds.reduce((sum, id) => sum + (ctx.store.find(id, "ProductVariant")?.inventoryQuantity ?? 0), 0),
  hasOnlyDefaultVariant: (p, _a, ctx) => p.variantIds.length === 1 && ctx.store.find(p.variantIds[0], "ProductVariant")?.title === "Default Title",
  hasOutOfStockVariants: (p, _a, ctx) => p.variantIds.some((id) => (ctx.store.find(id, "ProductVariant")?.inventoryQuantity ?? 0) <= 0),
  isGiftCard: () => false,
  requiresSellingPlan: () => false,
  tracksInventory: () => true,
  priceRangeV2: (p, _a, ctx) => {
    const code = ctx.store.shop.currencyCode;
    const prices = p.variantIds.map((id) => minorUnits(ctx.store.find(id, "ProductVariant")?.price ?? "0", code));
    return { minVariantPrice: moneyV2(Math.min(...prices), code), maxVariantPrice: moneyV2(Math.max(...prices), code) };
  },
  compareAtPriceRange: (p, _a, ctx) => {
    const code = ctx.store.shop.currencyCode;
    const prices = p.variantIds.map((id) => ctx.store.find(id, "ProductVariant")?.compareAtPrice).filter((v): v is string => Boolean(v)).map((v) => minorUnits(v, code));
    if (!prices.length) return null;
    return { minVariantCompareAtPrice: moneyV2(Math.min(...prices), code), maxVariantCompareAtPrice: moneyV2(Math.max(...prices), code) };
  },
  options: (p, _a, ctx) => {
    const variants = p.variantIds.map((id) => ctx.store.find(id, "ProductVariant")).filter((v): v is VariantRec => Boolean(v));
    const names = [...new Set(variants.flatMap((v) => v.selectedOptions.map((o) => o.name)))];
    return names.map((name, i) => ({ __typename: "ProductOption", id: `${p.id.replace("Product", "ProductOption")}${i}`, name, position: i + 1, values: [...new Set(variants.flatMap((v) => v.selectedOptions.filter((o) => o.name === name).map((o) => o.value)))] }));
  },
});

const variantFields = fields<VariantRec>({
  image: (v, _a, ctx) => productImage(ctx.store.find(v.productId, "Product"), ctx),
  product: (v, _a, ctx) => ctx.store.find(v.productId, "Product"),
  displayName: (v, _a, ctx) => `${ctx.store.find(v.productId, "Product")?.title ?? ""} - ${v.title}`,
  sellableOnlineQuantity: (v) => v.inventoryQuantity,
  requiresComponents: () => false,
  showUnitPrice: () => false,
  inventoryPolicy: () => "DENY",
  /**
   * "The pricing that applies for a customer in a given context" (2026-10): the variant's price
   * for a buyer in `context.country`'s market, in that market's currency (ShopStore.markets);
   * with no country or a country in no market, the shop's own price ("in the default shop
   * currency", as `price` is). No quantity breaks or volume rules: the default quantity rule.
   */
  contextualPricing: (v, args, ctx) => {
    const context = (args.context ?? {}) as { country?: string | null };
    const price = ctx.store.contextualPrice(v, context.country ?? null);
    return {
      __typename: "ProductVariantContextualPricing",
      price: moneyV2(price.minor, price.currencyCode),
      compareAtPrice: price.compareAtMinor === null ? null : moneyV2(price.compareAtMinor, price.currencyCode),
      unitPrice: null,
      quantityRule: { __typename: "QuantityRule", increment: 1, isDefault: true, maximum: null, minimum: 1, originType: "FIXED", productVariant: v },
      quantityPriceBreaks: [],
    };
  },
});

const collectionFields = fields<CollectionRec>({
  products: (c, _a, ctx) => c.productIds.map((id) => ctx.store.find(id, "Product")).filter(Boolean),
  productsCount: (c) => ({ count: c.productIds.length, precision: "EXACT" }),
  hasProduct: (c, args) => c.productIds.includes(String(args.id)),
  description: (c) => c.descriptionHtml.replace(/<[^>]+>/g, ""),
  seo: (c) => ({ title: c.title, description: null }),
  sources: () => [],
});

const customerFields = fields<CustomerRec>({
  displayName: (c) => `${c.firstName} ${c.lastName}`.trim() || c.email,
  email: (c) => c.email,
  defaultEmailAddress: (c) => ({
    emailAddress: c.email,
    marketingState: "NOT_SUBSCRIBED",
    marketingOptInLevel: null,
    marketingUpdatedAt: null,
    marketingUnsubscribeUrl: `https://example.invalid/unsubscribe/${legacyId(c.id)}`,
    openTrackingLevel: "UNKNOWN",
    openTrackingUrl: `https://example.invalid/open/${legacyId(c.id)}`,
    validFormat: true,
  }),
  defaultPhoneNumber: (c) => (c.phone ? { phoneNumber: c.phone, marketingState: "NOT_SUBSCRIBED", marketingCollectedFrom: null, marketingOptInLevel: null, marketingUpdatedAt: null } : null),
  orders: (c, args, ctx) => {
    const mine = ctx.store.orders.filter((o) => o.customerId === c.id);
    return sortBy(search(mine, args.query, orderSearchFields(ctx.store), (o) => `${o.name} ${o.email ?? ""}`), args.sortKey, orderSortValue);
  },
  numberOfOrders: (c, _a, ctx) => String(ctx.store.orders.filter((o) => o.customerId === c.id).length),
  amountSpent: (c, _a, ctx) =>
    moneyV2(
      ctx.store.orders.filter((o) => o.customerId === c.id).reduce((sum, o) => sum + ctx.store.received(o) - ctx.store.refundedAmount(o), 0),
      ctx.store.shop.currencyCode,
    ),
  lastOrder: (c, _a, ctx) => ctx.store.orders.filter((o) => o.customerId === c.id).at(-1) ?? null,
  storeCreditAccounts: (c, _a, ctx) => ctx.store.storeCreditAccounts.filter((a) => a.ownerId === c.id),
  addressesV2: (c) => (c.defaultAddress ? [c.defaultAddress] : []),
  lifetimeDuration: (c, _a, ctx) => `${Math.max(0, Math.round((ctx.store.now().getTime() - Date.parse(c.createdAt)) / 86_400_000))} days`,
  canDelete: (c, _a, ctx) => !ctx.store.orders.some((o) => o.customerId === c.id),
  dataSaleOptOut: () => false,
  productSubscriberStatus: () => "NEVER_SUBSCRIBED",
  taxExemptions: () => [],
  identityProviderSubjects: () => [],
  companyContactProfiles: () => [],
  statistics: () => ({ predictedSpendTier: null, rfmGroup: null }),
});

function allocationsWithApplication(order: OrderRec | undefined, allocations: DiscountAllocationRec[]) {
  return allocations.map((a) => ({ ...a, discountApplication: order?.discountApplications[a.discountApplicationIndex] ?? null }));
}

const lineItemFields = fields<LineItemRec>({
  currentQuantity: (li, _a, ctx) => li.quantity - ctx.store.refundedQuantity(li),
  refundableQuantity: (li, _a, ctx) => li.quantity - ctx.store.refundedQuantity(li),
  unfulfilledQuantity: (li, _a, ctx) => Math.max(0, li.quantity - ctx.store.fulfilledQuantity(li) - ctx.store.refundedQuantity(li)),
  nonFulfillableQuantity: (li, _a, ctx) => Math.min(li.quantity, ctx.store.refundedQuantity(li)),
  restockable: (li, _a, ctx) => li.quantity - ctx.store.refundedQuantity(li) > 0,
  merchantEditable: () => true,
  variant: (li, _a, ctx) => ctx.store.find(li.variantId, "ProductVariant") ?? null,
  product: (li, _a, ctx) => ctx.store.find(li.productId, "Product") ?? null,
  discountAllocations: (li, _a, ctx) => allocationsWithApplication(ctx.store.find(li.orderId, "Order"), li.discountAllocations),
  originalTotalSet: (li, _a, ctx) => lineBag(ctx.store, li, minorOf(li.originalUnitPriceSet) * li.quantity),
  discountedUnitPriceSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.unitPriceAfterDiscounts(li)),
  discountedUnitPriceAfterAllDiscountsSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.unitPriceAfterDiscounts(li)),
  discountedTotalSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.lineTotalAfterDiscounts(li)),
  priceAfterAllDiscountsBeforeTaxesSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.lineTotalAfterDiscounts(li) - ctx.store.includedTax(ctx.store.lineTotalAfterDiscounts(li))),
  totalDiscountSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.lineItemDiscount(li)),
  unfulfilledOriginalTotalSet: (li, _a, ctx) => lineBag(ctx.store, li, minorOf(li.originalUnitPriceSet) * Math.max(0, li.quantity - ctx.store.fulfilledQuantity(li))),
  unfulfilledDiscountedTotalSet: (li, _a, ctx) => lineBag(ctx.store, li, ctx.store.unitPriceAfterDiscounts(li) * Math.max(0, li.quantity - ctx.store.fulfilledQuantity(li))),
  taxLines: (li, _a, ctx) =>
    ctx.store.shop.taxesIncluded
      ? [{ __typename: "TaxLine", title: "VAT", rate: 0.2, ratePercentage: 20, channelLiable: false, priceSet: lineBag(ctx.store, li, ctx.store.includedTax(ctx.store.lineTotalAfterDiscounts(li))), source: "Shopify" }]
      : [],
  duties: () => [],
  image: (li, _a, ctx) => (li.productId ? productImage(ctx.store.find(li.productId, "Product"), ctx) : null),
});

/**
 * Order.suggestedRefund: Shopify's proposal for refunding the given units. Each line gives back
 * what was paid for those units after the ones already refunded — its discounted total shared
 * out floor-of-cumulative, so successive proposals add up to the line's total — and shipping
 * (when asked) what is left of it.
 */
function suggestedRefund(o: OrderRec, args: Args, store: ShopStore) {
  const asked = (args.refundLineItems as { lineItemId: string; quantity: number }[] | null | undefined) ?? [];
  const paid = (li: LineItemRec, units: number) => minorOf(li.originalUnitPriceSet) * units - Math.floor((store.lineItemDiscount(li) * units) / li.quantity);
  const lines = asked.flatMap((a) => {
    const li = store.find(a.lineItemId, "LineItem");
    if (!li || li.orderId !== o.id) return [];
    const before = store.refundedQuantity(li);
    const quantity = Math.max(0, Math.min(a.quantity, li.quantity - before));
    const subtotal = paid(li, before + quantity) - paid(li, before);
    return [{ __typename: "RefundLineItem", id: null, lineItemId: li.id, quantity, restockType: "NO_RESTOCK", restocked: false, priceSet: orderBag(o, quantity ? Math.floor(subtotal / quantity) : 0), subtotalSet: orderBag(o, subtotal), totalTaxSet: orderBag(o, store.includedTax(subtotal)) }];
  });
  const items = lines.reduce((sum, l) => sum + minorOf(l.subtotalSet), 0);
  const shippingLeft = Math.max(0, store.shippingTotal(o) - o.refundIds.flatMap((id) => store.find(id, "Refund")?.refundShippingLines ?? []).reduce((sum, s) => sum + minorOf(s.subtotalAmountSet), 0));
  const shipping = args.refundShipping ? shippingLeft : 0;
  return {
    __typename: "SuggestedRefund",
    refundLineItems: lines,
    subtotalSet: orderBag(o, items),
    discountedSubtotalSet: orderBag(o, items),
    amountSet: orderBag(o, items + shipping),
    maximumRefundableSet: orderBag(o, Math.max(0, store.received(o) - store.refundedAmount(o))),
    totalTaxSet: orderBag(o, store.includedTax(items + shipping)),
    totalDutiesSet: orderBag(o, 0),
    totalCartDiscountAmountSet: orderBag(o, 0),
    shipping: { __typename: "ShippingRefund", amountSet: orderBag(o, shipping), maximumRefundableSet: orderBag(o, shippingLeft), taxSet: orderBag(o, store.includedTax(shipping)) },
    refundDuties: [],
    suggestedTransactions: [],
    suggestedRefundMethods: [],
  };
}

const orderFields = fields<OrderRec>({
  suggestedRefund: (o, args, ctx) => suggestedRefund(o, args, ctx.store),
  customer: (o, _a, ctx) => ctx.store.find(o.customerId, "Customer") ?? null,
  lineItems: (o) => o.lineItems,
  fulfillments: (o, args) => (typeof args.first === "number" ? o.fulfillments.slice(0, args.first) : o.fulfillments),
  fulfillmentsCount: (o) => ({ count: o.fulfillments.length, precision: "EXACT" }),
  refunds: (o, args, ctx) => {
    const refunds = o.refundIds.map((id) => ctx.store.find(id, "Refund")).filter(Boolean);
    return typeof args.first === "number" ? refunds.slice(0, args.first) : refunds;
  },
  returns: (o, args, ctx) =>
    search(
      o.returnIds.map((id) => ctx.store.find(id, "Return")).filter((r): r is ReturnRec => Boolean(r)),
      args.query,
      (r, field) => (field === "status" ? [r.status.toLowerCase()] : field === "name" ? [r.name] : undefined),
      (r) => r.name,
    ),
  transactions: (o, args) => (typeof args.first === "number" ? o.transactions.slice(0, args.first) : o.transactions),
  transactionsCount: (o) => ({ count: o.transactions.length, precision: "EXACT" }),
  discountApplications: (o) => o.discountApplications,
  discountCode: (o) => o.discountCodes[0] ?? null,
  shippingLine: (o) => o.shippingLines[0] ?? null,
  shippingLines: (o) => o.shippingLines,
  subtotalLineItemsQuantity: (o) => o.lineItems.reduce((sum, li) => sum + li.quantity, 0),
  currentSubtotalLineItemsQuantity: (o, _a, ctx) => o.lineItems.reduce((sum, li) => sum + li.quantity - ctx.store.refundedQuantity(li), 0),
  subtotalPriceSet: (o, _a, ctx) => orderBag(o, ctx.store.subtotal(o)),
  currentSubtotalPriceSet: (o, _a, ctx) => orderBag(o, o.lineItems.reduce((sum, li) => sum + ctx.store.unitPriceAfterDiscounts(li) * (li.quantity - ctx.store.refundedQuantity(li)), 0)),
  totalPriceSet: (o, _a, ctx) => orderBag(o, ctx.store.originalTotal(o)),
  originalTotalPriceSet: (o, _a, ctx) => orderBag(o, ctx.store.originalTotal(o)),
  currentTotalPriceSet: (o, _a, ctx) => orderBag(o, Math.max(0, ctx.store.originalTotal(o) - ctx.store.refundedAmount(o))),
  totalLineItemsPriceSet: (o) => orderBag(o, o.lineItems.reduce((sum, li) => sum + minorOf(li.originalUnitPriceSet) * li.quantity, 0)),
  totalDiscountsSet: (o, _a, ctx) => orderBag(o, ctx.store.totalDiscounts(o)),
  currentTotalDiscountsSet: (o, _a, ctx) => orderBag(o, ctx.store.totalDiscounts(o)),
  cartDiscountAmountSet: (o, _a, ctx) => orderBag(o, ctx.store.totalDiscounts(o)),
  currentCartDiscountAmountSet: (o, _a, ctx) => orderBag(o, ctx.store.totalDiscounts(o)),
  totalShippingPriceSet: (o, _a, ctx) => orderBag(o, ctx.store.shippingTotal(o)),
  currentShippingPriceSet: (o, _a, ctx) => orderBag(o, ctx.store.shippingTotal(o)),
  totalTaxSet: (o, _a, ctx) => orderBag(o, ctx.store.includedTax(ctx.store.originalTotal(o))),
  currentTotalTaxSet: (o, _a, ctx) => orderBag(o, ctx.store.includedTax(Math.max(0, ctx.store.originalTotal(o) - ctx.store.refundedAmount(o)))),
  currentTaxLines: () => [],
  taxLines: () => [],
  totalReceivedSet: (o, _a, ctx) => orderBag(o, ctx.store.received(o)),
  totalRefundedSet: (o, _a, ctx) => orderBag(o, ctx.store.refundedAmount(o)),
  totalRefundedShippingSet: (o, _a, ctx) =>
    orderBag(o, o.refundIds.flatMap((id) => ctx.store.find(id, "Refund")?.refundShippingLines ?? []).reduce((sum, s) => sum + minorOf(s.subtotalAmountSet), 0)),
  netPaymentSet: (o, _a, ctx) => orderBag(o, ctx.store.received(o) - ctx.store.refundedAmount(o)),
  totalOutstandingSet: (o, _a, ctx) => orderBag(o, ctx.store.outstanding(o)),
  totalCapturableSet: (o) => orderBag(o, 0),
  totalTipReceivedSet: (o) => orderBag(o, 0),
  totalWeight: () => "0",
  currentTotalWeight: () => "0",
  refundDiscrepancySet: (o) => orderBag(o, 0),
  displayFinancialStatus: (o, _a, ctx) => ctx.store.financialStatus(o),
  displayFulfillmentStatus: (o, _a, ctx) => ctx.store.fulfillmentStatus(o),
  returnStatus: (o, _a, ctx) => ctx.store.returnStatus(o),
  fullyPaid: (o, _a, ctx) => ctx.store.received(o) >= ctx.store.originalTotal(o),
  unpaid: (o, _a, ctx) => ctx.store.received(o) === 0,
  refundable: (o, _a, ctx) => ctx.store.received(o) - ctx.store.refundedAmount(o) > 0,
  restockable: (o, _a, ctx) => o.lineItems.some((li) => li.quantity - ctx.store.refundedQuantity(li) > 0),
  closed: (o) => o.closedAt !== null,
  confirmed: () => true,
  capturable: () => false,
  canMarkAsPaid: () => false,
  canNotifyCustomer: (o) => Boolean(o.email),
  edited: () => false,
  fulfillable: (o, _a, ctx) => ctx.store.fulfillmentStatus(o) !== "FULFILLED" && !o.cancelledAt,
  requiresShipping: (o) => o.lineItems.some((li) => li.requiresShipping),
  dutiesIncluded: () => false,
  estimatedTaxes: () => false,
  hasTimelineComment: () => false,
  merchantEditable: (o) => !o.cancelledAt,
  merchantEditableErrors: () => [],
  customerAcceptsMarketing: () => false,
  customerLocale: () => "en-GB",
  paymentGatewayNames: (o) => [...new Set(o.transactions.filter((t) => t.kind === "SALE").map((t) => t.gateway))],
  statusPageUrl: (o, _a, ctx) => `${ctx.storefrontOrigin}/account/orders/${legacyId(o.id)}`,
  additionalFees: () => [],
  alerts: () => [],
  disputes: () => [],
  productNetwork: () => false,
  billingAddressMatchesShippingAddress: () => true,
  displayAddress: (o) => o.shippingAddress,
});

const fulfillmentFields = fields<FulfillmentRec>({
  order: (f, _a, ctx) => ctx.store.find(f.orderId, "Order"),
  fulfillmentLineItems: (f) => f.fulfillmentLineItems,
  totalQuantity: (f) => f.fulfillmentLineItems.reduce((sum, fli) => sum + fli.quantity, 0),
  trackingInfo: (f, args) => (typeof args.first === "number" ? f.trackingInfo.slice(0, args.first) : f.trackingInfo),
  events: () => [],
  fulfillmentOrders: () => [],
  location: (_f, _a, ctx) => ctx.store.location,
  service: () => null,
});

const fulfillmentLineItemFields = fields<FulfillmentLineItemRec>({
  lineItem: (fli, _a, ctx) => ctx.store.find(fli.lineItemId, "LineItem"),
  originalTotalSet: (fli, _a, ctx) => {
    const li = ctx.store.find(fli.lineItemId, "LineItem");
    return bag(ctx.store, li ? minorOf(li.originalUnitPriceSet) * fli.quantity : 0);
  },
  discountedTotalSet: (fli, _a, ctx) => {
    const li = ctx.store.find(fli.lineItemId, "LineItem");
    return bag(ctx.store, li ? ctx.store.unitPriceAfterDiscounts(li) * fli.quantity : 0);
  },
});

const transactionFields = fields<TransactionRec>({
  order: (t, _a, ctx) => ctx.store.find(t.orderId, "Order"),
  parentTransaction: (t, _a, ctx) => ctx.store.find(t.parentTransactionId, "OrderTransaction") ?? null,
  amount: (t) => t.amountSet.shopMoney.amount,
  amountV2: (t) => t.amountSet.shopMoney,
  maximumRefundableV2: (t, _a, ctx) => (t.kind === "SALE" || t.kind === "CAPTURE" ? moneyV2(ctx.store.refundableFrom(t), t.amountSet.shopMoney.currencyCode) : null),
  totalUnsettledSet: (t) => moneyBag(0, t.amountSet.shopMoney.currencyCode),
});

const refundFields = fields<RefundRec>({
  order: (r, _a, ctx) => ctx.store.find(r.orderId, "Order"),
  return: (r, _a, ctx) => ctx.store.find(r.returnId, "Return") ?? null,
  transactions: (r, _a, ctx) => r.transactionIds.map((id) => ctx.store.find(id, "OrderTransaction")).filter(Boolean),
  totalRefundedSet: (r, _a, ctx) => bag(ctx.store, ctx.store.refundTotal(r)),
  refundLineItems: (r) => r.refundLineItems,
  refundShippingLines: (r) => r.refundShippingLines,
  orderAdjustments: () => [],
  duties: () => [],
  staffMember: () => null,
});

const refundLineItemFields = fields<RefundLineItemRec>({
  lineItem: (r, _a, ctx) => ctx.store.find(r.lineItemId, "LineItem"),
  location: () => null,
});

const refundShippingLineFields = fields<RefundShippingLineRec>({
  shippingLine: (r, _a, ctx) => ctx.store.find(r.shippingLineId, "ShippingLine"),
});

const returnFields = fields<ReturnRec>({
  order: (r, _a, ctx) => ctx.store.find(r.orderId, "Order"),
  returnLineItems: (r) => r.returnLineItems,
  refunds: (r, _a, ctx) => r.refundIds.map((id) => ctx.store.find(id, "Refund")).filter(Boolean),
  totalQuantity: (r) => r.returnLineItems.reduce((sum, rli) => sum + rli.quantity, 0),
  exchangeLineItems: (r) => r.exchangeLineItems ?? [],
  reverseFulfillmentOrders: (r, _a, ctx) => reverseFulfillmentOrders(ctx.store, r),
  transactions: (r, _a, ctx) => r.refundIds.flatMap((id) => ctx.store.find(id, "Refund")?.transactionIds ?? []).map((id) => ctx.store.find(id, "OrderTransaction")),
  staffMember: () => null,
  suggestedFinancialOutcome: (r, args, ctx) => suggestedFinancialOutcome(r, args, ctx.store),
  returnShippingFees: (r, _a, ctx) => {
    const order = ctx.store.find(r.orderId, "Order");
    return order ? r.returnShippingFees.map((f) => ({ __typename: "ReturnShippingFee", id: f.id, amountSet: orderBag(order, f.amountMinor) })) : [];
  },
});

/**
 * A return line's restocking fee for `quantity` of its units: its percentage of what those units
 * were paid (after discounts), rounded to the minor unit. Shopify's schema gives the percentage
 * ("The value of the fee as a percentage") and the amount, not its rounding; the app allows a
 * minor unit per line when it compares figures.
 */
export function restockingFeeMinor(store: ShopStore, rli: ReturnLineItemRec, quantity: number): number {
  const percentage = rli.restockingFee?.percentage ?? 0;
  if (percentage <= 0) return 0;
  const li = store.find(store.find(rli.fulfillmentLineItemId, "FulfillmentLineItem")?.lineItemId, "LineItem");
  return li ? Math.round((store.unitPriceAfterDiscounts(li) * quantity * percentage) / 100) : 0;
}

/**
 * Return.suggestedFinancialOutcome: what settling these return and exchange units would move.
 * The returned units give back what was paid for them (as Order.suggestedRefund), the exchange
 * units cost their price when the exchange was made; the net is a refund to the customer
 * (RefundReturnOutcome) or an amount to invoice them (InvoiceReturnOutcome). Shipping is refunded
 * only when asked.
 */
function suggestedFinancialOutcome(r: ReturnRec, args: Args, store: ShopStore) {
  const order = store.find(r.orderId, "Order");
  if (!order) return null;
  const returned = (args.returnLineItems as { id: string; quantity: number }[] | null | undefined) ?? [];
  const exchanged = (args.exchangeLineItems as { id: string; quantity: number }[] | null | undefined) ?? [];
  const refundLineItems = returned.flatMap((a) => {
    const rli = r.returnLineItems.find((l) => l.id === a.id);
    const fli = store.find(rli?.fulfillmentLineItemId, "FulfillmentLineItem");
    return fli ? [{ lineItemId: fli.lineItemId, quantity: Math.min(a.quantity, (rli?.quantity ?? 0) - (rli?.processedQuantity ?? 0)) }] : [];
  });
  const refund = suggestedRefund(order, { refundLineItems, refundShipping: Boolean(args.refundShipping) }, store);
  const items = minorOf(refund.subtotalSet);
  const shipping = minorOf(refund.shipping.amountSet);
  const exchange = exchanged.reduce((sum, a) => {
    const x = (r.exchangeLineItems ?? []).find((l) => l.id === a.id);
    return sum + (x ? x.unitPriceMinor * Math.min(a.quantity, x.quantity - x.processedQuantity) : 0);
  }, 0);
  // The fees the return carries are kept from what goes back: each settled line's restocking fee,
  // and the return-label fee once (with the return's first settlement).
  const restocking = returned.reduce((sum, a) => {
    const rli = r.returnLineItems.find((l) => l.id === a.id);
    return sum + (rli ? restockingFeeMinor(store, rli, Math.min(a.quantity, rli.quantity - rli.processedQuantity)) : 0);
  }, 0);
  const label = returned.length && r.refundIds.length === 0 ? r.returnShippingFees.reduce((sum, f) => sum + f.amountMinor, 0) : 0;
  const net = items + shipping - exchange - restocking - label;
  const bagOf = (minor: number) => orderBag(order, minor);
  return {
    __typename: "SuggestedReturnFinancialOutcome",
    discountedSubtotal: bagOf(items),
    maximumRefundable: refund.maximumRefundableSet,
    refundDuties: [],
    shipping: refund.shipping,
    totalAdditionalFees: bagOf(0),
    totalCartDiscountAmount: bagOf(0),
    totalDuties: bagOf(0),
    totalTax: bagOf(store.includedTax(items + shipping)),
    financialTransfer:
      net > 0
        ? { __typename: "RefundReturnOutcome", amount: bagOf(net), suggestedRefundMethods: [], suggestedTransactions: [] }
        : net < 0
          ? { __typename: "InvoiceReturnOutcome", amount: bagOf(-net) }
          : null,
  };
}

const returnLineItemFields = fields<ReturnLineItemRec>({
  fulfillmentLineItem: (r, _a, ctx) => ctx.store.find(r.fulfillmentLineItemId, "FulfillmentLineItem"),
  processableQuantity: (r, _a, ctx) => (ctx.store.find(r.returnId, "Return")?.status === "OPEN" ? r.quantity - r.processedQuantity : 0),
  unprocessedQuantity: (r) => r.quantity - r.processedQuantity,
  refundedQuantity: (r, _a, ctx) => refundedThroughReturn(ctx.store, r),
  refundableQuantity: (r, _a, ctx) => r.quantity - refundedThroughReturn(ctx.store, r),
  withCodeDiscountedTotalPriceSet: (r, _a, ctx) => {
    const fli = ctx.store.find(r.fulfillmentLineItemId, "FulfillmentLineItem");
    const li = ctx.store.find(fli?.lineItemId, "LineItem");
    return bag(ctx.store, li ? ctx.store.unitPriceAfterDiscounts(li) * r.quantity : 0);
  },
  returnReasonDefinition: (r) => returnReasonDefinition(r.returnReasonDefinitionId) ?? null,
  restockingFee: (r, _a, ctx) => {
    const order = ctx.store.find(ctx.store.find(r.returnId, "Return")?.orderId, "Order");
    return r.restockingFee && order ? { __typename: "RestockingFee", id: r.restockingFee.id, percentage: r.restockingFee.percentage, amountSet: orderBag(order, restockingFeeMinor(ctx.store, r, r.quantity)) } : null;
  },
  totalWeight: () => null,
});

const exchangeLineItemFields = fields<ExchangeLineItemRec>({
  processableQuantity: (x, _a, ctx) => (ctx.store.find(x.returnId, "Return")?.status === "OPEN" ? x.quantity - x.processedQuantity : 0),
  unprocessedQuantity: (x) => x.quantity - x.processedQuantity,
  variantTitle: (x, _a, ctx) => ctx.store.find(x.variantId, "ProductVariant")?.title ?? null,
  variantSku: (x, _a, ctx) => ctx.store.find(x.variantId, "ProductVariant")?.sku ?? null,
  productId: (x, _a, ctx) => ctx.store.find(x.variantId, "ProductVariant")?.productId ?? null,
  title: (x, _a, ctx) => {
    const variant = ctx.store.find(x.variantId, "ProductVariant");
    return variant ? (ctx.store.find(variant.productId, "Product")?.title ?? null) : null;
  },
  lineItem: () => null,
  lineItems: () => [],
});

/**
 * An approved return's reverse fulfilment order: one, with a line per return line (Shopify makes
 * it when the return opens). Ids are derived from the return's, so they are stable across reads.
 */
export function reverseFulfillmentOrders(store: ShopStore, ret: ReturnRec) {
  if (ret.status !== "OPEN" && ret.status !== "CLOSED") return [];
  const disposed = (rli: ReturnLineItemRec) => (rli.dispositions ?? []).reduce((sum, d) => sum + d.quantity, 0);
  return [
    {
      __typename: "ReverseFulfillmentOrder",
      id: `gid://shopify/ReverseFulfillmentOrder/${legacyId(ret.id)}`,
      order: store.find(ret.orderId, "Order"),
      status: ret.returnLineItems.every((rli) => disposed(rli) >= rli.quantity) ? "CLOSED" : "OPEN",
      lineItems: ret.returnLineItems.map((rli) => ({
        __typename: "ReverseFulfillmentOrderLineItem",
        id: reverseLineId(rli),
        totalQuantity: rli.quantity,
        fulfillmentLineItem: store.find(rli.fulfillmentLineItemId, "FulfillmentLineItem") ?? null,
        dispositions: (rli.dispositions ?? []).map((d) => ({ ...d, location: store.find(d.locationId, "Location") ?? null })),
      })),
      reverseDeliveries: (ret.reverseDeliveries ?? []).map((d) => ({
        __typename: "ReverseDelivery",
        id: d.id,
        deliverable: {
          __typename: "ReverseDeliveryShippingDeliverable",
          tracking: d.tracking ? { __typename: "ReverseDeliveryTrackingV2", ...d.tracking } : null,
          label: d.labelUrl ? { __typename: "ReverseDeliveryLabelV2", publicFileUrl: d.labelUrl, createdAt: d.createdAt, updatedAt: d.createdAt, fileUrl: d.labelUrl } : null,
        },
        reverseDeliveryLineItems: d.lines.map((l) => {
          const rli = ret.returnLineItems.find((x) => reverseLineId(x) === l.reverseLineId);
          return { __typename: "ReverseDeliveryLineItem", id: l.id, quantity: l.quantity, dispositions: [], reverseFulfillmentOrderLineItem: rli ? { __typename: "ReverseFulfillmentOrderLineItem", id: l.reverseLineId, totalQuantity: rli.quantity, dispositions: [] } : null };
        }),
      })),
      thirdPartyConfirmation: null,
    },
  ];
}

export function reverseLineId(rli: ReturnLineItemRec): string {
  return `gid://shopify/ReverseFulfillmentOrderLineItem/${legacyId(rli.id)}`;
}

function refundedThroughReturn(store: ShopStore, rli: ReturnLineItemRec): number {
  const ret = store.find(rli.returnId, "Return");
  const fli = store.find(rli.fulfillmentLineItemId, "FulfillmentLineItem");
  let total = 0;
  for (const id of ret?.refundIds ?? []) for (const line of store.find(id, "Refund")?.refundLineItems ?? []) if (line.lineItemId === fli?.lineItemId) total += line.quantity;
  return Math.min(total, rli.quantity);
}

const storeCreditAccountFields = fields<StoreCreditAccountRec>({
  balance: (a, _x, ctx) => moneyV2(ctx.store.balance(a), a.currencyCode),
  owner: (a, _x, ctx) => ctx.store.find(a.ownerId, "Customer"),
  // Kept in creation order: Shopify's default sortKey CREATED_AT, oldest first; `reverse: true` gives the newest.
  transactions: (a) => a.transactions,
});

const storeCreditTransactionFields = fields<StoreCreditTransactionRec>({
  account: (t, _a, ctx) => ctx.store.find(t.accountId, "StoreCreditAccount"),
  origin: (t, _a, ctx) => {
    const refund = ctx.store.find(t.refundId, "Refund");
    return refund ? (ctx.store.find(refund.transactionIds.find((id) => ctx.store.find(id, "OrderTransaction")?.gateway === "shopify_store_credit"), "OrderTransaction") ?? null) : null;
  },
});

function draftLineTotal(li: DraftOrderLineItemRec): number {
  return minorOf(li.originalUnitPriceSet) * li.quantity;
}

const draftOrderFields = fields<DraftOrderRec>({
  customer: (d, _a, ctx) => ctx.store.find(d.customerId, "Customer") ?? null,
  order: (d, _a, ctx) => ctx.store.find(d.orderId, "Order") ?? null,
  lineItems: (d) => d.lineItems,
  subtotalPriceSet: (d) => moneyBag(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0), d.currencyCode),
  lineItemsSubtotalPrice: (d) => moneyBag(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0), d.currencyCode),
  totalLineItemsPriceSet: (d) => moneyBag(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0), d.currencyCode),
  totalPriceSet: (d) => moneyBag(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0), d.currencyCode),
  totalDiscountsSet: (d) => moneyBag(0, d.currencyCode),
  totalShippingPriceSet: (d) => moneyBag(0, d.currencyCode),
  totalTaxSet: (d, _a, ctx) => moneyBag(ctx.store.includedTax(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0)), d.currencyCode),
  amountDueNowSet: (d) => moneyBag(d.lineItems.reduce((s, li) => s + draftLineTotal(li), 0), d.currencyCode),
  amountDueLaterSet: (d) => moneyBag(0, d.currencyCode),
  totalQuantityOfLineItems: (d) => d.lineItems.reduce((s, li) => s + li.quantity, 0),
  ready: () => true,
  visibleToCustomer: () => true,
  allowDiscountCodesInCheckout: () => true,
  allVariantPricesOverridden: () => false,
  anyVariantPricesOverridden: () => false,
  billingAddressMatchesShippingAddress: () => true,
  hasTimelineComment: () => false,
  discountCodes: () => [],
  platformDiscounts: () => [],
  taxLines: () => [],
  warnings: () => [],
  invoiceEmailTemplateSubject: (d, _a, ctx) => `Invoice ${d.name} from ${ctx.store.shop.name}`,
});

const draftOrderLineItemFields = fields<DraftOrderLineItemRec>({
  variant: (li, _a, ctx) => ctx.store.find(li.variantId, "ProductVariant") ?? null,
  product: (li, _a, ctx) => ctx.store.find(li.productId, "Product") ?? null,
  originalTotalSet: (li) => moneyBag(draftLineTotal(li), li.originalUnitPriceSet.shopMoney.currencyCode),
  discountedTotalSet: (li) => moneyBag(draftLineTotal(li), li.originalUnitPriceSet.shopMoney.currencyCode),
  approximateDiscountedUnitPriceSet: (li) => li.originalUnitPriceSet,
  totalDiscountSet: (li) => moneyBag(0, li.originalUnitPriceSet.shopMoney.currencyCode),
  originalUnitPriceWithCurrency: (li) => li.originalUnitPriceSet.shopMoney,
  uuid: (li) => li.id.split("/").pop(),
  isGiftCard: () => false,
  components: () => [],
  customAttributesV2: () => [],
  taxLines: () => [],
});

const discountCollectionsFields = fields<{ collectionIds: string[] }>({
  collections: (d, _a, ctx) => d.collectionIds.map((id) => ctx.store.find(id, "Collection")).filter(Boolean),
});

export const COMPUTED: Record<string, FieldMap> = {
  Shop: shopFields,
  Product: productFields,
  ProductVariant: variantFields,
  Collection: collectionFields,
  Customer: customerFields,
  Order: orderFields,
  LineItem: lineItemFields,
  Fulfillment: fulfillmentFields,
  FulfillmentLineItem: fulfillmentLineItemFields,
  OrderTransaction: transactionFields,
  Refund: refundFields,
  RefundLineItem: refundLineItemFields,
  RefundShippingLine: refundShippingLineFields,
  Return: returnFields,
  ReturnLineItem: returnLineItemFields,
  ExchangeLineItem: exchangeLineItemFields,
  StoreCreditAccount: storeCreditAccountFields,
  StoreCreditAccountCreditTransaction: storeCreditTransactionFields,
  StoreCreditAccountDebitTransaction: storeCreditTransactionFields,
  DraftOrder: draftOrderFields,
  DraftOrderLineItem: draftOrderLineItemFields,
  DiscountCollections: discountCollectionsFields,
};
