/**
 * Rows per page of the requests list. Client-safe: the page reserves that many rows' height (a
 * constant read from a .server module is undefined in the browser, so the reservation was lost on
 * every client render), and the loader asks the repository for exactly as many.
 */
export const LIST_PAGE_SIZE = 25;

/** The requests list's tabs: which statuses each shows (client-safe: the page and its loader share them); each reads `requests.tabs.<id>`. */
export const LIST_TABS = [
  { id: "open", statuses: ["requested", "approved", "received", "inspected"] },
  { id: "requested", statuses: ["requested"] },
  { id: "approved", statuses: ["approved"] },
  { id: "received", statuses: ["received", "inspected"] },
  { id: "resolved", statuses: ["resolved", "closed"] },
  { id: "declined", statuses: ["declined", "cancelled"] },
  { id: "all", statuses: [] },
] as const;
