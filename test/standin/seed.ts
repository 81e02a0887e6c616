import { DateTime, IANAZone } from "luxon";

import { prng } from "./ids";
import { convert, minorUnits, moneyV2, orderMoney } from "./money";
import { transaction } from "./resolvers/refunds";
import {
  ABROAD,
  CATALOGUE,
  COLLECTIONS,
  ENGRAVINGS,
  FIRST_NAMES,
  LAST_NAMES,
  METAFIELD_NAMESPACE,
  STREETS,
  UK_PLACES,
  type CatalogueItem,
} from "./seed-catalogue";
import {
  iso,
  ShopStore,
  type Attribute,
  type CustomerRec,
  type DiscountApplicationRec,
  type DiscountNodeRec,
  type DraftOrderRec,
  type FulfillmentRec,
  type LineItemRec,
  type MailingAddressRec,
  type Metafield,
  type OrderRec,
  type ProductRec,
  type RefundRec,
  type ReturnRec,
  type VariantRec,
} from "./store";

/**
 * The demo shop: a UK jeweller with a catalogue, a few hundred customers and a year of orders,
 * generated from a seeded PRNG so the same `now` and `seed` always give the same shop. The demo
 * command, the end-to-end test and integration tests all start from it.
 */
export const DEMO_SHOP_DOMAIN = "demo-jeweller.myshopify.com";
const CURRENCY = "GBP";
/**
 * Shoppers in the euro area pay in euros (Shopify Markets): their orders' presentment currency is
 * EUR at these prices, and the shop books them in pounds at the order's rate.
 */
const EURO_AREA = new Set(["IE", "FR", "DE", "NL", "BE", "IT", "ES", "PT", "AT", "FI"]);
const EUR_PER_GBP = "1.16";
const GBP_PER_EUR = "0.86";
const ZONE = "Europe/London";
const DAY_MS = 86_400_000;

export type DemoSeedOptions = {
  /** The reference instant: every order is placed in the year before it. */
  now: Date;
  /** PRNG seed; the same seed and `now` give identical data. */
  seed?: number;
  customers?: number;
  orders?: number;
  /** Another shop's name and domain on the same catalogue and year of orders (the demo's shop per preset). */
  identity?: DemoShopIdentity;
};

/** Who a demo shop is: the default is Hatton & Hart on demo-jeweller.myshopify.com. */
export type DemoShopIdentity = { domain: string; name: string; ownerName: string; email: string; description: string; vendor: string };

export const DEMO_SHOP_IDENTITY: DemoShopIdentity = {
  domain: DEMO_SHOP_DOMAIN,
  name: "Hatton & Hart Jewellers",
  ownerName: "Eleanor Hart",
  email: "owner@hattonandhart.example",
  description: "Fine and fashion jewellery from Hatton Garden since 1998.",
  vendor: "Hatton & Hart",
};

export type DemoShopSummary = {
  domain: string;
  /** The shopper the demo signs in as on the storefront. */
  featuredCustomerId: string;
  /** Her orders: one delivered days ago (returns open), one from months ago (warranty territory). */
  featuredOrderIds: { recent: string; older: string };
  counts: { products: number; customers: number; orders: number; refunds: number; returns: number };
};

/** The demo shop's Shop fields, for `new ShopStore(DEMO_SHOP, now)`. */
export function demoShopFields(now: Date, identity: DemoShopIdentity = DEMO_SHOP_IDENTITY): ConstructorParameters<typeof ShopStore>[0] {
  const created = iso(DateTime.fromJSDate(now).minus({ years: 3 }).toJSDate());
  return {
    name: identity.name,
    email: identity.email,
    contactEmail: identity.email.replace(/^owner@/, "care@"),
    myshopifyDomain: identity.domain,
    currencyCode: CURRENCY,
    ianaTimezone: ZONE,
    countryCode: "GB",
    countryName: "United Kingdom",
    createdAt: created,
    updatedAt: created,
    shopOwnerName: identity.ownerName,
    description: identity.description,
    taxesIncluded: true,
    taxShipping: true,
    weightUnit: "GRAMS",
    unitSystem: "METRIC_SYSTEM",
    enabledPresentmentCurrencies: [CURRENCY, "EUR"],
  };
}

/** A new store holding the demo shop, seeded. */
export function createDemoStore(options: DemoSeedOptions, clock?: () => Date): { store: ShopStore; summary: DemoShopSummary } {
  const store = new ShopStore(demoShopFields(options.now, options.identity), clock);
  const summary = seedDemoShop(store, options);
  return { store, summary };
}

type Placed = { product: ProductRec; variant: VariantRec; item: CatalogueItem; quantity: number; engraving: string | null };

type OrderPlan = {
  /** Days before `now` (the shop's local calendar) and the instant, in epoch milliseconds. */
  day: number;
  at: number;
  customer: CustomerRec;
  lines: Placed[];
  code: "WELCOME10" | "LOYAL15" | null;
  express: boolean;
};

type Discount = { node: DiscountNodeRec; code: string | null; percentage: number; minimum: number; startsAt: number; endsAt: number | null };

/** Local wall-clock time `daysAgo` days before now, in epoch ms; day starts are computed once per day. */
type LocalTime = (daysAgo: number, hour: number, minute: number, second?: number) => number;

/** Fills `store` (a fresh demo shop) with the catalogue, customers, discounts and a year of orders. */
export function seedDemoShop(store: ShopStore, options: DemoSeedOptions): DemoShopSummary {
  const random = prng(options.seed ?? 20_261_125);
  // The euro-area market: what its shoppers pay and what an exchange's item costs them today.
  store.markets = [{ name: "Euro area", countries: [...EURO_AREA], currencyCode: "EUR", rate: EUR_PER_GBP }];
  const now = DateTime.fromJSDate(options.now, { zone: ZONE });
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const stamp = (at: DateTime) => iso(at.toJSDate());
  const created = now.minus({ years: 2 });
  // Wall-clock times in the shop's zone without a luxon DateTime per timestamp (too slow for a
  // year of orders): the zone's offset is looked up once per day, at noon. Every time the seed
  // uses falls after 02:00, when a daylight-saving change is over, so noon's offset is the day's.
  const zone = IANAZone.create(ZONE);
  const todayWall = Date.UTC(now.year, now.month - 1, now.day);
  const offsets = new Map<number, number>();
  const local: LocalTime = (daysAgo, hour, minute, second = 0) => {
    const midnightWall = todayWall - daysAgo * DAY_MS;
    let offset = offsets.get(daysAgo);
    if (offset === undefined) {
      const noonWall = midnightWall + 12 * 3_600_000;
      offset = zone.offset(noonWall - zone.offset(noonWall) * 60_000);
      offsets.set(daysAgo, offset);
    }
    return midnightWall + ((hour * 60 + minute) * 60 + second) * 1000 - offset * 60_000;
  };

  // ---- catalogue ----
  const collections = new Map(
    COLLECTIONS.map((c) => {
      const rec = store.index({
        __typename: "Collection" as const,
        id: store.nextId("Collection"),
        title: c.title,
        handle: c.handle,
        descriptionHtml: `<p>${c.description}</p>`,
        sortOrder: "BEST_SELLING",
        updatedAt: stamp(created),
        productIds: [] as string[],
        metafields: [] as Metafield[],
      });
      store.collections.push(rec);
      return [c.handle, rec] as const;
    }),
  );

  const catalogue = CATALOGUE.map((item) => {
    const productId = store.nextId("Product");
    const metafields: Metafield[] = [];
    const metafield = (key: string, type: string, value: string): Metafield => ({
      __typename: "Metafield",
      id: store.nextId("Metafield"),
      namespace: METAFIELD_NAMESPACE,
      key,
      type,
      value,
      createdAt: stamp(created),
      updatedAt: stamp(created),
      ownerType: "PRODUCT",
    });
    if (item.crystalCount !== undefined) metafields.push(metafield("crystal_count", "number_integer", String(item.crystalCount)));
    if (item.adjustable !== undefined) metafields.push(metafield("adjustable", "boolean", String(item.adjustable)));
    const values = item.options?.values ?? ["Default Title"];
    const variants = values.map((value, i) =>
      store.index({
        __typename: "ProductVariant" as const,
        id: store.nextId("ProductVariant"),
        productId,
        title: value,
        sku: `HH-${item.handle.split("-").map((w) => w[0]).join("").toUpperCase()}-${String(i + 1).padStart(2, "0")}`,
        price: (item.price / 100).toFixed(2),
        compareAtPrice: item.compareAtPrice ? (item.compareAtPrice / 100).toFixed(2) : null,
        position: i + 1,
        selectedOptions: [{ __typename: "SelectedOption" as const, name: item.options?.name ?? "Title", value }],
        inventoryQuantity: between(0, 40),
        availableForSale: true,
        taxable: true,
        createdAt: stamp(created),
        updatedAt: stamp(created),
        metafields: [],
      }),
    );
    store.variants.push(...variants);
    const product = store.index({
      __typename: "Product" as const,
      id: productId,
      title: item.title,
      handle: item.handle,
      productType: item.productType,
      vendor: item.vendor ?? (options.identity ?? DEMO_SHOP_IDENTITY).vendor,
      tags: [...item.tags].sort(),
      status: "ACTIVE" as const,
      descriptionHtml: `<p>${item.description}</p>`,
      createdAt: stamp(created),
      updatedAt: stamp(created),
      publishedAt: stamp(created),
      metafields,
      collectionIds: item.collections.map((handle) => mustGet(collections, handle).id),
      variantIds: variants.map((v) => v.id),
    });
    store.products.push(product);
    for (const handle of item.collections) mustGet(collections, handle).productIds.push(product.id);
    return { item, product, variants };
  });
  const pickable = catalogue.filter((c) => c.item.weight > 0);
  const totalWeight = pickable.reduce((sum, c) => sum + c.item.weight, 0);
  const pickProduct = () => {
    let ticket = random() * totalWeight;
    for (const entry of pickable) {
      ticket -= entry.item.weight;
      if (ticket < 0) return entry;
    }
    return pickable[pickable.length - 1];
  };

  // ---- discounts: two codes with minimum spends and a staggered promotion ----
  const promoStart = now.minus({ days: 150 }).startOf("day");
  const promoEnd = promoStart.plus({ days: 28 });
  const discounts: Discount[] = [
    discountNode(store, { code: "WELCOME10", title: "WELCOME10", percentage: 10, minimum: 5000, startsAt: now.minus({ years: 2 }), endsAt: null }),
    discountNode(store, { code: "LOYAL15", title: "LOYAL15", percentage: 15, minimum: 15000, startsAt: now.minus({ years: 2 }), endsAt: null }),
    // The staggered promotion: the more a shopper spends, the bigger the share off.
    ...[
      [10, 10000],
      [15, 20000],
      [20, 30000],
    ].map(([percentage, minimum]) =>
      discountNode(store, {
        code: null,
        title: `Spend & Save: ${percentage}% off £${minimum / 100}+`,
        percentage,
        minimum,
        startsAt: promoStart,
        endsAt: promoEnd,
      }),
    ),
  ];
  for (const d of discounts) {
    d.node.discount.status = d.endsAt !== null && d.endsAt < now.toMillis() ? "EXPIRED" : "ACTIVE";
    store.discounts.push(store.index(d.node));
  }

  // ---- customers ----
  const customerCount = options.customers ?? 300;
  const customers: CustomerRec[] = [];
  for (let i = 0; i < customerCount; i += 1) {
    const featured = i === 0;
    const firstName = featured ? "Amelia" : pick(FIRST_NAMES);
    const lastName = featured ? "Hart" : pick(LAST_NAMES);
    const abroad = !featured && random() < 0.06;
    const id = store.nextId("Customer");
    const address = mailingAddress(store, firstName, lastName, abroad, pick, between);
    const since = iso(new Date(options.now.getTime() - between(380, 900) * DAY_MS));
    const customer = store.index({
      __typename: "Customer" as const,
      id,
      firstName,
      lastName,
      email: `${firstName}.${lastName}${featured ? "" : i}@example.com`.toLowerCase(),
      phone: address.phone,
      tags: random() < 0.1 ? ["vip"] : [],
      note: null,
      locale: "en-GB",
      state: "ENABLED" as const,
      verifiedEmail: true,
      taxExempt: false,
      createdAt: since,
      updatedAt: since,
      defaultAddress: address,
      metafields: [],
    });
    customers.push(customer);
  }
  store.customers.push(...customers);

  // ---- a year of orders, planned first, then placed in date order so names follow time ----
  const plans: OrderPlan[] = [];
  const variantOf = (entry: (typeof catalogue)[number]) => entry.variants[Math.floor(random() * entry.variants.length)];
  const orderCount = options.orders ?? 1200;
  for (let i = 0; i < orderCount; i += 1) {
    const daysAgo = between(1, 364);
    const at = local(daysAgo, between(7, 22), between(0, 59), between(0, 59));
    const lines: Placed[] = [];
    const count = random() < 0.65 ? 1 : random() < 0.8 ? 2 : 3;
    for (let l = 0; l < count; l += 1) {
      const entry = pickProduct();
      if (lines.some((line) => line.product.id === entry.product.id)) continue;
      lines.push({
        product: entry.product,
        variant: variantOf(entry),
        item: entry.item,
        quantity: random() < 0.9 ? 1 : 2,
        engraving: entry.item.engravable && random() < 0.55 ? pick(ENGRAVINGS) : null,
      });
    }
    const roll = random();
    plans.push({
      day: daysAgo,
      at,
      customer: customers[1 + Math.floor(Math.pow(random(), 1.4) * (customers.length - 1))] ?? customers[0],
      lines,
      code: roll < 0.14 ? "WELCOME10" : roll < 0.2 ? "LOYAL15" : null,
      express: random() < 0.18,
    });
  }
  // The featured shopper's orders, fixed so the demo always shows the same story.
  const entry = (handle: string) => {
    const found = catalogue.find((c) => c.item.handle === handle);
    if (!found) throw new Error(`catalogue has no ${handle}`);
    return found;
  };
  const line = (handle: string, engraving: string | null = null, variant = 0): Placed => ({
    product: entry(handle).product,
    variant: entry(handle).variants[variant],
    item: entry(handle).item,
    quantity: 1,
    engraving,
  });
  const recentPlan: OrderPlan = {
    day: 12,
    at: local(12, 19, 42, 5),
    customer: customers[0],
    lines: [line("pearl-drop-earrings"), line("engraved-signet-ring", "A.H.", 3), line("crystal-tennis-bracelet"), line("adjustable-crystal-cocktail-ring")],
    code: "WELCOME10",
    express: false,
  };
  const olderPlan: OrderPlan = {
    day: 200,
    at: local(200, 12, 15, 30),
    customer: customers[0],
    lines: [line("crystal-bezel-watch"), line("crystal-ballpoint-pen", null, 0), line("crystal-phone-case", null, 1)],
    code: null,
    express: true,
  };
  plans.push(recentPlan, olderPlan);
  // Earlier service visits: workshop services invoiced as draft orders and paid at the counter.
  const servicePlans = catalogue
    .filter((c) => c.item.service)
    .map((c, i): OrderPlan => {
      const day = between(20, 300);
      return { day, at: local(day, between(10, 16), between(0, 59)), customer: customers[1 + ((i * 37) % (customers.length - 1))] ?? customers[0], lines: [line(c.item.handle)], code: null, express: false };
    });
  plans.push(...servicePlans);
  plans.sort((a, b) => a.at - b.at);

  const placed = new Map<OrderPlan, OrderRec>();
  plans.forEach((plan, i) => placed.set(plan, placeOrder(store, plan, 1001 + i, discounts, options.now.getTime(), local, random, between)));

  // ---- earlier after-sales: returns refunded, one declined, refunds outside returns, service visits ----
  const history = plans
    .filter((p) => p.customer !== customers[0] && p.day > 40)
    .map((p) => mustGet(placed, p))
    .filter((o) => o.fulfillments[0]?.deliveredAt);
  const chosen = new Set<OrderRec>();
  const take = (accept: (o: OrderRec) => boolean) => {
    const candidates = history.filter((o) => !chosen.has(o) && accept(o));
    const order = candidates[Math.floor(random() * candidates.length)];
    if (!order) throw new Error("demo seed: no order fits an after-sales story");
    chosen.add(order);
    return order;
  };
  const notEngraved = (li: LineItemRec) => li.customAttributes.length === 0;
  const typeOf = (li: LineItemRec) => store.find(li.productId, "Product")?.productType ?? "";
  const returnable = (o: OrderRec) => o.lineItems.find((li) => notEngraved(li) && typeOf(li) !== "Earrings" && !store.find(li.productId, "Product")?.tags.includes("pierced"));
  const reasons = ["UNWANTED", "SIZE_TOO_SMALL", "STYLE", "DEFECTIVE", "UNWANTED", "COLOR"] as const;
  for (const reason of reasons) {
    const order = take((o) => Boolean(returnable(o)));
    const li = returnable(order);
    if (li) recordReturn(store, order, li, reason, random, between);
  }
  const earrings = take((o) => o.lineItems.some((li) => typeOf(li) === "Earrings" && store.find(li.productId, "Product")?.tags.includes("pierced")));
  const earringLine = earrings.lineItems.find((li) => typeOf(li) === "Earrings");
  if (earringLine) recordDeclinedReturn(store, earrings, earringLine, between);
  for (let i = 0; i < 2; i += 1) {
    const order = take((o) => o.lineItems.length > 0);
    recordDamageRefund(store, order, order.lineItems[0], between);
  }
  recordServiceVisits(store, servicePlans.map((p) => mustGet(placed, p)));

  return {
    domain: store.domain,
    featuredCustomerId: customers[0].id,
    featuredOrderIds: { recent: mustGet(placed, recentPlan).id, older: mustGet(placed, olderPlan).id },
    counts: {
      products: store.products.length,
      customers: store.customers.length,
      orders: store.orders.length,
      refunds: store.refunds.length,
      returns: store.returns.length,
    },
  };
}

function discountNode(
  store: ShopStore,
  d: { code: string | null; title: string; percentage: number; minimum: number; startsAt: DateTime; endsAt: DateTime | null },
): Discount {
  const created = iso(d.startsAt.minus({ days: 7 }).toJSDate());
  const node: DiscountNodeRec = {
    __typename: "DiscountNode",
    id: store.nextId(d.code ? "DiscountCodeNode" : "DiscountAutomaticNode"),
    discount: {
      __typename: d.code ? "DiscountCodeBasic" : "DiscountAutomaticBasic",
      title: d.title,
      status: "ACTIVE",
      startsAt: iso(d.startsAt.toJSDate()),
      endsAt: d.endsAt ? iso(d.endsAt.toJSDate()) : null,
      summary: `${d.percentage}% off entire order • Minimum purchase of £${(d.minimum / 100).toFixed(2)}`,
      createdAt: created,
      updatedAt: created,
      ...(d.code ? { codes: [{ __typename: "DiscountRedeemCode" as const, id: store.nextId("DiscountRedeemCode"), code: d.code }] } : {}),
      minimumRequirement: { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: moneyV2(d.minimum, CURRENCY) },
      customerGets: {
        __typename: "DiscountCustomerGets",
        value: { __typename: "DiscountPercentage", percentage: d.percentage / 100 },
        items: { __typename: "AllDiscountItems", allItems: true },
        appliesOnOneTimePurchase: true,
        appliesOnSubscription: false,
      },
    },
    metafields: [],
  };
  return { node, code: d.code, percentage: d.percentage, minimum: d.minimum, startsAt: d.startsAt.toMillis(), endsAt: d.endsAt?.toMillis() ?? null };
}

function mailingAddress(
  store: ShopStore,
  firstName: string,
  lastName: string,
  abroad: boolean,
  pick: <T>(list: readonly T[]) => T,
  between: (low: number, high: number) => number,
): MailingAddressRec {
  const street = `${between(1, 180)} ${pick(STREETS)}`;
  type Place = Pick<MailingAddressRec, "city" | "zip" | "country" | "countryCodeV2" | "province" | "provinceCode" | "phone">;
  let where: Place;
  if (abroad) {
    const place = pick(ABROAD);
    where = { city: place.city, zip: place.zip, country: place.country, countryCodeV2: place.countryCode, province: place.province, provinceCode: null, phone: null };
  } else {
    const place = pick(UK_PLACES);
    const phone = `+44 7700 9${String(between(0, 99_999)).padStart(5, "0")}`;
    where = { city: place.city, zip: place.postcode, country: "United Kingdom", countryCodeV2: "GB", province: place.province, provinceCode: place.code, phone };
  }
  return {
    __typename: "MailingAddress",
    id: store.nextId("MailingAddress"),
    firstName,
    lastName,
    address1: street,
    address2: null,
    city: where.city,
    zip: where.zip,
    country: where.country,
    countryCodeV2: where.countryCodeV2,
    province: where.province,
    provinceCode: where.provinceCode,
    phone: where.phone,
    company: null,
  };
}

function placeOrder(
  store: ShopStore,
  plan: OrderPlan,
  number: number,
  discounts: Discount[],
  now: number,
  local: LocalTime,
  random: () => number,
  between: (low: number, high: number) => number,
): OrderRec {
  const orderId = store.nextId("Order");
  const placedAt = iso(new Date(plan.at));
  // A workshop service paid at the counter: nothing to ship.
  const atCounter = plan.lines.every((l) => l.item.service);
  const gross = plan.lines.reduce((sum, l) => sum + minorUnits(l.variant.price) * l.quantity, 0);

  // Which discount applies: the staggered promotion's best tier while it runs, else the code.
  const running = discounts.filter((d) => !d.code && d.startsAt <= plan.at && (!d.endsAt || plan.at < d.endsAt) && gross >= d.minimum);
  const tier = running.sort((a, b) => b.percentage - a.percentage)[0];
  const code = discounts.find((d) => d.code === plan.code && gross >= d.minimum);
  const discount = tier ?? code ?? null;
  const applications: DiscountApplicationRec[] = discount
    ? [
        discount.code
          ? { __typename: "DiscountCodeApplication", index: 0, code: discount.code, allocationMethod: "ACROSS", targetSelection: "ALL", targetType: "LINE_ITEM", value: { __typename: "PricingPercentageValue", percentage: discount.percentage } }
          : { __typename: "AutomaticDiscountApplication", index: 0, title: discount.node.discount.title, allocationMethod: "ACROSS", targetSelection: "ALL", targetType: "LINE_ITEM", value: { __typename: "PricingPercentageValue", percentage: discount.percentage } },
      ]
    : [];

  const euro = EURO_AREA.has(plan.customer.defaultAddress?.countryCodeV2 ?? "");
  const paidIn = euro ? { presentmentCurrencyCode: "EUR", presentmentRate: GBP_PER_EUR } : { presentmentCurrencyCode: CURRENCY, presentmentRate: "1" };
  const priced = (gbp: number) => (euro ? convert(gbp, CURRENCY, "EUR", EUR_PER_GBP) : gbp);
  const bag = (minor: number) => orderMoney({ currencyCode: CURRENCY, ...paidIn }, minor);
  const lineItems: LineItemRec[] = plan.lines.map((l) => {
    const unit = priced(minorUnits(l.variant.price));
    const allocated = discount ? Math.round((unit * l.quantity * discount.percentage) / 100) : 0;
    const attributes: Attribute[] = l.engraving ? [{ __typename: "Attribute", key: "Engraving", value: l.engraving }] : [];
    return {
      __typename: "LineItem",
      id: store.nextId("LineItem"),
      orderId,
      title: l.product.title,
      name: l.variant.title === "Default Title" ? l.product.title : `${l.product.title} - ${l.variant.title}`,
      variantTitle: l.variant.title === "Default Title" ? null : l.variant.title,
      sku: l.variant.sku,
      vendor: l.product.vendor,
      quantity: l.quantity,
      variantId: l.variant.id,
      productId: l.product.id,
      customAttributes: attributes,
      originalUnitPriceSet: bag(unit),
      discountAllocations: allocated > 0 ? [{ __typename: "DiscountAllocation", allocatedAmountSet: bag(allocated), discountApplicationIndex: 0 }] : [],
      requiresShipping: !l.item.service,
      taxable: true,
      isGiftCard: false,
    };
  });
  const afterDiscounts = lineItems.reduce((sum, li) => sum + store.lineTotalAfterDiscounts(li), 0);

  const address = plan.customer.defaultAddress;
  const domestic = address?.countryCodeV2 === "GB";
  const shipping = !domestic
    ? { title: "DHL Express International", code: "DHL_EXPRESS", price: 1495, carrier: "DHL Express" }
    : plan.express
      ? { title: "Royal Mail Special Delivery Guaranteed", code: "RM_SPECIAL", price: 795, carrier: "Royal Mail" }
      : { title: "Royal Mail Tracked 48", code: "RM_TRACKED_48", price: afterDiscounts >= 7500 ? 0 : 395, carrier: "Royal Mail" };
  if (atCounter) shipping.price = 0;
  shipping.price = priced(shipping.price);
  const shippingLine = {
    __typename: "ShippingLine" as const,
    id: store.nextId("ShippingLine"),
    title: shipping.title,
    code: shipping.code,
    source: "shopify",
    carrierIdentifier: null,
    custom: false,
    isRemoved: false,
    originalPriceSet: bag(shipping.price),
    discountedPriceSet: bag(shipping.price),
    currentDiscountedPriceSet: bag(shipping.price),
    discountAllocations: [],
    taxLines: [] as never[],
  };

  const sale = transaction(store, { id: orderId, currencyCode: CURRENCY, ...paidIn }, { kind: "SALE", amount: afterDiscounts + shipping.price, gateway: "shopify_payments", parentId: null, at: placedAt });

  // Dispatched one or two working days later; delivered one to three days after (abroad: up to a week).
  const fulfillments: FulfillmentRec[] = [];
  const shippedDay = plan.day - between(1, 2);
  const shippedAt = local(shippedDay, between(9, 16), between(0, 59));
  if (!atCounter && shippedAt < now) {
    const deliveredAt = local(shippedDay - (domestic ? between(1, 3) : between(3, 7)), between(8, 18), between(0, 59));
    const delivered = deliveredAt < now;
    const fulfillmentId = store.nextId("Fulfillment");
    const tracking = `${shipping.carrier === "DHL Express" ? "JD" : "RM"}${String(between(10_000_000, 99_999_999))}GB`;
    fulfillments.push({
      __typename: "Fulfillment",
      id: fulfillmentId,
      orderId,
      name: `#${number}-F1`,
      status: "SUCCESS",
      displayStatus: delivered ? "DELIVERED" : "IN_TRANSIT",
      createdAt: iso(new Date(shippedAt)),
      updatedAt: iso(new Date(delivered ? deliveredAt : shippedAt)),
      inTransitAt: iso(new Date(shippedAt + 3 * 3_600_000)),
      deliveredAt: delivered ? iso(new Date(deliveredAt)) : null,
      estimatedDeliveryAt: iso(new Date(deliveredAt)),
      requiresShipping: true,
      trackingInfo: [
        {
          __typename: "FulfillmentTrackingInfo",
          company: shipping.carrier,
          number: tracking,
          url: shipping.carrier === "DHL Express" ? `https://www.dhl.com/gb-en/home/tracking.html?tracking-id=${tracking}` : `https://www.royalmail.com/track-your-item#/tracking-results/${tracking}`,
        },
      ],
      fulfillmentLineItems: lineItems.map((li) => ({ __typename: "FulfillmentLineItem", id: store.nextId("FulfillmentLineItem"), fulfillmentId, lineItemId: li.id, quantity: li.quantity })),
    });
  }

  const shippingAddress = address ? { ...address, id: store.nextId("MailingAddress") } : null;
  const order: OrderRec = {
    __typename: "Order",
    id: orderId,
    name: `#${number}`,
    number: number - 1000,
    email: plan.customer.email,
    phone: plan.customer.phone,
    customerId: plan.customer.id,
    createdAt: placedAt,
    processedAt: placedAt,
    updatedAt: fulfillments[0]?.updatedAt ?? placedAt,
    cancelledAt: null,
    cancelReason: null,
    closedAt: atCounter ? placedAt : (fulfillments[0]?.deliveredAt ?? null),
    currencyCode: CURRENCY,
    ...paidIn,
    tags: atCounter ? ["aftercare", `service:${plan.lines[0].item.service}`] : plan.lines.some((l) => l.engraving) ? ["engraving"] : [],
    note: random() < 0.05 ? "Gift wrap, please." : null,
    customAttributes: [],
    discountCodes: discount?.code ? [discount.code] : [],
    taxesIncluded: true,
    test: false,
    sourceName: atCounter ? "shopify_draft_order" : "web",
    lineItems,
    shippingLines: atCounter ? [] : [shippingLine],
    discountApplications: applications,
    fulfillments,
    transactions: [sale],
    refundIds: [],
    returnIds: [],
    shippingAddress,
    billingAddress: shippingAddress,
    metafields: [],
  };
  store.orders.push(store.index(order));
  return order;
}

function refundFor(
  store: ShopStore,
  order: OrderRec,
  li: LineItemRec,
  options: { at: DateTime; returnId: string | null; note: string; withShipping: boolean; amount?: number; restock: boolean },
): RefundRec {
  const refundId = store.nextId("Refund");
  const unit = store.unitPriceAfterDiscounts(li);
  const shipping = options.withShipping ? store.shippingTotal(order) : 0;
  const amount = options.amount ?? unit + shipping;
  const sale = order.transactions.find((t) => t.kind === "SALE");
  const at = iso(options.at.toJSDate());
  const refundTransaction = transaction(store, order, { kind: "REFUND", amount, gateway: "shopify_payments", parentId: sale?.id ?? null, at });
  order.transactions.push(refundTransaction);
  store.index(refundTransaction);
  const refund: RefundRec = {
    __typename: "Refund",
    id: refundId,
    orderId: order.id,
    returnId: options.returnId,
    note: options.note,
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    refundLineItems: options.amount === undefined
      ? [
          {
            __typename: "RefundLineItem",
            id: store.nextId("RefundLineItem"),
            lineItemId: li.id,
            quantity: 1,
            restockType: options.restock ? "RETURN" : "NO_RESTOCK",
            restocked: options.restock,
            priceSet: orderMoney(order, unit),
            subtotalSet: orderMoney(order, unit),
            totalTaxSet: orderMoney(order, store.includedTax(unit)),
          },
        ]
      : [],
    refundShippingLines: shipping
      ? [{ __typename: "RefundShippingLine", id: store.nextId("RefundShippingLine"), shippingLineId: order.shippingLines[0].id, subtotalAmountSet: orderMoney(order, shipping), taxAmountSet: orderMoney(order, store.includedTax(shipping)) }]
      : [],
    transactionIds: [refundTransaction.id],
  };
  order.refundIds.push(refundId);
  store.refunds.push(store.index(refund));
  return refund;
}

function recordReturn(
  store: ShopStore,
  order: OrderRec,
  li: LineItemRec,
  reason: string,
  random: () => number,
  between: (low: number, high: number) => number,
): void {
  const delivered = DateTime.fromISO(mustDefined(order.fulfillments[0].deliveredAt), { zone: ZONE });
  const requested = delivered.plus({ days: between(2, 20), hours: between(1, 8) });
  const processed = requested.plus({ days: between(3, 8) });
  const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === li.id);
  if (!fli) return;
  const returnId = store.nextId("Return");
  const faulty = reason === "DEFECTIVE";
  const ret: ReturnRec = {
    __typename: "Return",
    id: returnId,
    orderId: order.id,
    name: `${order.name}-R1`,
    status: "CLOSED",
    createdAt: iso(requested.toJSDate()),
    requestApprovedAt: iso(requested.plus({ hours: 20 }).toJSDate()),
    closedAt: iso(processed.toJSDate()),
    decline: null,
    returnLineItems: [
      {
        __typename: "ReturnLineItem",
        id: store.nextId("ReturnLineItem"),
        returnId,
        fulfillmentLineItemId: fli.id,
        quantity: 1,
        processedQuantity: 1,
        customerNote: faulty ? "The clasp broke the second time I wore it." : random() < 0.5 ? "Not quite what I expected." : null,
        returnReason: reason,
        returnReasonNote: "",
      },
    ],
    refundIds: [],
    returnShippingFees: [],
  };
  order.returnIds.push(returnId);
  store.returns.push(store.index(ret));
  // Faulty items are refunded with their delivery charge, as the UK jeweller's policy promises.
  const refund = refundFor(store, order, li, { at: processed, returnId, note: faulty ? "Faulty clasp: refunded with delivery." : "Returned within 30 days.", withShipping: faulty, restock: !faulty });
  ret.refundIds.push(refund.id);
}

function recordDeclinedReturn(store: ShopStore, order: OrderRec, li: LineItemRec, between: (low: number, high: number) => number): void {
  const delivered = DateTime.fromISO(mustDefined(order.fulfillments[0].deliveredAt), { zone: ZONE });
  const requested = delivered.plus({ days: between(2, 10) });
  const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === li.id);
  if (!fli) return;
  const returnId = store.nextId("Return");
  order.returnIds.push(returnId);
  store.returns.push(
    store.index({
      __typename: "Return",
      id: returnId,
      orderId: order.id,
      name: `${order.name}-R1`,
      status: "DECLINED",
      createdAt: iso(requested.toJSDate()),
      requestApprovedAt: null,
      closedAt: null,
      decline: { __typename: "ReturnDecline", reason: "OTHER", note: "For hygiene reasons we cannot exchange or refund earrings unless they are faulty." },
      returnLineItems: [
        { __typename: "ReturnLineItem", id: store.nextId("ReturnLineItem"), returnId, fulfillmentLineItemId: fli.id, quantity: 1, processedQuantity: 0, customerNote: "Changed my mind about the style.", returnReason: "STYLE", returnReasonNote: "" },
      ],
      refundIds: [],
      returnShippingFees: [],
    }),
  );
}

/** A goodwill partial refund for a piece that arrived scratched, without a return. */
function recordDamageRefund(store: ShopStore, order: OrderRec, li: LineItemRec, between: (low: number, high: number) => number): void {
  const delivered = DateTime.fromISO(mustDefined(order.fulfillments[0].deliveredAt), { zone: ZONE });
  const amount = Math.min(store.unitPriceAfterDiscounts(li), 500 * between(1, 4));
  refundFor(store, order, li, { at: delivered.plus({ days: between(1, 5) }), returnId: null, note: "Goodwill: arrived with a scratched box.", withShipping: false, amount, restock: false });
}

/** The draft orders behind earlier service visits, completed into the orders the shopper paid. */
function recordServiceVisits(store: ShopStore, orders: OrderRec[]): void {
  orders.forEach((order, i) => {
    const quoted = DateTime.fromISO(order.createdAt).minus({ days: 2 });
    const token = `demo${String(i + 1).padStart(4, "0")}${numericId(order.id)}`;
    const draft: DraftOrderRec = {
      __typename: "DraftOrder",
      id: store.nextId("DraftOrder"),
      name: `#D${i + 1}`,
      status: "COMPLETED",
      customerId: order.customerId,
      email: order.email,
      note2: `Service visit: ${order.lineItems[0].title}`,
      tags: order.tags,
      currencyCode: CURRENCY,
      presentmentCurrencyCode: CURRENCY,
      taxesIncluded: true,
      taxExempt: false,
      createdAt: iso(quoted.toJSDate()),
      updatedAt: order.createdAt,
      completedAt: order.createdAt,
      invoiceSentAt: iso(quoted.plus({ hours: 1 }).toJSDate()),
      invoiceToken: token,
      invoiceUrl: `https://${store.domain}/invoices/${token}`,
      customAttributes: [],
      lineItems: order.lineItems.map((li) => ({
        __typename: "DraftOrderLineItem" as const,
        id: store.nextId("DraftOrderLineItem"),
        title: li.title,
        name: li.name,
        quantity: li.quantity,
        sku: li.sku,
        variantId: li.variantId,
        productId: li.productId,
        custom: false,
        customAttributes: [],
        originalUnitPriceSet: li.originalUnitPriceSet,
        requiresShipping: false,
        taxable: true,
      })),
      metafields: [],
      orderId: order.id,
    };
    store.draftOrders.push(store.index(draft));
  });
}

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo seed: missing ${String(key)}`);
  return value;
}

function mustDefined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("demo seed: expected a value");
  return value;
}

/** The numeric id Shopify shows in URLs (`/account/orders/7100000123`). */
export function numericId(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}
