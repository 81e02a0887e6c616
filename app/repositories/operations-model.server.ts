import type { Database } from "../platform/db-client.server";
import { fromDbMinor } from "./minor-units.server";

/**
 * What a money operation is (docs/decisions/005-never-pay-twice.md): its kinds and statuses, the
 * intent recorded before its call, the record the repository returns and its row mapping, and the
 * errors that refuse one (shared by the parts of createOperationRepository in operations.server.ts).
 */

export const OPERATION_STATUSES = ["pending", "sent", "succeeded", "failed", "needs_review"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * `invoice` is money the shopper pays (orderInvoiceSend for an exchange's difference): recorded
 * and keyed like the others so it is sent once, but not counted against the request's ceiling.
 * `reverse_delivery` moves no money (the parcel's tracking attached to the Shopify return,
 * app/parcels): keyed and recorded the same way, so it is never made twice. Nor does
 * `return_close` (a request resolved without money closes its Shopify return, decision 022).
 * `draft_order` and `draft_invoice` are a repair ticket's quote (app/repairs/quotes.server.ts,
 * docs/decisions/018-quotes): its Shopify draft order and the invoice emailed for it. They ask the
 * shopper for money (no amount counted against the request) and are sent only while the ticket
 * is still quoted. `parts_order` moves no money either: parts posted to the shopper as a zero-price
 * order (a draft order completed without payment, docs/decisions/024-parts-orders), made for a
 * request already resolved by parts, so only a declined or cancelled request stops it.
 * `draft_delete` deletes a repair quote's unpaid draft order once its ticket no longer asks for
 * it (declined, expired or cancelled: docs/decisions/026-repairs-closed-in-shopify); live only
 * while the ticket stays in such a state, and never for a draft Shopify shows paid.
 */
export type OperationKind = "refund" | "return_process" | "store_credit" | "invoice" | "reverse_delivery" | "draft_order" | "draft_invoice" | "return_close" | "parts_order" | "draft_delete";

/** Kinds sent after their request's resolution closed it: only a declined or cancelled request refuses them. */
export const AFTER_CLOSE_KINDS: readonly OperationKind[] = ["invoice", "parts_order"];

/** Kinds that ask for a repair ticket's quote to be paid: live only while the ticket is quoted. */
export const QUOTE_KINDS: readonly OperationKind[] = ["draft_order", "draft_invoice"];

/** Ticket states in which a quote's (or balance's) unpaid draft order is no longer wanted: a `draft_delete` is live in them. */
export const DRAFT_CLOSED_STATES: readonly string[] = ["quote_declined", "quote_expired", "sent_back", "collected", "cancelled"];

/** The step of a repair deposit refunded when its ticket is cancelled (a `refund` bounded by the deposit paid, not the request's decided amount). */
export const DEPOSIT_REFUND_STEP = "repair-deposit-refund";

export type OperationRecord = {
  id: string;
  shop: string;
  requestId: string | null;
  step: string;
  idempotencyKey: string;
  kind: OperationKind;
  amountMinor: number | null;
  currency: string | null;
  status: OperationStatus;
  input: unknown;
  shopifyOrderId: string | null;
  shopifyTargetId: string | null;
  shopifyResultId: string | null;
  /** What Shopify held just before the last send (see claimSend). */
  shopifyState: unknown;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OperationIntent = {
  requestId: string | null;
  step: string;
  idempotencyKey: string;
  kind: OperationKind;
  amountMinor: number | null;
  currency: string | null;
  input: unknown;
  shopifyOrderId: string | null;
  shopifyTargetId: string | null;
};

type Row = Awaited<ReturnType<Database["operation"]["findFirstOrThrow"]>>;

export function toRecord(row: Row): OperationRecord {
  const { inputJson, shopifyStateJson, ...rest } = row;
  return {
    ...rest,
    amountMinor: fromDbMinor(row.amountMinor),
    kind: row.kind as OperationKind,
    status: row.status as OperationStatus,
    input: JSON.parse(inputJson) as unknown,
    shopifyState: shopifyStateJson ? (JSON.parse(shopifyStateJson) as unknown) : null,
  };
}

export class OperationKeyConflict extends Error {
  override name = "OperationKeyConflict";
}

/**
 * A money operation refused before anything was written or sent: it would take the request's
 * refunds plus credits past what the engine decided plus the merchant's recorded override, or
 * there is no request (or no decided amount) to bound it.
 */
export class MoneyCeilingError extends Error {
  override name = "MoneyCeilingError";
  constructor(
    message: string,
    readonly figures: { requestId: string | null; ceilingMinor: number | null; committedMinor: number; askedMinor: number; currency: string | null },
  ) {
    super(message);
  }
}

/** Steps of the operations that resolve their request (the desk's money resolution and exchange). */
export const RESOLVING_STEPS = ["resolve", "exchange"] as const;

/** Statuses a request is resolved from. */
export const RESOLVABLE_STATUSES = ["approved", "received", "inspected"];

/** A succeeded operation's money as its request's resolution (see settleResolution). */
export type SettledMoney = {
  requestId: string;
  key: string;
  method: string;
  amountMinor: number;
  currency: string;
  /** The money entry's words ("Refund to the original payment: £65.00"). */
  message: string;
  /** The "resolved" entry's words. */
  resolvedMessage: string;
  note?: string;
  data: Record<string, unknown>;
  actor: "merchant" | "system";
  staffId?: string | null;
  staffName?: string | null;
  at: Date;
};

/** Request statuses after which no pending money operation may be sent. */
export const CLOSED_REQUEST_STATUSES = ["declined", "cancelled", "closed"];

/** Operations that count against a request's ceiling: all but those Shopify refused (nothing moved). */
export const COUNTED = { not: "failed" } as const;
