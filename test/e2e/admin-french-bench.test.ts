import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRepairRepository } from "../../app/repositories/repairs.server";
import type { RepairState } from "../../app/repairs/machine";
import { texts, untranslated } from "../support/admin-walk";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The admin's other pages opened from a Shopify admin in French (`locale=fr`): the bench queue
 * (each tab), the demo's tickets in several states, the customer data requests, the money audit,
 * the shopper-emails editor and the sign-in setting, each walked for a catalogue key left on the
 * page or an English text whose French differs (the app's and Polaris's), in the server's HTML and
 * after hydration. What stays as written is the shop's own record: the intake and notes as typed,
 * the products' and services' names the merchant gave (the demo's are English).
 */
const API_KEY = "aftercare-admin-fr-bench-e2e";
const API_SECRET = "aftercare-admin-fr-bench-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
const HYDRATION = /hydrat|did not match|Minified React error #(418|419|422|423|425)/i;

describe("the bench and the settings pages in French", { timeout: 180_000 }, () => {
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 13 } });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string): Promise<{ page: Page; html: string }> {
    const made = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width: 1440, height: 900 } });
    contexts.push(made.context);
    blocked.push(...made.blocked);
    const page = await made.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`browser console: ${m.text().slice(0, 300)}`);
    });
    const response = await page.goto(running.demo.standin.appEntryUrl(SHOP, path, { locale: "fr" }));
    const html = (await response?.text()) ?? "";
    expect(html, path).toContain('<html lang="fr"');
    return { page, html };
  }

  async function walk(page: Page, label: string, least = 15) {
    await page.waitForLoadState("networkidle");
    const found = await texts(page);
    expect(found.length, label).toBeGreaterThan(least);
    expect(untranslated(found), label).toEqual([]);
  }

  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  it("GIVEN Shopify admin in French WHEN the merchant opens the bench and goes through each of its tabs THEN every word of the queue is French (tabs, state filter, columns, states, due dates, pagination), and it passes axe", async () => {
    const { page, html } = await open("/app/bench");
    expect(html).toContain("Afficher seulement mes fiches");
    await page.getByRole("heading", { name: "Atelier", exact: true }).waitFor();
    expect(await page.title()).toBe("Atelier · Aftercare");
    await expect.poll(() => page.getByRole("link", { name: /^J-\d{4}$/ }).count()).toBeGreaterThan(5);
    await page.getByRole("columnheader", { name: "N° de travail" }).waitFor();
    expect(await page.getByText("En retard", { exact: true }).count()).toBeGreaterThan(0);
    await walk(page, "bench queue (open)", 40);
    await page.screenshot({ path: screenshotPath("admin-fr-bench-queue"), fullPage: true });
    await accessible(page, "bench queue in French");

    // Each tab is named for screen readers with its count of tickets ("En retard, 7 fiches").
    const tabs = [
      ["overdue", /^En retard, \d+ fiches?$/],
      ["awaiting", /^En attente du bijou, \d+ fiches?$/],
      ["workshop", /^À l'atelier, \d+ fiches?$/],
      ["quotes", /^Devis, \d+ fiches?$/],
      ["ready", /^Prêts à retirer, \d+ fiches?$/],
      ["closed", /^Clôturés, \d+ fiches?$/],
    ] as const;
    expect((await page.getByRole("tab", { name: tabs[1][1] }).textContent())?.trim()).toMatch(/^En attente du bijou \(\d+\)$/);
    for (const [id, name] of tabs) {
      await page.getByRole("tab", { name }).click();
      await page.waitForURL(new RegExp(`tab=${id}`));
      // An in-app navigation carries no `locale`: the language the layout kept still applies.
      await page.getByRole("tab", { name, selected: true }).waitFor();
      await walk(page, `bench queue (${id})`);
    }
    // A state chosen in the filter, and the empty state of a tab with nothing in it.
    await page.getByLabel("État", { exact: true }).selectOption("cancelled");
    await page.waitForURL(/state=cancelled/);
    await walk(page, "bench queue (cancelled)");
    await page.getByRole("button", { name: "Afficher seulement mes fiches" }).click();
    await page.waitForURL(/mine=1/);
    await walk(page, "bench queue (mine, cancelled)");
    expect(errors.filter((e) => HYDRATION.test(e))).toEqual([]);
  });

  it("GIVEN the demo's tickets WHEN the merchant opens a ticket in each of several states THEN its intake, assessment, quote, next steps and sidebar read in French, and it passes axe", async () => {
    const repairs = createRepairRepository(running.database.db);
    const states: RepairState[] = ["awaiting_item", "received", "assessed", "quoted", "quote_accepted", "at_bench", "ready", "collected", "sent_back", "cancelled"];
    const opened: string[] = [];
    for (const state of states) {
      const ticket = (await repairs.queue(SHOP, { states: [state], take: 1 })).rows[0];
      if (!ticket) continue;
      const { page, html } = await open(`/app/bench/${ticket.id}`);
      expect(html).toContain("Fiche de dépôt");
      await page.getByRole("heading", { name: new RegExp(`^${ticket.job} · `) }).waitFor();
      await page.getByRole("heading", { name: "Historique", exact: true }).waitFor();
      expect(await page.title()).toMatch(new RegExp(`^${ticket.job} · .+ · Atelier · Aftercare$`));
      await walk(page, `ticket ${ticket.job} (${state})`, 20);
      if (state === "awaiting_item") {
        await expect(page.getByLabel("Délai (jours ouvrés)").isVisible()).resolves.toBe(true);
        // Taken in with nothing written: refused, in French, beside the fields and in the banner, and nothing changes.
        await page.getByRole("button", { name: "Prendre en charge" }).click();
        await page.getByText(/Rien n'a changé\.$/).first().waitFor();
        await expect(page.getByText("Le client doit accepter les conditions de réparation de la boutique avant la prise en charge du bijou", { exact: true }).isVisible()).resolves.toBe(true);
        await walk(page, `ticket ${ticket.job} intake refused`, 20);
        expect((await repairs.find(SHOP, ticket.id))?.state).toBe("awaiting_item");
      }
      if (state === "received") await expect(page.getByRole("button", { name: "Enregistrer le diagnostic" }).isVisible()).resolves.toBe(true);
      if (state === "quoted") await expect(page.getByText("Devis", { exact: true }).first().isVisible()).resolves.toBe(true);
      if (state === "ready" || state === "quoted") {
        await page.screenshot({ path: screenshotPath(`admin-fr-ticket-${state}`), fullPage: true });
        await accessible(page, `ticket in French (${state})`);
      }
      if (state === "quoted") {
        // The ticket's entries on its request's timeline read in French there too.
        const request = await open(`/app/requests/${ticket.requestId}`);
        await request.page.getByRole("heading", { name: "Historique" }).waitFor();
        await request.page.getByText(new RegExp(`^Devis de .+ pour ${ticket.job} : `)).first().waitFor();
        await walk(request.page, `request of ${ticket.job}`, 20);
      }
      opened.push(state);
    }
    expect(opened.length, opened.join()).toBeGreaterThanOrEqual(6);
    expect(opened).toEqual(expect.arrayContaining(["awaiting_item", "quoted", "ready"]));
    expect(errors.filter((e) => HYDRATION.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in French WHEN the merchant opens the customer data requests, the money audit, the shopper emails (a request's and a repair's step) and the sign-in setting THEN every word is French", async () => {
    const privacy = await open("/app/privacy");
    expect(privacy.html).toContain("Contenu d&#x27;un export");
    await privacy.page.getByRole("heading", { name: "Demandes de données clients" }).first().waitFor();
    expect(await privacy.page.title()).toBe("Demandes de données clients · Aftercare");
    await walk(privacy.page, "privacy", 5);

    const audit = await open("/app/requests/audit");
    await audit.page.getByRole("heading", { name: "Journal des paiements" }).waitFor();
    expect(await audit.page.title()).toBe("Journal des paiements · Aftercare");
    await walk(audit.page, "money audit", 10);

    const emails = await open("/app/emails");
    await emails.page.getByRole("heading", { name: "Texte", exact: true }).waitFor();
    expect(await emails.page.title()).toBe("E-mails aux clients · Aftercare");
    await expect(emails.page.getByText("Le client a envoyé une demande.").isVisible()).resolves.toBe(true);
    await walk(emails.page, "shopper emails (received)", 30);
    await emails.page.getByLabel("E-mail", { exact: true }).selectOption("repair_quoted");
    await emails.page.waitForURL(/step=repair_quoted/);
    await emails.page.getByLabel("Langue", { exact: true }).selectOption("fr");
    await emails.page.waitForURL(/language=fr/);
    const repair = emails;
    await repair.page.getByText("L'atelier a chiffré le travail : les lignes, le total et le lien de paiement ({quote}, {total}, {pay}).").waitFor();
    await walk(repair.page, "shopper emails (repair quote)", 30);

    const signin = await open("/app/signin");
    await signin.page.getByRole("heading", { name: "Connexion des clients" }).waitFor();
    expect(await signin.page.title()).toBe("Connexion des clients · Aftercare");
    await walk(signin.page, "sign-in", 5);
    // Saving answers in French too.
    await signin.page.getByRole("button", { name: "Enregistrer" }).click();
    await signin.page.getByText(/^Les invités (peuvent|doivent)/).waitFor();
    await walk(signin.page, "sign-in saved", 5);

    expect(blocked).toEqual([]);
    expect(errors.filter((e) => HYDRATION.test(e))).toEqual([]);
  });
});
