import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy } from "../../app/domain";
import { CAUSES } from "../../app/domain/vocabulary";
import { check, isOverdue, moveOf, movesFrom, parseJobNumber, REPAIR_MOVES, REPAIR_STATES, type RepairMove, type RepairState } from "../../app/repairs/machine";
import { createBench, type Staff } from "../../app/repairs/bench.server";
import { COUNT_CAP, shownCount } from "../../app/repairs/queue-tabs";
import { createRepairRepository, FIRST_JOB_NUMBER } from "../../app/repositories/repairs.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

/**
 * Repair tickets on both databases: job numbers under concurrency, every state move (legal,
 * illegal, a double click, a stale page, another shop's ticket) and the intake record kept as
 * it was written.
 */
const SHOP = "bench-a.myshopify.com";
const OTHER = "bench-b.myshopify.com";
const NOW = new Date("2026-12-04T10:00:00Z"); // a Friday in London

describe("the ticket's state machine", () => {
  it("GIVEN every state and move THEN a move is allowed exactly from its own states, and a refusal says why", () => {
    for (const state of REPAIR_STATES) {
      for (const move of REPAIR_MOVES) {
        const verdict = check(state, move);
        expect(verdict.ok, `${move} from ${state}`).toBe(moveOf(move).from.includes(state));
        if (!verdict.ok) expect(verdict.reason).toMatch(/^(This ticket is|A ticket that is)/);
      }
    }
    expect(movesFrom("awaiting_item")).toEqual(["intake", "cancel"]);
    expect(movesFrom("quoted")).toEqual(["accept", "decline", "expire", "cancel"]);
    expect(movesFrom("quote_declined")).toEqual(["send_back", "collect", "cancel"]);
    expect(movesFrom("ready")).toEqual(["send_back", "collect", "cancel"]);
    for (const closed of ["sent_back", "collected", "cancelled"] as RepairState[]) expect(movesFrom(closed)).toEqual([]);
    expect(check("at_bench", "intake")).toEqual({ ok: false, reason: "A ticket that is at the bench cannot be taken in; it can be marked ready or cancelled." });
    expect(check("collected", "cancel")).toEqual({ ok: false, reason: "This ticket is collected: its work is over, nothing moves it on." });
  });

  it("GIVEN a promised date THEN only work still owed after it is overdue", () => {
    expect(isOverdue({ state: "at_bench", dueOn: "2026-12-03" }, "2026-12-04")).toBe(true);
    expect(isOverdue({ state: "at_bench", dueOn: "2026-12-04" }, "2026-12-04")).toBe(false);
    expect(isOverdue({ state: "ready", dueOn: "2026-12-01" }, "2026-12-04")).toBe(false);
    expect(isOverdue({ state: "awaiting_item", dueOn: null }, "2026-12-04")).toBe(false);
    expect([parseJobNumber("J-1042"), parseJobNumber(" j1042 "), parseJobNumber("1042"), parseJobNumber("R-1042"), parseJobNumber("")]).toEqual([1042, 1042, 1042, null, null]);
  });
});

describe.each(testProviders())("repair tickets (%s)", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  let made = 0;
  async function request(shop = SHOP, kind = "service", service: string | null = "resize"): Promise<string> {
    made += 1;
    const row = await database.db.aftercareRequest.create({ data: { shop, orderId: `gid://shopify/Order/${made}`, orderName: `#${1000 + made}`, customerName: "Jane Doe", kind, service, currency: "GBP", status: "resolved", resolution: "repair", lines: { create: [{ lineItemId: `gid://shopify/LineItem/${made}`, title: "Solitaire ring, size L", quantity: 1, reason: "other" }] } } });
    return row.id;
  }

  const at = () => ({ staffId: "1", staffName: "Eleanor Hart", message: "Repair ticket {job} opened.", at: NOW });

  async function ticket(shop = SHOP) {
    const repairs = createRepairRepository(database.db);
    const { ticket } = await repairs.open(shop, { requestId: await request(shop), origin: "repair", work: "Resize", itemTitle: "Solitaire ring, size L", currency: "GBP" }, at());
    return ticket;
  }

  function benchFor(staff: Staff, shopPolicy = presetPolicy("fine-jewellery")) {
    return createBench({ repairs: createRepairRepository(database.db), staff, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: shopPolicy, now: () => NOW });
  }

  it("GIVEN 40 tickets opened at once in one shop and 10 in another THEN each shop's job numbers run from 1001 without a gap or a repeat", async () => {
    const repairs = createRepairRepository(database.db);
    const shopA = "numbers-a.myshopify.com";
    const shopB = "numbers-b.myshopify.com";
    const ids = await Promise.all([...Array.from({ length: 40 }, () => request(shopA)), ...Array.from({ length: 10 }, () => request(shopB))]);
    // On PostgreSQL a second client, as a second process would be (its own connections). On
    // SQLite two clients in one process would deadlock on any transaction (one's synchronous
    // busy wait stops the event loop the other's transaction needs), so one client is used
    // there: the database's own write lock is what the counter relies on either way.
    const secondDb = (await import("../../app/platform/db-client.server")).createDatabase(database.url);
    const second = provider === "postgresql" ? createRepairRepository(secondDb) : repairs;
    try {
    const opened = await Promise.all(ids.map((requestId, i) => (i % 2 ? second : repairs).open(i < 40 ? shopA : shopB, { requestId, origin: "repair", work: "Resize", itemTitle: "Ring", currency: "GBP" }, at())));
    const numbers = (from: number, to: number) => opened.slice(from, to).map((o) => o.ticket.number).sort((a, b) => a - b);
    expect(numbers(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => FIRST_JOB_NUMBER + i));
    expect(numbers(40, 50)).toEqual(Array.from({ length: 10 }, (_, i) => FIRST_JOB_NUMBER + i));
    expect(opened[0].ticket.job).toMatch(/^J-\d{4}$/);
    // The same request asked twice at once: one ticket, one number.
    const again = await request(shopA);
    const [one, two] = await Promise.all([repairs.open(shopA, { requestId: again, origin: "repair", work: "Resize", itemTitle: "Ring", currency: "GBP" }, at()), second.open(shopA, { requestId: again, origin: "repair", work: "Resize", itemTitle: "Ring", currency: "GBP" }, at())]);
    expect(one.ticket.id).toBe(two.ticket.id);
    expect([one.created, two.created].filter(Boolean)).toHaveLength(1);
    expect(one.ticket.number).toBeGreaterThanOrEqual(FIRST_JOB_NUMBER + 40);
    // Deleting a ticket (its request erased) never gives its number out again.
    await database.db.aftercareRequest.deleteMany({ where: { shop: shopA, id: again } });
    const next = await repairs.open(shopA, { requestId: await request(shopA), origin: "repair", work: "Resize", itemTitle: "Ring", currency: "GBP" }, at());
    expect(next.ticket.number).toBeGreaterThan(one.ticket.number);
    } finally {
      await secondDb.$disconnect();
    }
  });

  it("GIVEN a ticket WHEN the bench takes it from intake through every state to collected THEN each move is one timeline entry with the staff member and time", async () => {
    const t = await ticket();
    const bench = benchFor({ id: "7", name: "Morgan Hale" });
    const steps: [RepairMove, RepairState, Record<string, unknown>][] = [
      ["intake", "awaiting_item", { description: "Yellow metal ring, one white stone, customer states 18ct gold and diamond.", condition: "Light scratches on the shank.", declaredValue: "1200.00", instructions: "Call before any extra work.", termsAccepted: true, turnaroundDays: 5 }],
      ["assess", "received", { cause: "misuse", findings: "Shank thin at the back; needs a new section to size P." }],
      ["quote", "assessed", { description: "Resize from N to P", lines: [{ title: "Resize from N to P", quantity: 1, price: "45.00" }] }],
      ["accept", "quoted", {}],
      ["start", "quote_accepted", {}],
      ["finish", "at_bench", {}],
      ["collect", "ready", {}],
    ];
    for (const [move, from, fields] of steps) {
      const result = await bench.move(SHOP, t.id, { move, from, ...fields });
      expect(result, `${move} from ${from}`).toMatchObject({ ok: true });
    }
    const after = await bench.ticket(SHOP, t.id);
    expect(after?.state).toBe("collected");
    // Five working days from Friday 4 December: 7, 8, 9, 10, 11 December.
    expect(after?.dueOn).toBe("2026-12-11");
    expect(after?.quote).toMatchObject({ amountMinor: 4500, description: "Resize from N to P" });
    expect(after?.assessment).toEqual({ cause: "misuse", findings: "Shank thin at the back; needs a new section to size P." });
    expect(after?.intake?.declaredValueMinor).toBe(120_000);
    const timeline = (await createDeskRepository(database.db).timeline(SHOP, t.requestId)).filter((e) => e.type === "repair");
    expect(timeline.map((e) => e.data.to)).toEqual(["awaiting_item", "received", "assessed", "quoted", "quote_accepted", "at_bench", "ready", "collected"]);
    expect(timeline.slice(1).every((e) => e.staffName === "Morgan Hale" && e.staffId === "7" && e.at.getTime() === NOW.getTime() && e.internal)).toBe(true);
    expect(timeline[1].message).toMatch(/^J-\d+ taken in: Yellow metal ring.*declared value £1,200\.00\. Repair terms accepted\. Promised for 11 Dec 2026 \(5 working days\)\.$/);
    expect(timeline[3].message).toMatch(/quoted £45\.00: Resize from N to P/);
  });

  it("GIVEN a declined quote THEN the piece goes back without work (collected here); GIVEN any open ticket THEN it can be cancelled with a reason, and a closed one cannot", async () => {
    const bench = benchFor({ id: "7", name: "Morgan Hale" });
    const t = await ticket();
    await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Silver bangle.", condition: "Dented.", termsAccepted: true });
    await bench.move(SHOP, t.id, { move: "assess", from: "received", cause: "accident", findings: "Crushed by a door." });
    await bench.move(SHOP, t.id, { move: "quote", from: "assessed", description: "Reshape and polish", lines: [{ title: "Reshape and polish", quantity: 1, price: "80" }] });
    expect(await bench.move(SHOP, t.id, { move: "decline", from: "quoted" })).toMatchObject({ ok: true });
    expect(await bench.move(SHOP, t.id, { move: "start", from: "quote_declined" })).toMatchObject({ ok: false, status: 422 });
    // Posting it back needs Shopify (a return order, docs/decisions/026; repairs-closed.test.ts): this bench has none.
    expect(await bench.move(SHOP, t.id, { move: "send_back", from: "quote_declined" })).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/goes back by a Shopify order.*Nothing changed/) });
    expect(await bench.move(SHOP, t.id, { move: "collect", from: "quote_declined" })).toMatchObject({ ok: true });
    expect(await bench.move(SHOP, t.id, { move: "cancel", from: "collected", reason: "oops" })).toMatchObject({ ok: false, status: 422, message: expect.stringMatching(/collected: its work is over/) });

    const other = await ticket();
    expect(await bench.move(SHOP, other.id, { move: "cancel", from: "awaiting_item", reason: "" })).toMatchObject({ ok: false, status: 422, fields: { reason: expect.any(String) } });
    expect(await bench.move(SHOP, other.id, { move: "cancel", from: "awaiting_item", reason: "The customer collected the piece unrepaired." })).toMatchObject({ ok: true });
    expect((await bench.ticket(SHOP, other.id))?.state).toBe("cancelled");
  });

  it("GIVEN an illegal move THEN it is refused with the reason and nothing changes", async () => {
    const t = await ticket();
    const bench = benchFor({ id: "7", name: "Morgan Hale" });
    const before = await createDeskRepository(database.db).timeline(SHOP, t.requestId);
    const result = await bench.move(SHOP, t.id, { move: "finish", from: "awaiting_item" });
    expect(result).toEqual({ ok: false, status: 422, message: "A ticket that is awaiting item cannot be marked ready; it can be taken in or cancelled. Nothing changed." });
    // Bad input: terms not accepted, an amount the currency cannot hold, a cause the policy does not name.
    expect(await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Ring", condition: "Fine", termsAccepted: false })).toMatchObject({ ok: false, status: 422, fields: { termsAccepted: expect.stringMatching(/repair terms/) } });
    expect(await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Ring", condition: "Fine", termsAccepted: true, declaredValue: "12.345" })).toMatchObject({ ok: false, status: 422, fields: { declaredValue: expect.stringMatching(/decimals/) } });
    expect((await bench.ticket(SHOP, t.id))?.state).toBe("awaiting_item");
    expect(await createDeskRepository(database.db).timeline(SHOP, t.requestId)).toHaveLength(before.length);
    await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Ring", condition: "Fine", termsAccepted: true });
    const crystalOnly = benchFor({ id: "7", name: "Morgan Hale" }, presetPolicy("crystal-accessories"));
    const causes = (await import("../../app/repairs/policy")).causesOf(presetPolicy("crystal-accessories")).map((c) => c.value);
    const unnamed = CAUSES.find((c) => !causes.includes(c));
    expect(unnamed).toBeDefined();
    expect(await crystalOnly.move(SHOP, t.id, { move: "assess", from: "received", cause: unnamed!, findings: "x" })).toMatchObject({ ok: false, status: 422, fields: { cause: expect.any(String) } });
  });

  it("GIVEN a double click or two staff members at once THEN one move is made and the other is told who made it (409)", async () => {
    const t = await ticket();
    const a = benchFor({ id: "1", name: "Eleanor Hart" });
    const b = benchFor({ id: "2", name: "Sam Reed" });
    const intake = { move: "intake", from: "awaiting_item", description: "Gold chain.", condition: "Broken link.", termsAccepted: true } as const;
    const results = await Promise.all([a.move(SHOP, t.id, intake), b.move(SHOP, t.id, intake), a.move(SHOP, t.id, intake)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const loser of results.filter((r) => !r.ok)) expect(loser).toMatchObject({ status: 409, message: expect.stringMatching(/^Not done: J-\d+ is already received by (Eleanor Hart|Sam Reed) at \d\d:\d\d\. .*nothing was changed by this click\.$/) });
    const entries = (await createDeskRepository(database.db).timeline(SHOP, t.requestId)).filter((e) => e.type === "repair" && e.data.to === "received");
    expect(entries).toHaveLength(1);
  });

  it("GIVEN a stale page WHEN it acts on a ticket that moved on THEN 409 and nothing changes; GIVEN another shop's ticket THEN 404", async () => {
    const t = await ticket();
    const bench = benchFor({ id: "1", name: "Eleanor Hart" });
    await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Pearl necklace.", condition: "Restring needed.", termsAccepted: true });
    await bench.move(SHOP, t.id, { move: "assess", from: "received", cause: "", findings: "Silk worn through." });
    const before = await createDeskRepository(database.db).timeline(SHOP, t.requestId);
    // The page was opened when the ticket was received: its "assess" and "cancel" are stale now.
    expect(await bench.move(SHOP, t.id, { move: "assess", from: "received", cause: "", findings: "Other words" })).toMatchObject({ ok: false, status: 409 });
    expect(await bench.move(SHOP, t.id, { move: "cancel", from: "received", reason: "Changed our mind" })).toMatchObject({ ok: false, status: 409 });
    const after = await bench.ticket(SHOP, t.id);
    expect([after?.state, after?.assessment?.findings]).toEqual(["assessed", "Silk worn through."]);
    expect(await createDeskRepository(database.db).timeline(SHOP, t.requestId)).toHaveLength(before.length);

    const theirs = await ticket(OTHER);
    expect(await bench.move(SHOP, theirs.id, { move: "intake", from: "awaiting_item", description: "x", condition: "y", termsAccepted: true })).toEqual({ ok: false, status: 404, message: "No such repair ticket in this shop." });
    expect(await bench.handle(SHOP, theirs.id, { intent: "assign_me" })).toMatchObject({ ok: false, status: 404 });
    expect(await bench.ticket(SHOP, theirs.id)).toBeNull();
    expect((await createRepairRepository(database.db).find(OTHER, theirs.id))?.state).toBe("awaiting_item");
    expect((await createRepairRepository(database.db).queue(SHOP, { take: 100 })).rows.some((r) => r.id === theirs.id)).toBe(false);
  });

  it("GIVEN a ticket taken in THEN its intake record is never changed: a second intake is refused and a correction is a timeline entry", async () => {
    const t = await ticket();
    const bench = benchFor({ id: "1", name: "Eleanor Hart" });
    await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "White metal pendant, customer states platinum.", condition: "Bail bent.", declaredValue: "300", termsAccepted: true, location: "Safe, tray 3" });
    const written = (await bench.ticket(SHOP, t.id))?.intake;
    expect(await bench.move(SHOP, t.id, { move: "intake", from: "awaiting_item", description: "Changed", condition: "Changed", termsAccepted: true })).toMatchObject({ ok: false, status: 409 });
    expect(await bench.move(SHOP, t.id, { move: "intake", from: "received", description: "Changed", condition: "Changed", termsAccepted: true })).toMatchObject({ ok: false, status: 422 });
    // Moves after intake write only their own fields.
    await bench.move(SHOP, t.id, { move: "assess", from: "received", cause: "", findings: "Bail straightened." });
    expect(await bench.handle(SHOP, t.id, { intent: "correct", note: "The customer now says white gold, not platinum." })).toMatchObject({ ok: true });
    await bench.handle(SHOP, t.id, { intent: "assign_me" });
    await bench.handle(SHOP, t.id, { intent: "rush", rush: true });
    const after = await bench.ticket(SHOP, t.id);
    expect(after?.intake).toEqual(written);
    expect(after?.intake?.description).toBe("White metal pendant, customer states platinum.");
    expect([after?.assigneeName, after?.rush, after?.location]).toEqual(["Eleanor Hart", true, "Safe, tray 3"]);
    const timeline = await createDeskRepository(database.db).timeline(SHOP, t.requestId);
    expect(timeline.map((e) => e.message)).toContain(`Correction to ${t.job}'s intake record: The customer now says white gold, not platinum.`);
  });

  it("GIVEN tickets in several states THEN the queue pages by job number per state without overlap, and counts the overdue", async () => {
    const shop = "queue.myshopify.com";
    const repairs = createRepairRepository(database.db);
    const bench = benchFor({ id: "1", name: "Eleanor Hart" });
    const tickets = [];
    for (let i = 0; i < 7; i++) tickets.push((await repairs.open(shop, { requestId: await request(shop), origin: "repair", work: "Resize", itemTitle: `Ring ${i}`, currency: "GBP" }, at())).ticket);
    for (const t of tickets.slice(0, 4)) await bench.move(shop, t.id, { move: "intake", from: "awaiting_item", description: "Ring", condition: "Fine", termsAccepted: true, turnaroundDays: 1 });
    const first = await repairs.queue(shop, { states: ["awaiting_item", "received"], take: 3 });
    const second = await repairs.queue(shop, { states: ["awaiting_item", "received"], take: 3, after: first.nextCursor });
    const third = await repairs.queue(shop, { states: ["awaiting_item", "received"], take: 3, after: second.nextCursor });
    const all = [...first.rows, ...second.rows, ...third.rows].map((r) => r.number);
    expect(all).toEqual(tickets.map((t) => t.number).reverse());
    expect(third.nextCursor).toBeNull();
    expect((await repairs.queue(shop, { states: ["received"] })).rows.map((r) => r.number)).toEqual(tickets.slice(0, 4).map((t) => t.number).reverse());
    const counts = await repairs.counts(shop, "2026-12-08");
    expect(counts.byState.awaiting_item).toBe(3);
    expect(counts.byState.received).toBe(4);
    // Due Monday 7 December (one working day after Friday): overdue on the 8th, not on the 7th.
    expect(counts.overdue).toBe(4);
    expect((await repairs.counts(shop, "2026-12-07")).overdue).toBe(0);
  });

  it("GIVEN more closed tickets in a state than the queue counts THEN the count stops at the cap and says so, and open states stay exact", async () => {
    const shop = "bench-history.myshopify.com";
    const repairs = createRepairRepository(database.db);
    const ids = Array.from({ length: COUNT_CAP + 2 }, (_, i) => `history-${i}`);
    await database.db.aftercareRequest.createMany({ data: ids.map((id, i) => ({ id, shop, orderId: `gid://shopify/Order/h${i}`, orderName: `#h${i}`, kind: "service", currency: "GBP", status: "resolved", resolution: "repair" })) });
    await database.db.repairTicket.createMany({
      data: ids.map((requestId, i) => ({ id: `t-${requestId}`, shop, number: FIRST_JOB_NUMBER + i, requestId, origin: "repair", state: i < COUNT_CAP + 1 ? "collected" : "at_bench", work: "Resize", itemTitle: "Ring", currency: "GBP" })),
    });
    const counts = await repairs.counts(shop, "2026-12-08");
    expect(counts.byState.collected).toBe(COUNT_CAP);
    expect(counts.atLeast).toEqual(["collected"]);
    expect(counts.byState.at_bench).toBe(1);
    expect([shownCount(counts.byState.collected, true), shownCount(counts.byState.at_bench, false)]).toEqual([`${COUNT_CAP}+`, "1"]);
    // Another shop's history is not counted.
    expect((await repairs.counts(SHOP, "2026-12-08")).atLeast).toEqual([]);
  });
});
