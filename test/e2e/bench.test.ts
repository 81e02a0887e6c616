import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRepairRepository } from "../../app/repositories/repairs.server";
import { repairQuoteTag } from "../../app/shopify/draft-orders.server";
import { payDraftOrder } from "../standin";
import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import type { TestDatabase } from "../support/databases";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The repair bench in Chromium (issue 25): the queue with the demo's tickets, and one ticket taken
 * from intake through every state to collected by its page's own forms and buttons; the job
 * envelope fetched as the page prints it. axe finds nothing; screenshots at 1440 px.
 */
const API_KEY = "aftercare-bench-e2e";
const API_SECRET = "aftercare-bench-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the repair bench in Chromium", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // The web process runs jobs too, so Shopify's orders/create for a paid quote reaches the ticket.
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 13 }, env: () => ({ JOBS_IN_WEB: "true" }) });
    ({ database, demo } = running);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string): Promise<Page> {
    const { context } = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => console.warn(`page error: ${e.message}`));
    await page.goto(demo.standin.appEntryUrl(SHOP, path));
    return page;
  }

  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  it("GIVEN the demo THEN the bench lists its tickets with job numbers, due dates and states, the overdue flagged", async () => {
    const page = await open("/app/bench");
    await page.getByRole("heading", { name: "Bench" }).waitFor();
    await expect.poll(() => page.getByRole("link", { name: /^J-\d{4}$/ }).count()).toBeGreaterThan(5);
    expect(await page.getByText("Overdue", { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("bench-queue"), fullPage: true });
    await accessible(page, "bench queue");
    await page.getByRole("tab", { name: /^Overdue/ }).click();
    await page.waitForURL(/tab=overdue/);
    await expect.poll(() => page.getByRole("link", { name: /^J-\d{4}$/ }).count()).toBeGreaterThan(0);
  });

  it("GIVEN a ticket awaiting its item WHEN the desk takes it in and through every state to collected THEN each step shows on the page and its timeline, and its envelope prints", async () => {
    const repairs = createRepairRepository(database.db);
    const ticket = (await repairs.queue(SHOP, { states: ["awaiting_item"], take: 1 })).rows[0];
    expect(ticket).toBeDefined();
    const page = await open(`/app/bench/${ticket.id}`);
    await page.getByRole("heading", { name: new RegExp(`^${ticket.job}`) }).waitFor();
    const done = async (message: RegExp) => page.getByText(message).first().waitFor();

    await page.getByLabel("Description in your words").fill("Yellow metal ring, one white stone, customer states 18ct gold and diamond.");
    await page.getByLabel("Condition and marks found").fill("Claw lifting; light scratches on the shank.");
    await page.getByLabel("Declared value").fill("1200.00");
    await page.getByLabel("Turnaround (working days)").fill("5");
    await page.getByLabel("Storage location").first().fill("Safe, tray 3");
    await page.screenshot({ path: screenshotPath("bench-intake-form"), fullPage: true });
    // Without the terms accepted the item is not taken in, and the page says why beside the box.
    await page.getByRole("button", { name: "Take in" }).click();
    await done(/must accept the shop's repair terms/);
    await page.getByLabel("The customer accepted the shop's repair terms").check();
    await page.getByRole("button", { name: "Take in" }).click();
    await done(new RegExp(`${ticket.job} taken in`));
    await page.getByText("Kept as written: corrections go on the timeline.").waitFor();
    await accessible(page, "ticket after intake");

    await page.getByLabel("What the bench found and the work it needs").fill("Two claws worn thin; re-tip and polish.");
    await page.getByRole("button", { name: "Record assessment" }).click();
    await done(new RegExp(`${ticket.job} assessed`));
    // The quote's lines become the Shopify draft order whose invoice the shopper pays.
    await page.getByLabel("The quoted work").fill("Re-tip two claws and polish");
    await page.getByLabel("Line 1").fill("Re-tip two claws and polish");
    await page.getByLabel("Price of one").fill("45.00");
    await page.getByRole("button", { name: "Quote the work" }).click();
    await done(/quoted £45\.00/);
    // No button accepts a quote Shopify holds: the customer pays its draft order (here, at the
    // stand-in's checkout), Shopify sends orders/create, and the ticket follows.
    expect(await page.getByRole("button", { name: "Quote accepted", exact: true }).count()).toBe(0);
    const store = demo.standin.engine.store(SHOP);
    const draft = store.draftOrders.find((d) => d.tags.includes(repairQuoteTag(ticket.id)));
    expect(draft?.lineItems.map((l) => [l.title, l.quantity])).toEqual([[`${ticket.job}: Re-tip two claws and polish`, 1]]);
    payDraftOrder(store, draft!.id);
    await expect.poll(async () => (await repairs.find(SHOP, ticket.id))?.state, { timeout: 30_000 }).toBe("quote_accepted");
    await page.reload();
    await page.getByText(new RegExp(`${ticket.job} quote paid: draft order`)).first().waitFor();
    for (const [button, said] of [
      ["Start work", "on the bench"],
      ["Mark ready", "ready."],
      ["Collected", "collected by the customer"],
    ] as const) {
      await page.getByRole("button", { name: button, exact: true }).click();
      await page.getByText(`${ticket.job} ${said}`).first().waitFor();
    }
    // The page reloads the ticket after the move: a collected ticket has no next step.
    await expect.poll(() => page.getByRole("button", { name: "Cancel ticket" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Collected", exact: true }).count()).toBe(0);
    const after = await repairs.find(SHOP, ticket.id);
    expect(after?.state).toBe("collected");
    expect(after?.intake?.description).toBe("Yellow metal ring, one white stone, customer states 18ct gold and diamond.");
    expect(after?.location).toBe("Safe, tray 3");
    // Each move once, in order, among the ticket's entries (the demo may also have assigned it).
    const entries = await page.getByRole("list", { name: "Ticket timeline" }).getByRole("listitem").allTextContents();
    const moves = entries.filter((e) => /opened|taken in|assessed|quoted|quote paid|on the bench|ready\.|collected/.test(e));
    expect(moves.map((e) => /(opened|taken in|assessed|quoted|quote paid|on the bench|ready\.|collected)/.exec(e)?.[1])).toEqual(["opened", "taken in", "assessed", "quoted", "quote paid", "on the bench", "ready.", "collected"]);
    await page.screenshot({ path: screenshotPath("bench-ticket-collected"), fullPage: true });
    await accessible(page, "collected ticket");

    // The envelope as the page prints it: App Bridge's fetch carries the session token.
    const pdf = await page.evaluate(async (id) => {
      const response = await fetch(`/app/bench/${id}/envelope?size=a5`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get("content-type"), head: String.fromCharCode(...bytes.slice(0, 5)), length: bytes.length };
    }, ticket.id);
    expect(pdf).toMatchObject({ status: 200, type: "application/pdf", head: "%PDF-" });
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
