/**
 * What the app answers Aftercare's POS UI extension (extensions/aftercare-pos). Types only,
 * shared with the extension so nothing of the app is bundled into it.
 */
export type CounterTicket = {
  id: string;
  job: string;
  state: string;
  stateLabel: string;
  itemTitle: string;
  work: string;
  orderName: string;
  customerName: string | null;
  /** The promised date, the shop's local date (yyyy-mm-dd). */
  dueOn: string | null;
  location: string | null;
  intakeDescription: string | null;
  /** The piece may be handed back now (ready, or a quote declined or expired). */
  collectable: boolean;
};

/** A piece taken in: its ticket and the request it belongs to. */
export type TakenIn = CounterTicket & { requestNumber: number };

export type CounterOrder = { id: string; name: string; placedAt: string; currency: string; total: string; titles: string[] };

/** A line of a request at the counter: the engine's decision on it, in the policy's words. */
export type CounterReturnLine = {
  id: string;
  title: string;
  quantity: number;
  /** null: the request carries no engine decision for this line. */
  eligible: boolean | null;
  /** Why, in the policy's words: what refused it when not eligible, else what applied. */
  why: string[];
};

/** A shopper's request as the counter sees it: the decision, the engine's refund, and what may be done now. */
export type CounterReturn = {
  id: string;
  /** As the desk shows it: "R-12". */
  reference: string;
  kind: string;
  status: string;
  statusLabel: string;
  orderName: string;
  customerName: string | null;
  lines: CounterReturnLine[];
  /** The engine's refund in the order's currency, as the desk shows it ("£44.10"), or null when it gives none. */
  refund: string | null;
  /** The money methods the policy offers to settle it with, in its order ("refund", "store_credit"). */
  methods: string[];
  /** Whether staff may mark the items received at the counter now (approving it first when new). */
  receivable: boolean;
  /** Whether it may be settled at the counter now (received or inspected, with a money method offered). */
  settleable: boolean;
};

/** What a settlement would send, as the desk's preview says it. */
export type CounterPreview = { method: string; formatted: string; how: string; to: string; warning: string | null };
