/**
 * The repair ticket's way through the workshop. Pure (client-safe): the bench's pages ask it which
 * buttons to show, the use cases ask it again before they move anything, and the move itself is a
 * compare-and-set from the state the page was showing (a stale page or a second click moves
 * nothing).
 *
 * awaiting_item → received (intake: the item is at the shop, its record written)
 * received      → assessed (the bench's finding: cause and work)
 * assessed      → quoted (paid work) | at_bench (work the shop does without a quote)
 * quoted        → quote_accepted | quote_declined | quote_expired
 * quote_accepted → at_bench
 * quote_declined | quote_expired → sent_back | collected (the piece goes back without work)
 * at_bench      → ready
 * ready         → sent_back | collected
 * any open state → cancelled
 */

export const REPAIR_STATES = [
  "awaiting_item",
  "received",
  "assessed",
  "quoted",
  "quote_accepted",
  "quote_declined",
  "quote_expired",
  "at_bench",
  "ready",
  "sent_back",
  "collected",
  "cancelled",
] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

export const REPAIR_MOVES = ["intake", "assess", "quote", "accept", "decline", "expire", "start", "finish", "send_back", "collect", "cancel"] as const;
export type RepairMove = (typeof REPAIR_MOVES)[number];

/** Where the piece's journey ends: nothing moves a ticket on from these. */
export const CLOSED_STATES: readonly RepairState[] = ["sent_back", "collected", "cancelled"];

/** States in which the piece is still owed to the shopper by a date (the promise can be missed). */
export const OWED_STATES: readonly RepairState[] = ["received", "assessed", "quoted", "quote_accepted", "at_bench"];

const MOVES: Record<RepairMove, { from: readonly RepairState[]; to: RepairState }> = {
  intake: { from: ["awaiting_item"], to: "received" },
  assess: { from: ["received"], to: "assessed" },
  quote: { from: ["assessed"], to: "quoted" },
  accept: { from: ["quoted"], to: "quote_accepted" },
  decline: { from: ["quoted"], to: "quote_declined" },
  expire: { from: ["quoted"], to: "quote_expired" },
  start: { from: ["assessed", "quote_accepted"], to: "at_bench" },
  finish: { from: ["at_bench"], to: "ready" },
  send_back: { from: ["ready", "quote_declined", "quote_expired"], to: "sent_back" },
  collect: { from: ["ready", "quote_declined", "quote_expired"], to: "collected" },
  cancel: { from: REPAIR_STATES.filter((s) => !CLOSED_STATES.includes(s)), to: "cancelled" },
};

/** The states a move starts from (its compare-and-set) and the one it ends in. */
export function moveOf(move: RepairMove): { from: readonly RepairState[]; to: RepairState } {
  return MOVES[move];
}

/** The moves open to a ticket in this state, in the order the bench offers them (cancel last). */
export function movesFrom(state: RepairState): RepairMove[] {
  return REPAIR_MOVES.filter((m) => MOVES[m].from.includes(state));
}

export type MoveVerdict = { ok: true; to: RepairState } | { ok: false; reason: string };

/**
 * Why a move is refused, as the catalogue's key (`bench.refusal.*`) and the states and moves it
 * names: the pages and the bench say it in the merchant's language (sayRefusal), `check` in English.
 */
export type Refusal = { key: "bench.refusal.already" | "bench.refusal.closed" | "bench.refusal.illegal"; state: RepairState; move: RepairMove; options: RepairMove[] };

/** Null when `move` may be made from `state`. */
export function refusalOf(state: RepairState, move: RepairMove): Refusal | null {
  const { from, to } = MOVES[move];
  if (from.includes(state)) return null;
  const key = state === to ? "bench.refusal.already" : CLOSED_STATES.includes(state) ? "bench.refusal.closed" : "bench.refusal.illegal";
  return { key, state, move, options: movesFrom(state) };
}

/** A translate function as the admin's i18n gives it (kept structural: this module imports nothing). */
type Say = (key: string, options?: Record<string, unknown>) => string;

/** A refusal in words: the catalogue's (`bench.refusal.*`, `bench.state.*`, `bench.movePast.*`), or the English below without one. */
export function sayRefusal(refusal: Refusal, t?: Say): string {
  const state = t ? t(`bench.state.${refusal.state}`) : STATE_LABELS[refusal.state];
  const past = (m: RepairMove) => (t ? t(`bench.movePast.${m}`) : MOVE_PAST[m]);
  const values = { state: state.toLowerCase(), move: past(refusal.move), options: refusal.options.map(past).join(t ? t("bench.or") : " or ") };
  if (t) return t(refusal.key, values);
  if (refusal.key === "bench.refusal.already") return `This ticket is already ${values.state}.`;
  if (refusal.key === "bench.refusal.closed") return `This ticket is ${values.state}: its work is over, nothing moves it on.`;
  return `A ticket that is ${values.state} cannot be ${values.move}; it can be ${values.options}.`;
}

/** Whether `move` may be made from `state`, and why not in the bench's words (English). */
export function check(state: RepairState, move: RepairMove): MoveVerdict {
  const refusal = refusalOf(state, move);
  return refusal ? { ok: false, reason: sayRefusal(refusal) } : { ok: true, to: MOVES[move].to };
}

/** Whether the promised date has passed with the work still owed (dates are the shop's local dates, yyyy-mm-dd). */
export function isOverdue(ticket: { state: RepairState; dueOn: string | null }, today: string): boolean {
  return Boolean(ticket.dueOn && OWED_STATES.includes(ticket.state) && ticket.dueOn < today);
}

/** The states in English, for the POS screens and the shop's timeline (the pages read `bench.state.*`). */
export const STATE_LABELS: Record<RepairState, string> = {
  awaiting_item: "Awaiting item",
  received: "Received",
  assessed: "Assessed",
  quoted: "Quoted",
  quote_accepted: "Quote accepted",
  quote_declined: "Quote declined",
  quote_expired: "Quote expired",
  at_bench: "At the bench",
  ready: "Ready",
  sent_back: "Sent back",
  collected: "Collected",
  cancelled: "Cancelled",
};

/** The buttons' words in English (the pages read `bench.move.*`; test/i18n keeps the two the same). */
export const MOVE_LABELS: Record<RepairMove, string> = {
  intake: "Take in",
  assess: "Record assessment",
  quote: "Quote the work",
  accept: "Quote accepted",
  decline: "Quote declined",
  expire: "Quote expired",
  start: "Start work",
  finish: "Mark ready",
  send_back: "Sent back",
  collect: "Collected",
  cancel: "Cancel ticket",
};

/** A move in a sentence ("cannot be taken in"). */
const MOVE_PAST: Record<RepairMove, string> = {
  intake: "taken in",
  assess: "assessed",
  quote: "quoted",
  accept: "marked as quote accepted",
  decline: "marked as quote declined",
  expire: "marked as quote expired",
  start: "put on the bench",
  finish: "marked ready",
  send_back: "sent back",
  collect: "collected",
  cancel: "cancelled",
};

/** The job number as the shop writes it on the envelope. */
export function jobNumber(number: number): string {
  return `J-${number}`;
}

/** "J-1042", "j1042", "1042" → 1042; anything else null. */
export function parseJobNumber(text: string): number | null {
  const match = /^\s*(?:j-?\s*)?(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : null;
}

/** A shop-local date (yyyy-mm-dd) in words ("11 Dec 2026"), read as the calendar date it is. */
export function localDateWords(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
}
