import { formatMoneyIn } from "../../domain/money";
import type { Policy, ServiceRule, Window } from "../../domain/policy/schema";
import type { FieldIssue, IssueParams, PolicyWarning } from "../../domain/policy/validate";
import type { Translate } from "../../i18n/admin";

/**
 * The policy editor's words that are made from the policy's rules rather than written by the
 * merchant: the check's problems and warnings, time limits, lists and the policy's highlights, in
 * the admin's language (locales: `policyEditor.*`). The merchant's own words (group names, what
 * shoppers read) are quoted as written. Client-safe: the editor checks in the browser.
 */

/** "a, b or c" in the reader's language (Intl), for the rules' own lists. */
export function listOf(locale: string, items: string[], kind: "and" | "or" = "and"): string {
  try {
    return new Intl.ListFormat(locale, { style: "long", type: kind === "and" ? "conjunction" : "disjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

type Period = { unit: "days" | "working_days" | "months" | "years"; amount: number };

const periodText = (t: Translate, p: Period) => t(`policyEditor.words.period.${p.unit}`, { count: p.amount });

/** "30 days from receipt", "1 an après l'achat", "no time limit". */
export function windowText(t: Translate, window: Window): string {
  if (window.unit === "unlimited") return t("policyEditor.words.window.unlimited");
  return t(`policyEditor.words.window.${window.from === "purchase" ? "purchase" : "receipt"}`, { period: periodText(t, window) });
}

export function serviceKindName(t: Translate, service: string): string {
  return t(`policyEditor.words.service.${service}`);
}

/** The values a message names, in the reader's language: rule keys become words, numbers and periods read as the locale writes them. */
function shown(t: Translate, locale: string, params: IssueParams = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" || typeof value === "number") out[key] = value;
    else if (typeof value === "boolean") out[key] = String(value);
  }
  if (typeof params.case === "string") out.case = t(`policyEditor.words.case.${params.case}`);
  if (typeof params.where === "string") out.where = t(`policyEditor.warning.where.${params.where}`);
  if (typeof params.cause === "string") out.cause = t(`policyEditor.words.cause.${params.cause}`);
  if (typeof params.service === "string") out.service = serviceKindName(t, params.service);
  if (typeof params.price === "string") out.price = t(`policyEditor.issue.charge.${params.price}`);
  if (typeof params.charge === "string") out.charge = t(`policyEditor.issue.charge.${params.charge}`);
  if (typeof params.currency === "string" && typeof params.fee === "number" && typeof params.price === "number") {
    out.fee = formatMoneyIn(params.fee, params.currency, locale);
    out.price = formatMoneyIn(params.price, params.currency, locale);
  }
  // A wording warning's section: the case as the check names it ("Change of mind"), or the service by the name shoppers see (else its kind).
  out.section = typeof params.case === "string" ? t(`policyEditor.words.section.${params.case}`) : typeof params.label === "string" ? params.label : typeof params.service === "string" ? serviceKindName(t, params.service) : "";
  if (Array.isArray(params.periods)) out.periods = listOf(locale, [...new Set((params.periods as Period[]).map((p) => periodText(t, p)))], "or");
  if (Array.isArray(params.percents)) out.percents = listOf(locale, (params.percents as number[]).map((p) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(p / 100)), "or");
  if (Array.isArray(params.amounts)) out.amounts = listOf(locale, (params.amounts as number[]).map((a) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(a)), "or");
  if (Array.isArray(params.values)) out.values = listOf(locale, params.values as string[], "or");
  if (Array.isArray(params.keys)) out.keys = listOf(locale, params.keys as string[]);
  return out;
}

/** A problem on a field, in the reader's language; an issue without a code (from elsewhere) as it was written. */
export function issueText(t: Translate, locale: string, issue: Pick<FieldIssue, "code" | "params" | "message">): string {
  return issue.code ? t(`policyEditor.issue.${issue.code}`, shown(t, locale, issue.params)) : issue.message;
}

export function warningText(t: Translate, locale: string, warning: Pick<PolicyWarning, "code" | "params" | "message">): string {
  return warning.code ? t(`policyEditor.warning.${warning.code}`, shown(t, locale, warning.params)) : warning.message;
}

function groupNames(policy: Policy, ids: string[], locale: string): string {
  return listOf(locale, ids.map((id) => policy.groups.find((g) => g.id === id)?.label ?? id));
}

function priceText(t: Translate, s: ServiceRule, amount: (decimal: string) => string): string {
  if (!s.price) return t(s.charge === "free" ? "policyEditor.highlights.free" : "policyEditor.highlights.paid");
  if (s.price.kind === "free") return t("policyEditor.highlights.free");
  if (s.price.kind === "fixed") return amount(s.price.amount);
  return t("policyEditor.highlights.quote");
}

/**
 * The policy in five lines for the merchant (the start page's presets, the live policy card):
 * the same facts as the domain's `policyHighlights`, in the admin's language. Group and service
 * names are the merchant's.
 */
export function policyHighlightsIn(t: Translate, locale: string, policy: Policy, amount: (decimal: string) => string): string[] {
  const lines: string[] = [];
  const windows = (list: { window: Window; groups?: string[] }[], withGroups: boolean) =>
    listOf(locale, list.map((w) => windowText(t, w.window) + (withGroups && w.groups ? ` (${groupNames(policy, w.groups, locale)})` : "")), "or");
  const cm = policy.returns.changeOfMind;
  lines.push(
    cm.enabled
      ? t("policyEditor.highlights.changeOfMind", { windows: windows(cm.windows, true), resolutions: listOf(locale, cm.resolutions.map((r) => t(`policyEditor.words.resolution.${r}`)), "or") })
      : t("policyEditor.highlights.noChangeOfMind"),
  );
  if (policy.returns.exclusions.length) {
    const groups = policy.returns.exclusions.map((e) => (e.unlessFaulty ? t("policyEditor.highlights.unlessFaulty", { groups: groupNames(policy, e.groups, locale) }) : groupNames(policy, e.groups, locale)));
    lines.push(t("policyEditor.highlights.never", { groups: listOf(locale, groups) }));
  }
  const faulty = policy.returns.faulty;
  lines.push(faulty.enabled ? t("policyEditor.highlights.faulty", { windows: windows(faulty.windows, false) }) : t("policyEditor.highlights.noFaulty"));
  const warranty = policy.warranty;
  lines.push(warranty.enabled ? t("policyEditor.highlights.warranty", { windows: windows(warranty.windows, false) }) : t("policyEditor.highlights.noWarranty"));
  const services = policy.services.filter((s) => s.enabled);
  lines.push(
    services.length
      ? t("policyEditor.highlights.services", { services: listOf(locale, services.map((s) => t("policyEditor.highlights.service", { name: s.label ?? serviceKindName(t, s.service), price: priceText(t, s, amount) }))) })
      : t("policyEditor.highlights.noServices"),
  );
  return lines;
}
