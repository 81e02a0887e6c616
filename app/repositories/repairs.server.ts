import { randomUUID } from "node:crypto";

import { providerOf, type Database } from "../platform/db-client.server";
import { CLOSED_STATES, OWED_STATES, REPAIR_STATES, jobNumber, type RepairState } from "../repairs/machine";
import { isUniqueViolation } from "./errors.server";
import { addFlowEvents, ticketFlowTriggers } from "./flow.server";
import { toDbMinor } from "./minor-units.server";
import { addRepairStepToOutbox } from "./notifications.server";

/**
 * Repair tickets (the workshop, app/repairs): job numbers, the compare-and-set state moves with
 * their timeline entries, and the bench queue's keyset pages. Every function takes the shop's
 * domain first and reads or writes only that shop's rows.
 */

export * from "./repairs-model.server";
import { COUNT_CAP, FIRST_JOB_NUMBER, QUEUE_PAGE_SIZE, TX_LIMITS, include, toTicket, type MoveFields, type MoveOperation, type NewTicket, type QueueCounts, type QueuePage, type RepairEvent, type RepairTicketRecord, type Handling } from "./repairs-model.server";


export function createRepairRepository(db: Database) {
  type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

  function event(tx: Tx | Database, shop: string, requestId: string, e: RepairEvent) {
    return tx.requestEvent.create({
      data: { shop, requestId, type: "repair", actor: e.actor ?? "merchant", staffId: e.staffId, staffName: e.staffName, message: e.message, dataJson: JSON.stringify(e.data ?? {}), internal: true, at: e.at },
    });
  }

  /**
   * The shop's next job number: one statement that inserts the counter at the first number or
   * adds one to it, and returns it, in its own short transaction. PostgreSQL locks the counter
   * row for the statement and SQLite the database, so two callers (two clicks, two processes)
   * never read the same value; a number handed out is never handed out again.
   */
  async function nextNumber(shop: string): Promise<number> {
    const rows = await db.$queryRaw<{ last: number | bigint }[]>`INSERT INTO "RepairCounter" ("shop", "last") VALUES (${shop}, ${FIRST_JOB_NUMBER}) ON CONFLICT ("shop") DO UPDATE SET "last" = "RepairCounter"."last" + 1 RETURNING "last"`;
    return Number(rows[0].last);
  }

  async function forRequest(shop: string, requestId: string): Promise<RepairTicketRecord | null> {
    const row = await db.repairTicket.findFirst({ where: { shop, requestId }, include });
    return row ? toTicket(row) : null;
  }

  return {
    forRequest,

    /**
     * The ticket for a request, made with the shop's next job number if it has none (a second
     * call, or a colleague's at the same moment, finds the same ticket: one per request).
     */
    async open(shop: string, input: NewTicket, e: RepairEvent): Promise<{ ticket: RepairTicketRecord; created: boolean }> {
      const existing = await forRequest(shop, input.requestId);
      if (existing) return { ticket: existing, created: false };
      const request = await db.aftercareRequest.findFirst({ where: { shop, id: input.requestId }, select: { id: true } });
      if (!request) throw new Error(`no request ${input.requestId} in ${shop}`);
      // The number is taken first, outside any longer transaction (a transaction holding the
      // counter's lock while it wrote the ticket made 50 concurrent opens wait past Prisma's
      // limits on both databases). The desk opens a request's ticket only once its
      // resolution is claimed, so a number is skipped only if two callers open the same
      // request's ticket at the same instant: unique and increasing always, gap-free in practice.
      const number = await nextNumber(shop);
      const id = randomUUID();
      try {
        // Each write its own statement (no transaction to wait for under load): the ticket, then
        // its opening entry on the request's timeline.
        await db.repairTicket.create({
          data: { id, shop, number, requestId: input.requestId, origin: input.origin, work: input.work, itemTitle: input.itemTitle, itemImageUrl: input.itemImageUrl ?? null, currency: input.currency, stateChangedAt: e.at },
          select: { id: true },
        });
        await event(db, shop, input.requestId, { ...e, message: e.message.replace("{job}", jobNumber(number)), data: { ...e.data, ticketId: id, job: jobNumber(number), to: "awaiting_item" } });
        const ticket = await forRequest(shop, input.requestId);
        if (!ticket) throw new Error(`ticket ${id} not found after it was made`);
        return { ticket, created: true };
      } catch (error) {
        // The same request's ticket made by another caller meanwhile.
        if (!isUniqueViolation(error)) throw error;
        const raced = await forRequest(shop, input.requestId);
        if (!raced) throw error;
        return { ticket: raced, created: false };
      }
    },

    async find(shop: string, id: string): Promise<RepairTicketRecord | null> {
      const row = await db.repairTicket.findFirst({ where: { shop, id }, include });
      return row ? toTicket(row) : null;
    },

    async byNumber(shop: string, number: number): Promise<RepairTicketRecord | null> {
      const row = await db.repairTicket.findFirst({ where: { shop, number }, include });
      return row ? toTicket(row) : null;
    },

    /**
     * Moves a ticket from exactly `from` to `to` with what the move records, and writes its
     * timeline entry in the same transaction. False when the ticket is no longer in `from` (a
     * colleague or a second click moved it first): nothing is written then.
     */
    async move(shop: string, id: string, from: RepairState, to: RepairState, fields: MoveFields, e: RepairEvent, operations: MoveOperation[] = []): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { declaredValueMinor, quoteMinor, quoteLines, depositMinor, ...rest } = fields;
        const moved = await tx.repairTicket.updateMany({
          where: { shop, id, state: from },
          data: {
            ...rest,
            ...(declaredValueMinor !== undefined ? { declaredValueMinor: toDbMinor(declaredValueMinor) } : {}),
            ...(quoteMinor !== undefined ? { quoteMinor: toDbMinor(quoteMinor) } : {}),
            ...(quoteLines !== undefined ? { quoteLinesJson: JSON.stringify(quoteLines) } : {}),
            ...(depositMinor !== undefined ? { depositMinor: toDbMinor(depositMinor) } : {}),
            state: to,
            stateChangedAt: e.at,
          },
        });
        if (moved.count !== 1) return false;
        const ticket = await tx.repairTicket.findFirstOrThrow({ where: { shop, id }, select: { requestId: true, number: true } });
        const entry = await event(tx, shop, ticket.requestId, { ...e, data: { ...e.data, ticketId: id, job: jobNumber(ticket.number), from, to } });
        await addFlowEvents(tx, shop, ticket.requestId, ticketFlowTriggers(to), entry.id); // Shopify Flow (app/flow)
        await addRepairStepToOutbox(tx, shop, ticket.requestId, to, entry.id); // the shopper's email (app/messaging)
        // The Shopify calls the move asks for, recorded with it: a crash after this commit leaves
        // them pending for the reconciler, never a move without its calls or calls without it.
        for (const op of operations) {
          await tx.operation.create({ data: { shop, requestId: op.requestId, step: op.step, idempotencyKey: op.idempotencyKey, kind: op.kind, amountMinor: toDbMinor(op.amountMinor ?? null), currency: op.currency ?? null, inputJson: JSON.stringify(op.input), shopifyOrderId: op.shopifyOrderId ?? null, shopifyTargetId: null } });
        }
        return true;
      }, TX_LIMITS);
    },

    /** Tickets of any shop still quoted since before `before` (the quote-expiry task's candidates), oldest first. */
    async quotedBefore(before: Date, take = 500): Promise<{ shop: string; id: string; service: string | null; quotedAt: Date }[]> {
      const rows = await db.repairTicket.findMany({ where: { state: "quoted", quotedAt: { lt: before } }, orderBy: { quotedAt: "asc" }, take, select: { shop: true, id: true, quotedAt: true, request: { select: { service: true } } } });
      return rows.map((r) => ({ shop: r.shop, id: r.id, service: r.request.service, quotedAt: r.quotedAt as Date }));
    },

    /** Quoted tickets whose draft order is not on the ticket yet (the reconciler made or found it). */
    async quotedWithoutDraft(shop: string): Promise<string[]> {
      const rows = await db.repairTicket.findMany({ where: { shop, state: "quoted", quoteDraftOrderId: null }, select: { id: true }, take: 100 });
      return rows.map((r) => r.id);
    },

    /** The quote's draft order and its invoice URL, once Shopify made it (kept as first recorded). False for an unknown ticket. */
    async attachDraft(shop: string, id: string, draft: { draftOrderId: string; invoiceUrl: string | null }): Promise<boolean> {
      const { count } = await db.repairTicket.updateMany({ where: { shop, id, quoteMinor: { not: null }, quoteDraftOrderId: null }, data: { quoteDraftOrderId: draft.draftOrderId, quoteInvoiceUrl: draft.invoiceUrl } });
      if (count === 1) return true;
      return (await db.repairTicket.count({ where: { shop, id, quoteDraftOrderId: draft.draftOrderId } })) === 1;
    },

    /** A deposit's balance draft order and its invoice URL, once Shopify made it (kept as first recorded). */
    async attachBalance(shop: string, id: string, draft: { draftOrderId: string; invoiceUrl: string | null }): Promise<boolean> {
      const { count } = await db.repairTicket.updateMany({ where: { shop, id, depositMinor: { not: null }, balanceDraftOrderId: null }, data: { balanceDraftOrderId: draft.draftOrderId, balanceInvoiceUrl: draft.invoiceUrl } });
      if (count === 1) return true;
      return (await db.repairTicket.count({ where: { shop, id, balanceDraftOrderId: draft.draftOrderId } })) === 1;
    },

    /**
     * The balance paid (Shopify shows its draft order completed into an order): recorded once
     * (compare-and-set where no payment is recorded yet) with its entry by Shopify. False when it
     * was recorded before.
     */
    async balancePaid(shop: string, id: string, paid: { orderId: string; at: Date }, e: RepairEvent): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.repairTicket.updateMany({ where: { shop, id, depositMinor: { not: null }, balancePaidAt: null }, data: { balanceOrderId: paid.orderId, balancePaidAt: paid.at } });
        if (count !== 1) return false;
        const ticket = await tx.repairTicket.findFirstOrThrow({ where: { shop, id }, select: { requestId: true, number: true } });
        await event(tx, shop, ticket.requestId, { ...e, data: { ...e.data, ticketId: id, job: jobNumber(ticket.number) } });
        return true;
      }, TX_LIMITS);
    },

    /** Ready tickets whose balance draft order is not on the ticket yet (the reconciler made or found it). */
    async readyWithoutBalanceDraft(shop: string): Promise<string[]> {
      const rows = await db.repairTicket.findMany({ where: { shop, state: "ready", depositMinor: { not: null }, balanceDraftOrderId: null }, select: { id: true }, take: 100 });
      return rows.map((r) => r.id);
    },

    /** The newest bench entry for a ticket (what a losing click is told: who moved it, when). */
    async lastEntry(shop: string, ticket: { id: string; requestId: string }): Promise<{ staffName: string | null; at: Date } | null> {
      const rows = await db.requestEvent.findMany({ where: { shop, requestId: ticket.requestId, type: "repair" }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 20, select: { staffName: true, at: true, dataJson: true } });
      const row = rows.find((r) => (JSON.parse(r.dataJson) as { ticketId?: string }).ticketId === ticket.id && "to" in (JSON.parse(r.dataJson) as object));
      return row ? { staffName: row.staffName, at: row.at } : null;
    },

    /** Who has it, where it is, whether it is a rush: changed in place, with a timeline entry. False for an unknown ticket. */
    async handle(shop: string, id: string, changes: Handling, e: RepairEvent): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const ticket = await tx.repairTicket.findFirst({ where: { shop, id }, select: { requestId: true, number: true } });
        if (!ticket) return false;
        await tx.repairTicket.updateMany({ where: { shop, id }, data: changes });
        await event(tx, shop, ticket.requestId, { ...e, data: { ...e.data, ticketId: id, job: jobNumber(ticket.number), ...changes } });
        return true;
      }, TX_LIMITS);
    },

    /** A correction or note on the ticket (the intake record itself is never changed). */
    async note(shop: string, id: string, e: RepairEvent): Promise<boolean> {
      const ticket = await db.repairTicket.findFirst({ where: { shop, id }, select: { requestId: true, number: true } });
      if (!ticket) return false;
      await event(db, shop, ticket.requestId, { ...e, data: { ...e.data, ticketId: id, job: jobNumber(ticket.number) } });
      return true;
    },

    /**
     * A page of the bench queue, highest job number first, in some states (all when none):
     * keyset on the job number. Several states are read as one index-ordered page each, merged
     * (decision 013), so no page reads more than a page per state.
     */
    async queue(shop: string, query: { states?: readonly RepairState[]; after?: number | null; take?: number; assigneeId?: string | null; dueBefore?: string | null }): Promise<QueuePage> {
      const take = Math.min(Math.max(query.take ?? QUEUE_PAGE_SIZE, 1), 100);
      const states = query.states?.length ? query.states : null;
      const base = { shop, ...(query.after ? { number: { lt: query.after } } : {}), ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}), ...(query.dueBefore ? { dueOn: { lt: query.dueBefore } } : {}) };
      const read = (where: object) => db.repairTicket.findMany({ where, include, orderBy: { number: "desc" }, take: take + 1 });
      // PostgreSQL's planner reads several states as one page well (the state index for rare states,
      // the job-number index backwards for common ones); SQLite's sorts every match, so it reads a
      // page per state and merges them (decision 013).
      const oneQuery = !states || states.length === 1 || providerOf(db) === "postgresql";
      const pages = oneQuery ? [await read(states ? { ...base, state: states.length === 1 ? states[0] : { in: [...states] } } : base)] : await Promise.all(states.map((state) => read({ ...base, state })));
      const merged = pages.flat().sort((a, b) => b.number - a.number).slice(0, take + 1);
      const rows = merged.slice(0, take).map(toTicket);
      return { rows, nextCursor: merged.length > take ? rows[rows.length - 1].number : null };
    },

    /**
     * How many tickets are in each state, and how many of those still owed are past their date.
     * Open states are counted exactly (a workshop has hundreds open, read from the state index);
     * the closed ones grow forever, so each is counted only up to COUNT_CAP and named in
     * `atLeast` when it reaches it: the bench shows "1000+" rather than reading two years of
     * history on every page (bench/results/bench-queue.json).
     */
    async counts(shop: string, today: string): Promise<QueueCounts> {
      const open = REPAIR_STATES.filter((s) => !CLOSED_STATES.includes(s));
      const [groups, closed, overdue] = await Promise.all([
        db.repairTicket.groupBy({ by: ["state"], where: { shop, state: { in: open } }, _count: { _all: true } }),
        // A capped count in SQL: Prisma's count with `take` reads the rows themselves on SQLite (30 ms
        // for 1,000), where this reads at most 1,000 entries of the state index on both databases.
        Promise.all(
          CLOSED_STATES.map(async (state) => {
            const [row] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM "RepairTicket" WHERE "shop" = ${shop} AND "state" = ${state} LIMIT ${COUNT_CAP}) AS capped`;
            return Number(row?.n ?? 0);
          }),
        ),
        db.repairTicket.count({ where: { shop, state: { in: [...OWED_STATES] }, dueOn: { lt: today } } }),
      ]);
      const byState = Object.fromEntries(REPAIR_STATES.map((s) => [s, 0])) as Record<RepairState, number>;
      for (const g of groups) if ((REPAIR_STATES as readonly string[]).includes(g.state)) byState[g.state as RepairState] = g._count._all;
      CLOSED_STATES.forEach((state, i) => (byState[state] = closed[i]));
      return { byState, atLeast: CLOSED_STATES.filter((s) => byState[s] >= COUNT_CAP), overdue };
    },
  };
}

export type RepairRepository = ReturnType<typeof createRepairRepository>;
