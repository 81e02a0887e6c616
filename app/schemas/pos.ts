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
