import { CLOSED_STATES, OWED_STATES, REPAIR_STATES, type RepairState } from "./machine";

/**
 * Tickets per page of the bench queue. Client-safe: the page reserves that many rows' height, so a
 * tab or filter with fewer tickets does not pull the pagination up (a layout shift), and the
 * loader asks the repository for exactly as many.
 */
export const QUEUE_PAGE_SIZE = 25;

/**
 * Closed tickets are counted up to this many per state: the history grows for ever and its exact
 * size is not worth reading on every page; the queue shows "1000+".
 */
export const COUNT_CAP = 1000;

/** A count as the queue shows it: "1000+" when any state in it reached the cap. */
export function shownCount(n: number, capped: boolean): string {
  return capped ? `${n}+` : String(n);
}

/**
 * The queue's tabs by stage of the work (the open work, the overdue, then the workshop's stages),
 * and a state filter for any one state: twelve states as tabs would overflow into a menu. Their
 * words are the catalogue's `bench.tabs.<id>`.
 */
export const TABS: { id: string; states: readonly RepairState[]; overdue?: boolean }[] = [
  { id: "open", states: REPAIR_STATES.filter((s) => !CLOSED_STATES.includes(s)) },
  { id: "overdue", states: OWED_STATES, overdue: true },
  { id: "awaiting", states: ["awaiting_item"] },
  { id: "workshop", states: ["received", "assessed", "quote_accepted", "at_bench"] },
  { id: "quotes", states: ["quoted", "quote_declined", "quote_expired"] },
  { id: "ready", states: ["ready"] },
  { id: "closed", states: CLOSED_STATES },
];
