import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createBench } from "../../app/repairs/bench.server";
import { engineRefund } from "../../app/desk/actions.server";
import { resolutionsFor } from "../../app/desk/machine";
import type { Decision } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { legacyId } from "../standin/ids";
import { posHarness } from "../standin/pos/harness";
import { sessionToken } from "../standin/tokens";
import { customerAccountToken } from "../standin/customer-account/harness";
import { extensionHostContext, launchBrowser, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";
import { snapshotBundles } from "../support/extensions-build";

/**
 * Shopify POS at the boutique's counter without Shopify (issue 25): the POS extension Shopify CLI
 * built runs in Chromium at a tablet's size in the stand-in's POS harness; its fetch() to the app's
 * URL carries the POS user's session token and reaches the production build. A piece is taken in
 * from the order's screen (the job number shown), the bench moves it to ready through its use
 * case, and the home tile finds it by its job number and hands it back.
 */
const API_KEY = "aftercare-pos-e2e";
const API_SECRET = "aftercare-pos-e2e-secret";
const OTHER_SHOP = "another-jeweller.myshopify.com";
const APP_URL = /^application_url\s*=\s*"([^"]+)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
const PERSON = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const EN = JSON.parse(readFileSync(join("extensions", "aftercare-pos", "locales", "en.default.json"), "utf8")) as Record<string, string> & { taken: Record<string, string>; tile: Record<string, string>; returns: Record<string, string> & { methods: Record<string, string> } };
const TABLET = { width: 1024, height: 768 };

describe("Aftercare on Shopify POS in Chromium, through the stand-in's POS harness", () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let harness: ReturnType<typeof posHarness>;
  let shop: string;
  let bundleDir: string;
  let job = "";

  beforeAll(async () => {
    bundleDir = snapshotBundles(join(process.cwd(), ".tmp", `pos-bundles-${process.pid}`));
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 7, preset: "fine-jewellery" },
      env: () => ({ LOG_LEVEL: "warn" }),
      prepare: ({ demo }) => {
        harness = posHarness({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl: APP_URL, bundleDir });
        demo.standin.use(harness.route);
        demo.standin.addShop({ myshopifyDomain: OTHER_SHOP, name: "Another jeweller" });
      },
    });
    ({ database, demo } = running);
    shop = demo.summary.domain;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    if (process.env.POS_DEBUG) process.stdout.write(running?.app.output() ?? "");
    await browser?.close();
    await running?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  /** The counter's tablet: the stand-in on 127.0.0.1, the app's public URL answered by the local build, nothing else. */
  async function tablet(): Promise<{ context: BrowserContext; blocked: string[]; calls: string[] }> {
    return extensionHostContext(browser, { appOrigin: APP_URL, localUrl: () => running.app.url }, { viewport: TABLET, userAgent: PERSON, hasTouch: true });
  }

  async function open(page: Page, path: string) {
    await page.goto(`${demo.standin.origin}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
  }

  /** What the screen says, shadow roots included (for a failure's message). */
  async function screenText(page: Page): Promise<string> {
    return page.evaluate(() => {
      const walk = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
        const el = node as Element;
        if (el.tagName === "STYLE" || el.tagName === "SCRIPT") return "";
        const inner = el.shadowRoot ? walk(el.shadowRoot) : "";
        return inner + Array.from(node.childNodes).map(walk).join(" ");
      };
      return walk(document.body).replace(/\s+/g, " ").trim();
    });
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: join("node_modules", "axe-core", "axe.min.js") });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const { violations } = await axe.run();
      return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
    });
  }

  it("GIVEN a customer at the counter with a piece from an order WHEN staff take it in from the order's screen THEN the request, its ticket and intake record are made and the job number is shown for the envelope", { timeout: 150_000 }, async () => {
    const orderGid = demo.summary.featuredOrderIds.recent;
    const order = String(legacyId(orderGid));
    const orderName = demo.standin.engine.store(shop).orders.find((o) => o.id === orderGid)?.name ?? "";
    expect(orderName).toMatch(/^#\d+$/);
    harness.signIn({ shop });
    const { context, blocked, calls } = await tablet();
    const page = await context.newPage();
    await open(page, harness.pagePath("pos.order-details.action.menu-item.render", { order, orderName }));
    await page.getByRole("button", { name: EN.menuItem }).click();
    await page.waitForURL(/target=pos\.order-details\.action\.render/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
    await page.getByRole("textbox", { name: EN.description }).waitFor({ timeout: 20_000 }).catch(async () => {
      throw new Error(`the intake form did not show: ${await screenText(page)} (calls: ${calls.join(", ")}; order ${order})`);
    });
    await page.getByRole("heading", { name: `Repair or return · ${orderName}` }).waitFor();
    await page.getByRole("radio", { name: /Cocktail Ring/ }).check();
    await page.getByRole("radio", { name: /^Cleaning/ }).check();
    await page.getByRole("textbox", { name: EN.description }).fill("Yellow metal ring, one white stone, customer states 18ct gold and diamond.");
    await page.getByRole("textbox", { name: EN.condition }).fill("Light scratches on the shank; claws intact.");
    await page.getByRole("textbox", { name: /^Declared value/ }).fill("1200.00");
    await page.getByRole("switch", { name: EN.terms }).check();
    await page.screenshot({ path: screenshotPath("pos-intake-form-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: EN.submit, exact: true }).click();
    const heading = page.getByText(/^Write J-\d+ on the envelope$/);
    await heading.waitFor();
    job = /J-\d+/.exec((await heading.textContent()) ?? "")?.[0] ?? "";
    await page.screenshot({ path: screenshotPath("pos-intake-job-number-tablet"), fullPage: true });

    const ticket = await createRepairRepository(database.db).byNumber(shop, Number(job.slice(2)));
    expect(ticket?.state).toBe("received");
    expect(ticket?.orderId).toBe(orderGid);
    expect(ticket?.intake?.description).toBe("Yellow metal ring, one white stone, customer states 18ct gold and diamond.");
    expect(ticket?.intake?.declaredValueMinor).toBe(120_000);
    expect(ticket?.intake?.termsAcceptedAt).not.toBeNull();
    const request = await database.db.aftercareRequest.findUniqueOrThrow({ where: { id: ticket?.requestId } });
    expect([request.kind, request.service, request.status]).toEqual(["service", "cleaning", "received"]);
    const events = await database.db.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["requested", "approved", "received", "repair"]));
    expect(calls.every((c) => c.endsWith("bearer"))).toBe(true);
    expect(calls).toContain(`POST /api/pos/orders/${order}/intake bearer`);
    expect(blocked).toEqual([]);
    await page.getByRole("button", { name: EN.done }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.closed)).toBe("true");
    await context.close();
  });

  it("GIVEN the bench finished the piece WHEN the home tile finds its job number THEN the piece is handed back and the ticket is collected", { timeout: 120_000 }, async () => {
    expect(job).toMatch(/^J-\d+$/);
    const repairs = createRepairRepository(database.db);
    const ticket = await repairs.byNumber(shop, Number(job.slice(2)));
    const bench = createBench({ repairs, staff: { id: "9100000002", name: "Sam Bench" }, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: null });
    for (const [move, from, extra] of [
      ["assess", "received", { findings: "Dirty setting; stones secure." }],
      ["start", "assessed", {}],
      ["finish", "at_bench", {}],
    ] as const) {
      expect(await bench.move(shop, ticket?.id ?? "", { move, from, ...extra })).toMatchObject({ ok: true });
    }

    harness.signIn({ shop });
    const { context, blocked } = await tablet();
    const page = await context.newPage();
    await open(page, harness.pagePath("pos.home.tile.render"));
    await page.screenshot({ path: screenshotPath("pos-home-tile-tablet") });
    await page.getByRole("button", { name: new RegExp(EN.tile.heading) }).click();
    await page.waitForURL(/target=pos\.home\.modal\.render/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
    await page.getByRole("textbox", { name: EN.jobNumber }).fill(job.toLowerCase());
    await page.getByRole("button", { name: EN.find }).click();
    await page.getByRole("heading", { name: `${job} · Ready` }).waitFor();
    await page.screenshot({ path: screenshotPath("pos-home-modal-ready-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: EN.handBack }).click();
    await page.getByRole("heading", { name: `${job} · Collected` }).waitFor();
    await page.screenshot({ path: screenshotPath("pos-home-modal-collected-tablet"), fullPage: true });
    expect((await repairs.byNumber(shop, Number(job.slice(2))))?.state).toBe("collected");
    expect(await page.evaluate(() => (window as unknown as { __harnessToasts: string[] }).__harnessToasts)).toEqual([`${job} handed back`]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  /** A new return on the demo shop the engine refunds (no piece in exchange), not used by another test here. */
  const takenReturns = new Set<string>();
  let settled: RequestRecord | null = null;
  async function newReturn(): Promise<RequestRecord> {
    const all = await createRequestRepository(database.db).list(shop, { status: ["requested"], take: 200 });
    const found = all.find((r) => {
      const figure = engineRefund(r);
      return r.kind === "return" && !takenReturns.has(r.id) && !r.lines.some((l) => l.exchangeVariantId) && figure && figure.amountMinor > 0 && figure.currency === r.currency && resolutionsFor(r.kind, engineDecisionOf(r.decision) as Decision | null).includes("refund");
    });
    if (!found) throw new Error("the demo has no new return the engine refunds");
    takenReturns.add(found.id);
    return found;
  }

  it("GIVEN a shopper at the counter with a return on an order WHEN staff open the order, mark the items received and refund it THEN Shopify shows exactly one refund of the engine's amount", { timeout: 150_000 }, async () => {
    const request = await newReturn();
    settled = request;
    const reference = `R-${request.number}`;
    const figure = engineRefund(request)!;
    const amount = formatMoneyIn(figure.amountMinor, figure.currency, "en-GB");
    const store = demo.standin.engine.store(shop);
    const before = store.refunds.filter((r) => r.orderId === request.orderId).length;
    harness.signIn({ shop });
    const { context, blocked, calls } = await tablet();
    const page = await context.newPage();
    await open(page, harness.pagePath("pos.order-details.action.menu-item.render", { order: String(legacyId(request.orderId)), orderName: request.orderName }));
    await page.getByRole("button", { name: EN.menuItem }).click();
    await page.waitForURL(/target=pos\.order-details\.action\.render/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
    await page.getByRole("heading", { name: `${reference} · New` }).waitFor({ timeout: 20_000 }).catch(async () => {
      throw new Error(`the order's return did not show: ${await screenText(page)} (calls: ${calls.join(", ")})`);
    });
    expect(await screenText(page)).toContain(`The policy refunds ${amount}`);
    await page.screenshot({ path: screenshotPath("pos-return-on-order-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: EN.returns.approveReceive }).click();
    await page.getByRole("heading", { name: `${reference} · Item received` }).waitFor();
    await page.getByRole("radio", { name: EN.returns.methods.refund }).check();
    await page.getByRole("button", { name: EN.returns.review }).click();
    await page.getByText(`${amount}: Refund to the original payment`).waitFor();
    await page.screenshot({ path: screenshotPath("pos-return-preview-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Send ${amount}` }).click();
    await page.getByRole("heading", { name: new RegExp(`^${reference} · (Resolved|Closed)$`) }).waitFor();
    await page.screenshot({ path: screenshotPath("pos-return-refunded-tablet"), fullPage: true });

    const refunds = store.refunds.filter((r) => r.orderId === request.orderId).slice(before);
    expect(refunds).toHaveLength(1);
    const paid = refunds[0].transactionIds.map((id) => store.find(id, "OrderTransaction")).reduce((sum, tx) => sum + (tx ? Math.round(Number(tx.amountSet.presentmentMoney.amount) * 100) : 0), 0);
    expect(paid).toBe(figure.amountMinor);
    const after = await createRequestRepository(database.db).find(shop, request.id);
    expect(after?.resolution).toBe("refund");
    const events = await database.db.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { at: "asc" } });
    expect(events.filter((e) => e.type === "refunded")).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["approved", "received", "refunded"]));
    expect(calls).toEqual(expect.arrayContaining([`POST /api/pos/requests/${request.id}/receive bearer`, `POST /api/pos/requests/${request.id}/preview bearer`, `POST /api/pos/requests/${request.id}/settle bearer`]));
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a shopper who gives their request number WHEN the home tile finds it THEN the policy's decision shows and the items are received at the counter, ready to settle", { timeout: 120_000 }, async () => {
    const request = await newReturn();
    const reference = `R-${request.number}`;
    harness.signIn({ shop });
    const { context, blocked } = await tablet();
    const page = await context.newPage();
    await open(page, harness.pagePath("pos.home.tile.render"));
    await page.getByRole("button", { name: new RegExp(EN.tile.heading) }).click();
    await page.waitForURL(/target=pos\.home\.modal\.render/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
    await page.getByRole("textbox", { name: EN.returns.number }).fill(reference.toLowerCase());
    await page.getByRole("button", { name: EN.returns.find }).click();
    await page.getByRole("heading", { name: `${reference} · New` }).waitFor();
    await page.getByRole("button", { name: EN.returns.approveReceive }).click();
    await page.getByRole("heading", { name: `${reference} · Item received` }).waitFor();
    await page.getByRole("button", { name: EN.returns.review }).waitFor();
    await page.screenshot({ path: screenshotPath("pos-home-return-received-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect((await createRequestRepository(database.db).find(shop, request.id))?.status).toBe("received");
    expect(await page.evaluate(() => (window as unknown as { __harnessToasts: string[] }).__harnessToasts)).toEqual([`${reference} received`]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a customer at the counter WHEN staff open their customer screen THEN their open return shows with the policy's decision, beside the orders to take a piece in from", { timeout: 90_000 }, async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["requested"], take: 200 });
    const request = all.find((r) => r.kind === "return" && r.customerId && !takenReturns.has(r.id));
    if (!request?.customerId) throw new Error("the demo has no new return with a customer");
    takenReturns.add(request.id);
    harness.signIn({ shop });
    const { context, blocked } = await tablet();
    const page = await context.newPage();
    await open(page, harness.pagePath("pos.customer-details.action.menu-item.render", { customer: String(legacyId(request.customerId)) }));
    await page.getByRole("button", { name: EN.menuItem }).click();
    await page.waitForURL(/target=pos\.customer-details\.action\.render/);
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "true");
    await page.getByRole("heading", { name: `R-${request.number} · New` }).waitFor();
    await page.getByRole("heading", { name: EN.chooseOrder }).waitFor();
    await page.screenshot({ path: screenshotPath("pos-customer-returns-tablet"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN the POS endpoints WHEN called with a forged or a shopper's token, for another shop's ticket, or from a stale screen THEN 401, 404 and 409, and nothing changes", { timeout: 60_000 }, async () => {
    const repairs = createRepairRepository(database.db);
    const ticket = await repairs.byNumber(shop, Number(job.slice(2)));
    const call = (path: string, token: string, body?: unknown) =>
      fetch(`${running.app.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "User-Agent": PERSON, Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const mine = sessionToken({ shop, apiKey: API_KEY, apiSecret: API_SECRET });
    const answers = {
      "a forged token": (await call(`/api/pos/jobs/${job}`, sessionToken({ shop, apiKey: API_KEY, apiSecret: "not-the-secret" }))).status,
      "a shopper's customer-account token": (await call(`/api/pos/jobs/${job}`, customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: "1" }))).status,
      "another shop's job number": (await call(`/api/pos/jobs/${job}`, sessionToken({ shop: OTHER_SHOP, apiKey: API_KEY, apiSecret: API_SECRET }))).status,
      "another shop's ticket handed back": (await call(`/api/pos/tickets/${ticket?.id}/collect`, sessionToken({ shop: OTHER_SHOP, apiKey: API_KEY, apiSecret: API_SECRET }), { from: "ready" })).status,
      "a stale screen handing it back again": (await call(`/api/pos/tickets/${ticket?.id}/collect`, mine, { from: "ready" })).status,
      "not a job number": (await call(`/api/pos/jobs/ring`, mine)).status,
      "a forged token on an order's returns": (await call(`/api/pos/orders/${legacyId(settled?.orderId ?? "")}/requests`, sessionToken({ shop, apiKey: API_KEY, apiSecret: "not-the-secret" }))).status,
      "a shopper's token settling a return": (await call(`/api/pos/requests/${settled?.id}/settle`, customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop, customerId: "1" }), { method: "refund" })).status,
      "another shop's return by its number": (await call(`/api/pos/returns/R-${settled?.number}`, sessionToken({ shop: OTHER_SHOP, apiKey: API_KEY, apiSecret: API_SECRET }))).status,
      "another shop's return settled": (await call(`/api/pos/requests/${settled?.id}/settle`, sessionToken({ shop: OTHER_SHOP, apiKey: API_KEY, apiSecret: API_SECRET }), { method: "refund" })).status,
      "a stale screen receiving a refunded return": (await call(`/api/pos/requests/${settled?.id}/receive`, mine, { from: "requested" })).status,
      "a return settled in cash": (await call(`/api/pos/requests/${settled?.id}/settle`, mine, { method: "cash" })).status,
      "not a request number": (await call(`/api/pos/returns/ring`, mine)).status,
      "an intake without the terms accepted": (await call(`/api/pos/orders/${legacyId(demo.summary.featuredOrderIds.recent)}/intake`, mine, { lineId: "gid://shopify/LineItem/1", service: "cleaning", description: "Ring", condition: "Fine", termsAccepted: false, idempotencyKey: "k".repeat(20) })).status,
    };
    expect(answers).toEqual({
      "a forged token": 401,
      "a shopper's customer-account token": 401,
      "another shop's job number": 404,
      "another shop's ticket handed back": 404,
      "a stale screen handing it back again": 409,
      "not a job number": 422,
      "a forged token on an order's returns": 401,
      "a shopper's token settling a return": 401,
      "another shop's return by its number": 404,
      "another shop's return settled": 404,
      "a stale screen receiving a refunded return": 409,
      "a return settled in cash": 400,
      "not a request number": 400,
      "an intake without the terms accepted": 422,
    });
    // Refused, so nothing moved: still one refund on the settled return's order, and its stale refusal says who moved it.
    const stale409 = (await (await call(`/api/pos/requests/${settled?.id}/receive`, mine, { from: "requested" })).json()) as { error: string };
    expect(stale409.error).toMatch(/already|by /i);
    expect(demo.standin.engine.store(shop).refunds.filter((r) => r.orderId === settled?.orderId && r.note?.includes(settled?.id ?? "-"))).toHaveLength(1);
    // Two taps on "Take in" with the form's one key (two tablets' retries at once): one request, one ticket, one job number.
    const orderId = legacyId(demo.summary.featuredOrderIds.recent);
    const view = (await (await call(`/api/admin/orders/${orderId}`, mine)).json()) as { view: { lines: { lineId: string; available: number; entitlements: { kind: string; service: string | null; eligible: boolean }[] }[] } };
    const line = view.view.lines.find((l) => l.available > 0 && l.entitlements.some((e) => e.service === "cleaning" && e.eligible));
    expect(line).toBeDefined();
    const tickets = await database.db.repairTicket.count({ where: { shop } });
    const body = { lineId: line?.lineId, service: "cleaning", description: "White metal bracelet, customer states platinum.", condition: "Clasp loose.", declaredValue: "", instructions: "", termsAccepted: true, idempotencyKey: "counter-double-tap-0001" };
    const taps = await Promise.all([call(`/api/pos/orders/${orderId}/intake`, mine, body), call(`/api/pos/orders/${orderId}/intake`, mine, body)]);
    const jobs = await Promise.all(taps.map(async (r) => [r.status, ((await r.json()) as { job?: string }).job]));
    expect(jobs[0]).toEqual(jobs[1]);
    expect(jobs[0][0]).toBe(200);
    expect(await database.db.repairTicket.count({ where: { shop } })).toBe(tickets + 1);

    const stale = await (await call(`/api/pos/tickets/${ticket?.id}/collect`, mine, { from: "ready" })).json();
    expect(stale.error).toMatch(/already collected/);
    const after = await repairs.byNumber(shop, Number(job.slice(2)));
    expect([after?.state, after?.stateChangedAt.getTime()]).toEqual(["collected", ticket?.stateChangedAt.getTime()]);
  });
});
