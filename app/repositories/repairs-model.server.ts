import { fromDbMinor } from "./minor-units.server";
import type { Database } from "../platform/db-client.server";
import { jobNumber, type RepairState } from "../repairs/machine";
import { COUNT_CAP, QUEUE_PAGE_SIZE } from "../repairs/queue-tabs";

export { COUNT_CAP, QUEUE_PAGE_SIZE };

/** A repair ticket as the app reads it, what a move writes, and the row it is read from (repairs.server.ts). */

/** The first job number a shop hands out. */
export const FIRST_JOB_NUMBER = 1001;
/** A move waits for a colleague's move on the same database rather than failing (as requests.submit does). */
export const TX_LIMITS = { maxWait: 15_000, timeout: 20_000 };

export type RepairTicketRecord = {
  id: string;
  number: number;
  job: string;
  requestId: string;
  origin: string;
  state: RepairState;
  work: string;
  itemTitle: string;
  itemImageUrl: string | null;
  currency: string;
  rush: boolean;
  turnaroundDays: number | null;
  dueOn: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  location: string | null;
  intake: {
    description: string;
    condition: string;
    declaredValueMinor: number | null;
    instructions: string;
    termsAcceptedAt: Date | null;
    at: Date;
    staffName: string | null;
  } | null;
  assessment: { cause: string | null; findings: string } | null;
  quote: {
    amountMinor: number;
    description: string;
    lines: QuoteLine[];
    quotedAt: Date | null;
    /** Shopify's draft order for it, its invoice (checkout) URL, and the order it completed into once paid. */
    draftOrderId: string | null;
    invoiceUrl: string | null;
    orderId: string | null;
    paidAt: Date | null;
    /** A deposit (docs/decisions/023): the draft order above is the deposit's; the balance is its own, made when the piece is ready. */
    depositMinor: number | null;
    balance: { amountMinor: number; draftOrderId: string | null; invoiceUrl: string | null; orderId: string | null; paidAt: Date | null } | null;
  } | null;
  /** Free work under this allowance, recorded when the worked piece was handed back (docs/decisions/023). */
  allowanceUse: { key: string; at: Date } | null;
  stateChangedAt: Date;
  createdAt: Date;
  /** From the request (so customers/redact, which clears the request's personal fields, clears them here too). */
  orderName: string;
  orderId: string;
  customerName: string | null;
  customerId: string | null;
  customerEmail: string | null;
  kind: string;
  service: string | null;
};

export type NewTicket = {
  requestId: string;
  origin: "repair" | "replacement" | "quote" | "service";
  work: string;
  itemTitle: string;
  itemImageUrl?: string | null;
  currency: string;
};

/** A quote's line, in the ticket's currency's minor units. */
export type QuoteLine = { title: string; quantity: number; unitMinor: number };

/** A timeline entry written with a move, on the request's timeline (internal: the team's). `actor`: who moved it (default the merchant; Shopify for a payment). */
export type RepairEvent = { staffId: string | null; staffName: string | null; message: string; data?: Record<string, unknown>; at: Date; actor?: "merchant" | "shopify" | "system" };

/** An operation (docs/decisions/005) recorded in the same transaction as the move that asks for it. */
export type MoveOperation = { requestId: string; step: string; idempotencyKey: string; kind: string; input: unknown; amountMinor?: number | null; currency?: string | null; shopifyOrderId?: string | null };

/** What a move may write beside the state (the intake record, the assessment, the quote, the promise). */
export type MoveFields = Partial<{
  intakeDescription: string;
  intakeCondition: string;
  declaredValueMinor: number | null;
  intakeInstructions: string;
  termsAcceptedAt: Date;
  intakeAt: Date;
  intakeStaffName: string | null;
  turnaroundDays: number | null;
  dueOn: string | null;
  assessmentCause: string | null;
  assessmentFindings: string;
  quoteMinor: number;
  quoteDescription: string;
  quoteLines: QuoteLine[];
  depositMinor: number | null;
  quotedAt: Date;
  quoteOrderId: string;
  quotePaidAt: Date;
  allowanceKey: string;
  allowanceUsedAt: Date;
  rush: boolean;
  location: string | null;
}>;

/** What may change on a ticket without moving it (who has it, where it is, how urgent). */
export type Handling = Partial<{ assigneeId: string | null; assigneeName: string | null; location: string | null; rush: boolean }>;

export const include = { request: { select: { orderName: true, orderId: true, customerName: true, customerId: true, customerEmail: true, kind: true, service: true } } } as const;
type Row = Awaited<ReturnType<Database["repairTicket"]["findFirstOrThrow"]>> & {
  request: { orderName: string; orderId: string; customerName: string | null; customerId: string | null; customerEmail: string | null; kind: string; service: string | null };
};

export function toTicket(row: Row): RepairTicketRecord {
  return {
    id: row.id,
    number: row.number,
    job: jobNumber(row.number),
    requestId: row.requestId,
    origin: row.origin,
    state: row.state as RepairState,
    work: row.work,
    itemTitle: row.itemTitle,
    itemImageUrl: row.itemImageUrl,
    currency: row.currency,
    rush: row.rush,
    turnaroundDays: row.turnaroundDays,
    dueOn: row.dueOn,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    location: row.location,
    intake: row.intakeAt
      ? {
          description: row.intakeDescription ?? "",
          condition: row.intakeCondition ?? "",
          declaredValueMinor: fromDbMinor(row.declaredValueMinor),
          instructions: row.intakeInstructions ?? "",
          termsAcceptedAt: row.termsAcceptedAt,
          at: row.intakeAt,
          staffName: row.intakeStaffName,
        }
      : null,
    assessment: row.assessmentFindings !== null || row.assessmentCause !== null ? { cause: row.assessmentCause, findings: row.assessmentFindings ?? "" } : null,
    quote:
      row.quoteMinor !== null
        ? {
            amountMinor: fromDbMinor(row.quoteMinor) ?? 0,
            description: row.quoteDescription ?? "",
            lines: row.quoteLinesJson ? (JSON.parse(row.quoteLinesJson) as QuoteLine[]) : [],
            quotedAt: row.quotedAt,
            draftOrderId: row.quoteDraftOrderId,
            invoiceUrl: row.quoteInvoiceUrl,
            orderId: row.quoteOrderId,
            paidAt: row.quotePaidAt,
            depositMinor: fromDbMinor(row.depositMinor),
            balance:
              row.depositMinor !== null
                ? { amountMinor: (fromDbMinor(row.quoteMinor) ?? 0) - (fromDbMinor(row.depositMinor) ?? 0), draftOrderId: row.balanceDraftOrderId, invoiceUrl: row.balanceInvoiceUrl, orderId: row.balanceOrderId, paidAt: row.balancePaidAt }
                : null,
          }
        : null,
    allowanceUse: row.allowanceKey && row.allowanceUsedAt ? { key: row.allowanceKey, at: row.allowanceUsedAt } : null,
    stateChangedAt: row.stateChangedAt,
    createdAt: row.createdAt,
    orderName: row.request.orderName,
    orderId: row.request.orderId,
    customerName: row.request.customerName,
    customerId: row.request.customerId,
    customerEmail: row.request.customerEmail,
    kind: row.request.kind,
    service: row.request.service,
  };
}

export type QueuePage = { rows: RepairTicketRecord[]; nextCursor: number | null };
/** Tickets per state (closed states counted up to COUNT_CAP, those reaching it named in `atLeast`) and the overdue. */
export type QueueCounts = { byState: Record<RepairState, number>; atLeast: RepairState[]; overdue: number };
