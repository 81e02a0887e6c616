import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * Revision 3 of the policy contract in the admin, in Chromium: the editor shows when postage is
 * repaid, who pays the way home, the paid repair quoted instead and what happens to refused items,
 * each beside the policy's own words; the simulator takes a postage and an inspection and shows
 * what the engine decides of them.
 */
const API_KEY = "aftercare-journey-e2e";
const API_SECRET = "aftercare-journey-e2e-secret";
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

describe("the journey rules in the policy editor and the simulator", () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 5, preset: "uk-jeweller" } });
    ({ demo } = running);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it("GIVEN the UK preset WHEN the merchant caps faulty-item postage and tries a posted faulty return, then one found accident-damaged THEN draft and published decide them as the rules say", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.setDefaultTimeout(15_000);
    await page.goto(demo.adminUrl);
    await page.getByRole("link", { name: "Policy" }).first().click();
    await page.getByRole("heading", { name: "Policy editor" }).waitFor();

    // The faulty-item rules, each with the sentence of the published policy it enforces.
    await page.getByRole("heading", { name: "Faulty-item returns: postage and the way home" }).waitFor();
    await expect(page.getByLabel("Faulty-item returns: the shopper's own return postage").inputValue()).resolves.toBe("repaid");
    await expect(page.getByLabel("Faulty-item returns: only with proof of postage").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Faulty-item returns: By post").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Faulty-item returns: By courier").isChecked()).resolves.toBe(false);
    await expect(page.getByText(/Your policy says: “Kesita Limited will only refund this postage, if the item has been posted/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Faulty-item returns: quote a paid repair for damage not covered").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Items refused once inspected").inputValue()).resolves.toBe("customer");

    // A cap on the postage repaid, saved as a draft; a wrong amount is refused on its field first.
    const cap = page.getByLabel("Faulty-item returns: at most (amount)");
    await cap.fill("five pounds");
    await page.getByText("write an amount such as 4.95").first().waitFor();
    await expect(page.getByRole("button", { name: "Save draft" }).isDisabled()).resolves.toBe(true);
    await cap.fill("5.00");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("policy-editor-journey"), fullPage: true });

    // The generated text says the cap.
    await page.getByRole("button", { name: "Policy text" }).click();
    await page.getByText(/with proof of postage, up to £5\.00\.\)/).first().waitFor();

    // A faulty return posted from the UK with proof: the draft repays £5.00 of £6.50, the published all of it.
    await page.getByRole("link", { name: "Try a scenario" }).click();
    await page.getByRole("heading", { name: "Try a scenario" }).waitFor();
    await page.getByLabel("Ordered on").fill("2026-02-20");
    await page.getByLabel("Delivered on").fill("2026-02-23");
    await page.getByLabel("Decide on").fill("2026-03-01");
    await page.getByLabel("Reason").selectOption("defective");
    await page.getByLabel("Cause of damage").selectOption("manufacturing");
    await page.getByLabel("Postage paid").fill("6.50");
    await page.getByRole("button", { name: "Decide" }).click();
    const draftCard = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Draft", exact: true }) });
    const publishedCard = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Published", exact: true }) });
    await draftCard.getByText("Postage repaid: £5.00").waitFor();
    await expect(publishedCard.getByText("Postage repaid: £6.50").isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText("Total: £91.45").isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText("Sending to the shopper: nothing is sent").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("policy-simulator-postage"), fullPage: true });

    // Sent by courier: nothing repaid.
    await page.getByLabel("Sent", { exact: true }).selectOption("courier");
    await page.getByRole("button", { name: "Decide" }).click();
    await publishedCard.getByText("Postage repaid: £0.00").waitFor();

    // Inspected on receipt: accident damage. Refused, sent back at the shopper's cost, a paid repair quoted.
    await page.getByLabel("Inspected on receipt (what the shop found)").check();
    await page.getByLabel("Cause the shop found").selectOption("accident");
    await page.getByRole("button", { name: "Decide" }).click();
    await publishedCard.getByText("Not eligible").waitFor();
    await expect(publishedCard.getByText("Sent back to the shopper.").isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText("Offered instead: paid repair, by quote.").isVisible()).resolves.toBe(true);
    await expect(publishedCard.getByText("Sending to the shopper: customer pays").isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("policy-simulator-inspection"), fullPage: true });

    // A postage from a country code that is not one: a clear refusal, nothing decided.
    await page.getByLabel("Sent from (country code)").fill("GBR");
    await page.getByRole("button", { name: "Decide" }).click();
    await page.getByText("This scenario cannot be decided").waitFor();
    await expect(page.getByText(/request\.postage\.fromCountry/).isVisible()).resolves.toBe(true);

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  }, 240_000);
});
