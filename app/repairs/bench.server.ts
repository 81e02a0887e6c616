import { DateTime } from "luxon";

import { addWorkingDays } from "../domain/calendar";
import { MoneyError, formatMoneyIn, parseMinorUnits } from "../domain/money";
import type { Policy } from "../domain/policy/schema";
import { CAUSE_NAMES } from "../domain/policy/words";
import type { Cause } from "../domain/vocabulary";
import type { OperationRepository } from "../repositories/operations.server";
import type { MoveFields, MoveOperation, QuoteLine, RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { Admin } from "../shopify/client.server";
import { adminLanguageOf, type Translate } from "../i18n/admin";
import { adminT } from "../i18n/i18n.server";
import { sayWords, type EntryWords } from "./entry-words";
import { check, localDateWords, refusalOf, sayRefusal, type RepairState } from "./machine";
import { allowanceUseOf } from "./allowance";
import { causesOf, notCoveredOf, turnaroundDaysOf } from "./policy";
import { BALANCE_STEPS, DEPOSIT_STEPS, balanceDue, balanceOperations, depositOf, depositOperations } from "./deposits.server";
import { QUOTE_STEPS, quoteOperations, sendQuote, type DraftSteps } from "./quotes.server";
import { DEPOSIT_REFUND_STEP, RETURN_ORDER_STEP, UNREPAIRED_STATES, deleteClosedDrafts, depositRefundOperation, draftDeleteOperations, paidDeposit, postReturnOrder, refundDeposit, returnOrderOperation } from "./closing.server";
import { fetchOrderBalance } from "../shopify/money.server";
import { fetchPartsOrderSource } from "../shopify/parts-orders.server";
import { describe } from "../shopify/errors";
import { operationKey } from "../jobs/money.server";
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

type Issues = { issues: { path: PropertyKey[]; message: string }[] };

/** A form's refusals in the reader's language: the schemas' messages are catalogue keys (`ticket.error.*`); zod's own stay as they are. */
export function issueWords(message: string, t: Translate): string {
  return message.startsWith("ticket.error.") ? t(message) : message;
}

function issues(error: Issues, t: Translate): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [i.path.map(String).join(".") || "form", issueWords(i.message, t)]));
}

function refusedForm(error: Issues, t: Translate): BenchResult {
  return refuse(422, t("ticket.error.refused", { issues: error.issues.map((i) => issueWords(i.message, t)).join("; ") }), issues(error, t));
}

export function createBench(deps: BenchDeps) {
  const now = deps.now ?? (() => new Date());
  const t = deps.t ?? adminT("en");
  // A banner says the entry as written in English, its words in another language (app/repairs/entry-words.ts).
  const language = deps.t ? adminLanguageOf(deps.locale) : "en";
  const say = (message: string, words: EntryWords) => (language === "en" ? message : sayWords(words, t, language));
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
  function planOf(ticket: RepairTicketRecord, input: ReturnType<typeof moveSchema.parse>): { fields: MoveFields; message: string; words: EntryWords; operations?: MoveOperation[]; steps?: DraftSteps } | BenchResult {
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
        const condition = input.condition.replace(/[.;\s]+$/, "");
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
          message: `${ticket.job} taken in: ${input.description} Condition: ${condition}${value}. Repair terms accepted.${dueOn ? ` Promised for ${localDateWords(dueOn)} (${days} working day${days === 1 ? "" : "s"})${input.rush ? ", rush" : ""}.` : " No turnaround in the policy, so no promised date."}`,
          words: [
            { key: "ticket.entry.takenIn", values: { job: ticket.job, description: input.description, condition } },
            ...(declared !== null ? [{ key: "ticket.entry.declared", values: { amount: formatMoneyIn(declared, ticket.currency, deps.locale) } }] : []),
            { key: "ticket.entry.terms" },
            dueOn && days ? { key: "ticket.entry.promised", values: { date: dueOn, count: days } } : { key: "ticket.entry.noTurnaround" },
            ...(dueOn && input.rush ? [{ key: "ticket.entry.rush" }] : []),
          ],
        };
      }
      case "assess": {
        const causes = causesOf(deps.policy);
        if (input.cause && !causes.some((c) => c.value === input.cause)) {
          return refuse(422, t("ticket.error.notACause", { cause: input.cause }), { cause: t("ticket.error.chooseCause") });
        }
        const cause = (input.cause || null) as Cause | null;
        // A warranty claim whose cause the policy does not cover is quoted as paid work instead, with the policy's words.
        const notCovered = notCoveredOf(deps.policy, ticket.kind, cause);
        const verdict = notCovered ? ` Not covered by the warranty: "${notCovered}" Quote the work as a paid repair.` : "";
        const words: EntryWords = [{ key: "ticket.entry.assessed", values: { job: ticket.job, findings: input.findings } }];
        if (cause) words.push({ key: "ticket.entry.cause", values: { cause: { key: `bench.cause.${cause}` } } });
        if (notCovered) words.push({ key: "ticket.entry.notCovered", values: { rule: notCovered } });
        return { fields: { assessmentCause: cause, assessmentFindings: input.findings }, message: `${ticket.job} assessed: ${input.findings}${cause ? ` Cause: ${CAUSE_NAMES[cause]}.` : ""}${verdict}`, words };
      }
      case "quote": {
        const lines: QuoteLine[] = [];
        for (const [i, line] of input.lines.entries()) {
          const unit = money(line.price, ticket.currency, `lines.${i}.price`);
          if (typeof unit !== "number") return unit;
          lines.push({ title: line.title, quantity: line.quantity, unitMinor: unit });
        }
        const amount = lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0);
        if (amount <= 0) return refuse(422, t("ticket.error.nothingQuoted"), { lines: t("ticket.error.moreThanZero") });
        const words = lines.map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.title} ${formatMoneyIn(l.unitMinor, ticket.currency, deps.locale)}`).join("; ");
        const shopper = { customerId: ticket.customerId, customerEmail: ticket.customerEmail, orderName: ticket.orderName };
        const quoted = `${ticket.job} quoted ${formatMoneyIn(amount, ticket.currency, deps.locale)}: ${input.description} (${words}).`;
        const quotedWords = { key: "ticket.entry.quoted", values: { job: ticket.job, amount: formatMoneyIn(amount, ticket.currency, deps.locale), description: input.description, lines: words } };
        // The service's deposit (docs/decisions/023): asked first; the rest when the piece is ready.
        const deposit = depositOf(deps.policy, ticket.service, amount, ticket.currency);
        if (deposit !== null) {
          const [asked, rest] = [formatMoneyIn(deposit, ticket.currency, deps.locale), formatMoneyIn(amount - deposit, ticket.currency, deps.locale)];
          return {
            fields: { quoteMinor: amount, quoteDescription: input.description, quoteLines: lines, depositMinor: deposit, quotedAt: at },
            message: `${quoted} Deposit of ${asked} first: Shopify emails the shopper its invoice, and the ticket is accepted when it is paid; the balance of ${rest} is invoiced when the piece is ready.`,
            words: [quotedWords, { key: "ticket.entry.deposit", values: { deposit: asked, balance: rest } }],
            operations: depositOperations(ticket, shopper, input.description, deposit),
            steps: DEPOSIT_STEPS,
          };
        }
        return {
          fields: { quoteMinor: amount, quoteDescription: input.description, quoteLines: lines, quotedAt: at },
          message: `${quoted} Shopify emails the shopper its invoice; the ticket is accepted when it is paid.`,
          words: [quotedWords, { key: "ticket.entry.invoice" }],
          operations: quoteOperations(ticket, shopper, lines),
          steps: QUOTE_STEPS,
        };
      }
      case "cancel": {
        const operations = draftDeleteOperations(ticket, "cancel");
        return { fields: {}, message: `${ticket.job} cancelled: ${input.reason}`, words: [{ key: "ticket.entry.cancelled", values: { job: ticket.job, reason: input.reason } }], ...(operations.length ? { operations } : {}) };
      }
      case "accept":
        // A quote Shopify holds as a draft order is accepted when Shopify shows it paid (the
        // orders/create of the order it completes into), never on a click: at the counter, staff
        // take the payment on that draft order in Shopify admin or POS and the ticket follows.
        if (ticket.quote?.draftOrderId) return refuse(409, t("ticket.error.acceptByPayment", { job: ticket.job }));
        break;
      case "finish": {
        // A deposit's balance is invoiced now that the piece is ready (docs/decisions/023).
        const operations = balanceOperations(ticket, deps.locale);
        if (!operations.length) break;
        const balance = formatMoneyIn(ticket.quote?.balance?.amountMinor ?? 0, ticket.currency, deps.locale);
        const words: EntryWords = [{ key: "ticket.entry.move.finish", values: { job: ticket.job } }, ...(input.note ? [{ text: input.note }] : []), { key: "ticket.entry.balance", values: { balance } }];
        return { fields: {}, message: `${ticket.job} ready.${input.note ? ` ${input.note}` : ""} Balance of ${balance} invoiced through Shopify; the piece is handed back once it is paid.`, words, operations, steps: BALANCE_STEPS };
      }
      case "send_back":
      case "collect": {
        const due = ticket.state === "ready" ? balanceDue(ticket, deps.locale, t) : null;
        if (due) return refuse(409, t("ticket.error.notHandedBack", { due }));
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
    // A declined quote's draft order is deleted in Shopify (docs/decisions/026).
    const operations = draftDeleteOperations(ticket, input.move);
    const said: EntryWords = [{ key: `ticket.entry.move.${input.move}`, values: { job: ticket.job } }, ...(input.note ? [{ text: input.note }] : []), ...(use ? [{ key: "ticket.entry.allowance", values: { rule: use.rule } }] : [])];
    return { fields: use?.fields ?? {}, message: `${ticket.job} ${words[input.move]}.${input.note ? ` ${input.note}` : ""}${use ? ` ${use.words}` : ""}`, words: said, ...(operations.length ? { operations } : {}) };
  }

  return {
    async ticket(shop: string, id: string): Promise<RepairTicketRecord | null> {
      return deps.repairs.find(shop, id);
    },

    /** A state move, from the state the page showed. */
    async move(shop: string, id: string, raw: MoveInput | Record<string, unknown>): Promise<BenchResult> {
      const parsed = moveSchema.safeParse(raw);
      if (!parsed.success) return refusedForm(parsed.error, t);
      const input = parsed.data;
      const ticket = await deps.repairs.find(shop, id);
      if (!ticket) return refuse(404, t("bench.refusal.noTicket"));
      if (ticket.state !== input.from) return stale(shop, ticket);
      const verdict = check(ticket.state, input.move);
      const refusal = refusalOf(ticket.state, input.move);
      if (!verdict.ok) return refuse(422, t("bench.refusal.nothingChanged", { reason: refusal ? sayRefusal(refusal, t) : verdict.reason }));
      const plan = planOf(ticket, input);
      if ("ok" in plan) return plan;
      // A piece sent back unrepaired goes out through Shopify like parts (docs/decisions/026): its
      // order's address is read before anything is recorded, and the order is recorded with the move.
      if (input.move === "send_back" && UNREPAIRED_STATES.includes(ticket.state)) {
        if (!deps.admin || !deps.operations) return refuse(503, `Not sent back: ${ticket.job} goes back by a Shopify order, and Shopify is not reachable from here. Nothing changed.`);
        let source;
        try {
          source = await fetchPartsOrderSource(deps.admin, ticket.orderId);
        } catch (error) {
          return refuse(503, `Not sent back: the order's shipping address could not be read from Shopify (${describe(error)}). Nothing changed.`);
        }
        plan.operations = [...(plan.operations ?? []), returnOrderOperation(ticket, source)];
      }
      // A paid deposit is given back when the ticket is cancelled (docs/decisions/026), in its order's currency as Shopify shows it.
      const deposit = input.move === "cancel" ? paidDeposit(ticket) : null;
      if (deposit) {
        if (!deps.admin || !deps.operations) return refuse(503, `Not cancelled: ${ticket.job}'s paid deposit is refunded through Shopify, which is not reachable from here. Nothing changed.`);
        let currency: string;
        try {
          currency = (await fetchOrderBalance(deps.admin, deposit.orderId)).currency;
        } catch (error) {
          return refuse(503, `Not cancelled: the deposit's order could not be read from Shopify (${describe(error)}), so its refund cannot be recorded. Nothing changed.`);
        }
        if (currency !== ticket.currency) return refuse(409, `Not cancelled: the deposit's order is in ${currency}, the quote in ${ticket.currency}; refund the deposit from Shopify admin, then cancel. Nothing changed.`);
        plan.operations = [...(plan.operations ?? []), depositRefundOperation(ticket, deposit, currency)];
        plan.message = `${plan.message} The paid deposit of ${formatMoneyIn(deposit.amountMinor, currency, deps.locale)} goes back to the customer.`;
      }
      const moved = await deps.repairs.move(shop, id, input.from as RepairState, verdict.to, plan.fields, { ...actor(), message: plan.message, data: { move: input.move, words: plan.words }, at: now() }, plan.operations);
      if (!moved) return stale(shop, ticket);
      if (plan.operations && !plan.steps && deps.admin && deps.operations) {
        const closed = await deleteClosedDrafts(deps.admin, { operations: deps.operations, now }, shop, plan.operations);
        const posted = plan.operations.some((o) => o.step === RETURN_ORDER_STEP) ? await postReturnOrder(deps.admin, { operations: deps.operations, now }, shop, operationKey(ticket.requestId, RETURN_ORDER_STEP)) : "";
        const refunded = plan.operations.some((o) => o.step === DEPOSIT_REFUND_STEP) ? await refundDeposit(deps.admin, { operations: deps.operations, now }, shop, operationKey(ticket.requestId, DEPOSIT_REFUND_STEP)) : "";
        return ok([plan.message, closed, posted, refunded].filter(Boolean).join(" "));
      }
      if (plan.operations && plan.steps && deps.admin && deps.operations) {
        const sent = await sendQuote(deps.admin, { repairs: deps.repairs, operations: deps.operations, now }, shop, ticket, plan.steps);
        const said = say(plan.message, plan.words);
        if (sent.refused) return ok(`${said} ${t(sent.draft === "failed" ? "ticket.done.draftRefused" : "ticket.done.invoiceRefused", { reason: sent.refused })}`);
        if (sent.invoice !== "succeeded") return ok(`${said} ${t("ticket.done.unconfirmed", { detail: sent.error ?? `draft ${sent.draft}, invoice ${sent.invoice}` })}`);
        return ok(`${said} ${t("ticket.done.sent")}`);
      }
      return ok(say(plan.message, plan.words));
    },

    /** Who has it, where it is kept, whether it is a rush, and corrections to the intake record (as timeline entries). */
    async handle(shop: string, id: string, raw: HandlingInput | Record<string, unknown>): Promise<BenchResult> {
      const parsed = handlingSchema.safeParse(raw);
      if (!parsed.success) return refusedForm(parsed.error, t);
      const input = parsed.data;
      const ticket = await deps.repairs.find(shop, id);
      if (!ticket) return refuse(404, t("bench.refusal.noTicket"));
      const me = actor();
      const at = now();
      const job = ticket.job;
      const entry = (message: string, key: string, values: Record<string, string> = {}) => ({ ...me, message, data: { intent: input.intent, words: [{ key, values: { job, ...values } }] }, at });
      switch (input.intent) {
        case "assign_me":
          await deps.repairs.handle(shop, id, { assigneeId: deps.staff.id, assigneeName: me.staffName }, entry(`${job} assigned to ${me.staffName}.`, "ticket.entry.assigned", { name: me.staffName }));
          return ok(t("ticket.done.mine", { job }));
        case "unassign":
          await deps.repairs.handle(shop, id, { assigneeId: null, assigneeName: null }, ticket.assigneeName ? entry(`${job} no longer assigned to ${ticket.assigneeName}.`, "ticket.entry.unassignedFrom", { name: ticket.assigneeName }) : entry(`${job} no longer assigned.`, "ticket.entry.unassigned"));
          return ok(t("ticket.done.unassigned", { job }));
        case "locate":
          await deps.repairs.handle(shop, id, { location: input.location || null }, input.location ? entry(`${job} kept at: ${input.location}.`, "ticket.entry.keptAt", { location: input.location }) : entry(`${job}: storage location cleared.`, "ticket.entry.locationCleared"));
          return ok(input.location ? t("ticket.done.kept", { job, location: input.location }) : t("ticket.done.cleared"));
        case "rush":
          await deps.repairs.handle(shop, id, { rush: input.rush }, input.rush ? entry(`${job} marked as a rush.`, "ticket.entry.rushOn") : entry(`${job} no longer a rush.`, "ticket.entry.rushOff"));
          return ok(t(input.rush ? "ticket.done.rush" : "ticket.done.notRush", { job }));
        case "correct":
          // The intake record stays as it was written; the correction is said beside it.
          await deps.repairs.note(shop, id, entry(`Correction to ${job}'s intake record: ${input.note}`, "ticket.entry.correction", { note: input.note }));
          return ok(t("ticket.done.corrected"));
      }
    },
  };
}

export type Bench = ReturnType<typeof createBench>;
