import { z } from "zod";

import type { Desk } from "../desk/actions.server";
import type { Policy } from "../domain/policy/schema";
import { adminT } from "../i18n/i18n.server";
import { SERVICES } from "../domain/vocabulary";
import type { RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { RequestRecord } from "../repositories/requests.server";
import type { FlowContext, RequestFlow } from "../requests/index.server";
import type { CounterTicket, TakenIn } from "../schemas/pos";
import { fetchCustomerOrders, type CustomerOrderSummary } from "../shopify/shopper.server";
import { issueWords, type Bench, type BenchResult } from "./bench.server";
import { STATE_LABELS, movesFrom, parseJobNumber } from "./machine";
import { workOf } from "./policy";
import { intakeSchema } from "./schemas";

/**
 * The counter (Shopify POS, docs/decisions/019-pos.md): a piece taken in for repair in front of
 * the customer, and a ticket found by its job number and handed back. Nothing here is new
 * behaviour: the request is the request module's own submit (staff as the viewer, the policy
 * decides the service as it would online), then the desk's approve and receive, the bench's
 * ticket (one per request) and its intake move. Each step starts from the state it finds, so a
 * second tap with the same key carries on where the first stopped and makes nothing twice.
 */

export type CounterDeps = {
  flow: Pick<RequestFlow, "submit">;
  flowCtx: FlowContext;
  desk: Pick<Desk, "approve" | "receive">;
  bench: Bench;
  repairs: RepairRepository;
  requests: { find(shop: string, id: string): Promise<RequestRecord | null> };
  policy: Policy | null;
  staff: { id: string; name: string | null };
  now?: () => Date;
};

export type { CounterTicket, TakenIn };

export type CounterResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string; fields?: Record<string, string> };

/** What the counter's intake form sends: the item and service, and the intake record's fields. */
export const counterIntakeSchema = intakeSchema.omit({ move: true, from: true, turnaroundDays: true, rush: true, location: true }).extend({
  lineId: z.string().regex(/^gid:\/\/shopify\/LineItem\/\d{1,20}$/, "Choose the item taken in"),
  service: z.enum(SERVICES, { message: "Choose the service the piece is taken in for" }),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "The form expired: open it again"),
});

export const collectSchema = z.object({ from: z.string().min(1).max(40) });

export function counterTicket(t: RepairTicketRecord): CounterTicket {
  return {
    id: t.id,
    job: t.job,
    state: t.state,
    stateLabel: STATE_LABELS[t.state],
    itemTitle: t.itemTitle,
    work: t.work,
    orderName: t.orderName,
    customerName: t.customerName,
    dueOn: t.dueOn,
    location: t.location,
    intakeDescription: t.intake?.description ?? null,
    collectable: movesFrom(t.state).includes("collect"),
  };
}

const refused = (status: number, message: string, fields?: Record<string, string>): CounterResult<never> => ({ ok: false, status, message, ...(fields ? { fields } : {}) });
// The counter's screens read English: the intake schema's messages are the admin catalogue's keys.
const english = adminT("en");
const fieldsOf = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), issueWords(i.message, english)]));

export function createCounter(deps: CounterDeps) {
  const now = deps.now ?? (() => new Date());

  /** Where a request needs to be for the bench: received at the shop (approved and received, by the desk's own actions). */
  async function receivedAtCounter(shop: string, id: string): Promise<CounterResult<RequestRecord>> {
    for (let step = 0; step < 3; step += 1) {
      const request = await deps.requests.find(shop, id);
      if (!request) return refused(404, "No such request in this shop.");
      if (request.status === "received" || request.status === "inspected") return { ok: true, value: request };
      const move = request.status === "requested" ? deps.desk.approve : request.status === "approved" ? deps.desk.receive : null;
      if (!move) return refused(409, `Request R-${request.number} is ${request.status}: it cannot be taken in at the counter. Nothing was taken in.`);
      const result = await move(shop, id);
      // A colleague's same move meanwhile is as good as ours: read the request again.
      if (!result.ok && result.status !== 409) return refused(result.status, result.message);
    }
    return refused(409, "The request kept moving while it was taken in; open it again.");
  }

  return {
    /**
     * Takes a piece in at the counter for an order's item: the request (the policy decides the
     * service, as online), received at the shop, its bench ticket and intake record. Answers the
     * job number to write on the envelope.
     */
    async takeIn(shop: string, orderId: string, raw: unknown): Promise<CounterResult<TakenIn>> {
      const parsed = counterIntakeSchema.safeParse(raw);
      if (!parsed.success) return refused(422, `${parsed.error.issues.map((i) => issueWords(i.message, english)).join("; ")}. Nothing was taken in.`, fieldsOf(parsed.error));
      const input = parsed.data;
      const submitted = await deps.flow.submit(deps.flowCtx, {
        orderId,
        kind: "service",
        service: input.service,
        lines: [{ lineId: input.lineId, quantity: 1, reason: "other" }],
        // The customer accepted the shop's repair terms at the counter (the form's switch).
        liabilityAccepted: true,
        note: input.instructions || null,
        idempotencyKey: input.idempotencyKey,
      });
      const received = await receivedAtCounter(shop, submitted.requestId);
      if (!received.ok) return received;
      const request = received.value;
      const resolution = deps.policy?.services.find((s) => s.service === input.service)?.resolution === "repair" ? "repair" : "service";
      const items = request.lines.map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.title || "Item"}`).join(", ");
      const { ticket } = await deps.repairs.open(
        shop,
        { requestId: request.id, origin: resolution, work: workOf(deps.policy, request, resolution), itemTitle: items || "Item", currency: request.currency },
        { staffId: deps.staff.id, staffName: deps.staff.name, message: "Repair ticket {job} opened at the counter.", data: { move: "open", origin: "counter", words: [{ key: "ticket.entry.openedCounter" }] }, at: now() },
      );
      if (ticket.state === "awaiting_item") {
        const moved: BenchResult = await deps.bench.move(shop, ticket.id, {
          move: "intake",
          from: "awaiting_item",
          description: input.description,
          condition: input.condition,
          declaredValue: input.declaredValue,
          instructions: input.instructions,
          termsAccepted: input.termsAccepted,
        });
        if (!moved.ok && moved.status !== 409) return refused(moved.status, moved.message, moved.fields);
      }
      const taken = (await deps.repairs.find(shop, ticket.id)) ?? ticket;
      return { ok: true, value: { ...counterTicket(taken), requestNumber: submitted.number } };
    },

    /** The customer's orders, newest first, to choose the one the piece came from (the customer details screen). */
    async customerOrders(customerId: string): Promise<CounterResult<{ orders: CustomerOrderSummary[] }>> {
      return { ok: true, value: { orders: await fetchCustomerOrders(deps.flowCtx.admin, customerId) } };
    },

    /** A ticket by the job number written on its envelope ("J-1042", "1042"). */
    async findJob(shop: string, text: string): Promise<CounterResult<CounterTicket>> {
      const number = parseJobNumber(text);
      if (number === null) return refused(422, `"${text.slice(0, 40)}" is not a job number: it reads like J-1042.`, { job: "Write the job number, like J-1042" });
      const ticket = await deps.repairs.byNumber(shop, number);
      return ticket ? { ok: true, value: counterTicket(ticket) } : refused(404, `No job J-${number} in this shop.`);
    },

    /** The piece handed back to the customer at the counter: the bench's collect move, from the state the counter showed. */
    async handBack(shop: string, id: string, raw: unknown): Promise<CounterResult<CounterTicket>> {
      const parsed = collectSchema.safeParse(raw);
      if (!parsed.success) return refused(422, "Say which state the ticket was shown in. Nothing changed.");
      const moved = await deps.bench.move(shop, id, { move: "collect", from: parsed.data.from, note: "Handed back at the counter." });
      if (!moved.ok) return refused(moved.status, moved.message, moved.fields);
      const ticket = await deps.repairs.find(shop, id);
      return ticket ? { ok: true, value: counterTicket(ticket) } : refused(404, "No such repair ticket in this shop.");
    },
  };
}

export type Counter = ReturnType<typeof createCounter>;
