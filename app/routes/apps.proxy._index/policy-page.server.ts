import type { z } from "zod";

import { isPresetName, policySchema, presetPolicy, type Policy } from "../../domain";
import type { CaseRules, ItemGroup, ServiceRule, Window, WindowRule } from "../../domain/policy/schema";
import type { Resolution } from "../../domain/vocabulary";
import { logger } from "../../platform/logger.server";
import type { Locale, Translate } from "../../storefront/i18n";
import { esc, html, theirs } from "../../storefront/pages.server";
import { shops } from "../../repositories/index.server";

/**
 * The shopper-facing after-sales page, as Liquid for the app proxy. Every sentence about the
 * policy is the merchant's own `text` from the policy document; this module only arranges them
 * and adds plain labels for windows, remedies and services.
 */

export type ShopPolicy = { shopName: string | null; policy: Policy | null };

/** The shop's stored policy, else the preset it chose, else none. */
export async function loadShopPolicy(shop: string): Promise<ShopPolicy> {
  const row = await shops.find(shop);
  if (!row) return { shopName: null, policy: null };
  const stored = await shops.policyJson(shop);
  if (stored) {
    const parsed = policySchema.safeParse(safeJson(stored));
    if (parsed.success) return { shopName: row.name, policy: parsed.data };
    // A stored policy that no longer parses is a bug to fix, not something to show shoppers.
    logger.error({ shop, issues: parsed.error.issues.slice(0, 3) }, "stored policy does not parse; showing the preset");
  }
  if (row.policyPreset && isPresetName(row.policyPreset)) return { shopName: row.name, policy: presetPolicy(row.policyPreset) };
  return { shopName: row.name, policy: null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * HTML-escapes text and neutralises Liquid delimiters (the storefront pages' own `esc`): Shopify
 * renders the whole proxy answer as Liquid, so a merchant's "{{" must reach the shopper as text.
 */
export const text = (value: string): string => esc(value);

/** The page's own words in the shopper's language; the merchant's are marked as theirs (`theirs`). */
export type PolicyWords = { locale: Locale; intl: string; t: Translate };

/** "30 days from delivery", "1 year from purchase", "No time limit", in the shopper's language. */
export function describeWindow(words: PolicyWords, window: Window): string {
  if (window.unit === "unlimited") return words.t("policy_noLimit");
  const category = new Intl.PluralRules(words.intl).select(window.amount);
  const key = `policy_unit_${window.unit}_${category}`;
  const length = words.t(words.t(key) === key ? `policy_unit_${window.unit}_other` : key, { n: new Intl.NumberFormat(words.intl).format(window.amount) });
  return words.t("policy_window", { length, from: words.t(window.from === "receipt" ? "policy_from_receipt" : "policy_from_purchase") });
}

function list(items: string[], className?: string): string {
  if (items.length === 0) return "";
  return `<ul${className ? ` class="${className}"` : ""}>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;
}

function windows(words: PolicyWords, rules: WindowRule[], groups: Map<string, ItemGroup>): string {
  return list(
    rules.map((rule) => {
      const scope = rule.groups?.length ? ` (${rule.groups.map((g) => theirs(words, groups.get(g)?.label ?? g)).join(words.t("comma"))})` : "";
      return `<strong>${text(describeWindow(words, rule.window))}${scope}:</strong> ${theirs(words, rule.text)}`;
    }),
  );
}

function remedies(words: PolicyWords, resolutions: Resolution[]): string {
  const labels = resolutions.map((r) => words.t(`resolution_${r}`));
  const sentence = new Intl.ListFormat(words.intl, { type: "disjunction" }).format(labels);
  return `<p><strong>${text(words.t("policy_canHave"))}</strong> ${text(sentence)}</p>`;
}

function caseSection(words: PolicyWords, id: string, heading: string, rules: CaseRules, groups: Map<string, ItemGroup>): string {
  if (!rules.enabled) return `<section class="aftercare-policy__section" aria-labelledby="${id}"><h2 id="${id}">${text(heading)}</h2><p>${theirs(words, rules.text)}</p></section>`;
  const details = [
    rules.refund ? theirs(words, rules.refund.text) : null,
    rules.refundDelivery ? theirs(words, rules.refundDelivery.text) : null,
    theirs(words, rules.returnShipping.text),
    rules.photos ? theirs(words, rules.photos.text) : null,
    rules.causesNotCovered ? theirs(words, rules.causesNotCovered.text) : null,
  ].filter((d): d is string => d !== null);
  return [
    `<section class="aftercare-policy__section" aria-labelledby="${id}">`,
    `<h2 id="${id}">${text(heading)}</h2>`,
    `<p>${theirs(words, rules.text)}</p>`,
    windows(words, rules.windows, groups),
    remedies(words, rules.resolutions),
    list(details),
    `</section>`,
  ].join("");
}

function exclusionsSection(words: PolicyWords, policy: Policy, groups: Map<string, ItemGroup>): string {
  const { exclusions, conditions, causesNotCovered } = policy.returns;
  if (exclusions.length === 0 && conditions.length === 0 && !causesNotCovered) return "";
  const excluded = exclusions.map((rule) => {
    const labels = rule.groups.map((g) => theirs(words, groups.get(g)?.label ?? g)).join(words.t("comma"));
    return `<strong>${labels}:</strong> ${theirs(words, rule.text)}`;
  });
  return [
    `<section class="aftercare-policy__section" aria-labelledby="aftercare-excluded">`,
    `<h2 id="aftercare-excluded">${text(words.t("policy_excluded"))}</h2>`,
    list(excluded),
    conditions.length ? `<h3>${text(words.t("policy_conditions"))}</h3>${list(conditions.map((c) => theirs(words, c.text)))}` : "",
    causesNotCovered ? `<p>${theirs(words, causesNotCovered.text)}</p>` : "",
    `</section>`,
  ].join("");
}

function serviceItem(words: PolicyWords, service: ServiceRule): string {
  const facts = [
    service.appliesTo ? theirs(words, service.appliesTo.text) : null,
    ...service.windows.map((w) => `<strong>${text(describeWindow(words, w.window))}:</strong> ${theirs(words, w.text)}`),
    service.allowance ? theirs(words, service.allowance.text) : null,
    service.partsQuota ? theirs(words, service.partsQuota.text) : null,
    theirs(words, service.returnShipping.text),
    service.liabilityAcknowledgement ? theirs(words, service.liabilityAcknowledgement.text) : null,
    service.photos ? theirs(words, service.photos.text) : null,
    service.causesNotCovered ? theirs(words, service.causesNotCovered.text) : null,
  ].filter((f): f is string => f !== null);
  const name = service.label ? theirs(words, service.label) : text(words.t(`service_${service.service}`));
  return `<li><h3>${name} <span class="aftercare-policy__charge">${text(words.t(service.charge === "free" ? "policy_free" : "policy_paid"))}</span></h3><p>${theirs(words, service.text)}</p>${list(facts)}</li>`;
}

export type PageContext = { loggedIn: boolean; orderId: string | null };

const STYLE = `<style>
.aftercare-policy{line-height:1.55}
.aftercare-policy__section{margin:2rem 0}
.aftercare-policy__section h2{margin:0 0 .5rem;font-size:1.3em}
.aftercare-policy__section h3{margin:1rem 0 .25rem;font-size:1.05em}
.aftercare-policy__services{list-style:none;padding:0}
.aftercare-policy__charge{font-size:.8em;font-weight:normal;padding:.1em .5em;border:1px solid currentColor;border-radius:1em;margin-inline-start:.4em}
.aftercare-policy__notice{padding:1rem 1.25rem;border:1px solid rgba(0,0,0,.15);border-radius:.5rem}
</style>`;

const PAGE_STYLE = `<style>.aftercare-page{max-width:46rem;margin:2rem auto;padding:0 1.25rem;line-height:1.55}.aftercare-page h1{margin:0 0 .5rem}</style>`;

/**
 * The shop's policy inside the portal (renderPortal), in the shopper's language around the
 * merchant's words. It has no <h1> of its own: the portal's is the page's one; its sections are
 * the page's <h2>s. `orderId` only tailors the wording: no order is looked up here.
 */
export function renderPolicyPage({ shopName, policy }: ShopPolicy, context: PageContext, words: PolicyWords): string {
  const { t } = words;
  const login = context.loggedIn
    ? ""
    : `<p class="aftercare-policy__notice" role="note">${text(t("policy_login"))} <a href="{{ routes.account_login_url }}">${text(t("policy_loginLink"))}</a></p>`;
  const shop = shopName ? theirs(words, shopName) : text(t("policy_thisShop"));
  if (!policy) {
    return `${STYLE}<div class="aftercare-policy"><p>${html(words, "policy_notPublished", { shop })}</p>${login}</div>`;
  }
  const groups = new Map(policy.groups.map((g) => [g.id, g]));
  const services = policy.services.filter((s) => s.enabled);
  const forOrder = context.orderId && context.loggedIn ? `<p>${html(words, "policy_forOrder", { shop })}</p>` : "";
  return [
    STYLE,
    `<div class="aftercare-policy" data-aftercare-policy>`,
    policy.summary ? `<p class="aftercare-policy__summary">${theirs(words, policy.summary)}</p>` : "",
    forOrder,
    login,
    caseSection(words, "aftercare-returns", t("policy_returns"), policy.returns.changeOfMind, groups),
    caseSection(words, "aftercare-faulty", t("policy_faulty"), policy.returns.faulty, groups),
    exclusionsSection(words, policy, groups),
    caseSection(words, "aftercare-warranty", t("policy_warranty"), policy.warranty, groups),
    services.length
      ? `<section class="aftercare-policy__section" aria-labelledby="aftercare-services"><h2 id="aftercare-services">${text(t("policy_services"))}</h2><ul class="aftercare-policy__services">${services.map((s) => serviceItem(words, s)).join("")}</ul></section>`
      : "",
    `<section class="aftercare-policy__section" aria-labelledby="aftercare-proof"><h2 id="aftercare-proof">${text(t("policy_proof"))}</h2><p>${theirs(words, policy.proofOfPurchase.text)}</p>${list(policy.notes.map((n) => theirs(words, n.text)))}</section>`,
    `</div>`,
  ].join("");
}

export function renderNotInstalled(): string {
  return `${PAGE_STYLE}<article class="aftercare-page"><h1>Returns, repairs and aftercare</h1><p>This page is not available at the moment. Please contact the shop for help with an order.</p></article>`;
}

export function renderBadRequest(error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  return `${PAGE_STYLE}<article class="aftercare-page"><h1>Returns, repairs and aftercare</h1><p>This link is not quite right (${text(problems.join("; "))}). Open your order from your account and follow its aftercare link again.</p></article>`;
}
