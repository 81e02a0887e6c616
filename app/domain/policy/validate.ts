import type { z } from "zod";

import { formatMoneyIn, parseMinorUnits } from "../money";
import { policySchema, type CaseRules, type ItemGroup, type Matcher, type Policy, type WindowRule } from "./schema";
import { wordingWarnings, type IssueParams, type PolicyWarning } from "./consistency";

/**
 * A problem that stops the document being saved, on the field it belongs to
 * ("returns.changeOfMind.windows.0.window.amount"): `message` in English (the command line, the
 * server's logs), and, for the admin to say it in the merchant's language, a `code` with what it
 * names (locales: `policyEditor.issue.<code>`), read from the zod issue's own fields, never from
 * its English message.
 */
export type FieldIssue = { path: string; message: string; code?: string; params?: IssueParams };
// The warning type lives on the lower side (consistency.ts, which validate calls), so the two do not import each other.
export type { IssueParams, PolicyWarning } from "./consistency";

export type PolicyCheck = { policy: Policy | null; errors: FieldIssue[]; warnings: PolicyWarning[] };

export type CheckContext = {
  /** The shop's country (ISO 3166): UK and EU shops are checked against the 14-day right to cancel. */
  country?: string;
  /** The cheapest item the shop sells, for fees that would swallow a whole refund. */
  cheapestItem?: { title: string; price: string; currency: string };
};

// EU member states and the EEA, whose consumer-rights rules give the same 14-day right.
const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split(" "));

export function hasCancellationRight(country: string | undefined): boolean {
  return country === "GB" || (country !== undefined && EU.has(country));
}

export function issuePath(path: PropertyKey[]): string {
  return path.map(String).join(".");
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "required";
  return issue.message;
}

/** The code and values of a schema issue, from its kind and limits (and the field, where the same limit means another thing). */
export function issueCode(issue: z.core.$ZodIssue): { code: string; params?: IssueParams } {
  const last = String(issue.path[issue.path.length - 1] ?? "");
  switch (issue.code) {
    case "custom": {
      const { code, ...params } = (issue.params ?? {}) as { code?: string } & IssueParams;
      return code ? { code, params } : { code: "invalid" };
    }
    case "invalid_type":
      if (issue.input === undefined) return { code: "required" };
      return issue.expected === "int" ? { code: "wholeNumber" } : { code: "wrongType", params: { expected: issue.expected } };
    case "too_small": {
      const least = Number(issue.minimum);
      if (issue.origin === "string") return last === "text" ? { code: "words" } : least <= 1 ? { code: "empty" } : { code: "tooShort", params: { count: least } };
      if (issue.origin === "array") return { code: "atLeastItems", params: { count: least } };
      return issue.inclusive ? { code: "atLeast", params: { minimum: least } } : least === 0 ? { code: "positive" } : { code: "above", params: { minimum: least } };
    }
    case "too_big": {
      const most = Number(issue.maximum);
      if (issue.origin === "string") return { code: "tooLong", params: { count: most } };
      if (issue.origin === "array") return { code: "atMostItems", params: { count: most } };
      return last === "basisPoints" ? { code: "quotaAbove100" } : { code: "atMost", params: { maximum: most } };
    }
    case "invalid_format": {
      const pattern = "pattern" in issue ? String(issue.pattern) : "";
      if (pattern.includes("a-z0-9")) return { code: "idFormat" };
      if (pattern.includes("\\d+")) return { code: "amountFormat" };
      if (pattern.includes("[A-Z]{2}$")) return { code: "countryFormat" };
      return issue.path[0] === "translations" ? { code: "languageFormat" } : { code: "invalid" };
    }
    case "invalid_value":
      return { code: "oneOf", params: { values: issue.values.map(String) } };
    case "unrecognized_keys":
      return { code: "unknownKeys", params: { keys: issue.keys } };
    default:
      return { code: "invalid" };
  }
}

/**
 * Checks a policy document as the merchant types: the schema's errors mapped to fields, then,
 * for a document that parses, what it would be worth telling the merchant before publishing.
 * Pure, so the editor runs it in the browser on every keystroke and the server runs it again
 * before it saves anything.
 */
export function checkPolicy(input: unknown, context: CheckContext = {}): PolicyCheck {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) {
    return { policy: null, errors: parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: friendly(issue), ...issueCode(issue) })), warnings: [] };
  }
  const policy = parsed.data;
  const errors = feeErrors(policy, context);
  const warnings = [...contradictions(policy), ...unusedGroups(policy), ...wordingWarnings(policy)];
  if (hasCancellationRight(context.country)) warnings.push(...lawWarnings(policy, context.country === "GB" ? "UK" : "EU"));
  return { policy: errors.length ? null : policy, errors, warnings };
}

function offeredCases(policy: Policy): { path: string; key: string; name: string; rules: CaseRules }[] {
  return [
    { path: "returns.changeOfMind", key: "changeOfMind", name: "Change-of-mind returns", rules: policy.returns.changeOfMind },
    { path: "returns.faulty", key: "faulty", name: "Faulty-item returns", rules: policy.returns.faulty },
    { path: "warranty", key: "warranty", name: "The warranty", rules: policy.warranty },
  ];
}

function feeErrors(policy: Policy, context: CheckContext): FieldIssue[] {
  const errors: FieldIssue[] = [];
  const cheapest = context.cheapestItem;
  for (const { path, rules } of offeredCases(policy)) {
    if (!rules.enabled || !rules.fees?.returnShippingFee) continue;
    const fee = rules.fees.returnShippingFee;
    if (!cheapest) continue;
    try {
      if (parseMinorUnits(fee, cheapest.currency) > parseMinorUnits(cheapest.price, cheapest.currency)) {
        errors.push({
          path: `${path}.fees.returnShippingFee`,
          message: `a ${formatMoneyIn(parseMinorUnits(fee, cheapest.currency), cheapest.currency, "en")} fee is above the price of "${cheapest.title}" (${formatMoneyIn(parseMinorUnits(cheapest.price, cheapest.currency), cheapest.currency, "en")}): it would take the whole refund`,
          code: "feeAbovePrice",
          params: { fee: parseMinorUnits(fee, cheapest.currency), price: parseMinorUnits(cheapest.price, cheapest.currency), currency: cheapest.currency, item: cheapest.title },
        });
      }
    } catch (error) {
      errors.push({ path: `${path}.fees.returnShippingFee`, message: (error as Error).message, code: "amountFormat" });
    }
  }
  return errors;
}

/** Whether two groups can hold the same item: same values on a shared criterion, or one with no criterion the other has. */
function overlaps(a: Matcher, b: Matcher): boolean {
  const keys = ["productTypes", "tags", "collections", "properties"] as const;
  let shared = false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (!x || !y) continue;
    shared = true;
    const lower = new Set(x.map((v) => v.toLowerCase()));
    if (!y.some((v) => lower.has(v.toLowerCase()))) return false;
  }
  if (a.onSale !== undefined && b.onSale !== undefined && a.onSale !== b.onSale) return false;
  // Different criteria (a product type against a tag) may well meet on one item: say so only
  // when they share one and agree on it, to keep the warning for real conflicts.
  return shared;
}

function contradictions(policy: Policy): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  const byId = new Map(policy.groups.map((g) => [g.id, g]));
  const label = (g: ItemGroup) => g.label;
  const changeOfMind = policy.returns.changeOfMind;
  if (changeOfMind.enabled) {
    policy.returns.exclusions.forEach((exclusion, i) => {
      changeOfMind.windows.forEach((window, j) => {
        for (const wid of window.groups ?? []) {
          if (exclusion.groups.includes(wid)) {
            warnings.push({ kind: "contradiction", path: `returns.changeOfMind.windows.${j}.groups`, message: `"${byId.get(wid)?.label ?? wid}" is excluded from returns, yet has its own return window: the exclusion wins, so the window never applies.`, code: "excludedWindow", params: { group: byId.get(wid)?.label ?? wid } });
            continue;
          }
          for (const eid of exclusion.groups) {
            const excluded = byId.get(eid);
            const allowed = byId.get(wid);
            if (excluded && allowed && overlaps(excluded.match, allowed.match)) {
              warnings.push({
                kind: "contradiction",
                path: `returns.exclusions.${i}.groups`,
                message: `${label(excluded)} are excluded, but the '${label(allowed)}' group allows returns: which wins? (Today the exclusion does.)`,
                code: "exclusionOverlap",
                params: { excluded: label(excluded), allowed: label(allowed) },
              });
            }
          }
        }
      });
    });
  }
  for (const { path, key, name, rules } of offeredCases(policy)) {
    if (!rules.enabled) continue;
    const offers = new Set(rules.resolutions);
    if (rules.refund?.method === "store_credit" && !offers.has("store_credit")) {
      warnings.push({ kind: "contradiction", path: `${path}.refund.method`, message: `${name} pay back in store credit, but store credit is not among the resolutions offered.`, code: "creditNotOffered", params: { case: key } });
    }
    if (rules.refund?.method === "original_payment" && !offers.has("refund") && offers.has("store_credit")) {
      warnings.push({ kind: "contradiction", path: `${path}.refund.method`, message: `${name} refund to the original payment, but only store credit is offered.`, code: "refundNotOffered", params: { case: key } });
    }
    if (rules.refund?.storeCreditExpiryDays && !offers.has("store_credit") && rules.refund.method !== "store_credit") {
      warnings.push({ kind: "contradiction", path: `${path}.refund.storeCreditExpiryDays`, message: `Store credit expiry is set, but ${name.toLowerCase()} never give store credit.`, code: "expiryUnused", params: { case: key } });
    }
    if (rules.bonus?.storeCreditPercent && !offers.has("store_credit")) {
      warnings.push({ kind: "contradiction", path: `${path}.bonus.storeCreditPercent`, message: `A store-credit bonus is set, but store credit is not offered for ${name.toLowerCase()}.`, code: "creditBonusUnused", params: { case: key } });
    }
    if (rules.bonus?.exchangePercent && !offers.has("exchange")) {
      warnings.push({ kind: "contradiction", path: `${path}.bonus.exchangePercent`, message: `An exchange bonus is set, but exchanges are not offered for ${name.toLowerCase()}.`, code: "exchangeBonusUnused", params: { case: key } });
    }
    const covered = rules.causesCovered?.causes ?? [];
    const notCovered = new Set(rules.causesNotCovered?.causes ?? []);
    for (const cause of covered) {
      if (notCovered.has(cause)) warnings.push({ kind: "contradiction", path: `${path}.causesCovered.causes`, message: `"${cause.replace(/_/g, " ")}" is both covered and not covered.`, code: "causeBoth", params: { cause } });
    }
  }
  return warnings;
}

function unusedGroups(policy: Policy): PolicyWarning[] {
  const used = new Set<string>();
  const add = (ids: string[] | undefined) => ids?.forEach((id) => used.add(id));
  policy.returns.exclusions.forEach((r) => add(r.groups));
  policy.returns.conditions.forEach((r) => add(r.groups));
  for (const { rules } of offeredCases(policy)) if (rules.enabled) rules.windows.forEach((w) => add(w.groups));
  policy.services.forEach((s) => {
    add(s.appliesTo?.groups);
    s.windows.forEach((w) => add(w.groups));
  });
  return policy.groups.flatMap((g, i) =>
    used.has(g.id) ? [] : [{ kind: "unused" as const, path: `groups.${i}`, message: `No rule uses the group "${g.label}" yet.`, code: "groupUnused", params: { group: g.label } }],
  );
}

/** Roughly how many calendar days a window gives from receipt (purchase-anchored ones lose the transit days). */
function daysFromReceipt(window: WindowRule["window"]): number {
  if (window.unit === "unlimited") return Infinity;
  const days = window.unit === "days" ? window.amount : window.unit === "working_days" ? Math.floor((window.amount * 7) / 5) : window.unit === "months" ? window.amount * 28 : window.amount * 365;
  return window.from === "purchase" ? days - 3 : days;
}

function isHygieneOrMadeToOrder(group: ItemGroup | undefined): boolean {
  if (!group) return false;
  if (group.match.properties) return true;
  const words = [group.id, group.label, ...(group.match.tags ?? []), ...(group.match.productTypes ?? [])].join(" ").toLowerCase();
  return /pierc|earring|hygien|made.to.order|engrav|personal|custom|bespoke/.test(words);
}

/**
 * UK Consumer Contracts Regulations 2013 and EU Directive 2011/83/EU: 14 days from receipt to
 * cancel an online purchase, the price and standard delivery refunded by the original means of
 * payment, with exceptions for sealed hygiene goods unsealed after delivery and goods made to
 * the consumer's specification. A policy may be more generous, never less.
 */
function lawWarnings(policy: Policy, where: "UK" | "EU"): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  const law = `${where} law gives online shoppers 14 days from receipt to cancel`;
  const rules = policy.returns.changeOfMind;
  if (!rules.enabled) {
    return [{ kind: "law", path: "returns.changeOfMind.enabled", message: `${law}: change-of-mind returns cannot be switched off for online orders.`, code: "lawSwitchedOff", params: { where } }];
  }
  const general = rules.windows.filter((w) => !w.groups);
  const best = Math.max(...(general.length ? general : rules.windows).map((w) => daysFromReceipt(w.window)));
  if (best < 14) warnings.push({ kind: "law", path: "returns.changeOfMind.windows", message: `${law}; the longest window here is shorter.`, code: "lawLongestShorter", params: { where } });
  rules.windows.forEach((w, i) => {
    if (w.groups && daysFromReceipt(w.window) < 14) warnings.push({ kind: "law", path: `returns.changeOfMind.windows.${i}.window`, message: `${law}; this window is shorter for the items it covers.`, code: "lawWindowShorter", params: { where } });
  });
  const byId = new Map(policy.groups.map((g) => [g.id, g]));
  policy.returns.exclusions.forEach((exclusion, i) => {
    const lawful = exclusion.groups.every((id) => isHygieneOrMadeToOrder(byId.get(id)));
    if (!lawful) {
      warnings.push({ kind: "law", path: `returns.exclusions.${i}`, message: `${law}; only sealed hygiene items opened after delivery and made-to-order items may be excluded.`, code: "lawExclusion", params: { where } });
    }
  });
  if (!rules.refundDelivery) {
    warnings.push({ kind: "law", path: "returns.changeOfMind.refundDelivery", message: `On cancellation within 14 days, ${where} law refunds the standard delivery charge too.`, code: "lawDelivery", params: { where } });
  }
  if (!rules.resolutions.includes("refund")) {
    warnings.push({ kind: "law", path: "returns.changeOfMind.resolutions", message: `Within the 14-day right, money goes back by the original payment method, not only as credit or exchange.`, code: "lawOriginalPayment", params: { where } });
  }
  if (rules.fees?.restockingPercent) {
    warnings.push({ kind: "law", path: "returns.changeOfMind.fees.restockingPercent", message: `A restocking fee cannot be charged on a cancellation within 14 days (${where}); only a loss of value from handling may be deducted.`, code: "lawRestocking", params: { where } });
  }
  return warnings;
}
