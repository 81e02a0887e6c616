import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { STEP_LABELS } from "../../app/messaging/editor.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The template editor in Chromium (issue 27): the merchant edits the French approval email, the
 * preview follows with a real request of the demo shop, a test send lands in the demo's SMTP sink,
 * the saved wording is there on a fresh load, and the Arabic editor is right to left. axe finds
 * nothing; screenshots at 1440 px.
 */
const API_KEY = "aftercare-mail-e2e";
const API_SECRET = "aftercare-mail-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the shopper-email template editor in Chromium", { timeout: 180_000 }, () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startDemoApp({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      demo: { seed: 7 },
      // The app sends through the demo's sink, as `npm run demo` configures it.
      env: () => ({ SMTP_URL: demo?.mail.smtpUrl ?? "", MAIL_FROM: "aftercare@demo.localhost" }),
      prepare: ({ demo: started }) => {
        demo = started;
      },
    });
    ({ demo } = running);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  /** The editor, on one step's email in one language, chosen with its own selects. */
  async function editor(step: keyof typeof STEP_LABELS, language: string): Promise<Page> {
    const page = await open("/app/emails");
    await page.getByRole("heading", { name: "Shopper emails" }).waitFor();
    await page.getByLabel("Email", { exact: true }).selectOption(step);
    await page.waitForURL(new RegExp(`step=${step}`));
    // The step's page has loaded (its description shows) before the language is chosen on it.
    await page.getByText(STEP_LABELS[step].when).waitFor();
    await page.getByLabel("Language", { exact: true }).selectOption(language);
    await page.waitForURL(new RegExp(`step=${step}&language=${language}`));
    return page;
  }

  async function open(path: string): Promise<Page> {
    const { context } = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => console.warn(`page error: ${e.message}`));
    await page.goto(demo.standin.appEntryUrl(SHOP, path));
    return page;
  }

  /** A screenshot once the preview's frame has painted (a frame shown late is blank in a full-page shot). */
  async function shot(page: Page, name: string) {
    await page.locator('iframe[title="Preview of the email"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
    // The frame on its own as well: a full-page shot may leave an out-of-process frame unpainted.
    await page.locator('iframe[title="Preview of the email"]').screenshot({ path: screenshotPath(`${name}-preview`) });
  }

  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  it("GIVEN the French approval email WHEN the merchant edits it THEN the preview follows with a real request, a test lands in the sink, and the saved wording is there on a fresh load", async () => {
    const page = await editor("approved", "fr");
    const subject = page.getByLabel("Subject");
    await expect.poll(() => subject.inputValue(), { timeout: 15_000 }).toBe("Votre demande {number} est acceptée");
    const previewSubject = page.getByTestId("preview-subject");
    await expect.poll(() => previewSubject.textContent(), { timeout: 15_000 }).toMatch(/^Votre demande R-\d+ est acceptée$/);
    const number = /R-\d+/.exec((await previewSubject.textContent()) ?? "")?.[0] ?? "";
    await page.frameLocator('iframe[title="Preview of the email"]').getByText("Suivre votre demande").waitFor();
    await shot(page, "mail-editor-default");
    await accessible(page, "template editor");

    // An unknown placeholder is refused beside the field, and the preview says so.
    await subject.fill("Bonne nouvelle {numero}");
    await page.getByText("Unknown placeholder {numero}").first().waitFor();

    await subject.fill("Bonne nouvelle pour votre demande {number}");
    await page.getByText("Not saved").waitFor();
    await page.getByLabel("Text").fill("Bonjour {name},\n\n{shop} a accepté la demande {number} (commande {order}).\n\nÀ bientôt !");
    await expect.poll(() => previewSubject.textContent(), { timeout: 15_000 }).toBe(`Bonne nouvelle pour votre demande ${number}`);
    const frame = page.frameLocator('iframe[title="Preview of the email"]');
    await frame.getByText("À bientôt !").waitFor();
    expect(await frame.locator("html").getAttribute("lang")).toBe("fr");

    const before = demo.mail.messages.length;
    await page.getByLabel("Send the preview to").fill("owner@demo.example");
    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test sent to owner@demo.example.").waitFor();
    expect(demo.mail.messages).toHaveLength(before + 1);
    const test = demo.mail.messages.at(-1)!;
    expect(test).toMatchObject({ to: ["owner@demo.example"], subject: `[Test] Bonne nouvelle pour votre demande ${number}`, language: "fr" });
    expect(test.text).toContain("À bientôt !");
    await shot(page, "mail-editor-edited");

    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved: shoppers get this wording from now on.").waitFor();
    await page.getByText("Your wording").waitFor();
    expect(await page.getByText("Not saved").count()).toBe(0);
    const again = await editor("approved", "fr");
    await again.getByText("Your wording").waitFor();
    expect(await again.getByLabel("Subject").inputValue()).toBe("Bonne nouvelle pour votre demande {number}");

    // The sink's own page lists the test.
    const sinkPage = await open("/app/emails");
    await sinkPage.goto(`${demo.standin.origin}/mail`);
    await sinkPage.getByRole("link", { name: `[Test] Bonne nouvelle pour votre demande ${number}` }).waitFor();
    await sinkPage.screenshot({ path: screenshotPath("mail-sink-test"), fullPage: true });
  });

  it("GIVEN the Arabic wording WHEN opened THEN its fields and preview are right to left, and axe finds nothing", async () => {
    const page = await editor("credited", "ar");
    await expect.poll(() => page.getByLabel("Subject").inputValue(), { timeout: 15_000 }).toBe("رصيد متجر بقيمة {amount} في حسابك");
    expect(await page.locator('div[lang="ar"][dir="rtl"]').count()).toBeGreaterThan(0);
    const frame = page.frameLocator('iframe[title="Preview of the email"]');
    await expect.poll(() => frame.locator("html").getAttribute("dir"), { timeout: 15_000 }).toBe("rtl");
    await frame.getByText("متابعة طلبك").waitFor();
    await shot(page, "mail-editor-arabic");
    await accessible(page, "arabic template editor");
  });
});
