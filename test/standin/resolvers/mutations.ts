import { randomBytes } from "node:crypto";

import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";

import { flowTriggerReceive } from "../flow";
import { legacyId, parseGid } from "../ids";
import { returnReasonDefinition } from "../return-reasons";
import { minorUnits, moneyBag } from "../money";
import type { Attribute, DispositionRec, MailingAddressRec, DraftOrderLineItemRec, DraftOrderRec, ExchangeLineItemRec, OrderRec, ReturnLineItemRec, ReturnRec, ShopStore } from "../store";
import { draftOrderComplete, draftOrderDelete, draftOrderInvoiceSend } from "../draft-orders";
import { reverseFulfillmentOrders, reverseLineId, type Args, type Ctx } from "./fields";
import { applyRefund, checkRefund, moneyInput, type RefundPlan, type UserError } from "./refunds";
import { removeFromReturn } from "./remove-from-return";

type Resolver = (args: Args, ctx: Ctx, info: GraphQLResolveInfo) => unknown;

/**
 * The mutations Aftercare sends, with Shopify's semantics: state changes only when nothing is
 * wrong, and what Shopify would refuse comes back as `userErrors` (or a top-level error where
 * Shopify gives one). Each change announces itself to the webhook dispatcher.
 */
export function mutationRoot(): Record<string, Resolver> {
  return {
    refundCreate,
    returnRequest: (args, ctx) => createReturn(ctx.store, args.input as ReturnCreateInput, "REQUESTED"),
    returnCreate: (args, ctx) => createReturn(ctx.store, args.returnInput as ReturnCreateInput, "OPEN"),
    returnApproveRequest: (args, ctx) =>
      transition(ctx.store, String((args.input as { id: string }).id), ["REQUESTED"], "approved", (ret) => {
        ret.status = "OPEN";
        ret.requestApprovedAt = ctx.store.timestamp();
        return "returns/approve";
      }),
    returnDeclineRequest: (args, ctx) => {
      const input = args.input as { id: string; declineReason: string; declineNote?: string | null };
      // ReturnDeclineRequestInput.declineNote: "Maximum length: 500 characters."
      if (input.declineNote && characters(input.declineNote) > 500) return { return: null, ...returnError(["input", "declineNote"], "Decline note is too long (maximum is 500 characters)", "TOO_LONG") };
      return transition(ctx.store, input.id, ["REQUESTED"], "declined", (ret) => {
        ret.status = "DECLINED";
        ret.decline = { __typename: "ReturnDecline", reason: input.declineReason, note: input.declineNote ?? null };
        return "returns/decline";
      });
    },
    returnClose: (args, ctx) =>
      transition(ctx.store, String(args.id), ["OPEN"], "closed", (ret) => {
        ret.status = "CLOSED";
        ret.closedAt = ctx.store.timestamp();
        return "returns/close";
      }),
    returnCancel: (args, ctx) =>
      transition(ctx.store, String(args.id), ["REQUESTED", "OPEN"], "canceled", (ret) => {
        if (ret.returnLineItems.some((rli) => rli.processedQuantity > 0)) return returnError(["id"], "Return has processed items and can't be canceled.", "INVALID_STATE");
        ret.status = "CANCELED";
        return "returns/cancel";
      }),
    returnProcess,
    removeFromReturn,
    reverseDeliveryCreateWithShipping,
    orderInvoiceSend,
    storeCreditAccountCredit,
    draftOrderCreate,
    draftOrderInvoiceSend,
    draftOrderComplete,
    draftOrderDelete,
    tagsAdd: (args, ctx) => changeTags(ctx.store, String(args.id), args.tags as string[], "add"),
    tagsRemove: (args, ctx) => changeTags(ctx.store, String(args.id), args.tags as string[], "remove"),
    shopPolicyUpdate,
    flowTriggerReceive: (args, ctx) => flowTriggerReceive(ctx.store, args as { handle?: string | null; payload?: unknown; body?: string | null }),
  };
}

/** Shopify counts a text's length in characters (code points), not UTF-16 units. */
function characters(text: string): number {
  return [...text].length;
}

// ---------------------------------------------------------------- refunds

/** The mutations whose 2026-10 description makes `@idempotent(key:)` mandatory. */
function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective("idempotent");
  if (!directive) return undefined;
  const values = getDirectiveValues(directive, info.fieldNodes[0], info.variableValues);
  return values ? String(values.key) : undefined;
}

/**
 * refundCreate. Since 2026-04 a call without `@idempotent(key:)` is refused at runtime (the
 * schema cannot say so: the directive is optional there), and a key seen before returns the
 * first call's refund instead of paying twice; the same key with other input is refused
 * (IDEMPOTENCY_KEY_PARAMETER_MISMATCH in the mutations that have typed codes).
 * https://shopify.dev/changelog/making-idempotency-mandatory-for-inventory-adjustments-and-refund-mutations
 * A duplicate that arrives while the first call is still running gets IDEMPOTENCY_CONCURRENT_REQUEST's
 * answer ("This request is currently in progress, please try again." — refundCreate's UserError
 * has no code field, so the message alone; `mutationGates` holds a first request open), and a key older than the retention window is
 * forgotten: the same key then creates a new refund
 * (https://shopify.dev/docs/api/usage/implementing-idempotency).
 */
const refundCreate: Resolver = async (args, ctx, info) => {
  const key = idempotencyKey(info);
  if (key === undefined) {
    throw new GraphQLError("The @idempotent directive is required for this mutation. Provide a unique key with @idempotent(key: \"...\").", {
      nodes: info.fieldNodes,
      path: [info.path.key],
      extensions: { code: "IDEMPOTENCY_KEY_REQUIRED" },
    });
  }
  if (!key.trim()) {
    throw new GraphQLError("The idempotency key cannot be an empty string or whitespace only.", {
      nodes: info.fieldNodes,
      path: [info.path.key],
      extensions: { code: "BAD_REQUEST" },
    });
  }
  const store = ctx.store;
  const input = args.input as RefundInput;
  const fingerprint = JSON.stringify(input);
  const slot = `refundCreate:${key}`;
  const now = store.now().getTime();
  let seen = store.idempotencyKeys.get(slot);
  if (seen && !seen.inFlight && now - seen.at >= store.idempotencyRetentionMs) {
    store.idempotencyKeys.delete(slot);
    seen = undefined;
  }
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      return { refund: null, order: null, userErrors: [{ field: null, message: "The same idempotency key cannot be used with different operation parameters." }] };
    }
    if (seen.inFlight) return { refund: null, order: null, userErrors: [{ field: null, message: "This request is currently in progress, please try again." }] };
    const refund = store.find(seen.refundId, "Refund");
    return { refund: refund ?? null, order: refund ? store.find(refund.orderId, "Order") : null, userErrors: refund ? [] : [{ field: null, message: "A previous request with this idempotency key failed. Retry with a new idempotency key." }] };
  }
  const entry = { refundId: null as string | null, fingerprint, inFlight: true, at: now };
  store.idempotencyKeys.set(slot, entry);
  const gate = store.mutationGates.refundCreate;
  if (gate) await gate;
  const result = createRefund(store, input);
  entry.refundId = result.refund?.id ?? null;
  entry.inFlight = false;
  return result;
};

type RefundInput = {
  orderId: string;
  currency?: string | null;
  note?: string | null;
  notify?: boolean;
  allowOverRefunding?: boolean;
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null }[] | null;
  shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
  transactions?: { amount: string; gateway: string; kind: string; orderId: string; parentId?: string | null }[] | null;
  refundMethods?: { storeCreditRefund?: { amount: unknown; expiresAt?: string | null } | null }[] | null;
};

function createRefund(store: ShopStore, input: RefundInput) {
  const order = store.find(input.orderId, "Order");
  if (!order) return { refund: null, order: null, userErrors: [{ field: ["orderId"], message: "Order does not exist" }] };
  if (input.currency && input.currency !== order.presentmentCurrencyCode) {
    return { refund: null, order, userErrors: [{ field: ["currency"], message: `Currency must be the order's presentment currency (${order.presentmentCurrencyCode})` }] };
  }
  const errors: UserError[] = [];
  (input.transactions ?? []).forEach((t, i) => {
    if (t.kind !== "REFUND") errors.push({ field: ["transactions", i, "kind"], message: "Kind must be refund" });
    if (t.orderId !== order.id) errors.push({ field: ["transactions", i, "orderId"], message: "Transaction must belong to the refunded order" });
  });
  const plan: RefundPlan = {
    order,
    lines: (input.refundLineItems ?? []).map((l, i) => ({
      lineItemId: l.lineItemId,
      quantity: l.quantity,
      restockType: (l.restockType ?? "NO_RESTOCK") as RefundPlan["lines"][number]["restockType"],
      field: ["refundLineItems", i],
    })),
    shipping: input.shipping
      ? { full: Boolean(input.shipping.fullRefund), amount: input.shipping.fullRefund ? null : input.shipping.amount ? minorUnits(input.shipping.amount, order.presentmentCurrencyCode) : 0, field: ["shipping", "amount"] }
      : null,
    transactions: (input.transactions ?? []).map((t, i) => ({ parentId: t.parentId ?? null, amount: minorUnits(t.amount, order.presentmentCurrencyCode), gateway: t.gateway, field: ["transactions", i] })),
    storeCredit: (input.refundMethods ?? []).flatMap((m, i) =>
      m.storeCreditRefund ? [{ ...moneyInput(m.storeCreditRefund.amount), expiresAt: m.storeCreditRefund.expiresAt ?? null, field: ["refundMethods", i, "storeCreditRefund"] }] : [],
    ),
    allowOverRefunding: Boolean(input.allowOverRefunding),
    note: input.note ?? null,
    returnId: null,
  };
  errors.push(...checkRefund(store, plan));
  if (errors.length) return { refund: null, order, userErrors: errors };
  const refund = applyRefund(store, plan);
  store.emit("refunds/create", refund);
  store.emit("orders/updated", order);
  return { refund, order, userErrors: [] };
}

// ---------------------------------------------------------------- returns

type ReturnCreateInput = {
  orderId: string;
  returnLineItems: {
    fulfillmentLineItemId: string;
    quantity: number;
    returnReason?: string | null;
    returnReasonDefinitionId?: string | null;
    customerNote?: string | null;
    returnReasonNote?: string | null;
    restockingFee?: { percentage: number } | null;
  }[];
  /** ReturnShippingFeeInput: "The value of the fee as a fixed amount in the presentment currency of the order." */
  returnShippingFee?: { amount: unknown } | null;
  /** returnCreate only (ReturnInput.exchangeLineItems); returnRequest's input has no such field. */
  exchangeLineItems?: { variantId?: string | null; quantity: number }[] | null;
};

/**
 * reverseDeliveryCreateWithShipping (2026-10): "Creates a new reverse delivery with associated
 * external shipping information" on a reverse fulfilment order (one per open return here, see
 * fields.ts). "If an empty array is provided, then this mutation will create a reverse delivery
 * line item for each reverse fulfillment order line item, with its quantity equal to the reverse
 * fulfillment order line item total quantity." Each call makes a new delivery: Shopify does not
 * merge two calls with the same tracking number, so a caller that resends makes a second one.
 */
function reverseDeliveryCreateWithShipping(args: Args, ctx: Ctx) {
  const store = ctx.store;
  const rfoId = String(args.reverseFulfillmentOrderId);
  const ret = store.returns.find((r) => `gid://shopify/ReverseFulfillmentOrder/${legacyId(r.id)}` === rfoId);
  if (!ret || (ret.status !== "OPEN" && ret.status !== "CLOSED")) return { reverseDelivery: null, ...returnError(["reverseFulfillmentOrderId"], "Reverse fulfillment order does not exist.", "NOT_FOUND") };
  if (ret.status !== "OPEN") return { reverseDelivery: null, ...returnError(["reverseFulfillmentOrderId"], "Reverse fulfillment order is closed.", "INVALID_STATE") };
  const wanted = (args.reverseDeliveryLineItems ?? []) as { reverseFulfillmentOrderLineItemId: string; quantity: number }[];
  const errors: UserError[] = [];
  const lines = wanted.length
    ? wanted.map((w, i) => {
        const rli = ret.returnLineItems.find((x) => reverseLineId(x) === w.reverseFulfillmentOrderLineItemId);
        if (!rli) errors.push({ __typename: "ReturnUserError", field: ["reverseDeliveryLineItems", i, "reverseFulfillmentOrderLineItemId"], message: "Reverse fulfillment order line item does not exist.", code: "NOT_FOUND" });
        else if (w.quantity <= 0 || w.quantity > rli.quantity) errors.push({ __typename: "ReturnUserError", field: ["reverseDeliveryLineItems", i, "quantity"], message: `Quantity must be between 1 and ${rli.quantity}.`, code: "INVALID" });
        return { id: store.nextId("ReverseDeliveryLineItem"), reverseLineId: w.reverseFulfillmentOrderLineItemId, quantity: w.quantity };
      })
    : ret.returnLineItems.map((rli) => ({ id: store.nextId("ReverseDeliveryLineItem"), reverseLineId: reverseLineId(rli), quantity: rli.quantity }));
  const tracking = args.trackingInput as { number?: string | null; url?: string | null } | null | undefined;
  if (tracking?.url && !/^https?:\/\/[^\s]+$/.test(tracking.url)) errors.push({ __typename: "ReturnUserError", field: ["trackingInput", "url"], message: "Url is invalid.", code: "INVALID" });
  const label = args.labelInput as { fileUrl: string } | null | undefined;
  if (errors.length) return { reverseDelivery: null, userErrors: errors };
  const delivery = {
    __typename: "ReverseDelivery" as const,
    id: store.nextId("ReverseDelivery"),
    lines,
    tracking: tracking && (tracking.number || tracking.url) ? { number: tracking.number ?? null, url: tracking.url ?? null, carrierName: null } : null,
    labelUrl: label?.fileUrl ?? null,
    createdAt: store.timestamp(),
  };
  (ret.reverseDeliveries ??= []).push(delivery);
  const rfo = reverseFulfillmentOrders(store, ret)[0]!;
  return { reverseDelivery: rfo.reverseDeliveries.find((d) => d.id === delivery.id), userErrors: [] };
}

function returnError(field: (string | number)[] | null, message: string, code: string): { userErrors: UserError[] } {
  return { userErrors: [{ __typename: "ReturnUserError", field, message, code }] };
}

function createReturn(store: ShopStore, input: ReturnCreateInput, status: "REQUESTED" | "OPEN") {
  const order = store.find(input.orderId, "Order");
  if (!order) return { return: null, ...returnError(["input", "orderId"], "Order does not exist.", "NOT_FOUND") };
  if (!input.returnLineItems.length) return { return: null, ...returnError(["input", "returnLineItems"], "Return must have at least one line item.", "BLANK") };
  const errors: UserError[] = [];
  const inputField = status === "REQUESTED" ? "input" : "returnInput";
  const wanted = new Map<string, number>();
  input.returnLineItems.forEach((line, i) => {
    const fli = store.find(line.fulfillmentLineItemId, "FulfillmentLineItem");
    const fulfillment = fli ? store.find(fli.fulfillmentId, "Fulfillment") : undefined;
    if (!fli || fulfillment?.orderId !== order.id) {
      errors.push({ __typename: "ReturnUserError", field: ["input", "returnLineItems", String(i), "fulfillmentLineItemId"], message: "Fulfillment line item does not exist.", code: "NOT_FOUND" });
      return;
    }
    if (line.returnReasonDefinitionId && !returnReasonDefinition(line.returnReasonDefinitionId)) {
      errors.push({ __typename: "ReturnUserError", field: [inputField, "returnLineItems", String(i), "returnReasonDefinitionId"], message: "Return reason definition does not exist.", code: "NOT_FOUND" });
    }
    // ReturnRequestLineItemInput.customerNote: "Maximum length: 300 characters."
    if (line.customerNote && characters(line.customerNote) > 300) {
      errors.push({ __typename: "ReturnUserError", field: ["input", "returnLineItems", String(i), "customerNote"], message: "Customer note is too long (maximum is 300 characters)", code: "TOO_LONG" });
    }
    const percentage = line.restockingFee?.percentage;
    if (percentage !== undefined && percentage !== null && (!(percentage >= 0) || percentage > 100)) {
      errors.push({ __typename: "ReturnUserError", field: [inputField, "returnLineItems", String(i), "restockingFee", "percentage"], message: "Restocking fee percentage must be between 0 and 100.", code: "INVALID" });
    }
    const total = (wanted.get(fli.id) ?? 0) + line.quantity;
    wanted.set(fli.id, total);
    if (line.quantity <= 0) {
      errors.push({ __typename: "ReturnUserError", field: ["input", "returnLineItems", String(i), "quantity"], message: "Quantity must be greater than 0.", code: "GREATER_THAN" });
    } else if (total > store.returnableQuantity(fli)) {
      errors.push({
        __typename: "ReturnUserError",
        field: ["input", "returnLineItems", String(i), "quantity"],
        message: `Quantity must be less than or equal to the returnable quantity (${store.returnableQuantity(fli)}).`,
        code: "LESS_THAN_OR_EQUAL_TO",
      });
    }
  });
  (input.exchangeLineItems ?? []).forEach((line, i) => {
    const variant = store.find(line.variantId, "ProductVariant");
    const field = ["returnInput", "exchangeLineItems", String(i)];
    if (!variant) errors.push({ __typename: "ReturnUserError", field: [...field, "variantId"], message: "Variant does not exist.", code: "NOT_FOUND" });
    else if (line.quantity <= 0) errors.push({ __typename: "ReturnUserError", field: [...field, "quantity"], message: "Quantity must be greater than 0.", code: "GREATER_THAN" });
    else if (!variant.availableForSale || variant.inventoryQuantity < line.quantity) {
      errors.push({ __typename: "ReturnUserError", field: [...field, "variantId"], message: `${variant.title} is out of stock.`, code: "INVALID" });
    }
  });
  const shippingFee = input.returnShippingFee ? moneyInput(input.returnShippingFee.amount) : null;
  if (shippingFee && shippingFee.currencyCode !== order.presentmentCurrencyCode) {
    errors.push({ __typename: "ReturnUserError", field: [inputField, "returnShippingFee", "amount", "currencyCode"], message: `Return shipping fee must be in the order's presentment currency (${order.presentmentCurrencyCode}).`, code: "INVALID" });
  } else if (shippingFee && shippingFee.amount < 0) {
    errors.push({ __typename: "ReturnUserError", field: [inputField, "returnShippingFee", "amount", "amount"], message: "Return shipping fee must be greater than or equal to 0.", code: "GREATER_THAN_OR_EQUAL_TO" });
  }
  if (errors.length) return { return: null, userErrors: errors };
  const now = store.timestamp();
  const ret: ReturnRec = {
    __typename: "Return",
    id: store.nextId("Return"),
    orderId: order.id,
    name: `${order.name}-R${order.returnIds.length + 1}`,
    status,
    createdAt: now,
    requestApprovedAt: status === "OPEN" ? now : null,
    closedAt: null,
    decline: null,
    returnLineItems: [],
    refundIds: [],
    returnShippingFees: shippingFee && shippingFee.amount > 0 ? [{ __typename: "ReturnShippingFee", id: store.nextId("ReturnShippingFee"), amountMinor: shippingFee.amount }] : [],
  };
  for (const line of input.returnLineItems) {
    const rli: ReturnLineItemRec = {
      __typename: "ReturnLineItem",
      id: store.nextId("ReturnLineItem"),
      returnId: ret.id,
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      quantity: line.quantity,
      processedQuantity: 0,
      customerNote: line.customerNote ?? null,
      returnReason: line.returnReason ?? returnReasonDefinition(line.returnReasonDefinitionId)?.legacy ?? "UNKNOWN",
      returnReasonNote: line.returnReasonNote ?? "",
      returnReasonDefinitionId: line.returnReasonDefinitionId ?? null,
      restockingFee: line.restockingFee && line.restockingFee.percentage > 0 ? { id: store.nextId("RestockingFee"), percentage: line.restockingFee.percentage } : null,
    };
    ret.returnLineItems.push(rli);
  }
  if (input.exchangeLineItems?.length) {
    ret.exchangeLineItems = input.exchangeLineItems.map(
      (line): ExchangeLineItemRec => ({
        __typename: "ExchangeLineItem",
        id: store.nextId("ExchangeLineItem"),
        returnId: ret.id,
        variantId: String(line.variantId),
        quantity: line.quantity,
        processedQuantity: 0,
        // Priced when the exchange is made, in the order's currency: processing adds it to the order.
        unitPriceMinor: store.variantPriceFor(order, store.find(line.variantId, "ProductVariant")!),
      }),
    );
  }
  order.returnIds.push(ret.id);
  order.updatedAt = now;
  store.returns.push(store.index(ret));
  store.emit(status === "REQUESTED" ? "returns/request" : "returns/approve", ret);
  return { return: ret, userErrors: [] };
}

/** A status change Shopify allows only from certain statuses (approving a declined return is refused). */
function transition(store: ShopStore, id: string, from: ReturnRec["status"][], verb: string, apply: (ret: ReturnRec) => string | { userErrors: UserError[] }) {
  const ret = store.find(id, "Return");
  if (!ret) return { return: null, ...returnError(["id"], "Return does not exist.", "NOT_FOUND") };
  if (!from.includes(ret.status)) {
    return {
      return: ret,
      ...returnError(["id"], `Return is not ${verb === "approved" ? "approvable" : verb === "declined" ? "declinable" : verb === "closed" ? "closable" : "cancelable"}. Only returns with status ${from.join(" or ")} can be ${verb}.`, "INVALID_STATE"),
    };
  }
  const outcome = apply(ret);
  if (typeof outcome !== "string") return { return: ret, ...outcome };
  const order = store.find(ret.orderId, "Order");
  if (order) order.updatedAt = store.timestamp();
  store.emit(outcome, ret);
  return { return: ret, userErrors: [] };
}

type ReturnProcessInput = {
  returnId: string;
  returnLineItems?: { id: string; quantity: number; dispositions?: { dispositionType: DispositionRec["type"]; quantity: number; reverseFulfillmentOrderLineItemId: string; locationId?: string | null }[] | null }[] | null;
  exchangeLineItems?: { id: string; quantity: number }[] | null;
  refundShipping?: { fullRefund?: boolean | null; shippingRefundAmount?: unknown } | null;
  financialTransfer?: {
    issueRefund?: {
      allowOverRefunding?: boolean | null;
      orderTransactions: { parentId: string; transactionAmount: unknown }[];
      refundMethods?: { storeCreditRefund?: { amount: unknown; expiresAt?: string | null } | null }[] | null;
    } | null;
  } | null;
  note?: string | null;
};

/** Confirms returned quantities, refunds them (money and/or store credit) and closes a fully processed return. */
const returnProcess: Resolver = (args, ctx) => {
  const store = ctx.store;
  const input = args.input as ReturnProcessInput;
  const ret = store.find(input.returnId, "Return");
  if (!ret) return { return: null, ...returnError(["input", "returnId"], "Return does not exist.", "NOT_FOUND") };
  if (ret.status !== "OPEN") return { return: ret, ...returnError(["input", "returnId"], `Return is not processable. Only returns with status OPEN can be processed.`, "INVALID_STATE") };
  const order = store.find(ret.orderId, "Order") as OrderRec;
  const errors: UserError[] = [];
  const lines: RefundPlan["lines"] = [];
  (input.returnLineItems ?? []).forEach((line, i) => {
    const rli = ret.returnLineItems.find((r) => r.id === line.id);
    if (!rli) {
      errors.push({ __typename: "ReturnUserError", field: ["input", "returnLineItems", String(i), "id"], message: "Return line item does not exist.", code: "NOT_FOUND" });
      return;
    }
    if (line.quantity <= 0 || line.quantity > rli.quantity - rli.processedQuantity) {
      errors.push({ __typename: "ReturnUserError", field: ["input", "returnLineItems", String(i), "quantity"], message: `Quantity must be between 1 and the unprocessed quantity (${rli.quantity - rli.processedQuantity}).`, code: "INVALID" });
      return;
    }
    // Dispositions: on this line's reverse fulfilment order line, no more units than processed now,
    // and a location for RESTOCKED ("required when the disposition type is RESTOCKED").
    let disposing = 0;
    (line.dispositions ?? []).forEach((d, j) => {
      const field = ["input", "returnLineItems", String(i), "dispositions", String(j)];
      disposing += d.quantity;
      if (d.reverseFulfillmentOrderLineItemId !== reverseLineId(rli)) errors.push({ __typename: "ReturnUserError", field: [...field, "reverseFulfillmentOrderLineItemId"], message: "Reverse fulfillment order line item does not exist.", code: "NOT_FOUND" });
      else if (d.quantity <= 0 || disposing > line.quantity) errors.push({ __typename: "ReturnUserError", field: [...field, "quantity"], message: `Quantity must be between 1 and the processed quantity (${line.quantity}).`, code: "INVALID" });
      else if (d.dispositionType === "RESTOCKED" && !d.locationId) errors.push({ __typename: "ReturnUserError", field: [...field, "locationId"], message: "Location is required when the disposition type is RESTOCKED.", code: "BLANK" });
      else if (d.locationId && !store.find(d.locationId, "Location")) errors.push({ __typename: "ReturnUserError", field: [...field, "locationId"], message: "Location does not exist.", code: "NOT_FOUND" });
    });
    const fli = store.find(rli.fulfillmentLineItemId, "FulfillmentLineItem");
    const restocked = (line.dispositions ?? []).some((d) => d.dispositionType === "RESTOCKED");
    if (fli) lines.push({ lineItemId: fli.lineItemId, quantity: line.quantity, restockType: restocked ? "RETURN" : "NO_RESTOCK", field: ["input", "returnLineItems", i] });
  });
  (input.exchangeLineItems ?? []).forEach((line, i) => {
    const item = (ret.exchangeLineItems ?? []).find((x) => x.id === line.id);
    const field = ["input", "exchangeLineItems", String(i)];
    if (!item) errors.push({ __typename: "ReturnUserError", field: [...field, "id"], message: "Exchange line item does not exist.", code: "NOT_FOUND" });
    else if (line.quantity <= 0 || line.quantity > item.quantity - item.processedQuantity) {
      errors.push({ __typename: "ReturnUserError", field: [...field, "quantity"], message: `Quantity must be between 1 and the unprocessed quantity (${item.quantity - item.processedQuantity}).`, code: "INVALID" });
    } else if ((store.find(item.variantId, "ProductVariant")?.inventoryQuantity ?? 0) < line.quantity) {
      errors.push({ __typename: "ReturnUserError", field: [...field, "id"], message: "The exchange item is out of stock.", code: "INVALID" });
    }
  });
  const refund = input.financialTransfer?.issueRefund;
  const shippingAmount = input.refundShipping?.shippingRefundAmount ? moneyInput(input.refundShipping.shippingRefundAmount).amount : null;
  const plan: RefundPlan = {
    order,
    lines,
    shipping: input.refundShipping ? { full: Boolean(input.refundShipping.fullRefund), amount: input.refundShipping.fullRefund ? null : shippingAmount, field: ["input", "refundShipping"] } : null,
    transactions: (refund?.orderTransactions ?? []).map((t, i) => ({ parentId: t.parentId, amount: moneyInput(t.transactionAmount).amount, gateway: null, field: ["input", "financialTransfer", "issueRefund", "orderTransactions", i] })),
    storeCredit: (refund?.refundMethods ?? []).flatMap((m, i) =>
      m.storeCreditRefund ? [{ ...moneyInput(m.storeCreditRefund.amount), expiresAt: m.storeCreditRefund.expiresAt ?? null, field: ["input", "financialTransfer", "issueRefund", "refundMethods", i] }] : [],
    ),
    allowOverRefunding: Boolean(refund?.allowOverRefunding),
    note: input.note ?? null,
    returnId: ret.id,
  };
  errors.push(...checkRefund(store, plan).map((e) => ({ ...e, __typename: "ReturnUserError", code: "INVALID" })));
  if (errors.length) return { return: ret, userErrors: errors };
  for (const line of input.returnLineItems ?? []) {
    const rli = ret.returnLineItems.find((r) => r.id === line.id);
    if (!rli) continue;
    rli.processedQuantity += line.quantity;
    for (const d of line.dispositions ?? []) {
      const at = store.timestamp();
      (rli.dispositions ??= []).push({ __typename: "ReverseFulfillmentOrderDisposition", id: store.nextId("ReverseFulfillmentOrderDisposition"), type: d.dispositionType, quantity: d.quantity, locationId: d.locationId ?? null, createdAt: at });
      if (d.dispositionType !== "RESTOCKED" || !d.locationId) continue;
      // Restocked units are back on sale: the variant's stock grows, and the stand-in keeps the log.
      const variant = store.find(store.find(store.find(rli.fulfillmentLineItemId, "FulfillmentLineItem")?.lineItemId, "LineItem")?.variantId, "ProductVariant");
      if (!variant) continue;
      variant.inventoryQuantity += d.quantity;
      store.restocks.push({ variantId: variant.id, locationId: d.locationId, quantity: d.quantity, returnId: ret.id, at });
    }
  }
  // Processing hands the exchange items over: Shopify creates their fulfillment order and takes them from stock.
  for (const line of input.exchangeLineItems ?? []) {
    const item = (ret.exchangeLineItems ?? []).find((x) => x.id === line.id);
    const variant = store.find(item?.variantId, "ProductVariant");
    if (!item || !variant) continue;
    item.processedQuantity += line.quantity;
    variant.inventoryQuantity -= line.quantity;
  }
  const needsRefund = plan.lines.length || plan.transactions.length || plan.storeCredit.length || plan.shipping;
  const created = needsRefund ? applyRefund(store, plan) : null;
  if (created) ret.refundIds.push(created.id);
  store.emit("returns/process", ret);
  if (created) store.emit("refunds/create", created);
  if ([...ret.returnLineItems, ...(ret.exchangeLineItems ?? [])].every((item) => item.processedQuantity >= item.quantity)) {
    ret.status = "CLOSED";
    ret.closedAt = store.timestamp();
    store.emit("returns/close", ret);
  }
  store.emit("orders/updated", order);
  return { return: ret, userErrors: [] };
};

// ---------------------------------------------------------------- invoices

/**
 * orderInvoiceSend: emails the order's invoice, whose payment link is for what the order has
 * outstanding. To `email.to`, else the order's email; an order with neither cannot be invoiced
 * (ORDER_INVOICE_SEND_UNSUCCESSFUL, the one code 2026-10 has). The stand-in records each email.
 */
const orderInvoiceSend: Resolver = (args, ctx) => {
  const store = ctx.store;
  const order = store.find(String(args.id), "Order");
  const email = (args.email ?? null) as { to?: string | null; customMessage?: string | null } | null;
  const err = (field: string[] | null, message: string) => ({ order: order ?? null, userErrors: [{ field, message, code: "ORDER_INVOICE_SEND_UNSUCCESSFUL" }] });
  if (!order) return err(["id"], "Order does not exist.");
  const to = email?.to ?? order.email;
  if (!to) return err(["email", "to"], "The order has no email address to send the invoice to.");
  store.invoices.push({ orderId: order.id, to, amountMinor: store.outstanding(order), currencyCode: order.presentmentCurrencyCode, customMessage: email?.customMessage ?? null, sentAt: store.timestamp() });
  return { order, userErrors: [] };
};

// ---------------------------------------------------------------- store credit, drafts, tags, policies

const storeCreditAccountCredit: Resolver = (args, ctx) => {
  const store = ctx.store;
  const input = args.creditInput as { creditAmount: unknown; expiresAt?: string | null };
  const id = String(args.id);
  const err = (field: string[], message: string, code: string) => ({ storeCreditAccountTransaction: null, userErrors: [{ field, message, code }] });
  const { amount, currencyCode } = moneyInput(input.creditAmount);
  let ownerId: string;
  const account = store.find(id, "StoreCreditAccount");
  if (account) {
    if (account.currencyCode !== currencyCode) return err(["creditInput", "creditAmount"], "The currency provided does not match the currency of the store credit account.", "MISMATCHING_CURRENCY");
    ownerId = account.ownerId;
  } else if (parseGid(id)?.type === "StoreCreditAccount") {
    return err(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND");
  } else {
    const owner = store.find(id, "Customer");
    if (!owner) return err(["id"], "Owner does not exist.", "OWNER_NOT_FOUND");
    ownerId = owner.id;
  }
  if (amount <= 0) return err(["creditInput", "creditAmount", "amount"], "A positive amount must be used to credit a store credit account.", "NEGATIVE_OR_ZERO_AMOUNT");
  if (input.expiresAt && Date.parse(input.expiresAt) <= store.now().getTime()) return err(["creditInput", "expiresAt"], "The expiry date must be in the future.", "EXPIRES_AT_IN_PAST");
  if (!store.shop.enabledPresentmentCurrencies.includes(currencyCode)) return err(["creditInput", "creditAmount", "currencyCode"], "The currency provided is not supported by the shop.", "UNSUPPORTED_CURRENCY");
  // StoreCreditAccountCreditUserErrorCode.CREDIT_LIMIT_EXCEEDED: "The operation would cause the account's credit limit to be exceeded."
  const limit = store.storeCreditLimitMinor[currencyCode];
  const current = store.storeCreditAccount(ownerId, currencyCode);
  if (limit !== undefined && (current ? store.balance(current) : 0) + amount > limit) {
    return err(["creditInput", "creditAmount", "amount"], "The operation would cause the account's credit limit to be exceeded.", "CREDIT_LIMIT_EXCEEDED");
  }
  const tx = store.creditStoreCredit(ownerId, amount, currencyCode, { expiresAt: input.expiresAt ?? null, event: "ADJUSTMENT" });
  return { storeCreditAccountTransaction: tx, userErrors: [] };
};

type DraftOrderInput = {
  customerId?: string | null;
  purchasingEntity?: { customerId?: string | null } | null;
  email?: string | null;
  note?: string | null;
  tags?: string[] | null;
  customAttributes?: { key: string; value: string }[] | null;
  presentmentCurrencyCode?: string | null;
  shippingAddress?: Record<string, string | null | undefined> | null;
  lineItems?: {
    variantId?: string | null;
    title?: string | null;
    quantity: number;
    sku?: string | null;
    originalUnitPrice?: string | null;
    originalUnitPriceWithCurrency?: unknown;
    priceOverride?: unknown;
    customAttributes?: { key: string; value: string }[] | null;
    requiresShipping?: boolean | null;
    taxable?: boolean | null;
  }[] | null;
};

/** Paid repair quotes: a draft order with an invoice URL the customer can open. */
const draftOrderCreate: Resolver = (args, ctx) => {
  const store = ctx.store;
  const input = args.input as DraftOrderInput;
  const userErrors: UserError[] = [];
  const customerId = input.purchasingEntity?.customerId ?? input.customerId ?? null;
  const customer = customerId ? store.find(customerId, "Customer") : undefined;
  if (customerId && !customer) userErrors.push({ field: ["customerId"], message: "Customer does not exist" });
  const currency = input.presentmentCurrencyCode ?? store.shop.currencyCode;
  const lines: DraftOrderLineItemRec[] = [];
  (input.lineItems ?? []).forEach((line, i) => {
    const variant = line.variantId ? store.find(line.variantId, "ProductVariant") : undefined;
    if (line.variantId && !variant) userErrors.push({ field: ["lineItems", String(i), "variantId"], message: "Product variant does not exist" });
    if (!variant && !line.title) userErrors.push({ field: ["lineItems", String(i), "title"], message: "Title can't be blank" });
    if (line.quantity <= 0) userErrors.push({ field: ["lineItems", String(i), "quantity"], message: "Quantity must be greater than 0" });
    // "This field is ignored when `variantId` is provided": a variant's price changes only by priceOverride.
    const price = line.priceOverride
      ? moneyInput(line.priceOverride).amount
      : line.originalUnitPriceWithCurrency && !variant
      ? moneyInput(line.originalUnitPriceWithCurrency).amount
      : line.originalUnitPrice
        ? minorUnits(line.originalUnitPrice)
        : variant
          ? minorUnits(variant.price)
          : 0;
    const product = variant ? store.find(variant.productId, "Product") : undefined;
    lines.push({
      __typename: "DraftOrderLineItem",
      id: store.nextId("DraftOrderLineItem"),
      title: product?.title ?? line.title ?? "",
      name: product ? `${product.title}${variant && variant.title !== "Default Title" ? ` - ${variant.title}` : ""}` : (line.title ?? ""),
      quantity: line.quantity,
      sku: line.sku ?? variant?.sku ?? null,
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      custom: !variant,
      customAttributes: attributes(line.customAttributes),
      originalUnitPriceSet: moneyBag(price, currency),
      requiresShipping: variant ? true : (line.requiresShipping ?? false),
      taxable: variant ? true : (line.taxable ?? true),
    });
  });
  if (!lines.length) userErrors.push({ field: ["lineItems"], message: "Add at least 1 product" });
  if (userErrors.length) return { draftOrder: null, userErrors };
  const now = store.timestamp();
  const token = randomBytes(16).toString("hex");
  const draft: DraftOrderRec = {
    __typename: "DraftOrder",
    id: store.nextId("DraftOrder"),
    name: `#D${store.draftOrders.length + 1}`,
    status: "OPEN",
    customerId: customer?.id ?? null,
    email: input.email ?? customer?.email ?? null,
    note2: input.note ?? null,
    tags: [...new Set(input.tags ?? [])],
    currencyCode: store.shop.currencyCode,
    presentmentCurrencyCode: currency,
    taxesIncluded: store.shop.taxesIncluded,
    taxExempt: false,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    invoiceSentAt: null,
    invoiceToken: token,
    invoiceUrl: `${ctx.storefrontOrigin}/${legacyId(store.shop.id)}/invoices/${token}`,
    customAttributes: attributes(input.customAttributes),
    lineItems: lines,
    metafields: [],
    orderId: null,
    shippingAddress: input.shippingAddress ? mailingAddress(store, input.shippingAddress) : null,
  };
  store.draftOrders.push(store.index(draft));
  store.emit("draft_orders/create", draft);
  return { draftOrder: draft, userErrors: [] };
};

function mailingAddress(store: ShopStore, a: Record<string, string | null | undefined>): MailingAddressRec {
  const code = a.countryCode ?? null;
  return {
    __typename: "MailingAddress",
    id: store.nextId("MailingAddress"),
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    address1: a.address1 ?? "",
    address2: a.address2 ?? null,
    city: a.city ?? "",
    zip: a.zip ?? "",
    country: a.country ?? code ?? "",
    countryCodeV2: code ?? "",
    province: a.province ?? null,
    provinceCode: a.provinceCode ?? null,
    phone: a.phone ?? null,
    company: a.company ?? null,
  };
}

function attributes(list: { key: string; value: string }[] | null | undefined): Attribute[] {
  return (list ?? []).map((a) => ({ __typename: "Attribute", key: a.key, value: a.value }));
}

function changeTags(store: ShopStore, id: string, tags: string[], how: "add" | "remove") {
  const rec = store.find(id);
  if (!rec || !("tags" in rec) || !Array.isArray(rec.tags)) return { node: null, userErrors: [{ field: ["id"], message: "Resource does not exist or does not support tags" }] };
  const clean = tags.flatMap((t) => t.split(",")).map((t) => t.trim()).filter(Boolean);
  if (clean.some((t) => t.length > 255)) return { node: null, userErrors: [{ field: ["tags"], message: "Tags must be 255 characters or fewer" }] };
  const current = rec.tags as string[];
  const next = how === "add" ? [...new Set([...current, ...clean])] : current.filter((t) => !clean.some((c) => c.toLowerCase() === t.toLowerCase()));
  current.splice(0, current.length, ...next);
  if ("updatedAt" in rec) (rec as { updatedAt: string }).updatedAt = store.timestamp();
  if (rec.__typename === "Order") store.emit("orders/updated", rec);
  return { node: rec, userErrors: [] };
}

const POLICY_TITLES: Record<string, [string, string]> = {
  REFUND_POLICY: ["Refund policy", "refund-policy"],
  PRIVACY_POLICY: ["Privacy policy", "privacy-policy"],
  TERMS_OF_SERVICE: ["Terms of service", "terms-of-service"],
  SHIPPING_POLICY: ["Shipping policy", "shipping-policy"],
  CONTACT_INFORMATION: ["Contact information", "contact-information"],
  LEGAL_NOTICE: ["Legal notice", "legal-notice"],
  SUBSCRIPTION_POLICY: ["Cancellation policy", "subscription-policy"],
  TERMS_OF_SALE: ["Terms of sale", "terms-of-sale"],
};

/** Shopify caps a policy body at 512 KB (ShopPolicyErrorCode.TOO_BIG). */
const shopPolicyUpdate: Resolver = (args, ctx) => {
  const store = ctx.store;
  const input = args.shopPolicy as { type: string; body: string };
  if (Buffer.byteLength(input.body) > 512 * 1024) return { shopPolicy: null, userErrors: [{ field: ["shopPolicy", "body"], message: "Body is too big (maximum is 512 KB)", code: "TOO_BIG" }] };
  const [title, slug] = POLICY_TITLES[input.type];
  const now = store.timestamp();
  let policy = store.shop.shopPolicies.find((p) => p.type === input.type);
  if (policy) {
    policy.body = input.body;
    policy.updatedAt = now;
  } else {
    policy = store.index({ __typename: "ShopPolicy", id: store.nextId("ShopPolicy"), type: input.type, title, body: input.body, url: `https://${store.domain}/policies/${slug}`, createdAt: now, updatedAt: now });
    store.shop.shopPolicies.push(policy);
  }
  return { shopPolicy: policy, userErrors: [] };
};
