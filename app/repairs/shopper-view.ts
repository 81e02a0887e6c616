import type { Policy } from "../domain/policy/schema";
import { CAUSES, type Cause } from "../domain/vocabulary";
import type { QuoteLine } from "../repositories/repairs.server";
import type { RepairState } from "./machine";
import { causesOf, notCoveredOf } from "./policy";

/**
 * What the shopper sees of their repair ticket (pure, read-only): the status page and the repair
 * emails are written from this, never from the bench's timeline entries (those are the team's
 * words: findings, intake notes, storage location and staff stay internal). The assessment is
 * told by its outcome and cause in the policy's words.
 */

/** The shopper's steps, in the order a repair goes through them. `returned`: sent back or collected. */
export const SHOPPER_REPAIR_STEPS = ["awaiting_item", "received", "assessed", "quoted", "quote_accepted", "at_bench", "ready", "returned"] as const;
export type ShopperRepairStep = (typeof SHOPPER_REPAIR_STEPS)[number] | "quote_declined" | "quote_expired" | "cancelled";

/** covered: warranty work at no cost; not_covered: the warranty does not cover the cause, quoted instead; quote: paid work, quoted; work: the agreed work goes ahead. */
export type RepairOutcome = "covered" | "not_covered" | "quote" | "work";

export type ShopperRepairView = {
  job: string;
  state: RepairState;
  /** The step it is at now (sent back and collected are both `returned`). */
  current: ShopperRepairStep;
  /** Steps reached, with when (the move's instant), oldest first; then the ones still to come. */
  reached: { step: ShopperRepairStep; at: Date }[];
  upcoming: ShopperRepairStep[];
  /** The promised date, a local date of the shop (yyyy-mm-dd). */
  dueOn: string | null;
  itemTitle: string;
  assessment: { outcome: RepairOutcome; cause: Cause | null; policyWords: string | null } | null;
  /** `paid`: all of it. With a deposit, `invoiceUrl` is the deposit's checkout and the balance has its own once the piece is ready (docs/decisions/023). */
  quote: {
    lines: QuoteLine[];
    totalMinor: number;
    currency: string;
    description: string;
    invoiceUrl: string | null;
    paid: boolean;
    deposit: { amountMinor: number; paid: boolean } | null;
    balance: { amountMinor: number; invoiceUrl: string | null; paid: boolean } | null;
  } | null;
  returned: { how: "sent_back" | "collected"; at: Date } | null;
};

export type TicketForShopper = {
  job: string;
  state: RepairState;
  origin: string;
  kind: string;
  dueOn: string | null;
  itemTitle: string;
  currency: string;
  assessment: { cause: string | null } | null;
  quote: {
    amountMinor: number;
    description: string;
    lines: QuoteLine[];
    invoiceUrl: string | null;
    paidAt: Date | null;
    depositMinor?: number | null;
    balance?: { amountMinor: number; invoiceUrl: string | null; paidAt: Date | null } | null;
  } | null;
};

const stepOf = (state: RepairState): ShopperRepairStep => (state === "sent_back" || state === "collected" ? "returned" : state);

function outcomeOf(ticket: TicketForShopper, policy: Policy | null, cause: Cause | null): { outcome: RepairOutcome; policyWords: string | null } {
  const notCovered = notCoveredOf(policy, ticket.kind, cause);
  const words = cause ? (causesOf(policy).find((c) => c.value === cause)?.rule ?? null) : null;
  if (notCovered) return { outcome: "not_covered", policyWords: notCovered };
  if (ticket.kind === "warranty") return { outcome: "covered", policyWords: words };
  return { outcome: ticket.origin === "quote" || ticket.quote ? "quote" : "work", policyWords: words };
}

/** The ticket as the shopper sees it; `moves`: the states it entered and when (the bench's timeline), oldest first. */
export function shopperRepairView(ticket: TicketForShopper, moves: { to: string; at: Date }[], policy: Policy | null): ShopperRepairView {
  const reached: ShopperRepairView["reached"] = [];
  for (const m of moves) {
    const step = stepOf(m.to as RepairState);
    if (!reached.some((r) => r.step === step)) reached.push({ step, at: m.at });
  }
  const current = stepOf(ticket.state);
  const quoted = Boolean(ticket.quote) || ticket.origin === "quote";
  const path = SHOPPER_REPAIR_STEPS.filter((s) => quoted || (s !== "quoted" && s !== "quote_accepted"));
  const at = path.indexOf(current as (typeof SHOPPER_REPAIR_STEPS)[number]);
  // A declined, expired or cancelled quote leaves the path: only the way back is still to come.
  const upcoming: ShopperRepairStep[] = at >= 0 ? path.slice(at + 1) : ticket.state === "cancelled" ? [] : ["returned"];
  const cause = ticket.assessment?.cause && (CAUSES as readonly string[]).includes(ticket.assessment.cause) ? (ticket.assessment.cause as Cause) : null;
  const last = moves.filter((m) => m.to === "sent_back" || m.to === "collected").pop();
  return {
    job: ticket.job,
    state: ticket.state,
    current,
    reached,
    upcoming,
    dueOn: ticket.dueOn,
    itemTitle: ticket.itemTitle,
    assessment: ticket.assessment ? { ...outcomeOf(ticket, policy, cause), cause } : null,
    quote: ticket.quote ? quoteView(ticket, ticket.quote, moves.some((m) => m.to === "quote_accepted")) : null,
    returned: last ? { how: last.to as "sent_back" | "collected", at: last.at } : null,
  };
}

const ACCEPTED: readonly RepairState[] = ["quote_accepted", "at_bench", "ready"];
/** Handed back: paid only when the quote was accepted on the way (a declined or expired one goes back unpaid). */
const HANDED_BACK: readonly RepairState[] = ["sent_back", "collected"];

/** The quote as the shopper reads it: what is paid, and with a deposit, what is still to pay and where. */
function quoteView(ticket: TicketForShopper, quote: NonNullable<TicketForShopper["quote"]>, accepted: boolean): NonNullable<ShopperRepairView["quote"]> {
  const firstPaid = Boolean(quote.paidAt) || ACCEPTED.includes(ticket.state) || (HANDED_BACK.includes(ticket.state) && accepted);
  const deposit = quote.depositMinor ? { amountMinor: quote.depositMinor, paid: firstPaid } : null;
  const balance = deposit
    ? { amountMinor: quote.balance?.amountMinor ?? quote.amountMinor - deposit.amountMinor, invoiceUrl: quote.balance?.invoiceUrl ?? null, paid: Boolean(quote.balance?.paidAt) }
    : null;
  return {
    lines: quote.lines,
    totalMinor: quote.amountMinor,
    currency: ticket.currency,
    description: quote.description,
    invoiceUrl: quote.invoiceUrl,
    paid: balance ? balance.paid : firstPaid,
    deposit,
    balance,
  };
}
