import type { z } from "zod";

import { isPresetName, policySchema, presetPolicy, type Policy } from "../../domain";
import type { CaseRules, ItemGroup, ServiceRule, Window, WindowRule } from "../../domain/policy/schema";
import type { Resolution, ServiceKind } from "../../domain/vocabulary";
import { logger } from "../../logger.server";
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
 * HTML-escapes text and neutralises Liquid delimiters: Shopify renders the whole proxy answer
 * as Liquid, so a merchant's "{{" must reach the shopper as text, not run as code.
 */
export function text(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/\{/g, "&#123;")
    .replace(/\}/g, "&#125;")
    .replace(/%/g, "&#37;");
}

const RESOLUTION_LABELS: Record<Resolution, string> = {
  refund: "a refund",
  store_credit: "store credit",
  exchange: "an exchange",
  repair: "a repair",
  replacement: "a replacement",
  parts: "replacement parts",
  service: "the service",
};

export const SERVICE_LABELS: Record<ServiceKind, string> = {
  crystal_replacement: "Crystal replacement",
  repair_by_merchant: "Repair by our workshop",
  cleaning: "Cleaning",
  resize: "Resizing",
  redesign: "Redesign",
  accessory_repair: "Accessory repair",
  restoration: "Restoration",
};

const UNIT_LABELS = { days: ["day", "days"], working_days: ["working day", "working days"], months: ["month", "months"], years: ["year", "years"] } as const;

/** "30 days from delivery", "1 year from purchase", "No time limit". */
export function describeWindow(window: Window): string {
  if (window.unit === "unlimited") return "No time limit";
  const [one, many] = UNIT_LABELS[window.unit];
  return `${window.amount} ${window.amount === 1 ? one : many} from ${window.from === "receipt" ? "delivery" : "purchase"}`;
}

function list(items: string[], className?: string): string {
  if (items.length === 0) return "";
  return `<ul${className ? ` class="${className}"` : ""}>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;
}

function windows(rules: WindowRule[], groups: Map<string, ItemGroup>): string {
  return list(
    rules.map((rule) => {
      const scope = rule.groups?.length ? ` (${rule.groups.map((g) => text(groups.get(g)?.label ?? g)).join(", ")})` : "";
      return `<strong>${text(describeWindow(rule.window))}${scope}:</strong> ${text(rule.text)}`;
    }),
  );
}

function remedies(resolutions: Resolution[]): string {
  const labels = resolutions.map((r) => RESOLUTION_LABELS[r]);
  const sentence = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : labels[0];
  return `<p><strong>What you can have:</strong> ${text(sentence)}.</p>`;
}

function caseSection(id: string, heading: string, rules: CaseRules, groups: Map<string, ItemGroup>): string {
  if (!rules.enabled) return `<section class="aftercare-policy__section" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><p>${text(rules.text)}</p></section>`;
  const details = [
    rules.refund ? text(rules.refund.text) : null,
    rules.refundDelivery ? text(rules.refundDelivery.text) : null,
    text(rules.returnShipping.text),
    rules.photos ? text(rules.photos.text) : null,
    rules.causesNotCovered ? text(rules.causesNotCovered.text) : null,
  ].filter((d): d is string => d !== null);
  return [
    `<section class="aftercare-policy__section" aria-labelledby="${id}">`,
    `<h2 id="${id}">${heading}</h2>`,
    `<p>${text(rules.text)}</p>`,
    windows(rules.windows, groups),
    remedies(rules.resolutions),
    list(details),
    `</section>`,
  ].join("");
}

function exclusionsSection(policy: Policy, groups: Map<string, ItemGroup>): string {
  const { exclusions, conditions, causesNotCovered } = policy.returns;
  if (exclusions.length === 0 && conditions.length === 0 && !causesNotCovered) return "";
  const excluded = exclusions.map((rule) => {
    const labels = rule.groups.map((g) => text(groups.get(g)?.label ?? g)).join(", ");
    return `<strong>${labels}:</strong> ${text(rule.text)}`;
  });
  return [
    `<section class="aftercare-policy__section" aria-labelledby="aftercare-excluded">`,
    `<h2 id="aftercare-excluded">What we cannot take back</h2>`,
    list(excluded),
    conditions.length ? `<h3>Returned items must be</h3>${list(conditions.map((c) => text(c.text)))}` : "",
    causesNotCovered ? `<p>${text(causesNotCovered.text)}</p>` : "",
    `</section>`,
  ].join("");
}

function serviceItem(service: ServiceRule): string {
  const facts = [
    service.appliesTo ? text(service.appliesTo.text) : null,
    ...service.windows.map((w) => `<strong>${text(describeWindow(w.window))}:</strong> ${text(w.text)}`),
    service.allowance ? text(service.allowance.text) : null,
    service.partsQuota ? text(service.partsQuota.text) : null,
    text(service.returnShipping.text),
    service.liabilityAcknowledgement ? text(service.liabilityAcknowledgement.text) : null,
    service.photos ? text(service.photos.text) : null,
    service.causesNotCovered ? text(service.causesNotCovered.text) : null,
  ].filter((f): f is string => f !== null);
  return `<li><h3>${text(service.label ?? SERVICE_LABELS[service.service])} <span class="aftercare-policy__charge">${service.charge === "free" ? "Free" : "Paid"}</span></h3><p>${text(service.text)}</p>${list(facts)}</li>`;
}

export type PageContext = { loggedIn: boolean; orderId: string | null };

const STYLE = `<style>
.aftercare-policy{max-width:46rem;margin:2rem auto;padding:0 1.25rem;line-height:1.55}
.aftercare-policy h1{margin:0 0 .5rem}
.aftercare-policy__section{margin:2rem 0}
.aftercare-policy__section h2{margin:0 0 .5rem;font-size:1.3em}
.aftercare-policy__section h3{margin:1rem 0 .25rem;font-size:1.05em}
.aftercare-policy__services{list-style:none;padding:0}
.aftercare-policy__charge{font-size:.8em;font-weight:normal;padding:.1em .5em;border:1px solid currentColor;border-radius:1em;margin-left:.4em}
.aftercare-policy__notice{padding:1rem 1.25rem;border:1px solid rgba(0,0,0,.15);border-radius:.5rem}
</style>`;

/** The page for a shop and shopper. `orderId` only tailors the wording: no order is looked up here. */
export function renderPolicyPage({ shopName, policy }: ShopPolicy, context: PageContext): string {
  const title = "Returns, repairs and aftercare";
  const login = context.loggedIn
    ? ""
    : `<p class="aftercare-policy__notice" role="note">Log in to your account to start a return, a warranty claim or a repair for one of your orders. <a href="{{ routes.account_login_url }}">Log in</a></p>`;
  if (!policy) {
    return `${STYLE}<article class="aftercare-policy"><h1>${title}</h1><p>${text(shopName ?? "This shop")} has not published its after-sales policy here yet. Please contact the shop for help with an order.</p>${login}</article>`;
  }
  const groups = new Map(policy.groups.map((g) => [g.id, g]));
  const services = policy.services.filter((s) => s.enabled);
  const forOrder = context.orderId && context.loggedIn ? `<p>Here is what ${text(shopName ?? "the shop")} offers for your order and everything else you bought.</p>` : "";
  return [
    STYLE,
    `<article class="aftercare-policy" data-aftercare-policy>`,
    `<h1>${title}</h1>`,
    policy.summary ? `<p class="aftercare-policy__summary">${text(policy.summary)}</p>` : "",
    forOrder,
    login,
    caseSection("aftercare-returns", "Returns", policy.returns.changeOfMind, groups),
    caseSection("aftercare-faulty", "Faulty or damaged items", policy.returns.faulty, groups),
    exclusionsSection(policy, groups),
    caseSection("aftercare-warranty", "Warranty", policy.warranty, groups),
    services.length
      ? `<section class="aftercare-policy__section" aria-labelledby="aftercare-services"><h2 id="aftercare-services">Care and repair services</h2><ul class="aftercare-policy__services">${services.map(serviceItem).join("")}</ul></section>`
      : "",
    `<section class="aftercare-policy__section" aria-labelledby="aftercare-proof"><h2 id="aftercare-proof">Proof of purchase</h2><p>${text(policy.proofOfPurchase.text)}</p>${list(policy.notes.map((n) => text(n.text)))}</section>`,
    `</article>`,
  ].join("");
}

export function renderNotInstalled(): string {
  return `${STYLE}<article class="aftercare-policy"><h1>Returns, repairs and aftercare</h1><p>This page is not available at the moment. Please contact the shop for help with an order.</p></article>`;
}

export function renderBadRequest(error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  return `${STYLE}<article class="aftercare-policy"><h1>Returns, repairs and aftercare</h1><p>This link is not quite right (${text(problems.join("; "))}). Open your order from your account and follow its aftercare link again.</p></article>`;
}
