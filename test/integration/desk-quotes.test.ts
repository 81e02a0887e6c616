import { beforeAll, describe, expect, it } from "vitest";

import { answerQuote, quoteFor } from "../../app/desk/quotes.server";
import { formatMoneyIn, parseMinorUnits } from "../../app/domain/money";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import { quoteTag } from "../../app/shopify/quotes.server";
import { renderStatus } from "../../app/storefront/pages.server";
import { pageContext } from "../../app/storefront/proxy.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Paid quotes and parts sent, against the demo and the stand-in: the merchant quotes a repair,
 * the shopper answers on the status page, an acceptance becomes one Shopify draft order (its
 * invoice is what the shopper pays) however often it is clicked; parts sent are held to the
 * policy's parts quota.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe.each(testProviders())("paid quotes and parts sent (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  beforeAll(() => {
    ({ database, demo } = running);
  });

  async function quoted(): Promise<RequestRecord[]> {
    const all = await createRequestRepository(database.db).list(shop, { take: 200 });
    const out: RequestRecord[] = [];
    for (const r of all) if ((await quoteFor(deskFor("1").desk, shop, r.id))?.status === "awaiting") out.push(r);
    return out;
  }

  it("GIVEN the demo THEN warranty claims and services are there too, and quotes await the shopper", async () => {
    const all = await createRequestRepository(database.db).list(shop, { take: 200 });
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(["return", "warranty", "service"]));
    expect(new Set(all.filter((r) => r.kind === "service").map((r) => r.service))).toEqual(new Set(["resize", "cleaning", "crystal_replacement"]));
    // The uk-jeweller warranty repairs or replaces (its policy sends no loose parts).
    expect(all.some((r) => r.kind === "warranty" && r.resolution === "replacement")).toBe(true);
    expect(all.some((r) => r.kind === "warranty" && r.resolution === "repair")).toBe(true);
    expect((await quoted()).length).toBeGreaterThanOrEqual(2);
    // A ring-size exchange is waiting to be worked.
    expect(all.some((r) => r.status === "received" && r.lines.some((l) => l.exchangeVariantId))).toBe(true);
  });

  it("GIVEN a quote awaiting the shopper WHEN they accept it twice at once THEN Shopify holds one draft order of the quoted price for them, the status page links its invoice, and the desk resolves it as paid", async () => {
    const [request] = await quoted();
    const { desk, requests, actions } = deskFor("5");
    const quote = (await desk.currentQuote(shop, request.id))!;
    const store = demo.standin.engine.store(shop);
    const deps = { desk, requests, admin: admin() };
    const [one, two] = await Promise.all([answerQuote(deps, shop, request.id, "accept"), answerQuote(deps, shop, request.id, "accept")]);
    const won = one.ok ? one : two;
    const lost = one.ok ? two : one;
    expect(won.ok).toBe(true);
    expect(lost).toMatchObject({ ok: false, reason: "already" });
    const drafts = store.draftOrders.filter((d) => d.tags.includes(quoteTag(`quote-${quote.id}`)));
    expect(drafts).toHaveLength(1);
    const price = (l: (typeof drafts)[number]["lineItems"][number]) => parseMinorUnits(l.originalUnitPriceSet.shopMoney.amount, l.originalUnitPriceSet.shopMoney.currencyCode);
    expect([drafts[0].customerId, drafts[0].presentmentCurrencyCode, drafts[0].lineItems.map((l) => [l.quantity, price(l)])]).toEqual([request.customerId, request.currency, [[1, quote.amountMinor]]]);
    const after = (await desk.currentQuote(shop, request.id))!;
    expect([after.status, after.draftOrderId, after.invoiceUrl]).toEqual(["accepted", drafts[0].id, drafts[0].invoiceUrl]);
    // Answering again changes nothing.
    expect(await answerQuote(deps, shop, request.id, "decline")).toMatchObject({ ok: false, reason: "already" });
    expect(store.draftOrders.filter((d) => d.tags.includes(quoteTag(`quote-${quote.id}`)))).toHaveLength(1);
    expect((await requests.events(shop, request.id)).filter((e) => e.type === "quote_accepted")).toHaveLength(1);

    const ctx = pageContext(new URL("https://shop.example/apps/aftercare/status?token=t"));
    const html = renderStatus(ctx, { requestId: request.id, number: request.number, orderName: request.orderName, kind: request.kind as "service", service: null, status: request.status, createdAt: request.createdAt.toISOString(), lines: [], steps: [], shopifyReturn: "none" }, null, "Europe/London", { quote: after, action: "/apps/aftercare/status", token: "t", notice: null });
    expect(html).toContain(`href="${after.invoiceUrl}"`);
    expect(html).not.toContain('name="answer" value="decline"');

    const resolved = await actions.resolve(shop, request.id, { method: "quote" });
    expect(resolved).toEqual({ ok: true, message: expect.stringMatching(/^Resolved: paid repair of /) });
    expect((await requests.find(shop, request.id))?.resolution).toBe("quote");
  });

  it("GIVEN a quote awaiting the shopper WHEN they decline THEN no draft order is made, the desk can quote again, and a paid resolution is refused", async () => {
    const [request] = await quoted();
    const { desk, requests, actions } = deskFor("6");
    const quote = (await desk.currentQuote(shop, request.id))!;
    const ctx = pageContext(new URL("https://shop.example/apps/aftercare/status?token=t"));
    const waiting = renderStatus(ctx, { requestId: request.id, number: request.number, orderName: request.orderName, kind: "service", service: null, status: request.status, createdAt: request.createdAt.toISOString(), lines: [], steps: [], shopifyReturn: "none" }, null, "Europe/London", { quote, action: "/apps/aftercare/status", token: "t", notice: null });
    expect(waiting).toContain('name="answer" value="accept"');
    expect(waiting).toContain('name="answer" value="decline"');

    const draftsBefore = demo.standin.engine.store(shop).draftOrders.length;
    expect(await answerQuote({ desk, requests, admin: admin(), locale: "fr" }, shop, request.id, "decline")).toMatchObject({ ok: true, quote: { status: "declined" } });
    expect(demo.standin.engine.store(shop).draftOrders.length).toBe(draftsBefore);
    // The answer on the timeline the shopper reads writes the price for their page's language, not "45.00 GBP".
    const answered = (await requests.events(shop, request.id)).filter((e) => e.type === "quote_declined").at(-1)!;
    expect(answered.message).toBe(`Declined: ${quote.description}, ${formatMoneyIn(quote.amountMinor, quote.currency, "fr")}.`);
    expect(answered.message).not.toMatch(/\d [A-Z]{3}\./);
    expect(await actions.resolve(shop, request.id, { method: "quote" })).toEqual({ ok: false, status: 422, message: "There is no accepted quote on this request." });
    expect(await actions.quote(shop, request.id, { amount: "30.00", description: "Clean only, no polish" })).toMatchObject({ ok: true });
    expect(await actions.quote(shop, request.id, { amount: "31.00", description: "Twice" })).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/already waiting for the shopper/) });
  });

  it("GIVEN a quote awaiting the shopper WHEN the merchant withdraws it THEN the status page stops offering it, the shopper cannot accept it, the timeline says so, and a new quote can be made; an accepted quote with a draft order cannot be withdrawn", async () => {
    const [request] = await quoted();
    const { desk, requests, actions } = deskFor("9");
    const quote = (await desk.currentQuote(shop, request.id))!;
    expect(await actions.withdrawQuote(shop, request.id)).toEqual({ ok: true, message: expect.stringMatching(/^Quote of .+ withdrawn: the shopper no longer sees it\.$/) });
    expect((await desk.currentQuote(shop, request.id))?.status).toBe("withdrawn");
    expect(await quoteFor(desk, shop, request.id)).toBeNull();
    const draftsBefore = demo.standin.engine.store(shop).draftOrders.length;
    expect(await answerQuote({ desk, requests, admin: admin() }, shop, request.id, "accept")).toMatchObject({ ok: false, reason: "none" });
    expect(demo.standin.engine.store(shop).draftOrders.length).toBe(draftsBefore);
    const ctx = pageContext(new URL("https://shop.example/apps/aftercare/status?token=t"));
    const html = renderStatus(ctx, { requestId: request.id, number: request.number, orderName: request.orderName, kind: "service", service: null, status: request.status, createdAt: request.createdAt.toISOString(), lines: [], steps: [{ type: "quote_withdrawn", actor: "merchant", at: NOW.toISOString(), message: null, amount: null }], shopifyReturn: "none" }, null, "Europe/London", null);
    expect(html).not.toContain('name="answer"');
    expect(html).toContain("Quote withdrawn by the shop");
    const shown = (await requests.events(shop, request.id)).filter((e) => e.type === "quote_withdrawn");
    expect(shown.map((e) => [e.actor, e.amountMinor, e.currency])).toEqual([["merchant", quote.amountMinor, quote.currency]]);
    expect(await actions.withdrawQuote(shop, request.id)).toEqual({ ok: false, status: 409, message: "This quote was already withdrawn." });
    expect(await actions.quote(shop, request.id, { amount: "25.00", description: "Polish only" })).toMatchObject({ ok: true });

    const rows = await database.db.repairQuote.findMany({ where: { shop, status: "accepted", draftOrderId: { not: null } } });
    expect(rows.length).toBeGreaterThan(0);
    const accepted = rows[0];
    expect(await actions.withdrawQuote(shop, accepted.requestId)).toEqual({ ok: false, status: 409, message: `The shopper accepted this quote and Shopify holds its draft order ${accepted.draftOrderId!.split("/").pop()} with the invoice they pay, so it cannot be withdrawn. If the work will not be done, delete the draft order in Shopify admin and write to the shopper.` });
    expect((await desk.currentQuote(shop, accepted.requestId))?.status).toBe("accepted");
  });

  it("GIVEN a return THEN it cannot be quoted; GIVEN a price with too many decimals THEN it is refused before anything is written", async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["received"], take: 200 });
    const ret = all.find((r) => r.kind === "return" && !r.resolution)!;
    expect(await deskFor("1").actions.quote(shop, ret.id, { amount: "10.00", description: "x" })).toMatchObject({ ok: false, status: 422 });
    await expect(deskFor("1").actions.quote(shop, ret.id, { amount: "10.001x", description: "x" })).rejects.toThrow(/Enter the price as a number/);
  });

  it("GIVEN a price with more decimals than the request's currency has (45.001 GBP, 4500.50 JPY) WHEN quoted THEN it is refused with 422 beside the price field, nothing is written, and a price in the currency's own decimals is quoted", async () => {
    const requests = createRequestRepository(database.db);
    const { actions } = deskFor("1");
    const all = await requests.list(shop, { status: ["received", "inspected"], take: 200 });
    const candidates = all.filter((r) => r.kind !== "return" && !r.resolution && r.currency === "GBP");
    let gbp: RequestRecord | undefined;
    for (const r of candidates) if (!(await quoteFor(deskFor("1").desk, shop, r.id))) gbp = r;
    expect(gbp).toBeDefined();
    const id = gbp!.id;
    const quotesBefore = await database.db.repairQuote.count({ where: { shop } });
    const eventsBefore = (await requests.events(shop, id)).length;

    const refused = await actions.quote(shop, id, { amount: "45.001", description: "Re-tip two claws" });
    expect(refused).toEqual({ ok: false, status: 422, message: "GBP has 2 decimal places: enter the price with at most 2, for example 45.00", fields: { amount: "GBP has 2 decimal places: enter the price with at most 2, for example 45.00" } });
    // Zeros beyond the currency's decimals are the same price.
    expect(await actions.quote(shop, id, { amount: "0.000", description: "Re-tip two claws" })).toMatchObject({ ok: false, status: 422, fields: { amount: "A quote needs a price above zero." } });
    expect(await database.db.repairQuote.count({ where: { shop } })).toBe(quotesBefore);
    expect((await requests.events(shop, id)).length).toBe(eventsBefore);

    // A warranty claim on an order paid in yen: whole yen only.
    const yen = await requests.create(shop, { orderId: "gid://shopify/Order/990001", orderName: "#Y1", kind: "warranty", currency: "JPY", lines: [{ lineItemId: "gid://shopify/LineItem/990001", quantity: 1, reason: "defective" }] });
    await requests.advance(shop, yen.id, "received");
    expect(await actions.quote(shop, yen.id, { amount: "4500.50", description: "Re-set the stone" })).toEqual({
      ok: false,
      status: 422,
      message: "JPY has no decimal places: enter the price in whole units, for example 4500",
      fields: { amount: "JPY has no decimal places: enter the price in whole units, for example 4500" },
    });
    expect(await database.db.repairQuote.count({ where: { shop, requestId: yen.id } })).toBe(0);
    expect(await actions.quote(shop, yen.id, { amount: "4500", description: "Re-set the stone" })).toMatchObject({ ok: true });
    const yenQuote = await database.db.repairQuote.findFirstOrThrow({ where: { shop, requestId: yen.id } });
    expect([Number(yenQuote.amountMinor), yenQuote.currency]).toEqual([4500, "JPY"]);
    // Out of the way of the tests below, which take the newest open request.
    await requests.advance(shop, yen.id, "closed");
  });

  it("GIVEN the policy's parts quota allows two for the item WHEN three are recorded THEN it is refused; two are recorded on the timeline and resolve it", async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["inspected", "received"], take: 200 });
    const request = all.find((r) => r.kind !== "return" && !r.resolution)!;
    // The engine's quota for this line, as a crystal policy's partsQuota gives it (LineDecision.maxParts).
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: request.id } });
    // The engine's decision itself, or inside `{ engine, preview }` once an inspection decided it again.
    const raw = JSON.parse(row.decisionJson as string) as { engine?: unknown };
    const stored = (raw.engine ?? raw) as { lines: { eligible: boolean; resolutions: string[]; maxParts: number | null }[] };
    // A crystal policy's decision: the line is accepted, for parts, with its quota.
    for (const line of stored.lines) Object.assign(line, { eligible: true, resolutions: ["parts"], maxParts: 2 });
    await database.db.aftercareRequest.update({ where: { id: request.id }, data: { decisionJson: JSON.stringify(raw) } });
    const { actions, requests, desk } = deskFor("7");
    expect(await actions.resolve(shop, request.id, { method: "parts", parts: 3 })).toEqual({ ok: false, status: 422, message: "The policy allows at most 2 parts for this item; 3 is more. Nothing was recorded." });
    expect((await requests.find(shop, request.id))?.resolution).toBeNull();
    expect(await actions.resolve(shop, request.id, { method: "parts" })).toMatchObject({ ok: false, status: 422 });
    expect(await actions.resolve(shop, request.id, { method: "parts", parts: 2 })).toEqual({ ok: true, message: expect.stringMatching(/^Resolved: 2 parts of the 2 the policy allows sent\. Parts order #\d+ made in Shopify at no charge\.$/) });
    const timeline = await desk.timeline(shop, request.id);
    expect(timeline.filter((e) => e.type === "parts_sent").map((e) => [e.data.parts, e.staffName])).toEqual([[2, "Staff 7"]]);
    expect((await requests.find(shop, request.id))?.resolution).toBe("parts");
  });

  it("GIVEN parts already sent for the same item on an earlier warranty claim WHEN a later request sends more than is left THEN it is refused saying what is left; what is left is recorded, and a third request finds none", async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["inspected", "received"], take: 200 });
    const request = all.find((r) => r.kind !== "return" && !r.resolution)!;
    const lineItemId = request.lines[0].lineItemId;
    // The item's allowance is 3 parts (as a crystal policy's partsQuota gives it).
    const allowance = (decision: unknown) => {
      const stored = ((decision as { engine?: unknown } | null)?.engine ?? decision ?? { lines: [] }) as { lines: { lineId: string; eligible: boolean; resolutions: string[]; maxParts: number | null; partsAllowance?: unknown }[] };
      stored.lines = [{ ...(stored.lines[0] ?? {}), lineId: lineItemId, eligible: true, resolutions: ["parts"], maxParts: 3, partsAllowance: { total: 3, sent: 0 } }];
      return JSON.stringify(stored);
    };
    await database.db.aftercareRequest.update({ where: { id: request.id }, data: { decisionJson: allowance(JSON.parse((await database.db.aftercareRequest.findFirstOrThrow({ where: { id: request.id } })).decisionJson ?? "null")) } });
    const { actions, requests, desk } = deskFor("8");
    const sibling = async (status: string, partsSent: number) => {
      const made = await requests.create(shop, { orderId: request.orderId, orderName: request.orderName, kind: "warranty", currency: request.currency, lines: [{ lineItemId, quantity: 1, reason: "defective" }] });
      await database.db.aftercareRequest.update({ where: { id: made.id }, data: { status, decisionJson: allowance(null) } });
      if (partsSent) await database.db.requestLine.updateMany({ where: { requestId: made.id }, data: { partsSent } });
      return made;
    };
    await sibling("resolved", 2);

    expect(await actions.resolve(shop, request.id, { method: "parts", parts: 2 })).toEqual({ ok: false, status: 422, message: "The policy allows 3 parts for this item; 2 were already sent on its earlier requests, so 1 is left and 2 is more. Nothing was recorded." });
    expect((await requests.find(shop, request.id))?.resolution).toBeNull();
    expect(await actions.resolve(shop, request.id, { method: "parts", parts: 1 })).toEqual({ ok: true, message: expect.stringMatching(/^Resolved: 1 part of the 3 the policy allows \(2 sent before, 0 left\) sent\. Parts order #\d+ made in Shopify at no charge\.$/) });
    expect((await requests.find(shop, request.id))?.lines.map((l) => l.partsSent)).toEqual([1]);
    expect((await desk.timeline(shop, request.id)).filter((e) => e.type === "parts_sent").map((e) => e.data)).toEqual([{ parts: 1, allowed: 3, sentBefore: 2 }]);

    const third = await sibling("inspected", 0);
    expect(await actions.resolve(shop, third.id, { method: "parts", parts: 1 })).toEqual({ ok: false, status: 422, message: "The policy allows 3 parts for this item and 3 were already sent on its earlier requests: none is left. Nothing was recorded." });
    expect((await requests.find(shop, third.id))?.resolution).toBeNull();
  });
});
