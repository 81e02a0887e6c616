import { deployedFlowTriggers, type FlowTriggerCall } from "./flow";
import { gid } from "./ids";
import { convert, minorUnits, moneyBag, moneyV2, minorOf, type MoneyBag, type MoneyV2 } from "./money";

/**
 * The stand-in's state for one shop: plain objects whose keys are the Admin API's own field names
 * (so graphql-js's default resolution reads them directly), plus ids that link records. Values
 * that Shopify derives (totals, refundable quantities, statuses) are computed on read in
 * resolvers/fields.ts from these records, so they can never disagree with each other.
 *
 * Tests read and arrange state through this object: `standin.shop("x").orders`, `.find(id)`.
 */

export type Attribute = { __typename: "Attribute"; key: string; value: string | null };
export type Metafield = {
  __typename: "Metafield";
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
  ownerType: string;
};

export type ShopPolicyRec = {
  __typename: "ShopPolicy";
  id: string;
  type: string;
  title: string;
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
};

export type ShopRec = {
  __typename: "Shop";
  id: string;
  name: string;
  email: string;
  contactEmail: string;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  countryCode: string;
  countryName: string;
  createdAt: string;
  updatedAt: string;
  shopOwnerName: string;
  description: string | null;
  taxesIncluded: boolean;
  taxShipping: boolean;
  weightUnit: string;
  unitSystem: string;
  enabledPresentmentCurrencies: string[];
  metafields: Metafield[];
  shopPolicies: ShopPolicyRec[];
  /** Classic (the theme's /account pages, the default here) or new customer accounts (the harness's pages). */
  customerAccountsVersion?: "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS";
};

export type ProductRec = {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  descriptionHtml: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  metafields: Metafield[];
  collectionIds: string[];
  variantIds: string[];
};

export type VariantRec = {
  __typename: "ProductVariant";
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  position: number;
  selectedOptions: { __typename: "SelectedOption"; name: string; value: string }[];
  inventoryQuantity: number;
  availableForSale: boolean;
  taxable: boolean;
  createdAt: string;
  updatedAt: string;
  metafields: Metafield[];
};

export type CollectionRec = {
  __typename: "Collection";
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string;
  sortOrder: string;
  updatedAt: string;
  productIds: string[];
  metafields: Metafield[];
};

export type MailingAddressRec = {
  __typename: "MailingAddress";
  id: string;
  firstName: string | null;
  lastName: string | null;
  address1: string;
  address2: string | null;
  city: string;
  zip: string;
  country: string;
  countryCodeV2: string;
  province: string | null;
  provinceCode: string | null;
  phone: string | null;
  company: string | null;
};

export type CustomerRec = {
  __typename: "Customer";
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  tags: string[];
  note: string | null;
  locale: string;
  state: "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";
  verifiedEmail: boolean;
  taxExempt: boolean;
  createdAt: string;
  updatedAt: string;
  defaultAddress: MailingAddressRec | null;
  metafields: Metafield[];
};

export type PricingValue =
  | { __typename: "PricingPercentageValue"; percentage: number }
  | MoneyV2;

export type DiscountApplicationRec = {
  __typename: "DiscountCodeApplication" | "AutomaticDiscountApplication" | "ManualDiscountApplication";
  index: number;
  code?: string;
  title?: string;
  description?: string | null;
  allocationMethod: "ACROSS" | "EACH";
  targetSelection: "ALL" | "ENTITLED" | "EXPLICIT";
  targetType: "LINE_ITEM" | "SHIPPING_LINE";
  value: PricingValue;
};

export type DiscountAllocationRec = {
  __typename: "DiscountAllocation";
  allocatedAmountSet: MoneyBag;
  /** Index into the order's discountApplications. */
  discountApplicationIndex: number;
};

export type LineItemRec = {
  __typename: "LineItem";
  id: string;
  orderId: string;
  title: string;
  name: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  variantId: string | null;
  productId: string | null;
  customAttributes: Attribute[];
  originalUnitPriceSet: MoneyBag;
  discountAllocations: DiscountAllocationRec[];
  requiresShipping: boolean;
  taxable: boolean;
  isGiftCard: boolean;
};

export type ShippingLineRec = {
  __typename: "ShippingLine";
  id: string;
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  custom: boolean;
  isRemoved: boolean;
  originalPriceSet: MoneyBag;
  discountedPriceSet: MoneyBag;
  currentDiscountedPriceSet: MoneyBag;
  discountAllocations: DiscountAllocationRec[];
  taxLines: never[];
};

export type FulfillmentLineItemRec = {
  __typename: "FulfillmentLineItem";
  id: string;
  fulfillmentId: string;
  lineItemId: string;
  quantity: number;
};

export type FulfillmentRec = {
  __typename: "Fulfillment";
  id: string;
  orderId: string;
  name: string;
  status: "SUCCESS" | "CANCELLED" | "ERROR" | "FAILURE" | "OPEN" | "PENDING";
  displayStatus: string;
  createdAt: string;
  updatedAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
  requiresShipping: boolean;
  trackingInfo: { __typename: "FulfillmentTrackingInfo"; company: string; number: string; url: string }[];
  fulfillmentLineItems: FulfillmentLineItemRec[];
};

export type TransactionRec = {
  __typename: "OrderTransaction";
  id: string;
  orderId: string;
  kind: "SALE" | "CAPTURE" | "AUTHORIZATION" | "REFUND" | "VOID" | "CHANGE" | "EMV_AUTHORIZATION" | "SUGGESTED_REFUND";
  status: "SUCCESS" | "FAILURE" | "PENDING" | "ERROR" | "AWAITING_RESPONSE" | "UNKNOWN";
  gateway: string;
  formattedGateway: string;
  amountSet: MoneyBag;
  parentTransactionId: string | null;
  createdAt: string;
  processedAt: string;
  test: boolean;
  manualPaymentGateway: boolean;
  manuallyCapturable: boolean;
  multiCapturable: boolean;
  fees: never[];
};

export type RefundLineItemRec = {
  __typename: "RefundLineItem";
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: "CANCEL" | "LEGACY_RESTOCK" | "NO_RESTOCK" | "RETURN";
  restocked: boolean;
  priceSet: MoneyBag;
  subtotalSet: MoneyBag;
  totalTaxSet: MoneyBag;
};

export type RefundShippingLineRec = {
  __typename: "RefundShippingLine";
  id: string;
  shippingLineId: string;
  subtotalAmountSet: MoneyBag;
  taxAmountSet: MoneyBag;
};

export type RefundRec = {
  __typename: "Refund";
  id: string;
  orderId: string;
  returnId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  refundLineItems: RefundLineItemRec[];
  refundShippingLines: RefundShippingLineRec[];
  transactionIds: string[];
};

export type ReturnLineItemRec = {
  __typename: "ReturnLineItem";
  id: string;
  returnId: string;
  fulfillmentLineItemId: string;
  quantity: number;
  processedQuantity: number;
  customerNote: string | null;
  /** The legacy enum value (deprecated), derived from the definition when the app sent one. */
  returnReason: string;
  returnReasonNote: string;
  /** A ReturnReasonDefinition id (return-reasons.ts), as `returnReasonDefinitionId` set it. */
  returnReasonDefinitionId?: string | null;
  /** What processing did with the units (returnProcess dispositions on the reverse fulfilment order line). */
  dispositions?: DispositionRec[];
  /** RestockingFeeInput.percentage as the return was made with it (returnRequest / returnCreate); its amount is worked out on the line. */
  restockingFee?: { id: string; percentage: number } | null;
};

/** A ReturnShippingFee: the fixed return-label fee a return captures, in the order's presentment currency. */
export type ReturnShippingFeeRec = { __typename: "ReturnShippingFee"; id: string; amountMinor: number };

/** A ReverseFulfillmentOrderDisposition: units of a returned line restocked, or not, at a location. */
export type DispositionRec = {
  __typename: "ReverseFulfillmentOrderDisposition";
  id: string;
  type: "MISSING" | "NOT_RESTOCKED" | "PROCESSING_REQUIRED" | "RESTOCKED";
  quantity: number;
  locationId: string | null;
  createdAt: string;
};

/** The shop's one location: where fulfilments ship from and restocked units go back to. */
export type LocationRec = { __typename: "Location"; id: string; name: string };

/** Units put back in stock by a processed return, per variant and location (what tests read). */
export type RestockRec = { variantId: string; locationId: string; quantity: number; returnId: string; at: string };

/** An item the shopper gets in exchange (returnCreate's exchangeLineItems), handed over when the return is processed. */
export type ExchangeLineItemRec = {
  __typename: "ExchangeLineItem";
  id: string;
  returnId: string;
  variantId: string;
  quantity: number;
  processedQuantity: number;
  /** The variant's price when the exchange was made, in the order's presentment currency (minor units): what the order is charged for it. */
  unitPriceMinor: number;
};

/** An order invoice Shopify emailed (orderInvoiceSend): the payment link is for the order's outstanding amount then. */
export type InvoiceRec = { orderId: string; to: string; amountMinor: number; currencyCode: string; customMessage: string | null; sentAt: string };

export type ReturnRec = {
  __typename: "Return";
  id: string;
  orderId: string;
  name: string;
  status: "CANCELED" | "CLOSED" | "DECLINED" | "OPEN" | "REQUESTED";
  createdAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
  decline: { __typename: "ReturnDecline"; reason: string; note: string | null } | null;
  returnLineItems: ReturnLineItemRec[];
  /** Absent on returns made by returnRequest (it cannot carry exchanges). */
  exchangeLineItems?: ExchangeLineItemRec[];
  refundIds: string[];
  returnShippingFees: ReturnShippingFeeRec[];
  /** Every returned item was received and inspected (the warehouse's step before processing). */
  inspectedAt?: string | null;
  /** The return could not be completed (e.g. the parcel was lost on its way back). */
  failedAt?: string | null;
  /** Parcels on their way back (reverseDeliveryCreateWithShipping on the return's reverse fulfilment order). */
  reverseDeliveries?: ReverseDeliveryRec[];
};

/**
 * A ReverseDelivery: "a buyer sending a package to a merchant" — the items sent (reverse
 * fulfilment order lines and quantities) and how (its deliverable: a label and tracking).
 */
export type ReverseDeliveryRec = {
  __typename: "ReverseDelivery";
  id: string;
  lines: { id: string; reverseLineId: string; quantity: number }[];
  tracking: { number: string | null; url: string | null; carrierName: string | null } | null;
  labelUrl: string | null;
  createdAt: string;
};

export type OrderRec = {
  __typename: "Order";
  id: string;
  name: string;
  number: number;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  /** Shop-currency units per presentment unit ("0.85" GBP per EUR); "1" or absent when they are the same. */
  presentmentRate?: string;
  tags: string[];
  note: string | null;
  customAttributes: Attribute[];
  discountCodes: string[];
  taxesIncluded: boolean;
  test: boolean;
  sourceName: string;
  lineItems: LineItemRec[];
  shippingLines: ShippingLineRec[];
  discountApplications: DiscountApplicationRec[];
  fulfillments: FulfillmentRec[];
  transactions: TransactionRec[];
  refundIds: string[];
  returnIds: string[];
  shippingAddress: MailingAddressRec | null;
  billingAddress: MailingAddressRec | null;
  metafields: Metafield[];
};

/** A market other than the shop's primary one (see ShopStore.markets). */
export type MarketRec = { name: string; countries: string[]; currencyCode: string; rate: string };

export type StoreCreditTransactionRec = {
  __typename: "StoreCreditAccountCreditTransaction" | "StoreCreditAccountDebitTransaction";
  id: string;
  accountId: string;
  amount: MoneyV2;
  balanceAfterTransaction: MoneyV2;
  remainingAmount: MoneyV2;
  createdAt: string;
  expiresAt: string | null;
  event: "ADJUSTMENT" | "ORDER_CANCELLATION" | "ORDER_PAYMENT" | "ORDER_REFUND" | "PAYMENT_FAILURE" | "PAYMENT_RETURNED" | "TAX_FINALIZATION";
  /** The refund that issued it, when it came from refundCreate / returnProcess. */
  refundId: string | null;
};

export type StoreCreditAccountRec = {
  __typename: "StoreCreditAccount";
  id: string;
  ownerId: string;
  currencyCode: string;
  transactions: StoreCreditTransactionRec[];
};

export type DraftOrderLineItemRec = {
  __typename: "DraftOrderLineItem";
  id: string;
  title: string;
  name: string;
  quantity: number;
  sku: string | null;
  variantId: string | null;
  productId: string | null;
  custom: boolean;
  customAttributes: Attribute[];
  originalUnitPriceSet: MoneyBag;
  requiresShipping: boolean;
  taxable: boolean;
};

export type DraftOrderRec = {
  __typename: "DraftOrder";
  id: string;
  name: string;
  status: "OPEN" | "INVOICE_SENT" | "COMPLETED";
  customerId: string | null;
  email: string | null;
  note2: string | null;
  tags: string[];
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  invoiceSentAt: string | null;
  invoiceToken: string;
  invoiceUrl: string;
  customAttributes: Attribute[];
  lineItems: DraftOrderLineItemRec[];
  metafields: Metafield[];
  orderId: string | null;
  /** "The shipping address of the customer": carried onto the order it completes into. */
  shippingAddress?: MailingAddressRec | null;
};

/** A code or automatic discount with its minimum spend, as DiscountCodeBasic/DiscountAutomaticBasic. */
export type DiscountNodeRec = {
  __typename: "DiscountNode";
  id: string;
  discount: {
    __typename: "DiscountCodeBasic" | "DiscountAutomaticBasic";
    title: string;
    status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
    startsAt: string;
    endsAt: string | null;
    summary: string;
    createdAt: string;
    updatedAt: string;
    codes?: { __typename: "DiscountRedeemCode"; id: string; code: string }[];
    minimumRequirement:
      | { __typename: "DiscountMinimumSubtotal"; greaterThanOrEqualToSubtotal: MoneyV2 }
      | null;
    customerGets: {
      __typename: "DiscountCustomerGets";
      value: { __typename: "DiscountPercentage"; percentage: number };
      items: { __typename: "AllDiscountItems"; allItems: boolean } | { __typename: "DiscountCollections"; collectionIds: string[] };
      appliesOnOneTimePurchase: boolean;
      appliesOnSubscription: boolean;
    };
  };
  metafields: Metafield[];
};

export type Rec =
  | ShopRec
  | ProductRec
  | VariantRec
  | CollectionRec
  | CustomerRec
  | OrderRec
  | LineItemRec
  | FulfillmentRec
  | FulfillmentLineItemRec
  | TransactionRec
  | RefundRec
  | ReturnRec
  | ReturnLineItemRec
  | ExchangeLineItemRec
  | StoreCreditAccountRec
  | StoreCreditTransactionRec
  | DraftOrderRec
  | DiscountNodeRec
  | ShopPolicyRec
  | ShippingLineRec
  | LocationRec;

/** A state change Shopify would announce; webhooks.ts turns it into a delivery per subscription. */
export type StoreEvent = { topic: string; shop: string; subject: Rec; at: string };

/** Shopify starts shops' id sequences high; so do we, so ids look like the real thing. */
const ID_BASE = 7_100_000_000;

/** Types whose ids the stand-in draws above 2^53 (9 007 199 254 740 992), where half the integers have no exact double. */
const ABOVE_2_53 = new Set(["Order", "Customer", "Refund", "Return", "Fulfillment"]);
const HIGH_ID_BASE = 9_007_199_300_000_000n;

export class ShopStore {
  readonly domain: string;
  shop: ShopRec;
  products: ProductRec[] = [];
  variants: VariantRec[] = [];
  collections: CollectionRec[] = [];
  customers: CustomerRec[] = [];
  orders: OrderRec[] = [];
  refunds: RefundRec[] = [];
  returns: ReturnRec[] = [];
  storeCreditAccounts: StoreCreditAccountRec[] = [];
  draftOrders: DraftOrderRec[] = [];
  /** Draft orders draftOrderDelete removed (a test's record; Shopify keeps none an app can read). */
  deletedDraftOrders: { id: string; name: string; tags: string[]; status: DraftOrderRec["status"]; at: string }[] = [];
  discounts: DiscountNodeRec[] = [];
  /**
   * The shop's markets beyond its primary one (Shopify Markets): buyers in `countries` see prices
   * in `currencyCode`, the shop's price converted at `rate` (market units per shop unit), as
   * `ProductVariant.contextualPricing(context: { country })` answers. A country in no market, or
   * no country, gets the primary market's: the shop's own price in the shop's currency.
   */
  markets: MarketRec[] = [];
  /** The shop's location (Fulfillment.location; a RESTOCKED disposition names it). */
  readonly location: LocationRec;
  /** Every restock a processed return made, oldest first; the variant's inventoryQuantity includes them. */
  readonly restocks: RestockRec[] = [];
  /** Every Shopify Flow trigger flowTriggerReceive accepted, oldest first (test/standin/flow.ts). */
  readonly flowTriggers: FlowTriggerCall[] = [];
  /** The handles of the app's deployed flow_trigger extensions (read from extensions/). */
  readonly flowTriggerHandles = new Set(deployedFlowTriggers().map((t) => t.handle));
  /** Every invoice orderInvoiceSend emailed, oldest first. */
  readonly invoices: InvoiceRec[] = [];
  /**
   * refundCreate's @idempotent keys → the refund the first call made, whether that call is still
   * running, and when it was first seen (a key is forgotten after `idempotencyRetentionMs`).
   */
  readonly idempotencyKeys = new Map<string, { refundId: string | null; fingerprint: string; inFlight: boolean; at: number }>();
  /** How long Shopify remembers an idempotency key; the stand-in assumes 24 hours (docs/decisions/004). */
  idempotencyRetentionMs = 24 * 3600 * 1000;
  /**
   * Each currency's store-credit limit per account, in minor units (CREDIT_LIMIT_EXCEEDED beyond
   * it). Shopify does not publish the figure; none is set unless a test sets one.
   */
  readonly storeCreditLimitMinor: Record<string, number> = {};
  /**
   * A mutation (by field name) waits for this before it runs its effect: tests hold the first of
   * two requests "still running" for as long as they need.
   */
  readonly mutationGates: Record<string, Promise<unknown>> = {};
  private readonly nodes = new Map<string, Rec>();
  private sequence = ID_BASE;
  private readonly listeners: ((event: StoreEvent) => void)[] = [];

  constructor(
    shop: Omit<ShopRec, "__typename" | "id" | "metafields" | "shopPolicies"> & { metafields?: Metafield[] },
    readonly now: () => Date = () => new Date(),
  ) {
    this.domain = shop.myshopifyDomain;
    this.shop = { __typename: "Shop", id: gid("Shop", 60_000_000_000 + (hash(shop.myshopifyDomain) % 1_000_000)), metafields: [], shopPolicies: [], ...shop };
    this.nodes.set(this.shop.id, this.shop);
    this.location = { __typename: "Location", id: gid("Location", 70_000_000_000 + (hash(shop.myshopifyDomain) % 1_000_000)), name: `${shop.name} workshop` };
    this.nodes.set(this.location.id, this.location);
  }

  /**
   * A fresh numeric id; every type draws from one sequence, so ids are unique within the shop.
   * Shopify's ids are 64-bit: orders, customers, refunds, returns and fulfillments get ids above
   * 2^53 (`ABOVE_2_53`), so anything that reads an id as a JSON number, and rounds it, shows.
   */
  nextId(type: string): string {
    this.sequence += 1;
    return gid(type, ABOVE_2_53.has(type) ? (HIGH_ID_BASE + BigInt(this.sequence)).toString() : this.sequence);
  }

  /** Registers a record (and its nested records) so `find`, `node` and `nodes` see it. */
  index<T extends Rec>(rec: T): T {
    this.nodes.set(rec.id, rec);
    if (rec.__typename === "Order") {
      for (const li of rec.lineItems) this.nodes.set(li.id, li);
      for (const f of rec.fulfillments) this.index(f);
      for (const t of rec.transactions) this.nodes.set(t.id, t);
      for (const s of rec.shippingLines) this.nodes.set(s.id, s);
    }
    if (rec.__typename === "Fulfillment") for (const fli of rec.fulfillmentLineItems) this.nodes.set(fli.id, fli);
    if (rec.__typename === "Return") for (const item of [...rec.returnLineItems, ...(rec.exchangeLineItems ?? [])]) this.nodes.set(item.id, item);
    if (rec.__typename === "StoreCreditAccount") for (const t of rec.transactions) this.nodes.set(t.id, t);
    return rec;
  }

  /** Forgets a record: `find`, `node` and `nodes` no longer see it (a deletion). */
  forget(id: string): void {
    this.nodes.delete(id);
  }

  find<T extends Rec["__typename"]>(id: string | null | undefined, type?: T): Extract<Rec, { __typename: T }> | undefined {
    if (!id) return undefined;
    const rec = this.nodes.get(id);
    if (!rec || (type && rec.__typename !== type)) return undefined;
    return rec as Extract<Rec, { __typename: T }>;
  }

  timestamp(): string {
    return iso(this.now());
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  emit(topic: string, subject: Rec): void {
    const event = { topic, shop: this.domain, subject, at: this.timestamp() };
    for (const listener of [...this.listeners]) listener(event);
  }

  /**
   * The carrier reports a fulfillment delivered (or in transit, with `at` null): what Shopify
   * announces as fulfillments/update and orders/updated.
   */
  deliver(fulfillmentId: string, at: string | null = this.timestamp()): FulfillmentRec {
    const fulfillment = this.find(fulfillmentId, "Fulfillment");
    if (!fulfillment) throw new Error(`no fulfillment ${fulfillmentId} in ${this.domain}`);
    fulfillment.deliveredAt = at;
    fulfillment.displayStatus = at ? "DELIVERED" : "IN_TRANSIT";
    fulfillment.updatedAt = this.timestamp();
    const order = this.find(fulfillment.orderId, "Order");
    if (order) order.updatedAt = fulfillment.updatedAt;
    this.emit("fulfillments/update", fulfillment);
    if (order) this.emit("orders/updated", order);
    return fulfillment;
  }

  // ---- derived values shared by resolvers, webhook payloads and the storefront ----

  orderOf(lineItemId: string): OrderRec | undefined {
    const li = this.find(lineItemId, "LineItem");
    return li ? this.find(li.orderId, "Order") : undefined;
  }

  lineItemDiscount(li: LineItemRec): number {
    return li.discountAllocations.reduce((sum, a) => sum + minorOf(a.allocatedAmountSet), 0);
  }

  /** Unit price after line and order discounts, as Shopify rounds it (down to the minor unit). */
  unitPriceAfterDiscounts(li: LineItemRec): number {
    return Math.floor((minorOf(li.originalUnitPriceSet) * li.quantity - this.lineItemDiscount(li)) / li.quantity);
  }

  lineTotalAfterDiscounts(li: LineItemRec): number {
    return minorOf(li.originalUnitPriceSet) * li.quantity - this.lineItemDiscount(li);
  }

  refundedQuantity(li: LineItemRec): number {
    const order = this.find(li.orderId, "Order");
    if (!order) return 0;
    let total = 0;
    for (const refundId of order.refundIds) {
      for (const rli of this.find(refundId, "Refund")?.refundLineItems ?? []) if (rli.lineItemId === li.id) total += rli.quantity;
    }
    return total;
  }

  fulfilledQuantity(li: LineItemRec): number {
    const order = this.find(li.orderId, "Order");
    let total = 0;
    for (const f of order?.fulfillments ?? []) {
      if (f.status !== "SUCCESS") continue;
      for (const fli of f.fulfillmentLineItems) if (fli.lineItemId === li.id) total += fli.quantity;
    }
    return total;
  }

  /** Quantity of a fulfillment line item already claimed by returns that still stand. */
  quantityInReturns(fulfillmentLineItemId: string): number {
    let total = 0;
    for (const ret of this.returns) {
      if (ret.status === "CANCELED" || ret.status === "DECLINED") continue;
      for (const rli of ret.returnLineItems) if (rli.fulfillmentLineItemId === fulfillmentLineItemId) total += rli.quantity;
    }
    return total;
  }

  /**
   * What can still be returned from a fulfilled line: fulfilled, not already claimed by a return
   * that stands, and not refunded outside a return (a refund through a return is already counted
   * by that return).
   */
  returnableQuantity(fli: FulfillmentLineItemRec): number {
    const li = this.find(fli.lineItemId, "LineItem");
    if (!li) return 0;
    const order = this.find(li.orderId, "Order");
    let claimedOnLine = 0;
    for (const f of order?.fulfillments ?? []) for (const other of f.fulfillmentLineItems) if (other.lineItemId === li.id) claimedOnLine += this.quantityInReturns(other.id);
    let refundedOutsideReturns = 0;
    for (const refundId of order?.refundIds ?? []) {
      const refund = this.find(refundId, "Refund");
      if (!refund || refund.returnId) continue;
      for (const rli of refund.refundLineItems) if (rli.lineItemId === li.id) refundedOutsideReturns += rli.quantity;
    }
    return Math.max(0, Math.min(fli.quantity - this.quantityInReturns(fli.id), li.quantity - claimedOnLine - refundedOutsideReturns));
  }

  /** The market a buyer in `country` buys in, or null for the primary market (the shop's currency and prices). */
  marketFor(country: string | null | undefined): MarketRec | null {
    return (country && this.markets.find((m) => m.countries.includes(country))) || null;
  }

  /**
   * A variant's price for a buyer in `country` (ProductVariant.contextualPricing): in the
   * country's market currency at the market's rate, else the shop's price. Minor units and currency.
   */
  contextualPrice(variant: VariantRec, country: string | null | undefined): { minor: number; currencyCode: string; compareAtMinor: number | null } {
    const market = this.marketFor(country);
    const shopCurrency = this.shop.currencyCode;
    const at = (price: string) => (market ? convert(minorUnits(price, shopCurrency), shopCurrency, market.currencyCode, market.rate) : minorUnits(price, shopCurrency));
    return { minor: at(variant.price), currencyCode: market?.currencyCode ?? shopCurrency, compareAtMinor: variant.compareAtPrice ? at(variant.compareAtPrice) : null };
  }

  /**
   * A variant's price in an order's presentment currency (minor units): its price when the
   * currencies are the same; the price of the order's market (by shipping country) when that
   * market sells in the order's currency; else converted at the inverse of the order's rate (shop
   * units per presentment unit), to nine decimal places.
   */
  variantPriceFor(order: OrderRec, variant: VariantRec): number {
    const shopMinor = minorUnits(variant.price, order.currencyCode);
    if (order.presentmentCurrencyCode === order.currencyCode) return shopMinor;
    const market = this.marketFor(order.shippingAddress?.countryCodeV2 ?? order.billingAddress?.countryCodeV2);
    if (market && market.currencyCode === order.presentmentCurrencyCode) return this.contextualPrice(variant, order.shippingAddress?.countryCodeV2 ?? order.billingAddress?.countryCodeV2).minor;
    const [whole, fraction = ""] = (order.presentmentRate ?? "1").split(".");
    const scaled = 10n ** BigInt(9 + fraction.length) / BigInt(whole + fraction);
    const inverse = `${scaled / 10n ** 9n}.${String(scaled % 10n ** 9n).padStart(9, "0")}`;
    return convert(shopMinor, order.currencyCode, order.presentmentCurrencyCode, inverse);
  }

  shippingTotal(order: OrderRec): number {
    return order.shippingLines.reduce((sum, s) => sum + minorOf(s.discountedPriceSet), 0);
  }

  subtotal(order: OrderRec): number {
    return order.lineItems.reduce((sum, li) => sum + this.lineTotalAfterDiscounts(li), 0);
  }

  originalTotal(order: OrderRec): number {
    return this.subtotal(order) + this.shippingTotal(order);
  }

  totalDiscounts(order: OrderRec): number {
    const lines = order.lineItems.reduce((sum, li) => sum + this.lineItemDiscount(li), 0);
    const shipping = order.shippingLines.reduce((sum, s) => sum + minorOf(s.originalPriceSet) - minorOf(s.discountedPriceSet), 0);
    return lines + shipping;
  }

  /** VAT inside a tax-inclusive UK price: 20/120 of it. */
  includedTax(minor: number): number {
    return this.shop.taxesIncluded ? Math.round((minor * 20) / 120) : 0;
  }

  transactionsOf(order: OrderRec, kinds: TransactionRec["kind"][]): TransactionRec[] {
    return order.transactions.filter((t) => t.status === "SUCCESS" && kinds.includes(t.kind));
  }

  received(order: OrderRec): number {
    return this.transactionsOf(order, ["SALE", "CAPTURE"]).reduce((sum, t) => sum + minorOf(t.amountSet), 0);
  }

  refundedAmount(order: OrderRec): number {
    return this.transactionsOf(order, ["REFUND"]).reduce((sum, t) => sum + minorOf(t.amountSet), 0);
  }

  /** What processed exchanges added to the order: each exchange item handed over, at its price when the exchange was made. */
  exchangeAdded(order: OrderRec): number {
    return this.returns
      .filter((r) => r.orderId === order.id)
      .flatMap((r) => r.exchangeLineItems ?? [])
      .reduce((sum, x) => sum + x.unitPriceMinor * x.processedQuantity, 0);
  }

  /** The value of the items and shipping refunds took off the order (with or without money going back). */
  refundedValue(order: OrderRec): number {
    return order.refundIds
      .map((id) => this.find(id, "Refund"))
      .reduce((sum, r) => sum + (r?.refundLineItems ?? []).reduce((s, l) => s + minorOf(l.subtotalSet), 0) + (r?.refundShippingLines ?? []).reduce((s, l) => s + minorOf(l.subtotalAmountSet), 0), 0);
  }

  /**
   * Order.totalOutstandingSet: the order as it stands (its items less those refunds took off,
   * plus exchange items handed over) less the net payment. Positive: the customer owes it (an
   * exchange for a dearer item); negative: the difference is in the customer's favour.
   */
  outstanding(order: OrderRec): number {
    return this.originalTotal(order) + this.exchangeAdded(order) - this.refundedValue(order) - (this.received(order) - this.refundedAmount(order));
  }

  /** What a transaction can still give back: its amount less the refunds made against it. */
  refundableFrom(transaction: TransactionRec): number {
    const order = this.find(transaction.orderId, "Order");
    const refunded = (order?.transactions ?? [])
      .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS" && t.parentTransactionId === transaction.id)
      .reduce((sum, t) => sum + minorOf(t.amountSet), 0);
    return minorOf(transaction.amountSet) - refunded;
  }

  refundTotal(refund: RefundRec): number {
    return refund.transactionIds.reduce((sum, id) => sum + minorOf(this.find(id, "OrderTransaction")?.amountSet ?? moneyBag(0, "GBP")), 0);
  }

  financialStatus(order: OrderRec): "PAID" | "PARTIALLY_PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "PENDING" {
    const received = this.received(order);
    const refunded = this.refundedAmount(order);
    // An order whose total is nothing (a draft completed at 0.00) is paid: there is nothing to collect.
    if (received === 0) return this.originalTotal(order) === 0 && refunded === 0 ? "PAID" : "PENDING";
    // An exchange for a dearer item leaves a balance the customer still owes.
    if (this.outstanding(order) > 0) return "PARTIALLY_PAID";
    if (refunded === 0) return "PAID";
    return refunded >= received ? "REFUNDED" : "PARTIALLY_REFUNDED";
  }

  fulfillmentStatus(order: OrderRec): "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED" {
    const ordered = order.lineItems.filter((li) => li.requiresShipping).reduce((sum, li) => sum + li.quantity, 0);
    const fulfilled = order.lineItems.reduce((sum, li) => sum + this.fulfilledQuantity(li), 0);
    if (fulfilled === 0) return "UNFULFILLED";
    return fulfilled >= ordered ? "FULFILLED" : "PARTIALLY_FULFILLED";
  }

  /**
   * Order.returnStatus: "the order's aggregated return status … An order might have multiple
   * returns, so this field communicates the prioritized return status" (OrderReturnStatus, 2026-10).
   * Each return that stands maps to one value (CANCELED and DECLINED returns to none):
   * REQUESTED → RETURN_REQUESTED; OPEN → IN_PROGRESS, or INSPECTION_COMPLETE once "all return
   * shipments … were inspected"; CLOSED → RETURNED; a return that "was not completed
   * successfully" → RETURN_FAILED. Shopify does not publish its precedence; the stand-in shows
   * what needs the merchant first (RETURN_STATUS_PRIORITY), so an app must read the returns
   * themselves, never infer from this value which returns are open.
   */
  returnStatus(order: OrderRec): OrderReturnStatus {
    let best: OrderReturnStatus = "NO_RETURN";
    for (const id of order.returnIds) {
      const ret = this.find(id, "Return");
      if (!ret) continue;
      const status = returnDisplayStatus(ret);
      if (status && RETURN_STATUS_PRIORITY.indexOf(status) < RETURN_STATUS_PRIORITY.indexOf(best)) best = status;
    }
    return best;
  }

  /** The warehouse has received and inspected everything on an open return (Shopify: dispositions on its reverse fulfilment order). */
  inspectReturn(returnId: string): ReturnRec {
    const ret = this.find(returnId, "Return");
    if (!ret || ret.status !== "OPEN") throw new Error(`no open return ${returnId} in ${this.domain}`);
    ret.inspectedAt = this.timestamp();
    this.emit("returns/update", ret);
    return ret;
  }

  /** The return could not be completed (lost in transit): Shopify shows RETURN_FAILED on the order. */
  failReturn(returnId: string): ReturnRec {
    const ret = this.find(returnId, "Return");
    if (!ret || (ret.status !== "OPEN" && ret.status !== "REQUESTED")) throw new Error(`no open return ${returnId} in ${this.domain}`);
    ret.failedAt = this.timestamp();
    this.emit("returns/update", ret);
    return ret;
  }

  storeCreditAccount(ownerId: string, currencyCode: string): StoreCreditAccountRec | undefined {
    return this.storeCreditAccounts.find((a) => a.ownerId === ownerId && a.currencyCode === currencyCode);
  }

  balance(account: StoreCreditAccountRec): number {
    const last = account.transactions.at(-1);
    return last ? minorOf(last.balanceAfterTransaction) : 0;
  }

  /** Credits a customer's account in a currency, opening the account on first use (as Shopify does). */
  creditStoreCredit(
    ownerId: string,
    minor: number,
    currencyCode: string,
    options: { expiresAt?: string | null; event: StoreCreditTransactionRec["event"]; refundId?: string | null },
  ): StoreCreditTransactionRec {
    let account = this.storeCreditAccount(ownerId, currencyCode);
    if (!account) {
      account = this.index({ __typename: "StoreCreditAccount", id: this.nextId("StoreCreditAccount"), ownerId, currencyCode, transactions: [] });
      this.storeCreditAccounts.push(account);
    }
    const balanceAfter = this.balance(account) + minor;
    const tx: StoreCreditTransactionRec = {
      __typename: "StoreCreditAccountCreditTransaction",
      id: this.nextId("StoreCreditAccountCreditTransaction"),
      accountId: account.id,
      amount: moneyV2(minor, currencyCode),
      balanceAfterTransaction: moneyV2(balanceAfter, currencyCode),
      remainingAmount: moneyV2(minor, currencyCode),
      createdAt: this.timestamp(),
      expiresAt: options.expiresAt ?? null,
      event: options.event,
      refundId: options.refundId ?? null,
    };
    account.transactions.push(tx);
    this.index(tx);
    return tx;
  }
}

export type OrderReturnStatus = "NO_RETURN" | "RETURN_REQUESTED" | "IN_PROGRESS" | "INSPECTION_COMPLETE" | "RETURNED" | "RETURN_FAILED";

/** The stand-in's precedence for Order.returnStatus, first wins: what needs the merchant soonest. */
export const RETURN_STATUS_PRIORITY: readonly OrderReturnStatus[] = ["RETURN_FAILED", "INSPECTION_COMPLETE", "IN_PROGRESS", "RETURN_REQUESTED", "RETURNED", "NO_RETURN"];

function returnDisplayStatus(ret: ReturnRec): OrderReturnStatus | null {
  if (ret.status === "CANCELED" || ret.status === "DECLINED") return null;
  if (ret.failedAt) return "RETURN_FAILED";
  if (ret.status === "REQUESTED") return "RETURN_REQUESTED";
  if (ret.status === "CLOSED") return "RETURNED";
  return ret.inspectedAt ? "INSPECTION_COMPLETE" : "IN_PROGRESS";
}

export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}
