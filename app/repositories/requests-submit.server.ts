import { randomUUID } from "node:crypto";

import type { Database } from "../platform/db-client.server";
import { stepOfEvent } from "../domain/notify-steps";
import { isUniqueViolation } from "./errors.server";
import { addFlowEvents, flowTriggersOfEntry } from "./flow.server";
import { fromDbMinor, toDbMinor } from "./minor-units.server";
import { include, lineData, requestData, requestInputSchema, toRecord, type RequestEventInput, type RequestInput, type RequestRecord } from "./requests-model.server";

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

/** Storing a request: made directly, or submitted by the shopper once per submit key and within the order's money. */
export function createRequestSubmission(db: Database) {
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
  };
}
