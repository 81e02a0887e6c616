/**
 * Rows per page of the requests list. Client-safe: the page reserves that many rows' height (a
 * constant read from a .server module is undefined in the browser, so the reservation was lost on
 * every client render), and the loader asks the repository for exactly as many.
 */
export const LIST_PAGE_SIZE = 25;

/** The requests list's tabs: which statuses each shows (client-safe: the page and its loader share them). */
export const LIST_TABS = [
  { id: "open", label: "Open", statuses: ["requested", "approved", "received", "inspected"] },
  { id: "requested", label: "New", statuses: ["requested"] },
  { id: "approved", label: "Approved", statuses: ["approved"] },
  { id: "received", label: "Item received", statuses: ["received", "inspected"] },
  { id: "resolved", label: "Resolved", statuses: ["resolved", "closed"] },
  { id: "declined", label: "Declined", statuses: ["declined", "cancelled"] },
  { id: "all", label: "All", statuses: [] },
] as const;
