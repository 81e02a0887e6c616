import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createMailer } from "../../app/messaging/mailer.server";
import { sendNotification } from "../../app/messaging/notify.server";
import { createNotificationRepository } from "../../app/repositories/notifications.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { adminClient } from "../../app/shopify/client.server";
import { standinAdmin } from "../../scripts/demo-desk";
import { appScopes, type RunningDemo } from "../../scripts/demo-standin";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * Issue 22, items 16 and 18: the demo as `npm run demo` starts it, with a shop per preset, each
 * opened in Chromium; and the policy editor of a shop long past its first save, which can still
 * compare its policy with a preset, start a new draft from one, and is warned when its words
 * contradict its rules. On a demo of its own (seed 12).
 */
const API_KEY = "aftercare-presets-e2e";
const API_SECRET = "aftercare-presets-e2e-secret";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the demo's shop per preset in Chromium", { timeout: 120_000 }, () => {
  let demo: RunningDemo;
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 12, presetShops: true }, env: (_port, started) => ({ MAIL_STOREFRONT_ORIGIN: started.mailStorefrontOrigin }) });
    ({ demo } = running);
    browser = await launchBrowser();
  }, 400_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function page(): Promise<{ page: Page; blocked: string[] }> {
    const { context, blocked } = await loopbackOnlyContext(browser, PERSON);
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    return { page: p, blocked };
  }

  /** axe-core's WCAG 2.1 AA rules: no violation of any impact. */
  async function accessible(p: Page, label: string) {
    await p.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await p.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  it("GIVEN a preset shop's request WHEN its 'received' email is sent through the demo's sink and its status link opened THEN that shop's storefront shows that request, not the featured shop's 'not valid'", async () => {
    const crystal = demo.shops.find((s) => s.preset === "crystal-accessories")!;
    const db = running.database.db;
    const row = await db.notification.findFirstOrThrow({ where: { shop: crystal.domain, step: "received", request: { customerEmail: { not: null }, number: { not: null } } } });
    const request = await db.aftercareRequest.findUniqueOrThrow({ where: { id: row.requestId } });
    // The worker's send, configured as `npm run demo` configures the app and its worker.
    const status = await sendNotification(
      {
        notifications: createNotificationRepository(db),
        requests: createRequestRepository(db),
        shops: createShopRepository(db),
        adminFor: async (shop) => adminClient(standinAdmin(demo.standin.origin, shop, demo.standin.issueAccessToken(shop, appScopes()))),
        mailer: createMailer({ url: demo.mail.smtpUrl, from: "aftercare@demo.localhost" }),
        secret: API_SECRET,
        storefrontOrigin: demo.mailStorefrontOrigin,
      },
      crystal.domain,
      row.id,
    );
    expect(status).toBe("sent");
    const mail = demo.mail.messages.find((m) => m.headers["x-aftercare-step"] === "received" && m.to.includes(request.customerEmail!))!;
    const link = /https?:\/\/\S+\/apps\/aftercare\/status\?\S+/.exec(mail.text)?.[0] ?? "";
    expect(new URL(link).host).toBe(`${crystal.domain}.localhost:${new URL(demo.standin.origin).port}`);

    const { page: p, blocked } = await page();
    const response = await p.goto(link);
    expect(response?.status()).toBe(200);
    const heading = p.getByRole("heading", { level: 1 });
    await heading.waitFor();
    expect(await heading.innerText()).toBe(`Request ${request.number}`);
    // The storefront is the crystal shop's own (its name heads the theme), and the page is no refusal.
    expect(await p.locator(".theme-header__name").innerText()).toBe(crystal.name);
    expect(await p.getByText(/not valid/i).count()).toBe(0);
    await p.screenshot({ path: screenshotPath("preset-shop-status-link"), fullPage: true });
    await accessible(p, "a preset shop's status page");
    expect(blocked).toEqual([]);
  });

  it("GIVEN the demo WHEN each preset's admin URL is opened THEN that shop's desk has work waiting and its policy is the preset's", async () => {
    expect(demo.shops.map((s) => s.preset).sort()).toEqual(["crystal-accessories", "fine-jewellery", "gulf-boutique", "uk-jeweller"]);
    for (const shop of demo.shops) {
      const { page: p, blocked } = await page();
      await p.goto(shop.adminUrl);
      await p.getByText(shop.name).first().waitFor();
      await p.getByRole("heading", { name: "Needs action now" }).waitFor();
      await p.screenshot({ path: screenshotPath(`demo-shop-${shop.preset}`), fullPage: true });
      await accessible(p, `${shop.preset} home`);
      await p.goto(demo.standin.appEntryUrl(shop.domain, "/app/requests"));
      await p.getByRole("columnheader", { name: "Customer" }).waitFor();
      expect(await p.locator("tbody tr").count(), shop.preset).toBeGreaterThan(3);
      await p.goto(demo.standin.appEntryUrl(shop.domain, "/app/policy"));
      await p.getByRole("heading", { name: "Policy editor" }).waitFor();
      expect(blocked, shop.preset).toEqual([]);
    }
  });

  it("GIVEN the Gulf boutique's shop on its preset WHEN the merchant shortens its window, compares with another preset and starts a draft from it THEN the words are flagged, the differences listed, and the draft replaced while the live policy stays", async () => {
    const gulf = demo.shops.find((s) => s.preset === "gulf-boutique")!;
    const { page: p } = await page();
    await p.goto(demo.standin.appEntryUrl(gulf.domain, "/app/policy"));
    await p.getByRole("heading", { name: "Policy editor" }).waitFor();

    // "Return products within 30 days from receipt" beside a window cut to 14 days.
    await p.getByLabel("Change-of-mind returns window 1: how many").fill("14");
    await p.getByText("Words that contradict the rules beside them").waitFor();
    await p.getByText('Change of mind: the words say "30 days" but the window is 14 days. Shoppers read the words; the rules decide.').waitFor();
    await p.screenshot({ path: screenshotPath("policy-wording-warning"), fullPage: true });
    await accessible(p, "editor with a wording warning");

    await p.getByLabel("Preset", { exact: true }).selectOption({ label: "Fine jewellery" });
    await p.getByRole("button", { name: "Compare with my policy" }).click();
    await p.getByText(/^\d+ differences? from Fine jewellery$/).waitFor();
    await p.screenshot({ path: screenshotPath("policy-compare-preset"), fullPage: true });
    await accessible(p, "comparison with a preset");

    await p.getByRole("button", { name: "Start a new draft from it" }).click();
    await p.getByText("Your draft now starts from Fine jewellery: edit it, then publish. The live policy has not changed.").waitFor();
    const draft = await running.database.db.policyVersion.findFirstOrThrow({ where: { shop: gulf.domain, status: "draft" } });
    expect(JSON.parse(draft.documentJson).name).toBe("Fine jewellery");
    const row = await running.database.db.shop.findUniqueOrThrow({ where: { domain: gulf.domain } });
    expect(row.policyPreset).toBe("gulf-boutique");
    await p.getByLabel("Preset", { exact: true }).selectOption({ label: "Fine jewellery" });
    await p.getByRole("button", { name: "Compare with my policy" }).click();
    await p.getByText("Your policy is the same as Fine jewellery.").waitFor();
  });
});
