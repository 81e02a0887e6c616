// The demo's repair bench: the tickets the desk opened (services and warranty claims resolved by
// repair, replacement or a paid quote) walked through the workshop with the bench's own use cases,
// so the demo opens with work in every state, several of them overdue.
import type { Database } from "../app/platform/db-client.server";
import type { Policy } from "../app/domain";
import { createBench } from "../app/repairs/bench.server";
import { REPAIR_STATES, type RepairMove, type RepairState } from "../app/repairs/machine";
import { followPaidQuotes } from "../app/repairs/quotes.server";
import type { OperationRepository } from "../app/repositories/operations.server";
import { createRepairRepository } from "../app/repositories/repairs.server";
import type { AdminGraphql } from "../app/shopify/client.server";
import { repairQuoteTag } from "../app/shopify/draft-orders.server";
import { payDraftOrder } from "../test/standin/draft-orders";
import type { ShopStore } from "../test/standin/store";

const DAY = 86_400_000;

/** The moves that bring a fresh ticket to each state. */
const PATHS: Record<RepairState, RepairMove[]> = {
  awaiting_item: [],
  received: ["intake"],
  assessed: ["intake", "assess"],
  quoted: ["intake", "assess", "quote"],
  // Accepted by the customer paying the quote's draft order in Shopify (below), not by a move.
  quote_accepted: ["intake", "assess", "quote"],
  quote_declined: ["intake", "assess", "quote", "decline"],
  quote_expired: ["intake", "assess", "quote", "expire"],
  at_bench: ["intake", "assess", "start"],
  ready: ["intake", "assess", "start", "finish"],
  sent_back: ["intake", "assess", "start", "finish", "send_back"],
  collected: ["intake", "assess", "start", "finish", "collect"],
  cancelled: ["cancel"],
};

/** A declined quote whose piece went back unrepaired by a zero-price Shopify order (docs/decisions/026). */
const DECLINED_SENT_BACK: RepairMove[] = ["intake", "assess", "quote", "decline", "send_back"];

/** Each state once, a declined piece sent back, then more work still owed (the ones taken in longest ago are overdue). */
const TARGETS: (RepairState | "declined_sent_back")[] = [...REPAIR_STATES, "declined_sent_back", "at_bench", "received", "assessed", "at_bench"];

/**
 * What the counter writes at intake: the piece as seen (metal by colour, stones as stones), what
 * the customer says it is (the "customer states" habit that avoids disputes), and its condition,
 * by the kind of piece the ticket's item is.
 */
const PIECES: { match: RegExp; description: string; condition: string }[] = [
  { match: /earring|stud/i, description: "Pair of earrings, customer states", condition: "One post bent; both backs present." },
  { match: /\bring\b|band/i, description: "White metal ring set with clear stones, customer states", condition: "Claw lifting at 2 o'clock; light scratches on the shank." },
  { match: /bracelet|bangle/i, description: "White metal bracelet, customer states", condition: "Clasp spring weak; no other marks." },
  { match: /necklace|chain|pendant/i, description: "Pendant on a fine white metal chain, customer states", condition: "One link open; kinked near the clasp." },
  { match: /watch/i, description: "Wristwatch on a leather strap, customer states", condition: "Crown stiff; glass unmarked." },
  { match: /./, description: "Piece as received, customer states", condition: "Wear as expected for its age; no other marks." },
];
const intakeOf = (item: string) => {
  const piece = PIECES.find((p) => p.match.test(item)) ?? PIECES[PIECES.length - 1];
  return { description: `${piece.description} "${item}" from this order.`, condition: piece.condition };
};

export async function seedBench(options: { db: Database; admin: AdminGraphql; operations: OperationRepository; store: ShopStore; shop: string; timezone: string; country: string; policy: Policy; now: Date }): Promise<Record<RepairState, number>> {
  const repairs = createRepairRepository(options.db);
  const staff = [
    { id: "demo-owner", name: "Eleanor Hart" },
    { id: "demo-bench", name: "Sam Reed" },
  ];
  const tickets = (await repairs.queue(options.shop, { states: ["awaiting_item"], take: 100 })).rows.reverse();
  for (const [i, ticket] of tickets.entries()) {
    const target = TARGETS[i % TARGETS.length];
    // Taken in 2 to 14 days ago, five working days promised: the oldest work still owed is late.
    const takenIn = new Date(options.now.getTime() - (14 - (i % 13)) * DAY);
    let clock = takenIn.getTime();
    const piece = intakeOf(ticket.itemTitle);
    for (const move of target === "declined_sent_back" ? DECLINED_SENT_BACK : PATHS[target]) {
      // With the Admin API: a quote becomes its Shopify draft order and invoice, as on the ticket page.
      const bench = createBench({ repairs, admin: options.admin, operations: options.operations, staff: staff[i % 2], timezone: options.timezone, country: options.country, locale: "en-GB", policy: options.policy, now: () => new Date(Math.min(clock, options.now.getTime())) });
      const input: Record<string, unknown> = { move, from: (await repairs.find(options.shop, ticket.id))?.state };
      if (move === "intake") Object.assign(input, { ...piece, declaredValue: "250.00", instructions: "Please call before any extra work.", termsAccepted: true, turnaroundDays: 5, rush: i % 5 === 0, location: `Safe, tray ${1 + (i % 4)}` });
      if (move === "assess") Object.assign(input, { cause: "", findings: "As the customer described; the work is as booked." });
      if (move === "quote") Object.assign(input, { description: "Re-tip two claws and polish", lines: [{ title: "Re-tip two claws", quantity: 2, price: "15.00" }, { title: "Polish", quantity: 1, price: "15.00" }] });
      if (move === "cancel") Object.assign(input, { reason: "The customer asked to keep the piece as it is." });
      const result = await bench.move(options.shop, ticket.id, input);
      if (!result.ok) throw new Error(`demo bench seed: ${ticket.job} ${move}: ${result.message}`);
      clock += DAY;
    }
    if (target === "quote_accepted") {
      // The customer pays the invoice: the draft order completes into an order, and what the
      // orders/create job does moves the ticket (the app is not running yet to hear the webhook).
      const draft = options.store.draftOrders.find((d) => d.tags.includes(repairQuoteTag(ticket.id)));
      if (!draft) throw new Error(`demo bench seed: ${ticket.job}: no draft order for its quote`);
      const order = payDraftOrder(options.store, draft.id);
      const paid = await followPaidQuotes(options.admin, repairs, options.shop, order.tags, new Date(Math.min(clock, options.now.getTime())));
      if (!paid.moved.includes(ticket.id)) throw new Error(`demo bench seed: ${ticket.job}: its paid quote did not move it`);
    }
    if (i % 3 === 0 && target !== "cancelled") {
      await createBench({ repairs, staff: staff[1], timezone: options.timezone, country: options.country, locale: "en-GB", policy: options.policy, now: () => options.now }).handle(options.shop, ticket.id, { intent: "assign_me" });
    }
  }
  return (await repairs.counts(options.shop, options.now.toISOString().slice(0, 10))).byState;
}
