import { DateTime } from "luxon";

import { addWorkingDays } from "../domain/calendar";
import { MoneyError, formatMoneyIn, parseMinorUnits } from "../domain/money";
import type { Policy } from "../domain/policy/schema";
import { CAUSE_NAMES } from "../domain/policy/words";
import type { Cause } from "../domain/vocabulary";
import type { OperationRepository } from "../repositories/operations.server";
import type { MoveFields, MoveOperation, QuoteLine, RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { Admin } from "../shopify/client.server";
import type { Translate } from "../i18n/admin";
import { adminT } from "../i18n/i18n.server";
import { check, localDateWords, refusalOf, sayRefusal, type RepairState } from "./machine";
import { allowanceUseOf } from "./allowance";
import { causesOf, notCoveredOf, turnaroundDaysOf } from "./policy";
import { BALANCE_STEPS, DEPOSIT_STEPS, balanceDue, balanceOperations, depositOf, depositOperations } from "./deposits.server";
import { QUOTE_STEPS, quoteOperations, sendQuote, type DraftSteps } from "./quotes.server";
import { handlingSchema, moveSchema, type HandlingInput, type MoveInput } from "./schemas";

/**
 * The bench's use cases: a ticket's state moves and its handling (who has it, where, how urgent).
 * Each move:
 * - is checked against the state the page showed (`from`): a ticket that moved on since is
 *   refused with 409 and who moved it, and nothing changes (a second click is such a page);
 * - is checked against the state machine (app/repairs/machine.ts): an illegal move is refused
 *   with the reason (422);
 * - is made by compare-and-set from that state, with its entry on the request's timeline (the
 *   staff member and the time) in the same transaction.
 */

export type Staff = { id: string; name: string | null };

export type BenchDeps = {
  repairs: RepairRepository;
  staff: Staff;
  /** The shop's IANA zone and country: due dates are local dates counted in its working days. */
  timezone: string;
  country: string;
  locale: string;
  /** The admin's words for the refusals a page shows (the catalogue's `bench.refusal.*`); English without one. */
  t?: Translate;
  /** The live policy (its causes and services' turnarounds); null when the shop has none yet. */
  policy: Policy | null;
  /**
   * Shopify, for a quote's draft order and invoice (app/repairs/quotes.server.ts), and the
   * operations they are recorded in. Without them a quote is recorded with its operations and
   * the reconciler sends them.
   */
  admin?: Admin;
  operations?: OperationRepository;
  now?: () => Date;
};

export type BenchResult = { ok: true; message: string } | { ok: false; status: number; message: string; fields?: Record<string, string> };

const ok = (message: string): BenchResult => ({ ok: true, message });
const refuse = (status: number, message: string, fields?: Record<string, string>): BenchResult => ({ ok: false, status, message, ...(fields ? { fields } : {}) });

/** The shop's local date of an instant. */
export function localToday(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now).setZone(timezone).toISODate() as string;
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [i.path.map(String).join(".") || "form", i.message]));
}

export function createBench(deps: BenchDeps) {
  const now = deps.now ?? (() => new Date());
  const t = deps.t ?? adminT("en");
  const actor = () => ({ staffId: deps.staff.id, staffName: deps.staff.name ?? `Staff member ${deps.staff.id}` });

  async function stale(shop: string, ticket: RepairTicketRecord): Promise<BenchResult> {
    const fresh = (await deps.repairs.find(shop, ticket.id)) ?? ticket;
    const last = await deps.repairs.lastEntry(shop, fresh);
    const by = last ? t("bench.refusal.staleBy", { name: last.staffName ?? t("bench.refusal.colleague"), time: DateTime.fromJSDate(last.at).setZone(deps.timezone).toFormat("HH:mm") }) : "";
    return refuse(409, t("bench.refusal.stale", { job: fresh.job, state: t(`bench.state.${fresh.state}`).toLowerCase(), by }));
  }

  function money(text: string, currency: string, field: string): number | BenchResult {
    try {
      return parseMinorUnits(text, currency);
    } catch (error) {
      if (error instanceof MoneyError) return refuse(422, `${error.message}. Nothing changed.`, { [field]: error.message });
      throw error;
    }
  }

  /** What a move writes beside the state, and its timeline sentence; or why it is refused. */
  function planOf(ticket: RepairTicketRecord, input: ReturnType<typeof moveSchema.parse>): { fields: MoveFields; message: string; operations?: MoveOperation[]; steps?: DraftSteps } | BenchResult {
    const at = now();
    switch (input.move) {
      case "intake": {
        let declared: number | null = null;
        if (input.declaredValue) {
          const parsed = money(input.declaredValue, ticket.currency, "declaredValue");
          if (typeof parsed !== "number") return parsed;
          declared = parsed;
        }
        const days = input.turnaroundDays ?? turnaroundDaysOf(deps.policy, ticket.service);
        const dueOn = days ? addWorkingDays(localToday(at, deps.timezone), days, deps.country) : null;
        const value = declared !== null ? `; declared value ${formatMoneyIn(declared, ticket.currency, deps.locale)}` : "";
        return {
          fields: {
            intakeDescription: input.description,
            intakeCondition: input.condition,
            declaredValueMinor: declared,
            intakeInstructions: input.instructions,
            termsAcceptedAt: at,
            intakeAt: at,
            intakeStaffName: actor().staffName,
            turnaroundDays: days,
            dueOn,
            rush: input.rush,
            location: input.location || null,
          },
          message: `${ticket.job} taken in: ${input.description} Condition: ${input.condition.replace(/[.;\s]+$/, "")}${value}. Repair terms accepted.${dueOn ? ` Promised for ${localDateWords(dueOn)} (${days} working day${days === 1 ? "" : "s"})${input.rush ? ", rush" : ""}.` : " No turnaround in the policy, so no promised date."}`,
        };
      }
      case "assess": {
        const causes = causesOf(deps.policy);
        if (input.cause && !causes.some((c) => c.value === input.cause)) {
          return refuse(422, `The policy does not name "${input.cause}" as a cause; choose one of its causes. Nothing changed.`, { cause: "Choose a cause from the policy's list" });
        }
        const cause = (input.cause || null) as Cause | null;
        // A warranty claim whose cause the policy does not cover is quoted as paid work instead, with the policy's words.
        const notCovered = notCoveredOf(deps.policy, ticket.kind, cause);
        const verdict = notCovered ? ` Not covered by the warranty: "${notCovered}" Quote the work as a paid repair.` : "";
        return { fields: { assessmentCause: cause, assessmentFindings: input.findings }, message: `${ticket.job} assessed: ${input.findings}${cause ? ` Cause: ${CAUSE_NAMES[cause]}.` : ""}${verdict}` };
      }
      case "quote": {
        const lines: QuoteLine[] = [];
        for (const [i, line] of input.lines.entries()) {
          const unit = money(line.price, ticket.currency, `lines.${i}.price`);
          if (typeof unit !== "number") return unit;
          lines.push({ title: line.title, quantity: line.quantity, unitMinor: unit });
        }
        const amount = lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0);
        if (amount <= 0) return refuse(422, "A quote is for more than nothing; work the shop does free is started without one. Nothing changed.", { lines: "More than 0 in all" });
        const words = lines.map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.title} ${formatMoneyIn(l.unitMinor, ticket.currency, deps.locale)}`).join("; ");
        const shopper = { customerId: ticket.customerId, customerEmail: ticket.customerEmail, orderName: ticket.orderName };
        const quoted = `${ticket.job} quoted ${formatMoneyIn(amount, ticket.currency, deps.locale)}: ${input.description} (${words}).`;
        // The service's deposit (docs/decisions/023): asked first; the rest when the piece is ready.
        const deposit = depositOf(deps.policy, ticket.service, amount, ticket.currency);
        if (deposit !== null) {
          const [asked, rest] = [formatMoneyIn(deposit, ticket.currency, deps.locale), formatMoneyIn(amount - deposit, ticket.currency, deps.locale)];
          return {
            fields: { quoteMinor: amount, quoteDescription: input.description, quoteLines: lines, depositMinor: deposit, quotedAt: at },
            message: `${quoted} Deposit of ${asked} first: Shopify emails the shopper its invoice, and the ticket is accepted when it is paid; the balance of ${rest} is invoiced when the piece is ready.`,
            operations: depositOperations(ticket, shopper, input.description, deposit),
            steps: DEPOSIT_STEPS,
          };
        }
        return {
          fields: { quoteMinor: amount, quoteDescription: input.description, quoteLines: lines, quotedAt: at },
          message: `${quoted} Shopify emails the shopper its invoice; the ticket is accepted when it is paid.`,
          operations: quoteOperations(ticket, shopper, lines),
          steps: QUOTE_STEPS,
        };
      }
      case "cancel":
        return { fields: {}, message: `${ticket.job} cancelled: ${input.reason}` };
      case "accept":
        // A quote Shopify holds as a draft order is accepted when Shopify shows it paid (the
        // orders/create of the order it completes into), never on a click: at the counter, staff
        // take the payment on that draft order in Shopify admin or POS and the ticket follows.
        if (ticket.quote?.draftOrderId) return refuse(409, `Not moved: ${ticket.job}'s quote is accepted when Shopify shows its draft order paid. Take the payment on the draft order in Shopify admin (or let the customer pay the invoice); the ticket moves on by itself. Nothing changed.`);
        break;
      case "finish": {
        // A deposit's balance is invoiced now that the piece is ready (docs/decisions/023).
        const operations = balanceOperations(ticket, deps.locale);
        if (!operations.length) break;
        const balance = formatMoneyIn(ticket.quote?.balance?.amountMinor ?? 0, ticket.currency, deps.locale);
        return { fields: {}, message: `${ticket.job} ready.${input.note ? ` ${input.note}` : ""} Balance of ${balance} invoiced through Shopify; the piece is handed back once it is paid.`, operations, steps: BALANCE_STEPS };
      }
      case "send_back":
      case "collect": {
        const due = ticket.state === "ready" ? balanceDue(ticket, deps.locale) : null;
        if (due) return refuse(409, `Not handed back: ${due} Nothing changed.`);
        break;
      }
    }
    const use = allowanceUseOf(deps.policy, ticket, input.move, ticket.state, at);
    const words: Record<typeof input.move, string> = {
      accept: "quote accepted by the customer",
      decline: "quote declined by the customer; the piece goes back without work",
      expire: "quote expired unanswered; the piece goes back without work",
      start: "on the bench",
      finish: "ready",
      send_back: "sent back to the customer",
      collect: "collected by the customer",
    };
    return { fields: use?.fields ?? {}, message: `${ticket.job} ${words[input.move]}.${input.note ? ` ${input.note}` : ""}${use ? ` ${use.words}` : ""}` };
  }

  return {
    async ticket(shop: string, id: string): Promise<RepairTicketRecord | null> {
      return deps.repairs.find(shop, id);
    },

    /** A state move, from the state the page showed. */
    async move(shop: string, id: string, raw: MoveInput | Record<string, unknown>): Promise<BenchResult> {
      const parsed = moveSchema.safeParse(raw);
      if (!parsed.success) return refuse(422, `${parsed.error.issues.map((i) => i.message).join("; ")}. Nothing changed.`, issues(parsed.error));
      const input = parsed.data;
      const ticket = await deps.repairs.find(shop, id);
      if (!ticket) return refuse(404, t("bench.refusal.noTicket"));
      if (ticket.state !== input.from) return stale(shop, ticket);
      const verdict = check(ticket.state, input.move);
      const refusal = refusalOf(ticket.state, input.move);
      if (!verdict.ok) return refuse(422, t("bench.refusal.nothingChanged", { reason: refusal ? sayRefusal(refusal, t) : verdict.reason }));
      const plan = planOf(ticket, input);
      if ("ok" in plan) return plan;
      const moved = await deps.repairs.move(shop, id, input.from as RepairState, verdict.to, plan.fields, { ...actor(), message: plan.message, data: { move: input.move }, at: now() }, plan.operations);
      if (!moved) return stale(shop, ticket);
      if (plan.operations && deps.admin && deps.operations) {
        const sent = await sendQuote(deps.admin, { repairs: deps.repairs, operations: deps.operations, now }, shop, ticket, plan.steps);
        if (sent.refused) {
          return ok(`${plan.message} Shopify refused the ${sent.draft === "failed" ? "draft order" : "invoice email"}: ${sent.refused}. ${sent.draft === "failed" ? "No draft order was made" : "The draft order is made; send its invoice from Shopify admin once the customer's email is right"}.`);
        }
        if (sent.invoice !== "succeeded") {
          return ok(`${plan.message} Shopify has not confirmed the draft order and its invoice yet (${sent.error ?? `draft ${sent.draft}, invoice ${sent.invoice}`}); they are sent once, automatically.`);
        }
        return ok(`${plan.message} Draft order made and its invoice emailed.`);
      }
      return ok(plan.message);
    },

    /** Who has it, where it is kept, whether it is a rush, and corrections to the intake record (as timeline entries). */
    async handle(shop: string, id: string, raw: HandlingInput | Record<string, unknown>): Promise<BenchResult> {
      const parsed = handlingSchema.safeParse(raw);
      if (!parsed.success) return refuse(422, `${parsed.error.issues.map((i) => i.message).join("; ")}. Nothing changed.`, issues(parsed.error));
      const input = parsed.data;
      const ticket = await deps.repairs.find(shop, id);
      if (!ticket) return refuse(404, t("bench.refusal.noTicket"));
      const me = actor();
      const at = now();
      const entry = (message: string) => ({ ...me, message, data: { intent: input.intent }, at });
      switch (input.intent) {
        case "assign_me":
          await deps.repairs.handle(shop, id, { assigneeId: deps.staff.id, assigneeName: me.staffName }, entry(`${ticket.job} assigned to ${me.staffName}.`));
          return ok(`${ticket.job} is yours.`);
        case "unassign":
          await deps.repairs.handle(shop, id, { assigneeId: null, assigneeName: null }, entry(`${ticket.job} no longer assigned${ticket.assigneeName ? ` to ${ticket.assigneeName}` : ""}.`));
          return ok(`${ticket.job} is unassigned.`);
        case "locate":
          await deps.repairs.handle(shop, id, { location: input.location || null }, entry(input.location ? `${ticket.job} kept at: ${input.location}.` : `${ticket.job}: storage location cleared.`));
          return ok(input.location ? `${ticket.job} is kept at ${input.location}.` : "Storage location cleared.");
        case "rush":
          await deps.repairs.handle(shop, id, { rush: input.rush }, entry(`${ticket.job} ${input.rush ? "marked as a rush" : "no longer a rush"}.`));
          return ok(input.rush ? `${ticket.job} is a rush.` : `${ticket.job} is no longer a rush.`);
        case "correct":
          // The intake record stays as it was written; the correction is said beside it.
          await deps.repairs.note(shop, id, { ...me, message: `Correction to ${ticket.job}'s intake record: ${input.note}`, data: { intent: "correct" }, at });
          return ok("Correction recorded on the timeline; the intake record is kept as written.");
      }
    },
  };
}

export type Bench = ReturnType<typeof createBench>;
