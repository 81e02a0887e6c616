import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { texts, untranslated } from "../support/admin-walk";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { startDemoApp, type RunningDemoApp } from "../support/demo-app";

/**
 * The admin opened from a Shopify admin in French (`locale=fr`, as Shopify sends it): the home,
 * the requests list, a request, the policy editor (every tab), the simulator and the policy's
 * versions, walked for any catalogue key left on the page or any English word whose French
 * differs (the app's catalogue and Polaris's own), in the server's HTML and after hydration.
 */
const API_KEY = "aftercare-admin-fr-e2e";
const API_SECRET = "aftercare-admin-fr-e2e-secret";
const SHOP = "demo-jeweller.myshopify.com";
const PERSON = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };

describe("the admin in French", { timeout: 120_000 }, () => {
  let running: RunningDemoApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { seed: 4 } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.close();
  });

  async function open(path: string, locale: string): Promise<{ page: Page; html: string; blocked: string[] }> {
    const { context, blocked } = await loopbackOnlyContext(browser, { ...PERSON, viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`browser console: ${m.text().slice(0, 300)}`);
    });
    const response = await page.goto(running.demo.standin.appEntryUrl(SHOP, path, { locale }));
    return { page, html: (await response?.text()) ?? "", blocked };
  }

  async function accessible(page: Page, label: string) {
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations, label).toEqual([]);
  }

  it("GIVEN Shopify admin in French (locale=fr) WHEN the merchant opens the home, then the requests list from the menu THEN every word is French (the app's and Polaris's), before and after hydration, and both pages pass axe", async () => {
    const { page, html, blocked } = await open("/app", "fr");
    // The server's HTML is already French: no flash of English before hydration.
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("À traiter maintenant");
    expect(html).not.toContain("Needs action now");
    await page.getByRole("heading", { name: "À traiter maintenant" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Accueil · Aftercare");
    await expect(page.getByText("Nouvelles demandes en attente de décision").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("img", { name: /^Demandes par semaine selon le type\. .*déc\./ }).isVisible()).resolves.toBe(true);
    const home = await texts(page);
    expect(home.length).toBeGreaterThan(30);
    expect(untranslated(home)).toEqual([]);
    await page.screenshot({ path: screenshotPath("admin-fr-home"), fullPage: true });
    await accessible(page, "home in French");

    // An in-app navigation carries no `locale`: the language the layout kept still applies.
    await page.getByRole("link", { name: "Demandes", exact: true }).first().click();
    await page.getByRole("columnheader", { name: "Client" }).waitFor();
    expect(new URL(page.url()).searchParams.has("locale")).toBe(false);
    expect(await page.title()).toBe("Demandes · Aftercare");
    await expect(page.getByRole("tab", { name: "En cours" }).isVisible()).resolves.toBe(true);
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(5);
    const list = await texts(page);
    expect(list).toEqual(expect.arrayContaining(["Nouvelle", "Retour"]));
    expect(untranslated(list)).toEqual([]);
    await page.screenshot({ path: screenshotPath("admin-fr-list"), fullPage: true });
    await accessible(page, "list in French");

    // Selecting rows brings Polaris's own words (bulk actions, selection count): French too.
    await page.locator("tbody tr").first().locator('input[type="checkbox"]').check({ force: true });
    await page.getByRole("button", { name: /^Approuver \d+ nouvelles?$/ }).waitFor();
    expect(untranslated(await texts(page))).toEqual([]);

    // Opened afresh on the list (a reload from Shopify admin), the server's HTML is French as well.
    const direct = await open("/app/requests", "fr-FR");
    expect(direct.html).toContain('<html lang="fr"');
    expect(direct.html).toContain("Rechercher");
    expect(untranslated(await texts(direct.page))).toEqual([]);
    expect([...blocked, ...direct.blocked]).toEqual([]);
    // React's production build names a hydration mismatch only by its error number (418, 423, 425).
    expect(errors.filter((e) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in French WHEN the merchant opens a new request and its decline dialog, approves and receives it and opens its resolve and confirm dialogs, then opens a resolved request THEN every word of the app's and Polaris's is French, and each page passes axe", async () => {
    const db = running.database.db;
    // A seeded request in that state the policy refunds (so the page offers its actions and resolutions).
    const one = async (where: Record<string, unknown>) => {
      const rows = await db.aftercareRequest.findMany({ where: { shop: SHOP, ...where }, orderBy: { createdAt: "asc" } });
      const row = rows.find((r) => r.decisionJson?.includes('"refund":{'));
      if (!row) throw new Error(`no seeded request where ${JSON.stringify(where)}`);
      return row;
    };
    const walk = async (page: Page, label: string) => {
      const found = await texts(page);
      expect(found.length, label).toBeGreaterThan(20);
      expect(untranslated(found), label).toEqual([]);
    };

    // A new request: the page as it opens from the server, then the decline and cancel dialogs.
    const fresh = await one({ status: "requested", kind: "return" });
    const { page, html, blocked } = await open(`/app/requests/${fresh.id}`, "fr");
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Articles et décision selon vos conditions");
    await page.getByRole("heading", { name: "Historique" }).waitFor();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("button", { name: "Approuver" }).isVisible()).resolves.toBe(true);
    await walk(page, "new request in French");
    await page.screenshot({ path: screenshotPath("admin-fr-request-new"), fullPage: true });
    await accessible(page, "new request in French");
    await page.getByRole("button", { name: "Refuser…" }).click();
    const decline = page.getByRole("dialog", { name: "Refuser cette demande" });
    await decline.waitFor();
    await walk(page, "decline dialog in French");
    await page.screenshot({ path: screenshotPath("admin-fr-request-decline") });
    await accessible(page, "decline dialog in French");
    await decline.getByRole("button", { name: "Annuler", exact: true }).click();
    await decline.waitFor({ state: "hidden" });

    // Approved, then received: the resolve dialog with the policy's resolutions, then the money to confirm.
    await page.getByRole("button", { name: "Approuver" }).click();
    await page.getByRole("button", { name: "Marquer comme reçu" }).click();
    await page.getByRole("button", { name: "Résoudre…" }).click();
    const resolve = page.getByRole("dialog", { name: "Résoudre cette demande" });
    await resolve.getByLabel("Solution").selectOption("refund");
    await walk(page, "resolve dialog in French");
    await page.screenshot({ path: screenshotPath("admin-fr-request-resolve") });
    await accessible(page, "resolve dialog in French");
    await resolve.getByRole("button", { name: "Vérifier avant l'envoi" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirmer le montant" });
    await confirm.getByRole("button", { name: /^Verser / }).waitFor();
    await expect(confirm.getByText("Montant calculé pour les articles").isVisible()).resolves.toBe(true);
    await walk(page, "confirm dialog in French");
    await page.screenshot({ path: screenshotPath("admin-fr-request-confirm") });
    await accessible(page, "confirm dialog in French");
    await confirm.getByRole("button", { name: "Annuler", exact: true }).click();
    await confirm.waitFor({ state: "hidden" });

    // A resolved request: its timeline and money movements.
    const done = await one({ status: { in: ["resolved", "closed"] } });
    const settled = await open(`/app/requests/${done.id}`, "fr");
    await settled.page.getByRole("heading", { name: "Mouvements d'argent" }).waitFor();
    await settled.page.waitForLoadState("networkidle");
    await walk(settled.page, "resolved request in French");
    await settled.page.screenshot({ path: screenshotPath("admin-fr-request-resolved"), fullPage: true });
    await accessible(settled.page, "resolved request in French");
    expect([...blocked, ...settled.blocked]).toEqual([]);
    expect(errors.filter((e) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in a language without a catalogue (de-DE) WHEN the home opens THEN it reads in English, with lang=en", async () => {
    const { page, html } = await open("/app", "de-DE");
    expect(html).toContain('<html lang="en"');
    await page.getByRole("heading", { name: "Needs action now" }).waitFor();
    expect(await page.title()).toBe("Home · Aftercare");
  });
  /** The page's words, none of them a key or English; the screen reader's names and every select's options included. */
  async function walk(page: Page, label: string) {
    const found = await texts(page);
    expect(found.length, label).toBeGreaterThan(20);
    expect(untranslated(found), label).toEqual([]);
  }

  it("GIVEN Shopify admin in French WHEN the merchant opens the policy editor and walks every tab, saves and publishes THEN every word of the app's and Polaris's is French, and it passes axe", async () => {
    const { page, html, blocked } = await open("/app/policy", "fr");
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Éditeur de conditions");
    await page.getByRole("heading", { name: "Éditeur de conditions" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Éditeur de conditions · Aftercare");
    await expect(page.getByRole("heading", { name: "Conditions en ligne" }).isVisible()).resolves.toBe(true);
    // Every tab of the editor, each walked once it has rendered (the tab renders in a transition).
    const tabs: [string, string][] = [
      ["Retours et garantie", "Articles non repris"],
      ["Groupes d'articles", "Ajouter un groupe"],
      ["Réparations et entretien", "Ajouter une prestation"],
      ["JSON (import et export)", "Appliquer le JSON"],
      ["Texte des conditions", "Copier le texte"],
    ];
    for (const [tab, sign] of tabs) {
      await page.getByRole("navigation", { name: "Parties des conditions" }).getByRole("button", { name: tab, exact: true }).click();
      await page.getByText(sign, { exact: true }).first().waitFor();
      await walk(page, `policy editor, tab "${tab}"`);
      if (tab === "Retours et garantie") {
        await page.screenshot({ path: screenshotPath("admin-fr-policy-editor"), fullPage: true });
        await accessible(page, "policy editor in French");
      }
      if (tab === "Groupes d'articles") await page.screenshot({ path: screenshotPath("admin-fr-policy-groups"), fullPage: true });
      if (tab === "Réparations et entretien") await page.screenshot({ path: screenshotPath("admin-fr-policy-services"), fullPage: true });
    }

    // A field the check refuses: its message, and the count above, in French; then put back.
    await page.getByRole("button", { name: "Retours et garantie", exact: true }).click();
    const days = page.getByLabel(/^Retours pour changement d'avis, délai \d+ : durée$/).first();
    const before = await days.inputValue();
    await days.fill("-5");
    await page.getByText("doit être d'au moins 1").first().waitFor();
    await page.getByText(/^\d+ erreurs? à corriger avant d'enregistrer/).waitFor();
    await walk(page, "policy editor with a problem");
    await page.screenshot({ path: screenshotPath("admin-fr-policy-invalid") });
    await days.fill(before);

    // Saved, then published twice (so the versions page has two to compare): the toasts in French.
    for (const n of [1, 2]) {
      await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
      await page.getByText("Brouillon enregistré", { exact: true }).waitFor();
      await walk(page, "draft saved");
      await page.getByRole("button", { name: "Publier le brouillon" }).click();
      await page.getByText(/^La version \d+ est en ligne\.$/).waitFor();
      expect(await page.getByText(/^La version \d+ est en ligne\.$/).count(), `publish ${n}`).toBe(1);
    }
    await walk(page, "published");
    // The presets: compared with the policy, in French.
    await page.getByRole("button", { name: "Comparer avec mes conditions" }).click();
    await page.getByText(/^(Vos conditions sont identiques à|\d+ différences? avec) « /).waitFor();
    await walk(page, "preset comparison");
    expect(blocked).toEqual([]);
    expect(errors.filter((e) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in French WHEN the merchant tries a scenario THEN the form and both decisions read in French, amounts as French readers write them", async () => {
    const { page, html, blocked } = await open("/app/policy/simulate", "fr");
    expect(html).toContain("Tester un cas");
    await page.getByRole("heading", { name: "La commande" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Tester un cas · Aftercare");
    // Every option of the form's selects is read too (a closed <select> still holds its words).
    await page.getByLabel("Examiné à réception (constat de la boutique)").check({ force: true });
    await page.getByLabel("Type", { exact: true }).selectOption("service");
    await walk(page, "simulator form");
    await page.getByLabel("Type", { exact: true }).selectOption("return");
    await page.getByRole("button", { name: "Décider", exact: true }).click();
    const published = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Publiée", exact: true }) });
    await published.getByText(/^(Recevable|Non recevable)$/).waitFor();
    const words = await texts(page);
    expect(words.some((w) => /^(Total|Proposé|Refusé) : /.test(w))).toBe(true);
    expect(words.filter((w) => /^Total : /.test(w)).every((w) => /\d,\d\d/.test(w))).toBe(true);
    await walk(page, "simulator decisions");
    await page.screenshot({ path: screenshotPath("admin-fr-simulator"), fullPage: true });
    await accessible(page, "simulator in French");
    expect(blocked).toEqual([]);
    expect(errors.filter((e) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in French and two published versions WHEN the merchant opens the versions and compares them THEN every word is French, dates as French readers write them", async () => {
    const { page, html, blocked } = await open("/app/policy/versions", "fr");
    expect(html).toContain("Versions des conditions");
    await page.getByRole("heading", { name: "Comparer deux versions" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Versions des conditions · Aftercare");
    await expect(page.getByText(/^\d+ \(en ligne\)$/).isVisible()).resolves.toBe(true);
    // The notes the app wrote on each version ("edited"), and the publication time as French readers write it.
    await expect(page.getByRole("cell", { name: "modifiée", exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("cell", { name: /^\d{1,2} [a-zéû]+\.? \d{4}/ }).first().isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Comparer", exact: true }).click();
    await page.getByText(/^Version \d+ → version \d+$/).waitFor();
    await walk(page, "versions compared");
    await page.screenshot({ path: screenshotPath("admin-fr-versions"), fullPage: true });
    await accessible(page, "versions in French");
    expect(blocked).toEqual([]);
    expect(errors.filter((e) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(e))).toEqual([]);
  });

  it("GIVEN Shopify admin in a language without a catalogue (de-DE) WHEN the home opens THEN it reads in English, with lang=en", async () => {
    const { page, html } = await open("/app", "de-DE");
    expect(html).toContain('<html lang="en"');
    await page.getByRole("heading", { name: "Needs action now" }).waitFor();
    expect(await page.title()).toBe("Home · Aftercare");
  });
});
