import { randomUUID } from "node:crypto";

import { z } from "zod";

import { parseMinorUnits } from "../domain/money";
import { exchangeSettlementSchema } from "../schemas/requests";
import type { Database } from "../platform/db-client.server";
import { stepOfEvent } from "../domain/notify-steps";
import { isUniqueViolation } from "./errors.server";
import { recordTimelineEntry } from "./notifications.server";
import { addFlowEvents, flowTriggersOfEntry } from "./flow.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";

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
};

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

/**
 * The money a decision gives back (its refund's total, or for an exchange the difference owed to
 * the shopper), in minor units of the request's currency; 0 when it gives none; null when the decision is not an engine decision in that
 * currency. Takes an engine Decision, or a stored record holding one under `engine`.
 */
/**
 * The engine's decision inside what a request stores: the request flow stores
 * `{ engine: Decision, preview }`, the desk and older rows the engine's decision itself. Every
 * reader of a stored decision goes through this, so both shapes read alike.
 */
export function engineDecisionOf(stored: unknown): unknown {
  if (typeof stored === "object" && stored !== null && !("refund" in stored) && "engine" in stored) {
    return (stored as { engine: unknown }).engine;
  }
  return stored ?? null;
}

/**
 * The exchange difference the shopper was shown and submitted with (the stored preview's
 * `exchange`), when there is one to settle: null for no exchange, a same-value one, or a
 * decision stored before previews carried it.
 */
export function exchangeDifferenceOf(stored: unknown): { settlement: "refund" | "store_credit" | "charge"; amount: { amountMinor: number; currency: string } } | null {
  const preview = typeof stored === "object" && stored !== null && "preview" in stored ? (stored as { preview: unknown }).preview : null;
  const exchange = typeof preview === "object" && preview !== null && "exchange" in preview ? exchangeSettlementSchema.safeParse((preview as { exchange: unknown }).exchange) : null;
  if (!exchange?.success) return null;
  const { settlement, amount } = exchange.data;
  return settlement !== "none" && amount.amountMinor > 0 ? { settlement, amount } : null;
}

export function decidedMinorOf(stored: unknown, currency: string): number | null {
  const decision = engineDecisionOf(stored);
  if (typeof decision !== "object" || decision === null || !("refund" in decision)) return null;
  const refund = (decision as { refund: unknown }).refund;
  if (refund === null) {
    // An exchange moves no refund, but a difference owed to the shopper (refunded or credited in
    // the exchange's processing) is money the decision gives back.
    const difference = exchangeDifferenceOf(stored);
    return difference && difference.settlement !== "charge" && difference.amount.currency === currency ? difference.amount.amountMinor : 0;
  }
  if (typeof refund !== "object") return null;
  const { total, currency: refundCurrency } = refund as { total?: unknown; currency?: unknown };
  if (typeof total !== "string" || (refundCurrency !== undefined && refundCurrency !== currency)) return null;
  return parseMinorUnits(total, currency);
}

/** Who a privacy webhook is about: Shopify's customer id, email and the orders named. */
export type CustomerRef = { customerId: string | null; email: string | null; orderIds: string[] };

const include = { lines: { orderBy: { id: "asc" } } } as const;

type Row = Awaited<ReturnType<Database["aftercareRequest"]["findFirstOrThrow"]>> & {
  lines: Awaited<ReturnType<Database["requestLine"]["findFirstOrThrow"]>>[];
};

function toRecord(fullRow: Row): RequestRecord {
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

function lineData(line: z.infer<typeof requestLineInputSchema>) {
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

function requestData(shop: string, data: z.infer<typeof requestInputSchema>) {
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
function statusesBefore(to: RequestStatus): RequestStatus[] {
  return REQUEST_STATUSES.filter((s) => RANK[s] < RANK[to]);
}

/** The Prisma filter for "this customer": by id, by email, or by an order the webhook names. */
function customerFilter(shop: string, who: CustomerRef) {
  const or: object[] = [];
  if (who.customerId) or.push({ customerId: who.customerId });
  if (who.email) or.push({ customerEmail: who.email.trim().toLowerCase() });
  if (who.orderIds.length) or.push({ orderId: { in: who.orderIds } });
  return { shop, OR: or.length ? or : [{ id: "-none-" }] };
}

/** What a submit checks in its transaction: the requests its decision saw, and the order's money as Shopify shows it. */
export type SubmitGuard = { seen: string[]; refundableMinor: number | null; extraMinor: number };

/** Statuses in which a request still holds its lines (and may still move money). */
const OPEN_FOR_SUBMIT = new Set<string>(["requested", "approved", "received", "inspected"]);

/**
 * Another request on one of the submitted lines was stored after the submit's decision was made
 * (two tabs, two calls with different keys): nothing was written; decide again on what is stored now.
 */
export class SubmitRaced extends Error {
  override name = "SubmitRaced";
  constructor(readonly number: number | null) {
    super(`request ${number ?? "(unnumbered)"} was stored on these lines meanwhile`);
  }
}

/**
 * What the order can still give back through a new request: Shopify's refundable amount, less
 * the store credit Aftercare gave on the order's requests (Shopify's order does not record
 * `storeCreditAccountCredit`), less refunds recorded but not yet confirmed (not on the order
 * yet), less what the other open requests may still move (their ceiling less what they moved).
 */
async function freeOnOrder(
  tx: Database,
  shop: string,
  currency: string,
  refundableMinor: number,
  onOrder: { id: string; status: string; currency: string; moneyDecidedMinor: bigint | null; moneyOverrideMinor: bigint | null }[],
): Promise<number> {
  const ids = onOrder.filter((r) => r.currency === currency).map((r) => r.id);
  if (!ids.length) return refundableMinor;
  const operations = await tx.operation.findMany({
    where: { shop, requestId: { in: ids }, status: { not: "failed" }, kind: { not: "invoice" }, currency },
    select: { requestId: true, kind: true, status: true, amountMinor: true },
  });
  const movedBy = new Map<string, number>();
  let notOnOrder = 0;
  for (const op of operations) {
    const amount = fromDbMinor(op.amountMinor) ?? 0;
    movedBy.set(op.requestId as string, (movedBy.get(op.requestId as string) ?? 0) + amount);
    if (op.kind === "store_credit" || op.status !== "succeeded") notOnOrder += amount;
  }
  let held = 0;
  for (const r of onOrder) {
    if (r.currency !== currency || !OPEN_FOR_SUBMIT.has(r.status)) continue;
    const ceiling = (fromDbMinor(r.moneyDecidedMinor) ?? 0) + (fromDbMinor(r.moneyOverrideMinor) ?? 0);
    held += Math.max(0, ceiling - (movedBy.get(r.id) ?? 0));
  }
  return refundableMinor - notOnOrder - held;
}

/**
 * Aftercare requests and their lines. Every function takes the shop's domain first and reads or
 * changes only that shop's rows (where clauses always carry `shop`, deletes included).
 *
 * @example
 * const requests = createRequestRepository(db);
 * const request = await requests.create("gold.myshopify.com", { orderId, orderName: "#1001", kind: "return", currency: "GBP", lines: [...] });
 */
export function createRequestRepository(db: Database) {
  return {
    async create(shop: string, input: RequestInput): Promise<RequestRecord> {
      const data = requestInputSchema.parse(input);
      const row = await db.aftercareRequest.create({
        data: { ...requestData(shop, data), lines: { create: data.lines.map(lineData) } },
        include,
      });
      return toRecord(row);
    },

    /**
     * A shopper's submitted request: numbered (the shop's next number, from 1) and stored with its
     * first timeline event, under the client's submit key. The same key again returns the request
     * already stored (`created: false`), whoever raced to it first: the unique (shop, submitKey)
     * decides, never a read-then-write.
     *
     * Submits for one order are serialised (issue 22, item 4): the transaction first takes the
     * order's claim row (`DeskClaim` under `submit:{orderId}`, inserted and deleted inside the
     * transaction, so it is never seen committed: PostgreSQL makes a second insert of the same key
     * wait for the first transaction's end, SQLite holds its write lock), then reads the order's
     * requests again. A request on one of these lines that the caller's decision did not see
     * (`guard.seen`) and that is still open throws `SubmitRaced`: the caller decides again on
     * what is stored now. Two tabs or two calls with different keys therefore make one request.
     *
     * `guard.refundableMinor` (what Shopify says the order still holds: its net payment, in the
     * request's currency) caps the request's money ceiling, less what Aftercare has moved that
     * Shopify does not show on the order yet (store credit, which no order records; refunds not yet
     * confirmed) and what the order's other open requests may still move. `guard.extraMinor` is
     * what the decision gives beyond the order's money (a store-credit bonus the policy offers).
     */
    async submit(shop: string, submitKey: string, input: RequestInput, first: RequestEventInput, guard?: SubmitGuard): Promise<{ request: RequestRecord; created: boolean }> {
      const data = requestInputSchema.parse(input);
      const claimKey = `submit:${data.orderId}`;
      const lineIds = new Set(data.lines.map((l) => l.lineItemId));
      for (let attempt = 0; attempt < 8; attempt++) {
        try {
          return await db.$transaction(
            async (tx) => {
              // A write first: SQLite takes its write lock at once (no read snapshot to go stale
              // while another process writes); PostgreSQL makes the insert wait for another
              // submit's uncommitted row of the same key, until that transaction ends.
              await tx.deskClaim.deleteMany({ where: { shop, key: claimKey } });
              await tx.deskClaim.create({ data: { shop, key: claimKey, holder: "request submit", token: randomUUID(), expiresAt: new Date(Date.now() + 60_000) } });
              const existing = await tx.aftercareRequest.findFirst({ where: { shop, submitKey }, include });
              if (existing) {
                await tx.deskClaim.deleteMany({ where: { shop, key: claimKey } });
                return { request: toRecord(existing), created: false };
              }
              const onOrder = await tx.aftercareRequest.findMany({
                where: { shop, orderId: data.orderId },
                select: { id: true, number: true, status: true, currency: true, moneyDecidedMinor: true, moneyOverrideMinor: true, lines: { select: { lineItemId: true } } },
              });
              if (guard) {
                const seen = new Set(guard.seen);
                const raced = onOrder.find((r) => !seen.has(r.id) && OPEN_FOR_SUBMIT.has(r.status) && r.lines.some((l) => lineIds.has(l.lineItemId)));
                if (raced) throw new SubmitRaced(raced.number);
              }
              const row = requestData(shop, data);
              let capped: { decided: number; ceiling: number; refundable: number } | null = null;
              const decided = fromDbMinor(row.moneyDecidedMinor);
              if (guard && guard.refundableMinor !== null && decided !== null && decided > 0) {
                const free = await freeOnOrder(tx as unknown as Database, shop, data.currency, guard.refundableMinor, onOrder);
                const ceiling = Math.min(decided, Math.max(0, free) + Math.max(0, guard.extraMinor));
                if (ceiling < decided) {
                  row.moneyDecidedMinor = toDbMinor(ceiling);
                  capped = { decided, ceiling, refundable: guard.refundableMinor };
                }
              }
              const last = await tx.aftercareRequest.aggregate({ where: { shop }, _max: { number: true } });
              const number = (last._max.number ?? 0) + 1;
              const at = first.at ?? new Date();
              const events = [{ shop, type: first.type, actor: first.actor, message: first.message ?? null, amountMinor: toDbMinor(first.amountMinor ?? null), currency: first.currency ?? null, at }];
              const created = await tx.aftercareRequest.create({
                data: {
                  ...row,
                  number,
                  submitKey,
                  lines: { create: data.lines.map(lineData) },
                  // The outbox entry of the step's email (app/messaging), written with the request.
                  ...(stepOfEvent(first.type) ? { notifications: { create: [{ shop, step: stepOfEvent(first.type) as string }] } } : {}),
                  events: {
                    create: capped
                      ? [
                          ...events,
                          {
                            shop,
                            type: "message",
                            actor: "system",
                            internal: true,
                            message: `Money ceiling ${capped.ceiling} (minor units of ${data.currency}), not the ${capped.decided} decided: Shopify shows ${capped.refundable} still refundable on the order, and Aftercare's other requests on it hold or have moved the rest.`,
                            amountMinor: toDbMinor(capped.ceiling),
                            currency: data.currency,
                            at,
                          },
                        ]
                      : events,
                  },
                },
                include,
              });
              await addFlowEvents(tx, shop, created.id, flowTriggersOfEntry(first), null); // Shopify Flow (app/flow)
              await tx.deskClaim.deleteMany({ where: { shop, key: claimKey } });
              return { request: toRecord(created), created: true };
            },
            // A second submit for the order waits for the first's few statements, not for Shopify.
            { maxWait: 15_000, timeout: 20_000 },
          );
        } catch (error) {
          // Another submit took this number (or this very key): look again.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      throw new Error(`could not number a request for ${shop} after 8 attempts`);
    },

    async findBySubmitKey(shop: string, submitKey: string): Promise<RequestRecord | null> {
      const row = await db.aftercareRequest.findFirst({ where: { shop, submitKey }, include });
      return row ? toRecord(row) : null;
    },

    async addEvent(shop: string, id: string, event: RequestEventInput): Promise<boolean> {
      const owner = await db.aftercareRequest.findFirst({ where: { shop, id }, select: { id: true } });
      if (!owner) return false;
      await recordTimelineEntry(db, { shop, requestId: id, type: event.type, actor: event.actor, message: event.message, amountMinor: event.amountMinor, currency: event.currency, at: event.at ?? new Date() });
      return true;
    },

    /**
     * A refund Shopify made outside Aftercare (Shopify admin, POS) on the request's timeline, once
     * per refund: false when the entry is already there (a retried job) or the request is not the shop's.
     */
    async recordShopifyRefund(shop: string, id: string, refund: { refundId: string; amountMinor: number | null; currency: string | null; at: Date }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const owner = await tx.aftercareRequest.findFirst({ where: { shop, id }, select: { id: true } });
        if (!owner) return false;
        const data = JSON.stringify({ shopifyRefundId: refund.refundId });
        if (await tx.requestEvent.count({ where: { shop, requestId: id, type: "refunded", dataJson: data } })) return false;
        await tx.requestEvent.create({
          data: { shop, requestId: id, type: "refunded", actor: "shopify", amountMinor: toDbMinor(refund.amountMinor), currency: refund.currency, dataJson: data, at: refund.at },
        });
        return true;
      });
    },

    /** The timeline, oldest first, as the shopper may see it (the desk's internal entries left out). */
    async events(shop: string, id: string): Promise<RequestEventRecord[]> {
      const rows = await db.requestEvent.findMany({
        where: { shop, requestId: id, internal: false },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, type: true, actor: true, message: true, amountMinor: true, currency: true, at: true },
      });
      return rows.map((row) => ({ ...row, amountMinor: fromDbMinor(row.amountMinor) }));
    },

    /**
     * The whole timeline for a customer's data request, oldest first: the entries the shopper sees
     * and the team's own (marked internal), each with what it says; not which staff member wrote it.
     */
    async timelineForExport(shop: string, id: string): Promise<(RequestEventRecord & { internal: boolean })[]> {
      const rows = await db.requestEvent.findMany({
        where: { shop, requestId: id },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, type: true, actor: true, message: true, amountMinor: true, currency: true, at: true, internal: true },
      });
      return rows.map((row) => ({ ...row, amountMinor: fromDbMinor(row.amountMinor) }));
    },

    async find(shop: string, id: string): Promise<RequestRecord | null> {
      const row = await db.aftercareRequest.findFirst({ where: { shop, id }, include });
      return row ? toRecord(row) : null;
    },

    async findByReturn(shop: string, shopifyReturnId: string): Promise<RequestRecord | null> {
      const row = await db.aftercareRequest.findFirst({ where: { shop, shopifyReturnId }, include });
      return row ? toRecord(row) : null;
    },

    /**
     * The requests on one order, newest first, reduced to what eligibility needs. Asked on every
     * storefront order page, so it is one indexed join in plain SQL (the same text on SQLite and
     * PostgreSQL): through Prisma's findMany with its lines it cost 4-6 times as much per call
     * (a query plan compiled and two queries; bench/eligibility.ts).
     */
    async summariesForOrder(shop: string, orderId: string): Promise<RequestSummary[]> {
      const rows = await db.$queryRaw<{ id: string; number: number | bigint | null; kind: string; service: string | null; status: string; createdAt: Date | string | number; lineItemId: string; partsSent: number | bigint; ticketState: string | null; allowanceUsedAt: unknown }[]>`
        SELECT r."id", r."number", r."kind", r."service", r."status", r."createdAt", l."lineItemId", l."partsSent", t."state" AS "ticketState", t."allowanceUsedAt"
        FROM "AftercareRequest" r JOIN "RequestLine" l ON l."requestId" = r."id" LEFT JOIN "RepairTicket" t ON t."requestId" = r."id"
        WHERE r."shop" = ${shop} AND r."orderId" = ${orderId}
        ORDER BY r."createdAt" DESC, r."id" DESC, l."id" ASC`;
      const byId = new Map<string, RequestSummary>();
      for (const row of rows) {
        let summary = byId.get(row.id);
        if (!summary) {
          summary = {
            id: row.id,
            number: row.number === null ? null : Number(row.number),
            kind: row.kind as RequestSummary["kind"],
            service: row.service,
            status: row.status as RequestStatus,
            createdAt: new Date(row.createdAt),
            lines: [],
            ticket: row.ticketState === null ? null : { state: row.ticketState, allowanceUsed: row.allowanceUsedAt !== null },
          };
          byId.set(row.id, summary);
        }
        summary.lines.push({ lineItemId: row.lineItemId, partsSent: Number(row.partsSent) });
      }
      return [...byId.values()];
    },

    /** Which of these photo keys a stored request line or parcel holds (keys are random, unique across shops). */
    async photoKeysInUse(keys: string[]): Promise<Set<string>> {
      const used = new Set<string>();
      for (const key of keys) {
        if (!/^[a-f0-9]{32}$/.test(key)) continue;
        if (await db.requestLine.findFirst({ where: { photosJson: { contains: `"${key}"` } }, select: { id: true } })) used.add(key);
        // A parcel's proof of postage is a photo a request holds too.
        else if (await db.requestParcel.findFirst({ where: { proofKey: key }, select: { id: true } })) used.add(key);
      }
      return used;
    },

    /** The merchant's queue, newest first. */
    async list(shop: string, filter: { status?: RequestStatus[]; orderId?: string; take?: number } = {}): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({
        where: { shop, ...(filter.status ? { status: { in: filter.status } } : {}), ...(filter.orderId ? { orderId: filter.orderId } : {}) },
        include,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: filter.take ?? 100,
      });
      return rows.map(toRecord);
    },

    /** Records the engine's decision; its refund total becomes the request's money ceiling. */
    async recordDecision(shop: string, id: string, decision: unknown, resolution: string | null): Promise<boolean> {
      const request = await db.aftercareRequest.findFirst({ where: { shop, id }, select: { currency: true } });
      if (!request) return false;
      const moneyDecidedMinor = toDbMinor(decidedMinorOf(decision, request.currency));
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id }, data: { decisionJson: JSON.stringify(decision), resolution, moneyDecidedMinor } });
      return count === 1;
    },

    /**
     * The merchant allows `minor` more than the engine decided (a goodwill gesture, a
     * correction), recorded with who and why; replaces an earlier override. The ceiling then is
     * decided + override.
     */
    async recordMoneyOverride(shop: string, id: string, input: MoneyOverrideInput, at: Date): Promise<boolean> {
      const data = moneyOverrideSchema.parse(input);
      const { count } = await db.aftercareRequest.updateMany({
        where: { shop, id },
        data: { moneyOverrideMinor: toDbMinor(data.minor), moneyOverrideReason: data.reason, moneyOverrideBy: data.by, moneyOverrideAt: at, moneyVersion: { increment: 1 } },
      });
      return count === 1;
    },

    async linkReturn(shop: string, id: string, shopifyReturnId: string): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id }, data: { shopifyReturnId, returnError: null, returnRetryAt: null } });
      return count === 1;
    },

    /** Shopify did not open the request's return: the reason, one more attempt counted, and when to try again (null: give up). */
    async returnNotOpened(shop: string, id: string, error: string, retryAt: Date | null): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id, shopifyReturnId: null }, data: { returnError: error.slice(0, 500), returnAttempts: { increment: 1 }, returnRetryAt: retryAt } });
      return count === 1;
    },

    /** Requests whose Shopify return is due another attempt, oldest first, across shops (the worker's). */
    async dueReturnRetries(now: Date, take = 20): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({ where: { returnRetryAt: { lte: now }, shopifyReturnId: null, status: "requested" }, include, orderBy: [{ returnRetryAt: "asc" }, { id: "asc" }], take });
      return rows.map(toRecord);
    },

    /** Moves a request forward (never back); false when it is unknown or already further on. */
    async advance(shop: string, id: string, to: RequestStatus): Promise<boolean> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, id, status: { in: statusesBefore(to) } }, data: { status: to } });
      return count === 1;
    },

    /** True when the desk cancelled this Shopify return to make it again (its webhooks are not the request's). */
    async isReplacedReturn(shop: string, shopifyReturnId: string): Promise<boolean> {
      return (await db.replacedReturn.count({ where: { shop, returnId: shopifyReturnId } })) > 0;
    },

    /** returns/* webhooks: the request behind a Shopify return follows what the merchant did there. */
    async advanceByReturn(shop: string, shopifyReturnId: string, to: RequestStatus): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, shopifyReturnId, status: { in: statusesBefore(to) } }, data: { status: to } });
      return count;
    },

    /** orders/cancelled: requests still open on a cancelled order are cancelled too. */
    async cancelOpenForOrder(shop: string, orderId: string): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId, status: { in: ["requested", "approved"] } }, data: { status: "cancelled" } });
      return count;
    },

    async renameOrder(shop: string, orderId: string, orderName: string): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId, NOT: { orderName } }, data: { orderName } });
      return count;
    },

    async recordDelivery(shop: string, orderId: string, deliveredAt: Date): Promise<number> {
      const { count } = await db.aftercareRequest.updateMany({ where: { shop, orderId }, data: { deliveredAt } });
      return count;
    },

    /**
     * customers/redact: the customer's personal data goes (name, email, notes, photos); the
     * request, its lines, quantities, reasons, decision and figures stay, anonymised.
     */
    async redactCustomer(shop: string, who: CustomerRef, at: Date): Promise<number> {
      const where = customerFilter(shop, who);
      const found = await db.aftercareRequest.findMany({ where, select: { id: true, customerEmail: true, customerName: true } });
      const ids = found.map((r) => r.id);
      if (!ids.length) return 0;
      // Any other entry of these timelines that still names the customer (written before entries
      // stopped carrying an email address) loses that name or address, in its message and its data.
      const needles = [...new Set([who.email, ...found.flatMap((r) => [r.customerEmail, r.customerName])].map((v) => v?.trim()).filter((v): v is string => Boolean(v && v.length >= 3)))];
      const pattern = needles.length ? new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi") : null;
      const without = (text: string) => (pattern ? text.replace(pattern, "[redacted]") : text);
      const naming = pattern
        ? (await db.requestEvent.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, message: true, dataJson: true } })).filter((e) => without(e.message ?? "") !== (e.message ?? "") || without(e.dataJson) !== e.dataJson)
        : [];
      // The inspection's note and findings are staff words, but written about this customer's
      // piece they may name them: they lose the name or address as timeline entries do.
      const inspections = pattern
        ? (await db.requestInspection.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, note: true, findingsJson: true } })).filter((i) => without(i.note) !== i.note || without(i.findingsJson) !== i.findingsJson)
        : [];
      // The workshop's intake and assessment are about this customer's piece: what the customer
      // stated and asked goes; the staff's findings lose the name or address.
      const tickets = await db.repairTicket.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, assessmentFindings: true } });
      await db.$transaction([
        // The parcel they sent: its tracking number (which the carrier ties to their address) and
        // the proof-of-postage photo, which the photo sweep then deletes as no longer in use.
        db.requestParcel.updateMany({ where: { shop, requestId: { in: ids } }, data: { trackingNumber: "[redacted]", carrierName: null, proofKey: null } }),
        ...tickets.map((t) =>
          db.repairTicket.updateMany({
            where: { shop, id: t.id },
            data: { intakeDescription: null, intakeCondition: null, intakeInstructions: null, assessmentFindings: t.assessmentFindings === null ? null : without(t.assessmentFindings) },
          }),
        ),
        ...inspections.map((i) => db.requestInspection.updateMany({ where: { shop, id: i.id }, data: { note: without(i.note), findingsJson: without(i.findingsJson) } })),
        db.requestLine.updateMany({ where: { requestId: { in: ids }, request: { shop } }, data: { notes: null, photosJson: "[]" } }),
        ...naming.map((event) => db.requestEvent.updateMany({ where: { shop, id: event.id }, data: { message: event.message === null ? null : without(event.message), dataJson: without(event.dataJson) } })),
        // What the shopper wrote: their own entries, and the note a request opens with (a staff
        // member who logs a request for a shopper records the shopper's words there).
        db.requestEvent.updateMany({ where: { shop, requestId: { in: ids }, OR: [{ actor: "shopper" }, { type: "requested" }] }, data: { message: null } }),
        db.aftercareRequest.updateMany({
          where: { shop, id: { in: ids } },
          data: { customerId: null, customerEmail: null, customerName: null, customerNote: null, redactedAt: at },
        }),
      ]);
      return ids.length;
    },

    /** customers/data_request: everything Aftercare holds about the customer, as plain data. */
    async customerData(shop: string, who: CustomerRef): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({ where: customerFilter(shop, who), include, orderBy: { createdAt: "asc" } });
      return rows.map(toRecord);
    },
  };
}

export type RequestRepository = ReturnType<typeof createRequestRepository>;
