import { createHmac } from "node:crypto";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * A request held for review by a Shopify Flow workflow (issue 27, docs/decisions/020-flow.md), in
 * Chromium: Flow's signed run of the "Hold Aftercare request for review" action reaches the demo
 * app's endpoint; the request page shows the warning banner with "Release hold", the desk's approve
 * is refused (409) with the reason, and once released the request is approved and Shopify's return
 * opened. axe finds nothing serious; a screenshot of the held page.
 */
const API_KEY = "aftercare-hold-e2e";
const API_SECRET = "aftercare-hold-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const REASON = "Customer tagged high-risk by another app";

describe("a request held by Shopify Flow on the desk in Chromium", { timeout: 120_000 }, () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 9 } });
    ({ demo } = running);
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

  /** Shopify Flow running the hold action: its body signed with the app's secret, as Flow signs it. */
  async function flowHolds(requestId: string): Promise<Response> {
    const body = JSON.stringify({ shop_id: 1, shopify_domain: SHOP, action_run_id: `run-${requestId}`, action_definition_id: "aftercare-flow-hold", handle: "aftercare-flow-hold", properties: { request_id: requestId, reason: REASON } });
    return fetch(`http://127.0.0.1:${running.port}/flow/actions/hold`, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": createHmac("sha256", API_SECRET).update(body).digest("base64") } });
  }

  /** The answer of the desk's action for one intent, as the page posts it. */
  async function answerOf(page: Page, intent: string, click: () => Promise<void>): Promise<number> {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/app/requests/") && (r.request().postData() ?? "").includes(`intent=${intent}`)), click()]);
    return response.status();
  }

  it("GIVEN a new return held by a Flow workflow WHEN the merchant opens it, tries to approve, releases the hold and approves THEN the banner gives the reason, approval is refused until the release, and then Shopify's return is opened", async () => {
    const db = running.database.db;
    const request = await db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, status: "requested", kind: "return", shopifyReturnId: { not: null } }, orderBy: { createdAt: "asc" } });
    const held = await flowHolds(request.id);
    expect(held.status, running.app.output().slice(-2000)).toBe(200); // the app's log names a 500

    const { page, blocked } = await open(`/app/requests/${request.id}`);
    // The warning banner (the timeline below also carries the Flow's note, for the team).
    const banner = page.getByRole("alert").filter({ has: page.getByRole("button", { name: "Release hold" }) });
    await banner.waitFor();
    const said = (await banner.innerText()).replace(/\s+/g, " ");
    expect(said).toContain("Held for review by a Shopify Flow workflow");
    expect(said).toContain(`${REASON}. It is not approved until someone releases the hold.`);
    await page.screenshot({ path: screenshotPath("desk-held-for-review"), fullPage: true });
    await accessible(page, "a held request");

    // Approve is refused while held: 409, with the reason on the page, and nothing moved.
    expect(await answerOf(page, "approve", () => page.getByRole("button", { name: "Approve" }).click())).toBe(409);
    await page.getByText("Held for review by a Shopify Flow workflow: release the hold before approving. Nothing changed.").waitFor();
    expect((await db.aftercareRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("requested");
    expect(demo.standin.engine.store(SHOP).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("REQUESTED");

    // Released: the banner goes, the team's timeline says who released it, and approval goes through.
    expect(await answerOf(page, "release_hold", () => banner.getByRole("button", { name: "Release hold" }).click())).toBe(200);
    await page.getByText("Hold released: the request can be approved.").waitFor();
    await banner.waitFor({ state: "detached" });
    expect((await db.requestHold.findFirstOrThrow({ where: { shop: SHOP, requestId: request.id } })).releasedAt).not.toBeNull();
    expect(await answerOf(page, "approve", () => page.getByRole("button", { name: "Approve" }).click())).toBe(200);
    await page.getByText("Request approved.").waitFor();
    expect((await db.aftercareRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("approved");
    expect(demo.standin.engine.store(SHOP).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("OPEN");
    const notes = await db.requestEvent.findMany({ where: { shop: SHOP, requestId: request.id, type: "note" }, orderBy: { at: "asc" } });
    expect(notes.map((n) => n.message)).toEqual([
      `Held for review by a Shopify Flow workflow: ${REASON}. It is not approved until someone releases the hold.`,
      "Released the hold a Shopify Flow workflow put on this request: it can be approved.",
    ]);
    await accessible(page, "the released and approved request");
    expect(blocked).toEqual([]);
  });
});
