import { z } from "zod";

import type { Database } from "../platform/db-client.server";
import { decidedMinorOf } from "./requests-decisions.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";

/**
 * What a request is: its lifecycle, the input a request is made from, the records the repository
 * returns, and the mapping between those and the database rows (shared by the parts of
 * createRequestRepository in requests.server.ts).
 */

/** The request lifecycle. Shopify's returns/* webhooks and the merchant's actions move it forward. */
export const REQUEST_STATUSES = ["requested", "approved", "declined", "received", "inspected", "resolved", "closed", "cancelled"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * How far along each status is. A status only ever moves to a later rank, so webhooks that
 * arrive out of order (returns/close before returns/process) cannot move a request backwards.
 */
const RANK: Record<RequestStatus, number> = {
  requested: 0,
  approved: 1,
  declined: 1,
  received: 2,
  inspected: 3,
  resolved: 4,
  closed: 5,
  cancelled: 5,
};

export const requestLineInputSchema = z.object({
  lineItemId: z.string().min(1),
  fulfillmentLineItemId: z.string().min(1).nullable().default(null),
  title: z.string().default(""),
  quantity: z.number().int().positive(),
  reason: z.string().min(1),
  cause: z.string().nullable().default(null),
  condition: z.record(z.string(), z.boolean()).default({}),
  notes: z.string().nullable().default(null),
  photos: z.array(z.string()).default([]),
  exchangeVariantId: z.string().nullable().default(null),
  exchangeVariantTitle: z.string().nullable().default(null),
});

export const requestInputSchema = z.object({
  orderId: z.string().min(1),
  orderName: z.string().min(1),
  customerId: z.string().nullable().default(null),
  // Stored lower-cased: Shopify treats addresses case-insensitively, and customers/redact must
  // find "Jane@Example.com" however the request wrote it.
  customerEmail: z.string().trim().toLowerCase().nullable().default(null),
  customerName: z.string().nullable().default(null),
  customerNote: z.string().nullable().default(null),
  kind: z.enum(["return", "warranty", "service"]),
  service: z.string().nullable().default(null),
  currency: z.string().length(3),
  decision: z.unknown().optional(),
  resolution: z.string().nullable().default(null),
  /** What the shopper asked for when submitting; the merchant still resolves it (`resolution`). */
  preferredResolution: z.string().nullable().default(null),
  policyVersionId: z.string().nullable().default(null),
  channel: z.string().nullable().default(null),
  /** The shopper's language as they submitted (BCP 47): their emails are written in it. */
  locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$/).max(35).nullable().default(null),
  lines: z.array(requestLineInputSchema).min(1),
});
export type RequestInput = z.input<typeof requestInputSchema>;

export type RequestLineRecord = {
  id: string;
  lineItemId: string;
  fulfillmentLineItemId: string | null;
  title: string;
  quantity: number;
  reason: string;
  cause: string | null;
  condition: Record<string, boolean>;
  notes: string | null;
  photos: string[];
  exchangeVariantId: string | null;
  exchangeVariantTitle: string | null;
  /** Parts the merchant sent for this line when resolving by parts (0 otherwise). */
  partsSent: number;
  /** Refused by the engine on what the shop found at receipt: the item goes back to the shopper. */
  sendBack: boolean;
};

/** One entry of a request's timeline (RequestEvent). */
export type RequestEventRecord = {
  id: string;
  type: string;
  actor: string;
  message: string | null;
  amountMinor: number | null;
  currency: string | null;
  at: Date;
  /** The entry's details (its reason, method, note, parts…), from which the shopper's words are made (app/requests/shopper-steps.ts). */
  data: Record<string, unknown>;
};

/** An entry's stored details; an unreadable or non-object value reads as none. */
export function parseData(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json ?? "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export type RequestEventInput = { type: string; actor: "shopper" | "merchant" | "shopify" | "system"; message?: string | null; amountMinor?: number | null; currency?: string | null; at?: Date };

export type RequestRecord = {
  id: string;
  shop: string;
  orderId: string;
  orderName: string;
  customerId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  customerNote: string | null;
  kind: "return" | "warranty" | "service";
  service: string | null;
  status: RequestStatus;
  resolution: string | null;
  preferredResolution: string | null;
  currency: string;
  decision: unknown;
  shopifyReturnId: string | null;
  deliveredAt: Date | null;
  /** The money ceiling: refunds plus credits never exceed decided + override (minor units of `currency`). */
  money: MoneyCeiling;
  redactedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  number: number | null;
  policyVersionId: string | null;
  submitKey: string | null;
  channel: string | null;
  /** The shopper's language when they submitted (null: not recorded; the shop's own). */
  locale: string | null;
  /** Shopify refused or did not answer the return request: why (shown to shopper and merchant). */
  returnError: string | null;
  returnAttempts: number;
  /** When the worker asks Shopify again; null when it is open or the worker gave up. */
  returnRetryAt: Date | null;
  lines: RequestLineRecord[];
};

/**
 * What eligibility needs of a stored request: enough to tell an open request on a line and a
 * service already used (no personal data, no decision). See summariesForOrder.
 */
export type RequestSummary = {
  id: string;
  number: number | null;
  kind: RequestRecord["kind"];
  service: string | null;
  status: RequestStatus;
  createdAt: Date;
  /** Each line, with the parts the merchant sent for it when resolving by parts (0 otherwise). */
  lines: { lineItemId: string; partsSent: number }[];
  /** Its repair ticket's state, and whether free work under an allowance was recorded when it was handed back (docs/decisions/023). */
  ticket: { state: string; allowanceUsed: boolean } | null;
};

export type MoneyCeiling = {
  decidedMinor: number | null;
  override: { minor: number; reason: string; by: string; at: Date } | null;
};

/** A merchant's explicit permission to move more money than the engine decided, recorded with who and why. */
export const moneyOverrideSchema = z.object({
  minor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(1, "say why more is refunded than the policy gives").max(500),
  by: z.string().trim().min(1).max(200),
});
export type MoneyOverrideInput = z.input<typeof moneyOverrideSchema>;

/** Who a privacy webhook is about: Shopify's customer id, email and the orders named. */
export type CustomerRef = { customerId: string | null; email: string | null; orderIds: string[] };

export const include = { lines: { orderBy: { id: "asc" } } } as const;

type Row = Awaited<ReturnType<Database["aftercareRequest"]["findFirstOrThrow"]>> & {
  lines: Awaited<ReturnType<Database["requestLine"]["findFirstOrThrow"]>>[];
};

export function toRecord(fullRow: Row): RequestRecord {
  const { moneyDecidedMinor, moneyOverrideMinor, moneyOverrideReason, moneyOverrideBy, moneyOverrideAt, moneyVersion: _version, ...row } = fullRow;
  return {
    ...row,
    money: {
      decidedMinor: fromDbMinor(moneyDecidedMinor),
      override:
        moneyOverrideMinor !== null && moneyOverrideAt !== null
          ? { minor: fromDbMinor(moneyOverrideMinor), reason: moneyOverrideReason ?? "", by: moneyOverrideBy ?? "", at: moneyOverrideAt }
          : null,
    },
    kind: row.kind as RequestRecord["kind"],
    status: row.status as RequestStatus,
    decision: row.decisionJson ? (JSON.parse(row.decisionJson) as unknown) : null,
    lines: row.lines.map((line) => ({
      id: line.id,
      lineItemId: line.lineItemId,
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      title: line.title,
      quantity: line.quantity,
      reason: line.reason,
      cause: line.cause,
      condition: JSON.parse(line.conditionJson) as Record<string, boolean>,
      notes: line.notes,
      photos: JSON.parse(line.photosJson) as string[],
      exchangeVariantId: line.exchangeVariantId,
      exchangeVariantTitle: line.exchangeVariantTitle,
      partsSent: line.partsSent,
      sendBack: line.sendBack,
    })),
  };
}

export function lineData(line: z.infer<typeof requestLineInputSchema>) {
  return {
    lineItemId: line.lineItemId,
    fulfillmentLineItemId: line.fulfillmentLineItemId,
    title: line.title,
    quantity: line.quantity,
    reason: line.reason,
    cause: line.cause,
    conditionJson: JSON.stringify(line.condition),
    notes: line.notes,
    photosJson: JSON.stringify(line.photos),
    exchangeVariantId: line.exchangeVariantId,
    exchangeVariantTitle: line.exchangeVariantTitle,
  };
}

export function requestData(shop: string, data: z.infer<typeof requestInputSchema>) {
  return {
    shop,
    orderId: data.orderId,
    orderName: data.orderName,
    customerId: data.customerId,
    customerEmail: data.customerEmail,
    customerName: data.customerName,
    customerNote: data.customerNote,
    kind: data.kind,
    service: data.service,
    currency: data.currency,
    resolution: data.resolution,
    preferredResolution: data.preferredResolution,
    policyVersionId: data.policyVersionId,
    channel: data.channel,
    locale: data.locale,
    decisionJson: data.decision === undefined ? null : JSON.stringify(data.decision),
    moneyDecidedMinor: data.decision === undefined ? null : toDbMinor(decidedMinorOf(data.decision, data.currency)),
  };
}

/** Statuses from which `to` is a step forward. */
export function statusesBefore(to: RequestStatus): RequestStatus[] {
  return REQUEST_STATUSES.filter((s) => RANK[s] < RANK[to]);
}

/** The Prisma filter for "this customer": by id, by email, or by an order the webhook names. */
export function customerFilter(shop: string, who: CustomerRef) {
  const or: object[] = [];
  if (who.customerId) or.push({ customerId: who.customerId });
  if (who.email) or.push({ customerEmail: who.email.trim().toLowerCase() });
  if (who.orderIds.length) or.push({ orderId: { in: who.orderIds } });
  return { shop, OR: or.length ? or : [{ id: "-none-" }] };
}
