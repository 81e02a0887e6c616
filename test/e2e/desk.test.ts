import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { itemWithVariant } from "../../app/domain/item-label";
import { parseMinorUnits } from "../../app/domain/money";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The merchant's desk as `npm run demo` starts it, worked in Chromium through the stand-in's admin
 * and App Bridge: every action is checked against what the stand-in (Shopify) holds afterwards and
 * against the request's timeline.
 */
const API_KEY = "aftercare-desk-e2e";
const API_SECRET = "aftercare-desk-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

/** What the desk shows for a chosen item: its words, "2 × …" for more than one. */
const inWords = (quantity: number, words: string) => (quantity > 1 ? `${quantity} × ${words}` : `${words}`);

type Seeded = { id: string; orderId: string; shopifyReturnId: string | null; customerId: string | null; decisionJson: string | null; orderName: string };

describe("the merchant's desk in Chromium", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const used = new Set<string>();

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 4 } });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string): Promise<{ page: Page; blocked: string[] }> {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => console.warn(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") console.warn(`browser console: ${m.text().slice(0, 300)}`);
    });
    await page.goto(demo.standin.appEntryUrl(SHOP, path));
    return { page, blocked };
  }

  /** axe-core on the page as it stands: no serious or critical violation. */
  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  async function pick(status: string): Promise<Seeded> {
    // Plain returns (the demo's ring-size exchange candidates are left to the exchange test).
    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, status, resolution: null, kind: "return", lines: { none: { exchangeVariantId: { not: null } } } }, orderBy: { createdAt: "asc" } });
    const row = rows.find((r) => !used.has(r.id) && r.decisionJson?.includes('"refund":{'));
    if (!row) throw new Error(`no unused ${status} request with a refund figure`);
    used.add(row.id);
    return row;
  }

  const store = () => demo.standin.engine.store(SHOP);
  const engineTotal = (r: Seeded) => {
    const refund = (JSON.parse(r.decisionJson ?? "{}") as { refund: { total: string; currency: string } }).refund;
    return parseMinorUnits(refund.total, refund.currency);
  };
  // The desk's entries in order. Shopify's returns/close webhook may land before the desk records the
  // closing itself (then it adds its own "closed" entry): that one is left out of the comparison.
  const timelineTypes = async (id: string) =>
    (await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).filter((e) => !(e.actor === "shopify" && e.type === "closed")).map((e) => e.type);
  const refundsOf = (r: Seeded) => store().refunds.filter((x) => x.note?.includes(r.id));

  it("GIVEN the demo WHEN the merchant opens the app THEN home shows what needs action, and the list pages, filters and searches the requests", async () => {
    const { page, blocked } = await open("/app");
    await page.getByRole("heading", { name: "Needs action now" }).waitFor();
    expect(await page.title()).toBe("Home · Aftercare");
    await expect(page.getByText("New requests to decide").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("img", { name: /Requests per week by kind/ }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("desk-home"), fullPage: true });
    await accessible(page, "home");

    await page.getByRole("link", { name: "Requests", exact: true }).first().click();
    await page.getByRole("columnheader", { name: "Customer" }).waitFor();
    expect(await page.title()).toBe("Requests · Aftercare");
    const openRows = await page.locator("tbody tr").count();
    expect(openRows).toBeGreaterThan(5);
    await page.screenshot({ path: screenshotPath("desk-list"), fullPage: true });
    await accessible(page, "list");

    // Search by an order name: exactly its request.
    const one = (await database.db.aftercareRequest.findFirst({ where: { shop: SHOP, status: "approved" } }))!;
    await page.getByLabel("Search").fill(one.orderName);
    await page.getByLabel("Search").press("Enter");
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await expect(page.locator("tbody tr").first().innerText()).resolves.toContain(one.orderName);

    // Typing searches once it pauses (no Enter), and a search is one navigation, not one per key.
    await page.getByLabel("Search").fill("");
    await page.waitForURL((url) => !url.searchParams.has("q"));
    const searches: string[] = [];
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (url.pathname === "/app/requests" && url.searchParams.get("_data") === "routes/app.requests._index") searches.push(url.searchParams.get("q") ?? "");
    });
    await page.getByLabel("Search").pressSequentially(one.orderName, { delay: 40 });
    await page.waitForURL((url) => url.searchParams.get("q") === one.orderName);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(searches).toEqual([one.orderName]);

    // The Declined tab shows only declined (and cancelled) requests.
    await page.getByLabel("Search").fill("");
    await page.getByRole("tab", { name: "Declined" }).click();
    await page.waitForURL((url) => url.searchParams.get("tab") === "declined" && !url.searchParams.has("q"));
    // (The tab holds declined and cancelled requests; the search no longer lingers, so rows show.)
    await expect.poll(async () => {
      const texts = await page.locator("tbody tr").allInnerTexts();
      return texts.length > 1 && texts.every((t) => /Declined|Cancelled/.test(t));
    }).toBe(true);
    expect(blocked).toEqual([]);
  });

  it("GIVEN a new return WHEN approved, received and refunded THEN Shopify holds one refund of the engine's amount and the timeline says so", async () => {
    const r = await pick("requested");
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Request approved.").waitFor();
    expect(store().returns.find((x) => x.id === r.shopifyReturnId)?.status).toBe("OPEN");

    await page.getByRole("button", { name: "Mark received" }).click();
    await page.getByText("Item received at the shop.").first().waitFor();

    await page.getByRole("button", { name: "Resolve…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Resolution").selectOption("refund");
    await dialog.getByRole("button", { name: "Review before sending" }).click();
    const send = page.getByRole("dialog").getByRole("button", { name: /^Send / });
    await send.waitFor();
    const confirm = page.getByRole("dialog");
    await expect(confirm.getByText("Refund to the original payment").isVisible()).resolves.toBe(true);
    await expect(confirm.getByText(/GBP \(what the shopper paid in\)/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("desk-confirm-refund") });
    await accessible(page, "confirm dialog");
    await send.click();
    await page.getByText(/Refund to the original payment: .* sent\./).waitFor();

    const refunds = refundsOf(r);
    expect(refunds).toHaveLength(1);
    const paid = refunds[0].transactionIds.map((id) => store().find(id, "OrderTransaction") as unknown as { amountSet?: { shopMoney: { amount: string } } }).map((t) => parseMinorUnits(t.amountSet?.shopMoney.amount ?? "0", "GBP"));
    expect(paid.reduce((a, b) => a + b, 0)).toBe(engineTotal(r));
    expect(store().returns.find((x) => x.id === r.shopifyReturnId)?.status).toBe("CLOSED");
    const row = await database.db.aftercareRequest.findFirst({ where: { id: r.id } });
    // Processing closed the Shopify return, so the request is closed, resolved by refund.
    expect([row?.status, row?.resolution]).toEqual(["closed", "refund"]);
    expect(await timelineTypes(r.id)).toEqual(["requested", "approved", "received", "refunded", "resolved"]);
    await page.getByText("Closed", { exact: true }).first().waitFor();
    await page.getByRole("cell", { name: "succeeded" }).waitFor();
    await page.screenshot({ path: screenshotPath("desk-detail-refunded"), fullPage: true });
    await accessible(page, "detail");

    // The shop's money audit lists it with Shopify's refund id and who sent it.
    const { page: audit } = await open("/app/requests/audit");
    await audit.getByRole("heading", { name: "Money audit" }).waitFor();
    const entry = audit.locator("tbody tr", { hasText: refunds[0].id });
    await expect(entry.innerText()).resolves.toMatch(/Refund to original payment[\s\S]*Morgan Hale/);
    await accessible(audit, "audit");
  });

  it("GIVEN a received return WHEN resolved with store credit for 90 days instead of the policy's expiry, with a note THEN Shopify holds one credit of the engine's amount expiring on that day and the override is on the timeline", async () => {
    const r = await pick("received");
    // The desk offers what the policy's decision lists: this request was decided by a policy
    // that offers store credit beside a refund (the demo's uk-jeweller policy refunds only).
    const decided = JSON.parse(r.decisionJson ?? "{}") as { lines: { resolutions: string[] }[] };
    for (const line of decided.lines) line.resolutions = ["refund", "store_credit"];
    await database.db.aftercareRequest.update({ where: { id: r.id }, data: { decisionJson: JSON.stringify(decided) } });
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Resolve…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Resolution").selectOption("store_credit");
    await dialog.getByLabel("Store credit expires").selectOption("90");
    await dialog.getByLabel("Note for the timeline").fill("Longer than the policy: a loyal customer.");
    await dialog.getByRole("button", { name: "Review before sending" }).click();
    const send = page.getByRole("dialog").getByRole("button", { name: /^Send / });
    await send.waitFor();
    const expiresOn = DateTime.now().setZone("Europe/London").plus({ days: 90 }).toISODate();
    await expect(page.getByRole("dialog").getByText(`Store credit expiring ${expiresOn}`).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("desk-confirm-credit") });
    await send.click();
    await page.getByText(/Store credit expiring .* sent\./).waitFor();

    const refunds = refundsOf(r);
    expect(refunds).toHaveLength(1);
    const credits = store()
      .storeCreditAccounts.flatMap((a) => a.transactions)
      .filter((t) => t.refundId === refunds[0].id);
    expect(credits).toHaveLength(1);
    expect(parseMinorUnits(credits[0].amount.amount, credits[0].amount.currencyCode)).toBe(engineTotal(r));
    expect(DateTime.fromISO(credits[0].expiresAt!).setZone("Europe/London").toISODate()).toBe(expiresOn);
    expect(await timelineTypes(r.id)).toEqual(["requested", "approved", "received", "override", "credited", "resolved"]);
  });

  it("GIVEN a received return whose shopper chose another size WHEN resolved by exchange THEN Shopify processes one exchange return carrying that variant and no money moves", async () => {
    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, status: "received", resolution: null, kind: "return" }, include: { lines: true }, orderBy: { createdAt: "asc" } });
    let chosen: { row: (typeof rows)[number]; variantId: string; title: string } | null = null;
    for (const row of rows.filter((x) => !used.has(x.id) && x.lines.length === 1)) {
      const li = store().find(row.lines[0].lineItemId, "LineItem");
      const bought = store().find(li?.variantId, "ProductVariant");
      const sibling = store()
        .find(bought?.productId, "Product")
        ?.variantIds.map((id) => store().find(id, "ProductVariant"))
        .find((v) => v && v.id !== bought?.id && v.price === bought?.price && v.availableForSale && v.inventoryQuantity >= row.lines[0].quantity);
      if (sibling) {
        chosen = { row, variantId: sibling.id, title: itemWithVariant(store().find(sibling.productId, "Product")?.title ?? "", sibling) };
        break;
      }
    }
    if (!chosen) throw new Error("no received return with a same-price sibling variant");
    used.add(chosen.row.id);
    // The shopper's choice, as the request flow stores it.
    await database.db.requestLine.update({ where: { id: chosen.row.lines[0].id }, data: { exchangeVariantId: chosen.variantId, exchangeVariantTitle: chosen.title } });
    const refundsBefore = store().refunds.length;
    const { page } = await open(`/app/requests/${chosen.row.id}`);
    await page.getByRole("button", { name: "Resolve…" }).click();
    await page.getByRole("dialog").getByLabel("Resolution").selectOption("exchange");
    await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText(`The new item (${inWords(chosen.row.lines[0].quantity, chosen.title)}) is sent; no money moves (same value).`, { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath("desk-confirm-exchange") });
    await accessible(page, "exchange confirm dialog");
    await confirm.getByRole("button", { name: "Process exchange", exact: true }).click();
    await page.getByText(/Exchange processed: .* will be sent to the shopper\./).waitFor();

    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: chosen.row.id } });
    expect([row.status, row.resolution]).toEqual(["closed", "exchange"]);
    const ret = store().returns.find((x) => x.id === row.shopifyReturnId);
    expect(ret?.status).toBe("CLOSED");
    expect(ret?.exchangeLineItems?.map((x) => [x.variantId, x.quantity, x.processedQuantity])).toEqual([[chosen.variantId, chosen.row.lines[0].quantity, chosen.row.lines[0].quantity]]);
    expect(store().returns.find((x) => x.id === chosen.row.shopifyReturnId)?.status).toBe("CANCELED");
    expect(store().refunds.slice(refundsBefore).every((x) => x.transactionIds.length === 0)).toBe(true);
    expect((await timelineTypes(row.id)).slice(-2)).toEqual(["exchanged", "resolved"]);
    await page.screenshot({ path: screenshotPath("desk-detail-exchanged"), fullPage: true });
  });

  /**
   * A received single-line return on a fully paid order in the shop's currency, and an in-stock
   * item dearer (or cheaper) than what was paid for it; the request is given that item and the
   * difference as the request flow stores them (the shopper's preview).
   */
  async function exchangeOfAnotherValue(settlement: "charge" | "refund"): Promise<{ id: string; orderId: string; title: string; quantity: number; amountMinor: number; email: string }> {
    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, status: { in: ["received", "inspected"] }, resolution: null, kind: "return" }, include: { lines: true }, orderBy: { createdAt: "asc" } });
    for (const row of rows.filter((x) => !used.has(x.id) && x.lines.length === 1 && !x.lines[0].exchangeVariantId && x.shopifyReturnId)) {
      const order = store().find(row.orderId, "Order");
      if (!order?.email || order.presentmentCurrencyCode !== order.currencyCode || row.currency !== order.currencyCode || store().outstanding(order) !== 0) continue;
      const line = row.lines[0];
      const li = store().find(line.lineItemId, "LineItem");
      if (!li || store().refundedQuantity(li) > 0) continue;
      // What was paid for these units, as Shopify's suggested refund shares the line's discount out.
      const paid = parseMinorUnits(li.originalUnitPriceSet.presentmentMoney.amount, order.currencyCode) * line.quantity - Math.floor((store().lineItemDiscount(li) * line.quantity) / li.quantity);
      const price = (v: { price: string }) => parseMinorUnits(v.price, order.currencyCode) * line.quantity;
      // The closest in value, as the shopper's page lists them.
      const variant = store()
        .variants.filter((v) => v.id !== li.variantId && v.availableForSale && v.inventoryQuantity >= line.quantity && (settlement === "charge" ? price(v) > paid : price(v) < paid && price(v) > 0))
        .sort((a, b) => Math.abs(price(a) - paid) - Math.abs(price(b) - paid))[0];
      if (!variant) continue;
      used.add(row.id);
      const amountMinor = Math.abs(price(variant) - paid);
      const product = store().find(variant.productId, "Product");
      // As the request flow stores the shopper's choice: the product with its variant.
      const title = itemWithVariant(product?.title ?? "", variant);
      await database.db.requestLine.update({ where: { id: line.id }, data: { exchangeVariantId: variant.id, exchangeVariantTitle: title } });
      const stored = JSON.parse(row.decisionJson as string) as Record<string, unknown>;
      const decided = ("engine" in stored ? stored.engine : stored) as { lines: { resolutions: string[] }[] };
      // The desk offers an exchange only where the policy's decision does: this one was decided by
      // a policy that exchanges the item (the demo's faulty returns are not).
      const engine = { ...decided, lines: decided.lines.map((l) => ({ ...l, resolutions: [...new Set([...l.resolutions, "exchange"])] })) };
      await database.db.aftercareRequest.update({ where: { id: row.id }, data: { decisionJson: JSON.stringify({ engine, preview: { exchange: { settlement, amount: { amountMinor, currency: row.currency }, text: null } } }) } });
      return { id: row.id, orderId: row.orderId, title: inWords(line.quantity, title), quantity: line.quantity, amountMinor, email: order.email };
    }
    throw new Error(`no received return to exchange with a ${settlement} difference`);
  }

  async function exchangeThroughTheDesk(id: string, summary: string, button: string, done: RegExp, shot: string) {
    const { page } = await open(`/app/requests/${id}`);
    await page.getByRole("button", { name: "Resolve…" }).click();
    await page.getByRole("dialog").getByLabel("Resolution").selectOption("exchange");
    await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText(summary, { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath(shot) });
    await accessible(page, `${shot} dialog`);
    await confirm.getByRole("button", { name: button, exact: true }).click();
    await page.getByText(done).waitFor();
    return page;
  }

  it("GIVEN exchanges for a dearer and a cheaper item WHEN confirmed in the desk THEN the dearer one sends one invoice of the difference and the cheaper one refunds the difference once", async () => {
    const money = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(minor / 100);
    const dearer = await exchangeOfAnotherValue("charge");
    const owed = money(dearer.amountMinor);
    const page = await exchangeThroughTheDesk(
      dearer.id,
      `The new item (${dearer.title}) is sent; an invoice for ${owed} is sent to ${dearer.email} with Shopify's payment link.`,
      `Process exchange and invoice ${owed}`,
      new RegExp(`An invoice for ${owed.replace(/[.$]/g, "\\$&")} was sent to`),
      "desk-confirm-exchange-invoice",
    );
    const order = store().find(dearer.orderId, "Order")!;
    expect(store().invoices.filter((i) => i.orderId === order.id).map((i) => [i.amountMinor, i.to])).toEqual([[dearer.amountMinor, dearer.email]]);
    expect(store().outstanding(order)).toBe(dearer.amountMinor);
    expect((await timelineTypes(dearer.id)).slice(-3)).toEqual(["exchanged", "resolved", "invoiced"]);
    await page.screenshot({ path: screenshotPath("desk-detail-exchange-invoiced"), fullPage: true });

    const cheaper = await exchangeOfAnotherValue("refund");
    const back = money(cheaper.amountMinor);
    const cheaperOrder = store().find(cheaper.orderId, "Order")!;
    const refundsBefore = new Set(cheaperOrder.refundIds);
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: cheaper.id } });
    await exchangeThroughTheDesk(
      cheaper.id,
      `The new item (${cheaper.title}) is sent; ${back} is refunded to ${row.customerName ?? cheaper.email}'s original payment.`,
      `Process exchange and refund ${back}`,
      /Exchange processed: .* refunded to the original payment\./,
      "desk-confirm-exchange-refund",
    );
    const fresh = cheaperOrder.refundIds.filter((x) => !refundsBefore.has(x)).map((x) => store().find(x, "Refund")!);
    expect(fresh.map((r) => store().refundTotal(r))).toEqual([cheaper.amountMinor]);
    expect(store().outstanding(cheaperOrder)).toBe(0);
    expect(store().invoices.filter((i) => i.orderId === cheaperOrder.id)).toEqual([]);
    expect((await timelineTypes(cheaper.id)).slice(-3)).toEqual(["exchanged", "refunded", "resolved"]);
  });

  it("GIVEN a new return WHEN declined with Shopify's reason and a message THEN the Shopify return is declined with both and the timeline says so", async () => {
    const r = await pick("requested");
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Decline…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason (shown by Shopify)").selectOption("FINAL_SALE");
    await dialog.getByLabel("Message to the shopper").fill("Engraved pieces are made for you and are final sale.");
    await page.screenshot({ path: screenshotPath("desk-decline-dialog") });
    await accessible(page, "decline dialog");
    await dialog.getByRole("button", { name: "Decline request" }).click();
    await page.getByText("Request declined; Shopify was asked to send the shopper your message.").waitFor();
    const ret = store().returns.find((x) => x.id === r.shopifyReturnId);
    expect([ret?.status, ret?.decline?.reason, ret?.decline?.note]).toEqual(["DECLINED", "FINAL_SALE", "Engraved pieces are made for you and are final sale."]);
    expect(refundsOf(r)).toEqual([]);
    expect(await timelineTypes(r.id)).toEqual(["requested", "declined"]);
  });

  it("GIVEN an approved return the shopper no longer wants WHEN cancelled with a reason THEN the Shopify return is cancelled, nothing is refunded and the timeline keeps the reason", async () => {
    const r = await pick("approved");
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Cancel request…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Why (required)").fill("The shopper phoned: they are keeping the bracelet.");
    await page.screenshot({ path: screenshotPath("desk-cancel-dialog") });
    await accessible(page, "cancel dialog");
    await dialog.getByRole("button", { name: "Cancel request" }).click();
    await page.getByText("Request cancelled. Shopify's return was cancelled.").waitFor();
    expect(store().returns.find((x) => x.id === r.shopifyReturnId)?.status).toBe("CANCELED");
    expect(refundsOf(r)).toEqual([]);
    expect((await timelineTypes(r.id)).slice(-1)).toEqual(["cancelled"]);
    await page.getByText("Cancelled at the desk: The shopper phoned: they are keeping the bracelet. Shopify's return was cancelled.").waitFor();
  });

  it("GIVEN two people on one received return WHEN both confirm the refund at once THEN Shopify refunds once and the second is told why", async () => {
    const r = await pick("received");
    const pages = await Promise.all([open(`/app/requests/${r.id}`), open(`/app/requests/${r.id}`)]);
    for (const { page } of pages) {
      await page.getByRole("button", { name: "Resolve…" }).click();
      await page.getByRole("dialog").getByLabel("Resolution").selectOption("refund");
      await page.getByRole("dialog").getByRole("button", { name: "Review before sending" }).click();
      await page.getByRole("dialog").getByRole("button", { name: /^Send / }).waitFor();
    }
    await Promise.all(pages.map(({ page }) => page.getByRole("dialog").getByRole("button", { name: /^Send / }).click()));
    const outcomes = await Promise.all(
      pages.map(async ({ page }) => {
        // The result banner, not the timeline's "Request sent." of a request asked without a note.
        await page.getByText(/^Refund to the original payment: .+ sent\.$|^Not done$/).first().waitFor();
        return (await page.getByText(/^Refund to the original payment: .+ sent\.$/).count()) > 0 ? "sent" : await page.locator(".Polaris-Banner").first().innerText();
      }),
    );
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(outcomes.find((o) => o !== "sent")).toMatch(/already resolved|being sent right now/);
    expect(refundsOf(r)).toHaveLength(1);
    await pages[1].page.screenshot({ path: screenshotPath("desk-concurrent-refund-loser") });
  });

  it("GIVEN an inspected service request WHEN staff quote a paid repair THEN the quote waits for the shopper on the detail page and the dialog is accessible", async () => {
    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, kind: { in: ["service", "warranty"] }, status: "inspected", resolution: null }, orderBy: { createdAt: "asc" } });
    const r = rows.find((row) => !used.has(row.id))!;
    used.add(r.id);
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Quote a paid repair…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Price/).fill("60.00");
    await dialog.getByLabel("What the quote covers").fill("Re-set the stone and re-tip two claws");
    await accessible(page, "quote dialog");
    await page.screenshot({ path: screenshotPath("desk-quote-dialog") });
    await dialog.getByRole("button", { name: "Send quote to the shopper" }).click();
    await page.getByText(/^Quote of .* recorded: the shopper sees it on their status page \(no email is sent\)\.$/).waitFor();
    await page.getByText("Awaiting the shopper").waitFor();
    const quote = await database.db.repairQuote.findFirstOrThrow({ where: { shop: SHOP, requestId: r.id } });
    expect([quote.status, quote.description, quote.staffName]).toEqual(["awaiting", "Re-set the stone and re-tip two claws", "Morgan Hale"]);
    // The dialog fades out after sending: axe reads its half-transparent labels as low contrast.
    await dialog.waitFor({ state: "hidden" });
    await accessible(page, "detail with quote");
  });

  it("GIVEN a quote price with more decimals than pounds have WHEN sent THEN 422 and the message stands beside the price in the open dialog, nothing is written; the price corrected is sent", async () => {
    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, kind: { in: ["service", "warranty"] }, status: { in: ["inspected", "received"] }, resolution: null, currency: "GBP" }, orderBy: { createdAt: "asc" } });
    const quotedIds = new Set((await database.db.repairQuote.findMany({ where: { shop: SHOP }, select: { requestId: true } })).map((q) => q.requestId));
    const r = rows.find((row) => !used.has(row.id) && !quotedIds.has(row.id))!;
    used.add(r.id);
    const { page } = await open(`/app/requests/${r.id}`);
    await page.getByRole("button", { name: "Quote a paid repair…" }).click();
    const dialog = page.getByRole("dialog");
    const price = dialog.getByLabel(/^Price/);
    await price.fill("45.001");
    await dialog.getByLabel("What the quote covers").fill("Polish and re-plate");
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes(`/app/requests/${r.id}`));
    await dialog.getByRole("button", { name: "Send quote to the shopper" }).click();
    expect((await answered).status()).toBe(422);
    const message = "GBP has 2 decimal places: enter the price with at most 2, for example 45.00";
    await dialog.getByText(message).waitFor();
    expect(await price.getAttribute("aria-invalid")).toBe("true");
    // The message is the price field's own description, read out with it.
    const describedBy = (await price.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(describedBy.split(" ").map((id) => `[id="${id}"]`).join(", ")).allTextContents()).toContain(message);
    expect(await database.db.repairQuote.count({ where: { shop: SHOP, requestId: r.id } })).toBe(0);
    await accessible(page, "quote dialog with a price error");
    await page.screenshot({ path: screenshotPath("desk-quote-price-error") });

    await price.fill("45.00");
    expect(await price.getAttribute("aria-invalid")).not.toBe("true");
    await dialog.getByRole("button", { name: "Send quote to the shopper" }).click();
    await page.getByText(/^Quote of .* recorded: the shopper sees it on their status page \(no email is sent\)\.$/).waitFor();
    const quote = await database.db.repairQuote.findFirstOrThrow({ where: { shop: SHOP, requestId: r.id } });
    expect([Number(quote.amountMinor), quote.currency]).toEqual([4500, "GBP"]);
  });

  it("GIVEN an address that does not exist THEN a styled, titled not-found page answers", async () => {
    const { page } = await open("/app/nothing-here");
    await page.getByText("There is nothing here").waitFor();
    expect(await page.title()).toBe("Page not found · Aftercare");
    const { page: missing } = await open("/app/requests/cnotarequest00000000000");
    await missing.getByText("There is no such request in this shop.").waitFor();
  });
});
