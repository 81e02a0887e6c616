import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { legacyId } from "../standin/ids";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The policy editor as a merchant uses it, in Chromium through the stand-in admin: start from a
 * preset, publish, cut a window from 30 to 14 days and watch the simulator and the storefront
 * change, restore, add a paid service, and publish the policy text to the shop.
 */
const API_KEY = "aftercare-policy-e2e";
const API_SECRET = "aftercare-policy-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The portal shows the policy open; a shopper who folded it opens it again (a <details>). */
async function openPolicy(storefront: Page): Promise<void> {
  const details = storefront.locator("details", { has: storefront.getByText("Read our full returns and aftercare policy") });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await storefront.getByText("Read our full returns and aftercare policy").click();
}

describe("the policy editor in Chromium", () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  let shopDomain: string;
  /** A bangle delivered 26 days ago: inside a 30-day window, outside 14 working days whatever the weekday and bank holidays. */
  let bangleOrder: { customerId: string; orderId: string };

  beforeAll(async () => {
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 4 },
      prepare: async ({ database, demo }) => {
        shopDomain = [...demo.standin.installed][0];
        const store = demo.standin.store(shopDomain);
        const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
        const customer = addCustomer(store, { firstName: "Nadia", lastName: "Window", email: "nadia.window@example.com" });
        const bangle = addProduct(store, { title: "Twisted Silver Bangle", price: 8_000, productType: "Bracelets" });
        const order = addPaidOrder(store, { customer, lines: [{ variant: bangle.variant, quantity: 1 }], createdAt: days(29), deliveredAt: days(26) });
        bangleOrder = { customerId: customer.id, orderId: order.id };
        // A first install: no policy chosen yet, so the editor opens on the choice of presets.
        await database.db.shop.updateMany({ where: { domain: shopDomain }, data: { policyPreset: null, policyJson: null } });
      },
    });
    ({ demo } = running);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** What the storefront's order page says the shopper may still do with the bangle. */
  async function bangleOnStorefront(): Promise<string> {
    const { context } = await loopbackOnlyContext(browser, PERSON);
    const shopper = await context.newPage();
    await shopper.goto(`${demo.standin.origin}/account/login?customer=${legacyId(bangleOrder.customerId)}&return_url=/`);
    await shopper.goto(`${demo.standin.origin}/account/orders/${legacyId(bangleOrder.orderId)}`);
    const href = await shopper.locator(".aftercare-block a.aftercare-block__link").getAttribute("href");
    await shopper.goto(`${demo.standin.origin}${href ?? ""}`);
    const card = shopper.locator(".ac__item", { hasText: "Twisted Silver Bangle" });
    await card.waitFor();
    const text = await card.innerText();
    await context.close();
    return text;
  }

  it("GIVEN a first install WHEN the merchant starts, edits, publishes, simulates and restores THEN decisions, storefront and shop policy follow", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.setDefaultTimeout(15_000);
    await page.goto(demo.adminUrl);
    await page.getByRole("link", { name: "Policy" }).first().click();
    await page.getByRole("heading", { name: "Choose where your policy starts" }).waitFor();
    await expect(page.getByText("UK jeweller", { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("policy-start"), fullPage: true });
    await page.getByRole("button", { name: "Start from UK jeweller" }).click();
    await page.getByRole("heading", { name: "Policy editor" }).waitFor();

    // Version 1: the preset as it is.
    await page.getByRole("button", { name: "Publish draft" }).click();
    await page.getByText("Version 1 is live.").waitFor();
    // The storefront decides the bangle delivered 26 days ago with the published 30 days.
    expect(await bangleOnStorefront()).toMatch(/Returnable until/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("policy-editor"), fullPage: true });

    // An invalid edit is refused on its field, and the draft cannot be saved.
    const days = page.getByLabel("Change-of-mind returns window 2: how many");
    expect(await days.inputValue()).toBe("30");
    await days.fill("-5");
    await page.getByText("must be at least 1").first().waitFor();
    await expect(page.getByRole("button", { name: "Save draft" }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("policy-editor-invalid"), fullPage: true });

    // 30 → 14 days, saved as a draft.
    await days.fill("14");
    await page.getByLabel("Change-of-mind returns window 2: what shoppers read").fill("Returns are accepted within 14 days of receipt.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved").waitFor();

    // The simulator: an order delivered 20 days before the decision, draft beside published.
    await page.getByRole("link", { name: "Try a scenario" }).click();
    await page.getByRole("heading", { name: "Try a scenario" }).waitFor();
    await page.getByLabel("Ordered on").fill("2026-02-20");
    await page.getByLabel("Delivered on").fill("2026-02-23");
    await page.getByLabel("Decide on").fill("2026-03-15");
    await page.getByRole("button", { name: "Decide" }).click();
    const draftCard = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Draft", exact: true }) });
    const publishedCard = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Published", exact: true }) });
    await draftCard.getByText("Not eligible").waitFor();
    await expect(publishedCard.getByText("Eligible", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText("Total: £80.00").isVisible()).resolves.toBe(true);
    await page.getByLabel("Scenario name").fill("Bangle back on day 20");
    await page.getByRole("button", { name: "Save as a regression check" }).click();
    await page.getByText('Saved "Bangle back on day 20": it is re-run on every publish.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("policy-simulator-draft-vs-published"), fullPage: true });

    // Publish version 2: the saved scenario's change is listed.
    await page.getByRole("link", { name: "Policy editor" }).click();
    await page.getByRole("button", { name: "Publish draft" }).click();
    await page.getByText("Version 2 is live.").waitFor();
    expect(await bangleOnStorefront()).toMatch(/Not returnable/);
    await page.getByText("Bangle back on day 20: C1 eligible (refund, exchange); refund £80.00 → C1 refused (window_expired)").waitFor();
    await page.screenshot({ path: screenshotPath("policy-published-v2"), fullPage: true });

    const storefront = await context.newPage();
    const proxy = `${demo.standin.origin}/apps/aftercare`;
    await storefront.goto(proxy);
    // The storefront page may fold the policy away (a <details>): the text is checked in the page, shown or not.
    await storefront.getByText("Returns are accepted within 14 days of receipt.").waitFor({ state: "attached" });
    await openPolicy(storefront);
    await storefront.getByText("Returns are accepted within 14 days of receipt.").waitFor();
    await storefront.screenshot({ path: screenshotPath("policy-storefront-14-days"), fullPage: true });

    const decide = async () => {
      await page.getByRole("link", { name: "Try a scenario" }).click();
      await page.getByLabel("Ordered on").fill("2026-02-20");
      await page.getByLabel("Delivered on").fill("2026-02-23");
      await page.getByLabel("Decide on").fill("2026-03-15");
      await page.getByRole("button", { name: "Decide" }).click();
      await publishedCard.getByText(/^(Eligible|Not eligible)$/).waitFor();
    };
    await decide();
    await expect(publishedCard.getByText("Not eligible").isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText(/window expired/).first().isVisible()).resolves.toBe(true);

    // Compare 1 with 2, then restore version 1.
    await page.getByRole("link", { name: "Policy editor" }).click();
    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("heading", { name: "Policy versions" }).waitFor();
    await page.getByLabel("From", { exact: true }).selectOption("1");
    await page.getByLabel("To", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.getByText("returns.changeOfMind.windows.returns-30-days.window.amount").waitFor();
    await page.getByRole("button", { name: "Restore version 1" }).click();
    await page.getByText("Version 1 restored: it is live again as version 3.").waitFor();
    expect(await bangleOnStorefront()).toMatch(/Returnable until/);
    await page.screenshot({ path: screenshotPath("policy-versions-restored"), fullPage: true });

    await page.getByRole("link", { name: "Policy editor" }).click();
    await decide();
    await expect(publishedCard.getByText("Eligible", { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("policy-simulator-after-restore"), fullPage: true });
    await storefront.goto(proxy);
    await storefront.getByText("Returns are accepted within 30 days of receipt.").waitFor({ state: "attached" });

    // A paid "Polish and re-plate" service, published, offered on the storefront.
    await page.getByRole("link", { name: "Policy editor" }).click();
    await page.getByRole("button", { name: "Repairs and care" }).click();
    await page.getByRole("button", { name: "Add a service" }).click();
    await page.getByLabel("Kind").selectOption({ label: "Restoration (polishing and re-plating)" });
    await page.getByLabel("Name shoppers see").fill("Polish and re-plate");
    await page.getByLabel("Price", { exact: true }).selectOption("fixed");
    await page.getByLabel("Price amount").fill("45.00");
    await page.getByLabel("What shoppers read", { exact: true }).fill("We polish and re-plate your piece to restore its shine.");
    await page.getByLabel("Turnaround shoppers see").fill("About two weeks.");
    // Quoted work on it asks a 30% deposit first (docs/decisions/023).
    await page.getByLabel("Deposit on quoted work").last().selectOption("share");
    await page.getByLabel("Deposit (% of the quote)").fill("30");
    await page.getByLabel("Deposit (% of the quote)").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("policy-editor-deposit") });
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved").waitFor();
    await page.screenshot({ path: screenshotPath("policy-editor-service"), fullPage: true });
    await page.getByRole("button", { name: "Publish draft" }).click();
    await page.getByText("Version 4 is live.").waitFor();
    await storefront.goto(proxy);
    await storefront.getByText("Polish and re-plate").first().waitFor({ state: "attached" });
    await expect(storefront.getByText("We polish and re-plate your piece to restore its shine.").count()).resolves.toBeGreaterThan(0);
    await openPolicy(storefront);
    await storefront.getByText("We polish and re-plate your piece to restore its shine.").waitFor();
    await storefront.screenshot({ path: screenshotPath("policy-storefront-service"), fullPage: true });

    // Item groups count and sample the shop's real products, through the gateway.
    await page.getByRole("button", { name: "Item groups" }).click();
    await page.getByText(/^\d+ products? match$/).first().waitFor();
    await expect(page.getByText(/^For example: /).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("policy-editor-groups"), fullPage: true });

    // A real order of the shop in the simulator.
    await page.getByRole("link", { name: "Try a scenario" }).click();
    const orderSelect = page.getByLabel("Order", { exact: true });
    const firstOrder = await orderSelect.locator("option").nth(1).getAttribute("value");
    await orderSelect.selectOption(firstOrder ?? "");
    await page.waitForURL(/order=/);
    await page.getByLabel(/^Quantity of /).first().waitFor();
    await page.getByRole("button", { name: "Decide" }).click();
    await publishedCard.getByText(/^(Eligible|Not eligible)$/).first().waitFor();
    await page.screenshot({ path: screenshotPath("policy-simulator-real-order"), fullPage: true });
    await page.getByRole("link", { name: "Policy editor" }).click();

    // The policy text, written from the rules, becomes the shop's refund policy.
    await page.getByRole("button", { name: "Publish as the shop's refund policy" }).click();
    await page.getByText("The shop's refund policy now shows the live policy's text.").waitFor();
    const body = demo.standin.store(shopDomain).shop.shopPolicies.find((p) => p.type === "REFUND_POLICY")?.body ?? "";
    expect(body).toContain("Polish and re-plate: We polish and re-plate your piece to restore its shine. (Price: £45.00.");
    expect(body).toContain("Returns are accepted within 30 days of receipt. (Time limit: 30 days from receipt.)");
    await page.getByRole("button", { name: "Policy text" }).click();
    await page.screenshot({ path: screenshotPath("policy-text"), fullPage: true });

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  }, 240_000);
});
