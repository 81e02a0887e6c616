import { z } from "zod";

import type { Decision } from "../domain";
import { formatMoneyIn } from "../domain/money";
import type { ActionResult, Desk } from "../desk/actions.server";
import { engineRefund } from "../desk/actions.server";
import { refusalWords } from "../desk/inspection.server";
import { MONEY_RESOLUTIONS, STATUS_LABELS, resolutionsFor } from "../desk/machine";
import { requestReference, type DeskRepository } from "../repositories/desk.server";
import { engineDecisionOf, type RequestRecord, type RequestRepository } from "../repositories/requests.server";
import type { CounterPreview, CounterReturn } from "../schemas/pos";

/**
 * Returns at the boutique (issue 26, docs/decisions/019-pos.md): Shopify POS staff find the
 * shopper's open request on an order or by its number, see the engine's decision on each line,
 * mark the items received and settle the request at the counter. Nothing here decides or moves
 * money itself: receiving is the desk's `approve` (when still new) and `receive`, settling is the
 * desk's `preview` then `resolve` — the same keyed money operation as the desk's button, so a
 * second tap or a retry after a lost answer finds the same operation and never pays twice.
 */

export type CounterReturnsDeps = {
  desk: Pick<Desk, "approve" | "receive" | "preview" | "resolve">;
  requests: Pick<RequestRepository, "find" | "list">;
  /** The desk's list (its search finds a request by its number, "R-12", through an index) and a customer's latest requests. */
  deskList: Pick<DeskRepository, "list" | "customerRequests">;
  /** The locale amounts are written in, as the desk writes them. */
  locale: string;
};

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; message: string; fields?: Record<string, string> };

/** The requests settled with money at the counter: returns and warranty claims (a service request is the bench's). */
const KINDS = new Set(["return", "warranty"]);
const OPEN = new Set(["requested", "approved", "received", "inspected"]);

const methodSchema = z.object({ method: z.enum(["refund", "store_credit"], { message: "Choose how to settle: refund to the original payment or store credit" }) });
const receiveSchema = z.object({ from: z.enum(["requested", "approved"], { message: "Say which state the request was shown in (requested or approved)" }) });

const refused = (status: number, message: string, fields?: Record<string, string>): Answer<never> => ({ ok: false, status, message, ...(fields ? { fields } : {}) });
const fromDesk = (result: ActionResult & { ok: false }): Answer<never> => refused(result.status, result.message, result.fields);

/** The request number as staff type it: "R-12", "r12", "12". */
export function parseRequestNumber(text: string): number | null {
  const match = /^\s*R?-?\s*(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : null;
}

export function createCounterReturns(deps: CounterReturnsDeps) {
  function view(request: RequestRecord): CounterReturn {
    const decision = engineDecisionOf(request.decision) as Decision | null;
    const figure = engineRefund(request);
    const offered = resolutionsFor(request.kind, decision).filter((m) => MONEY_RESOLUTIONS.includes(m));
    // A money resolution already held (a send whose answer was lost) is carried on under its own key, and only that way.
    const held = request.resolution && offered.includes(request.resolution as (typeof offered)[number]) ? (request.resolution as (typeof offered)[number]) : null;
    const methods = held ? [held] : offered;
    return {
      id: request.id,
      reference: requestReference(request),
      kind: request.kind,
      status: request.status,
      statusLabel: STATUS_LABELS[request.status],
      orderName: request.orderName,
      customerName: request.customerName,
      lines: request.lines.map((line) => {
        const engine = decision?.lines.find((d) => d.lineId === line.lineItemId) ?? null;
        const why = !engine ? [] : engine.eligible ? [...new Set(engine.explanation.filter((e) => e.outcome !== "blocked").map((e) => e.text))] : refusalWords(engine);
        return { id: line.id, title: line.title || "Item", quantity: line.quantity, eligible: engine ? engine.eligible : null, why };
      }),
      refund: figure && figure.currency === request.currency && figure.amountMinor > 0 ? formatMoneyIn(figure.amountMinor, figure.currency, deps.locale) : null,
      methods,
      receivable: request.status === "requested" || request.status === "approved",
      settleable: (request.status === "received" || request.status === "inspected") && (!request.resolution || held !== null) && methods.length > 0,
    };
  }

  async function load(shop: string, id: string): Promise<Answer<RequestRecord>> {
    const request = await deps.requests.find(shop, id);
    return request ? { ok: true, value: request } : refused(404, "No such request in this shop.");
  }

  async function current(shop: string, id: string): Promise<Answer<CounterReturn>> {
    const request = await load(shop, id);
    return request.ok ? { ok: true, value: view(request.value) } : request;
  }

  return {
    view,

    /** The order's open returns and warranty claims, newest first (the order details screen). */
    async forOrder(shop: string, orderId: string): Promise<Answer<{ requests: CounterReturn[] }>> {
      const stored = await deps.requests.list(shop, { orderId, status: [...OPEN] as RequestRecord["status"][], take: 50 });
      return { ok: true, value: { requests: stored.filter((r) => KINDS.has(r.kind)).map(view) } };
    },

    /** The customer's open returns and warranty claims among their latest requests, newest first (the customer details screen). */
    async forCustomer(shop: string, customerId: string): Promise<Answer<{ requests: CounterReturn[] }>> {
      const latest = (await deps.deskList.customerRequests(shop, customerId, "")).filter((r) => OPEN.has(r.status) && KINDS.has(r.kind));
      const found = await Promise.all(latest.map((r) => deps.requests.find(shop, r.id)));
      return { ok: true, value: { requests: found.filter((r): r is RequestRecord => r !== null).map(view) } };
    },

    /** A request by the number the shopper gives ("R-12"), as the desk's search finds it. */
    async byReference(shop: string, text: string): Promise<Answer<CounterReturn>> {
      const number = parseRequestNumber(text);
      if (number === null) return refused(400, `"${text.slice(0, 40)}" is not a request number: it reads like R-12.`, { reference: "Write the request number, like R-12" });
      const [row] = (await deps.deskList.list(shop, { q: `R-${number}`, take: 1 })).rows;
      if (!row) return refused(404, `No request R-${number} in this shop.`);
      return current(shop, row.id);
    },

    /**
     * The items handed in at the counter: the desk's approve (a request still new) and receive,
     * from the state POS showed. A request that moved on since is refused with who moved it (the
     * desk's own 409), and nothing changes.
     */
    async receive(shop: string, id: string, raw: unknown): Promise<Answer<CounterReturn>> {
      const parsed = receiveSchema.safeParse(raw);
      if (!parsed.success) return refused(400, `${parsed.error.issues[0]?.message ?? "Bad input"}. Nothing changed.`);
      const found = await load(shop, id);
      if (!found.ok) return found;
      if (!KINDS.has(found.value.kind)) return refused(409, `${requestReference(found.value)} is a service request: the repair bench takes it in. Nothing changed.`);
      if (parsed.data.from === "requested") {
        const approved = await deps.desk.approve(shop, id);
        if (!approved.ok) return fromDesk(approved);
      }
      const received = await deps.desk.receive(shop, id);
      if (!received.ok) return fromDesk(received);
      return current(shop, id);
    },

    /** What settling would send, as the desk's preview says it (the engine's figure beside Shopify's). */
    async preview(shop: string, id: string, raw: unknown): Promise<Answer<CounterPreview>> {
      const parsed = methodSchema.safeParse(raw);
      if (!parsed.success) return refused(400, `${parsed.error.issues[0]?.message ?? "Bad input"}. Nothing was sent.`, { method: parsed.error.issues[0]?.message ?? "" });
      const found = await load(shop, id);
      if (!found.ok) return found;
      const shown = view(found.value);
      if (!shown.settleable) return refused(409, `${shown.reference} is ${shown.statusLabel.toLowerCase()}${found.value.resolution ? ` (${found.value.resolution.replace("_", " ")})` : ""}: it cannot be settled at the counter now. Nothing was sent.`);
      const preview = await deps.desk.preview(shop, id, { method: parsed.data.method });
      if ("ok" in preview) return preview.ok ? refused(500, preview.message) : fromDesk(preview);
      return { ok: true, value: { method: preview.method, formatted: preview.formatted, how: preview.how, to: preview.to, warning: preview.warning } };
    },

    /**
     * Settles the request with the desk's resolve: the resolution held, the operation recorded under
     * its key before Shopify is called (docs/decisions/005). A second tap carries on under the same
     * key; a request a colleague settled meanwhile is refused with who did it.
     */
    async settle(shop: string, id: string, raw: unknown): Promise<Answer<{ message: string; request: CounterReturn }>> {
      const parsed = methodSchema.safeParse(raw);
      if (!parsed.success) return refused(400, `${parsed.error.issues[0]?.message ?? "Bad input"}. Nothing was sent.`, { method: parsed.error.issues[0]?.message ?? "" });
      const found = await load(shop, id);
      if (!found.ok) return found;
      if (!KINDS.has(found.value.kind)) return refused(409, `${requestReference(found.value)} is a service request: the desk resolves it when the bench is done. Nothing was sent.`);
      const result = await deps.desk.resolve(shop, id, { method: parsed.data.method, note: "Settled at the boutique counter (Shopify POS)." });
      if (!result.ok) return fromDesk(result);
      const after = await load(shop, id);
      return after.ok ? { ok: true, value: { message: result.message, request: view(after.value) } } : after;
    },
  };
}

export type CounterReturns = ReturnType<typeof createCounterReturns>;
