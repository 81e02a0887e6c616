import { formatMoney, money, parseMinorUnits } from "../domain/money";
import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import type { ReturnDeclineReason, ReturnStatus } from "../types/admin.types";
import { RETURN_REF, RETURN_USER_ERRORS } from "./fragments";
import { customerNoteSchema, declineNoteSchema, withinLimit } from "./limits";

/**
 * The return lifecycle on Shopify. Each write has a `verify` that reads the return back, so an
 * ambiguous failure (5xx, dropped connection) is resolved by looking first. They are `repeatable`:
 * Shopify refuses a status change that already happened, and a return for quantities already on
 * one, so sending again after a look that saw nothing cannot act twice (unlike money: see
 * app/shopify/client.server.ts).
 */

export const RETURNABLE_LINES = `#graphql
  query ReturnableLines($orderId: ID!) {
    returnableFulfillments(orderId: $orderId, first: 5) {
      nodes {
        returnableFulfillmentLineItems(first: 25) {
          nodes { quantity fulfillmentLineItem { id lineItem { id } } }
        }
      }
    }
  }
`;

export const RETURN_STATE = `#graphql
  query ReturnState($id: ID!) {
    return(id: $id) {
      id name status
      order { id }
      returnLineItems(first: 25) {
        nodes {
          id quantity
          ... on ReturnLineItem {
            processedQuantity fulfillmentLineItem { id lineItem { id } }
            restockingFee { percentage amountSet { presentmentMoney { amount currencyCode } } }
          }
        }
      }
      returnShippingFees { amountSet { presentmentMoney { amount currencyCode } } }
      refunds(first: 10) { nodes { id totalRefundedSet { presentmentMoney { amount currencyCode } } } }
      exchangeLineItems(first: 25) { nodes { id quantity processedQuantity variantId variantTitle } }
    }
  }
`;

export const ORDER_RETURNS = `#graphql
  query OrderReturns($id: ID!) {
    order(id: $id) {
      returns(first: 10) {
        nodes {
          id status
          returnLineItems(first: 25) { nodes { quantity ... on ReturnLineItem { fulfillmentLineItem { id } } } }
        }
      }
    }
  }
`;

/** Shopify's return reasons by handle (`ReturnReason`, the enum, is deprecated for these). */
export const RETURN_REASON_DEFINITIONS = `#graphql
  query ReturnReasonDefinitions($handles: [String!]!) {
    returnReasonDefinitions(first: 20, handles: $handles) {
      nodes { id handle deleted }
    }
  }
`;

export const RETURN_REQUEST = `#graphql
  mutation ReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export const RETURN_CREATE = `#graphql
  mutation ReturnCreate($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export const RETURN_APPROVE = `#graphql
  mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export const RETURN_DECLINE = `#graphql
  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export const RETURN_CLOSE = `#graphql
  mutation ReturnClose($id: ID!) {
    returnClose(id: $id) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export const RETURN_CANCEL = `#graphql
  mutation ReturnCancel($id: ID!) {
    returnCancel(id: $id) {
      return { ...ReturnRef }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${RETURN_REF}
  ${RETURN_USER_ERRORS}
` as const;

export type ReturnableLine = { fulfillmentLineItemId: string; lineItemId: string; quantity: number };

export type ReturnState = {
  id: string;
  name: string;
  status: ReturnStatus;
  orderId: string;
  lines: { id: string; quantity: number; processedQuantity: number; fulfillmentLineItemId: string | null; lineItemId: string | null; restockingFeeMinor: number; restockingPercent: number | null }[];
  /** The return-label fee Shopify captures on this return (sum of its returnShippingFees), in the order's currency. */
  returnShippingFeeMinor: number;
  refunds: { id: string; amount: string; currency: string }[];
  /** What the shopper gets in exchange (only returns made by returnCreate carry these). */
  exchangeLines: { id: string; quantity: number; processedQuantity: number; variantId: string | null; variantTitle: string | null }[];
};

export type ReturnRef = { id: string; status: ReturnStatus };

/**
 * The domain's reasons as Shopify's return reason handles (ReturnReasonDefinition.handle, stable
 * across versions and languages). A reason without its own handle, or whose handle Shopify no
 * longer has, is sent as "other-reason"; the shopper's own words travel in the customer note.
 */
export const REASON_HANDLES: Record<string, string> = {
  changed_mind: "changed-my-mind",
  defective: "damaged-or-defective",
  damaged_in_transit: "damaged-or-defective",
  loose_crystal: "damaged-or-defective",
  wrong_item: "received-the-wrong-item",
  other: "other-reason",
};
const FALLBACK_HANDLE = "other-reason";

/**
 * Each domain reason's ReturnReasonDefinition id, read from Shopify's library by handle (one query
 * for the lot). A live definition is preferred to a deleted one (deleted ones stay valid); null
 * only when Shopify has neither the reason's handle nor "other-reason": the line is then sent
 * without a reason rather than with a guessed id.
 */
export async function returnReasonDefinitionIds(admin: Admin, reasons: string[]): Promise<Map<string, string | null>> {
  const handles = [...new Set([...reasons.map((r) => REASON_HANDLES[r] ?? FALLBACK_HANDLE), FALLBACK_HANDLE])];
  const data = await send(admin, RETURN_REASON_DEFINITIONS, { handles });
  const byHandle = new Map<string, { id: string; deleted: boolean }>();
  for (const node of data.returnReasonDefinitions.nodes) {
    const seen = byHandle.get(node.handle);
    if (!seen || (seen.deleted && !node.deleted)) byHandle.set(node.handle, node);
  }
  const fallback = byHandle.get(FALLBACK_HANDLE)?.id ?? null;
  return new Map(reasons.map((r) => [r, byHandle.get(REASON_HANDLES[r] ?? FALLBACK_HANDLE)?.id ?? fallback]));
}

/** What can still be returned, per fulfilled line (Shopify's own count, net of refunds and returns). */
export async function fetchReturnableLines(admin: Admin, orderId: string): Promise<ReturnableLine[]> {
  const data = await send(admin, RETURNABLE_LINES, { orderId });
  return data.returnableFulfillments.nodes.flatMap((f) =>
    f.returnableFulfillmentLineItems.nodes.map((line) => ({
      fulfillmentLineItemId: line.fulfillmentLineItem.id,
      lineItemId: line.fulfillmentLineItem.lineItem.id,
      quantity: line.quantity,
    })),
  );
}

export async function fetchReturn(admin: Admin, returnId: string): Promise<ReturnState> {
  const data = await send(admin, RETURN_STATE, { id: returnId });
  const ret = data.return;
  if (!ret) throw new ShopifyNotFoundError("ReturnState", returnId);
  return {
    id: ret.id,
    name: ret.name,
    status: ret.status,
    orderId: ret.order.id,
    // An unverified line (not from a fulfillment) has neither a processed count nor a fulfilment line.
    lines: ret.returnLineItems.nodes.map((line) => {
      const fee = "restockingFee" in line ? line.restockingFee : null;
      return {
        id: line.id,
        quantity: line.quantity,
        processedQuantity: "processedQuantity" in line ? line.processedQuantity : 0,
        fulfillmentLineItemId: "fulfillmentLineItem" in line ? line.fulfillmentLineItem.id : null,
        lineItemId: "fulfillmentLineItem" in line ? line.fulfillmentLineItem.lineItem.id : null,
        restockingFeeMinor: fee ? parseMinorUnits(fee.amountSet.presentmentMoney.amount, fee.amountSet.presentmentMoney.currencyCode) : 0,
        restockingPercent: fee ? fee.percentage : null,
      };
    }),
    returnShippingFeeMinor: ret.returnShippingFees.reduce((sum, f) => sum + parseMinorUnits(f.amountSet.presentmentMoney.amount, f.amountSet.presentmentMoney.currencyCode), 0),
    refunds: ret.refunds.nodes.map((r) => ({ id: r.id, amount: r.totalRefundedSet.presentmentMoney.amount, currency: r.totalRefundedSet.presentmentMoney.currencyCode })),
    exchangeLines: ret.exchangeLineItems.nodes.map((x) => ({ id: x.id, quantity: x.quantity, processedQuantity: x.processedQuantity, variantId: x.variantId ?? null, variantTitle: x.variantTitle ?? null })),
  };
}

export type ReturnRequestLine = { fulfillmentLineItemId: string; quantity: number; reason: string; customerNote?: string | null };

/**
 * The fees the policy keeps, as the return carries them (ReturnRequestInput / ReturnInput 2026-10):
 * a restocking percentage on every line (RestockingFeeInput.percentage: Shopify works out each
 * line's amount) and a fixed return-label fee in the order's presentment currency
 * (ReturnShippingFeeInput.amount). The order then shows both, and the return's suggested
 * financial outcome deducts them. Nothing is sent for a fee of zero.
 */
export type ReturnFees = { currency: string; restockingPercent: number; returnShippingFeeMinor: number };

function feeInputs(fees: ReturnFees | null | undefined) {
  return {
    line: fees && fees.restockingPercent > 0 ? { restockingFee: { percentage: fees.restockingPercent } } : {},
    shipping: fees && fees.returnShippingFeeMinor > 0 ? { returnShippingFee: { amount: { amount: formatMoney(money(fees.returnShippingFeeMinor, fees.currency)), currencyCode: fees.currency as never } } } : {},
  };
}

/**
 * A shopper's return request (status REQUESTED), for the merchant to approve or decline.
 * After an ambiguous failure it looks for a requested return with exactly these lines that was
 * not there before, instead of asking twice.
 * A note longer than Shopify accepts throws InputLimitError before anything is sent.
 */
export async function requestReturn(admin: Admin, orderId: string, lines: ReturnRequestLine[], fees?: ReturnFees | null): Promise<ReturnRef> {
  const fee = feeInputs(fees);
  lines.forEach((line, i) => {
    if (line.customerNote) withinLimit(customerNoteSchema, `lines.${i}.customerNote`, line.customerNote);
  });
  const before = new Set((await orderReturns(admin, orderId)).map((r) => r.id));
  const wanted = signature(lines.map((l) => [l.fulfillmentLineItemId, l.quantity]));
  const reasons = await returnReasonDefinitionIds(admin, lines.map((l) => l.reason));
  const data = await send(
    admin,
    RETURN_REQUEST,
    {
      input: {
        orderId,
        returnLineItems: lines.map((line) => ({
          fulfillmentLineItemId: line.fulfillmentLineItemId,
          quantity: line.quantity,
          returnReasonDefinitionId: reasons.get(line.reason) ?? null,
          customerNote: line.customerNote ?? null,
          ...fee.line,
        })),
        ...fee.shipping,
      },
    },
    {
      verify: async () => {
        const made = (await orderReturns(admin, orderId)).find((r) => !before.has(r.id) && r.status === "REQUESTED" && r.signature === wanted);
        return made ? { returnRequest: { return: { id: made.id, status: made.status }, userErrors: [] } } : null;
      },
      // A second request for quantities already requested is refused by Shopify.
      repeatable: true,
    },
  );
  assertNoUserErrors("returnRequest", data.returnRequest);
  return data.returnRequest!.return!;
}

export type ExchangeLine = { variantId: string; quantity: number };

/**
 * A merchant-made return (status OPEN) that also carries the items the shopper gets in exchange:
 * returnRequest cannot carry exchanges, returnCreate can. Processing it later hands them over.
 * After an ambiguous failure it looks for an open return with exactly these lines that was not
 * there before, instead of creating a second one.
 */
export async function createExchangeReturn(admin: Admin, orderId: string, lines: ReturnRequestLine[], exchanges: ExchangeLine[], fees?: ReturnFees | null): Promise<ReturnRef> {
  const fee = feeInputs(fees);
  lines.forEach((line, i) => {
    if (line.customerNote) withinLimit(customerNoteSchema, `lines.${i}.customerNote`, line.customerNote);
  });
  const before = new Set((await orderReturns(admin, orderId)).map((r) => r.id));
  const wanted = signature(lines.map((l) => [l.fulfillmentLineItemId, l.quantity]));
  const reasons = await returnReasonDefinitionIds(admin, lines.map((l) => l.reason));
  const data = await send(
    admin,
    RETURN_CREATE,
    {
      returnInput: {
        // No notifyCustomer: ReturnInput's is deprecated, and Shopify ignores any value given.
        orderId,
        returnLineItems: lines.map((line) => ({ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: line.quantity, returnReasonDefinitionId: reasons.get(line.reason) ?? null, ...fee.line })),
        exchangeLineItems: exchanges.map((x) => ({ variantId: x.variantId, quantity: x.quantity })),
        ...fee.shipping,
      },
    },
    {
      verify: async () => {
        const made = (await orderReturns(admin, orderId)).find((r) => !before.has(r.id) && r.status === "OPEN" && r.signature === wanted);
        return made ? { returnCreate: { return: { id: made.id, status: made.status }, userErrors: [] } } : null;
      },
      // A second return for quantities already on one is refused by Shopify.
      repeatable: true,
    },
  );
  assertNoUserErrors("returnCreate", data.returnCreate);
  return data.returnCreate!.return!;
}

export async function approveReturn(admin: Admin, returnId: string, options: { notifyCustomer?: boolean } = {}): Promise<ReturnRef> {
  const data = await send(admin, RETURN_APPROVE, { input: { id: returnId, notifyCustomer: options.notifyCustomer ?? true } }, { verify: reached(admin, returnId, ["OPEN", "CLOSED"], "returnApproveRequest"), repeatable: true });
  assertNoUserErrors("returnApproveRequest", data.returnApproveRequest);
  return data.returnApproveRequest!.return!;
}

/** Declines with Shopify's reason (shown to the shopper) and the merchant's note (at most 500 characters, else InputLimitError). */
export async function declineReturn(
  admin: Admin,
  returnId: string,
  decline: { reason: ReturnDeclineReason; note?: string | null; notifyCustomer?: boolean },
): Promise<ReturnRef> {
  if (decline.note) withinLimit(declineNoteSchema, "note", decline.note);
  const data = await send(
    admin,
    RETURN_DECLINE,
    { input: { id: returnId, declineReason: decline.reason, declineNote: decline.note ?? null, notifyCustomer: decline.notifyCustomer ?? true } },
    { verify: reached(admin, returnId, ["DECLINED"], "returnDeclineRequest"), repeatable: true },
  );
  assertNoUserErrors("returnDeclineRequest", data.returnDeclineRequest);
  return data.returnDeclineRequest!.return!;
}

export async function closeReturn(admin: Admin, returnId: string): Promise<ReturnRef> {
  const data = await send(admin, RETURN_CLOSE, { id: returnId }, { verify: reached(admin, returnId, ["CLOSED"], "returnClose"), repeatable: true });
  assertNoUserErrors("returnClose", data.returnClose);
  return data.returnClose!.return!;
}

export async function cancelReturn(admin: Admin, returnId: string): Promise<ReturnRef> {
  const data = await send(admin, RETURN_CANCEL, { id: returnId }, { verify: reached(admin, returnId, ["CANCELED"], "returnCancel"), repeatable: true });
  assertNoUserErrors("returnCancel", data.returnCancel);
  return data.returnCancel!.return!;
}

/** A verify for a status change: the payload it would have returned, once the return shows it. */
function reached(admin: Admin, returnId: string, statuses: ReturnStatus[], field: string) {
  return async () => {
    const state = await fetchReturn(admin, returnId);
    return statuses.includes(state.status) ? { [field]: { return: { id: state.id, status: state.status }, userErrors: [] } } : null;
  };
}

async function orderReturns(admin: Admin, orderId: string) {
  const data = await send(admin, ORDER_RETURNS, { id: orderId });
  if (!data.order) throw new ShopifyNotFoundError("OrderReturns", orderId);
  return data.order.returns.nodes.map((r) => ({
    id: r.id,
    status: r.status,
    signature: signature(r.returnLineItems.nodes.map((l) => ["fulfillmentLineItem" in l ? l.fulfillmentLineItem.id : "", l.quantity])),
  }));
}

function signature(lines: [string, number][]): string {
  return lines
    .map(([id, quantity]) => `${id}x${quantity}`)
    .sort()
    .join(",");
}
