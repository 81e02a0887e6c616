import { formatMoney, minorOf, minorUnits, orderMoney } from "../money";
import type { OrderRec, RefundLineItemRec, RefundRec, RefundShippingLineRec, ShopStore, TransactionRec } from "../store";

export type UserError = { __typename?: string; field: (string | number)[] | null; message: string; code?: string | null };

export type RefundPlan = {
  order: OrderRec;
  lines: { lineItemId: string; quantity: number; restockType: RefundLineItemRec["restockType"]; field: (string | number)[] }[];
  shipping: { full: boolean; amount: number | null; field: (string | number)[] } | null;
  transactions: { parentId: string | null; amount: number; gateway: string | null; field: (string | number)[] }[];
  storeCredit: { amount: number; currencyCode: string; expiresAt: string | null; field: (string | number)[] }[];
  allowOverRefunding: boolean;
  note: string | null;
  returnId: string | null;
};

/**
 * Checks a refund the way Shopify refuses one (userErrors, nothing changed): unknown lines,
 * more items than remain, more shipping than was charged, a parent transaction that is not this
 * order's payment, and — unless allowOverRefunding — more money than the order's net payment.
 */
export function checkRefund(store: ShopStore, plan: RefundPlan): UserError[] {
  const errors: UserError[] = [];
  const { order } = plan;
  const seen = new Map<string, number>();
  for (const line of plan.lines) {
    const li = store.find(line.lineItemId, "LineItem");
    if (!li || li.orderId !== order.id) {
      errors.push({ field: [...line.field, "lineItemId"], message: "Line item does not exist" });
      continue;
    }
    const wanted = (seen.get(li.id) ?? 0) + line.quantity;
    seen.set(li.id, wanted);
    if (line.quantity <= 0) errors.push({ field: [...line.field, "quantity"], message: "Quantity must be greater than 0" });
    else if (wanted > li.quantity - store.refundedQuantity(li)) {
      errors.push({ field: [...line.field, "quantity"], message: `Quantity cannot refund more items than were purchased (${li.quantity - store.refundedQuantity(li)} left of ${li.name})` });
    }
  }
  if (plan.shipping && plan.shipping.amount !== null) {
    const remaining = remainingShipping(store, order);
    if (plan.shipping.amount > remaining) {
      errors.push({ field: plan.shipping.field, message: `Shipping refund amount cannot be greater than ${formatMoney(remaining, order.presentmentCurrencyCode)}, the shipping left to refund` });
    }
  }
  for (const tx of plan.transactions) {
    const parent = tx.parentId ? store.find(tx.parentId, "OrderTransaction") : store.transactionsOf(order, ["SALE", "CAPTURE"])[0];
    if (!parent || parent.orderId !== order.id || !["SALE", "CAPTURE"].includes(parent.kind)) {
      errors.push({ field: [...tx.field, "parentId"], message: "Parent transaction does not exist" });
      continue;
    }
    if (tx.amount <= 0) errors.push({ field: [...tx.field, "amount"], message: "Amount must be greater than 0" });
    else if (!plan.allowOverRefunding && tx.amount > store.refundableFrom(parent)) {
      errors.push({ field: [...tx.field, "amount"], message: `Amount ${formatMoney(tx.amount, order.presentmentCurrencyCode)} is greater than the ${formatMoney(store.refundableFrom(parent), order.presentmentCurrencyCode)} refundable on the transaction` });
    }
  }
  for (const credit of plan.storeCredit) {
    if (!order.customerId) errors.push({ field: credit.field, message: "Store credit can only be issued to an order with a customer" });
    if (credit.currencyCode !== order.presentmentCurrencyCode) errors.push({ field: [...credit.field, "amount", "currencyCode"], message: `Store credit must be issued in the order's presentment currency (${order.presentmentCurrencyCode})` });
    if (credit.amount <= 0) errors.push({ field: [...credit.field, "amount", "amount"], message: "Amount must be greater than 0" });
    if (credit.expiresAt && Date.parse(credit.expiresAt) <= store.now().getTime()) errors.push({ field: [...credit.field, "expiresAt"], message: "Expiry date must be in the future" });
  }
  const money = plan.transactions.reduce((s, t) => s + t.amount, 0) + plan.storeCredit.reduce((s, c) => s + c.amount, 0);
  const net = store.received(order) - store.refundedAmount(order);
  if (!plan.allowOverRefunding && money > net) {
    errors.push({ field: null, message: `Refund amount ${formatMoney(money, order.presentmentCurrencyCode)} is greater than the net payment ${formatMoney(net, order.presentmentCurrencyCode)} received for the order` });
  }
  return errors;
}

export function remainingShipping(store: ShopStore, order: OrderRec): number {
  const refunded = order.refundIds.flatMap((id) => store.find(id, "Refund")?.refundShippingLines ?? []).reduce((s, l) => s + minorOf(l.subtotalAmountSet), 0);
  return store.shippingTotal(order) - refunded;
}

/** Applies a checked refund: records lines and shipping, moves money, credits store credit. */
export function applyRefund(store: ShopStore, plan: RefundPlan): RefundRec {
  const { order } = plan;
  const now = store.timestamp();
  const bag = (minor: number) => orderMoney(order, minor);
  const refund: RefundRec = {
    __typename: "Refund",
    id: store.nextId("Refund"),
    orderId: order.id,
    returnId: plan.returnId,
    note: plan.note,
    createdAt: now,
    updatedAt: now,
    processedAt: now,
    refundLineItems: [],
    refundShippingLines: [],
    transactionIds: [],
  };
  for (const line of plan.lines) {
    const li = store.find(line.lineItemId, "LineItem");
    if (!li) continue;
    const unit = store.unitPriceAfterDiscounts(li);
    refund.refundLineItems.push({
      __typename: "RefundLineItem",
      id: store.nextId("RefundLineItem"),
      lineItemId: li.id,
      quantity: line.quantity,
      restockType: line.restockType,
      restocked: line.restockType === "RETURN" || line.restockType === "CANCEL" || line.restockType === "LEGACY_RESTOCK",
      priceSet: bag(unit),
      subtotalSet: bag(unit * line.quantity),
      totalTaxSet: bag(store.includedTax(unit * line.quantity)),
    });
  }
  if (plan.shipping && order.shippingLines[0]) {
    const amount = plan.shipping.full ? remainingShipping(store, order) : (plan.shipping.amount ?? 0);
    if (amount > 0) {
      const line: RefundShippingLineRec = {
        __typename: "RefundShippingLine",
        id: store.nextId("RefundShippingLine"),
        shippingLineId: order.shippingLines[0].id,
        subtotalAmountSet: bag(amount),
        taxAmountSet: bag(store.includedTax(amount)),
      };
      refund.refundShippingLines.push(line);
    }
  }
  const push = (tx: TransactionRec) => {
    order.transactions.push(tx);
    store.index(tx);
    refund.transactionIds.push(tx.id);
  };
  for (const tx of plan.transactions) {
    const parent = (tx.parentId ? store.find(tx.parentId, "OrderTransaction") : undefined) ?? store.transactionsOf(order, ["SALE", "CAPTURE"])[0];
    push(transaction(store, order, { kind: "REFUND", amount: tx.amount, gateway: tx.gateway ?? parent.gateway, parentId: parent.id }));
  }
  for (const credit of plan.storeCredit) {
    push(transaction(store, order, { kind: "REFUND", amount: credit.amount, gateway: "shopify_store_credit", parentId: null }));
    if (order.customerId) store.creditStoreCredit(order.customerId, credit.amount, credit.currencyCode, { expiresAt: credit.expiresAt, event: "ORDER_REFUND", refundId: refund.id });
  }
  order.refundIds.push(refund.id);
  order.updatedAt = now;
  store.refunds.push(store.index(refund));
  return refund;
}

/** A successful order transaction as Shopify records it (a sale, a capture or a refund). */
export function transaction(
  store: ShopStore,
  order: Pick<OrderRec, "id" | "currencyCode"> & Partial<Pick<OrderRec, "presentmentCurrencyCode" | "presentmentRate">>,
  t: { kind: TransactionRec["kind"]; amount: number; gateway: string; parentId: string | null; at?: string },
): TransactionRec {
  const at = t.at ?? store.timestamp();
  return {
    __typename: "OrderTransaction",
    id: store.nextId("OrderTransaction"),
    orderId: order.id,
    kind: t.kind,
    status: "SUCCESS",
    gateway: t.gateway,
    formattedGateway: t.gateway === "shopify_store_credit" ? "Store credit" : t.gateway === "shopify_payments" ? "Shopify Payments" : t.gateway,
    amountSet: orderMoney({ presentmentCurrencyCode: order.currencyCode, ...order }, t.amount),
    parentTransactionId: t.parentId,
    createdAt: at,
    processedAt: at,
    test: false,
    manualPaymentGateway: false,
    manuallyCapturable: false,
    multiCapturable: false,
    fees: [],
  };
}

export function moneyInput(value: unknown): { amount: number; currencyCode: string } {
  const m = value as { amount: string | number; currencyCode: string };
  return { amount: minorUnits(m.amount, m.currencyCode), currencyCode: m.currencyCode };
}
