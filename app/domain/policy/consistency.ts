import type { OfferedCase, Policy, ServiceRule, Window } from "./schema";

/** A number of days, working days, months or years, as a warning names it. */
export type Period = { unit: "days" | "working_days" | "months" | "years"; amount: number };

/**
 * What an issue or a warning names beside its code, for the admin to say it in the merchant's
 * language: ids and the merchant's own words as written, rule keys, numbers and periods.
 */
export type IssueParams = Record<string, string | number | boolean | string[] | number[] | Period[]>;

/**
 * Saved anyway, but the merchant should look: rules that contradict, or fall short of the law.
 * `message` is the English sentence (the command line, logs); `code` and `params` let the admin
 * say it in the merchant's language (locales: `policyEditor.warning.<code>`).
 */
export type PolicyWarning = { path: string; message: string; kind: "contradiction" | "wording" | "law" | "unused"; code: string; params: IssueParams };

/**
 * A section's own words checked against the rules beside them: a sentence naming a number of
 * days, a percentage or an amount the section's rules do not have ("within 30 days" while the
 * window is 14 days) is a warning, since shoppers read the words and the engine decides by the
 * rules. "100%" is left alone ("Not 100% happy?"), as are percentages and amounts in a section
 * with no rule of that kind.
 */


const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const NUMBER = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join("|")}|an?)`;
const PERIOD = new RegExp(`\\b${NUMBER}[ -](working |business )?(day|week|month|year)s?\\b`, "gi");
const PERCENT = /(\d{1,3}(?:\.\d+)?)\s?%/g;
const AMOUNT = /(?:[£$€]|\b(?:GBP|USD|EUR|AED|SAR|QAR|KWD|BHD|OMR)\s?)(\d{1,6}(?:[.,]\d{1,3})?)\b|\b(\d{1,6}(?:[.,]\d{1,3})?)\s?(?:GBP|USD|EUR|AED|SAR|QAR|KWD|BHD|OMR)\b/g;

function count(word: string): number {
  const w = word.toLowerCase();
  if (w === "a" || w === "an") return 1;
  return NUMBER_WORDS[w] ?? Number(w);
}

/** Each period a text names ("30 days", "14 working days", "one year", "2-week"), weeks as days. */
export function periodsIn(text: string): (Period & { words: string })[] {
  return [...text.matchAll(PERIOD)].map((m) => {
    const n = count(m[1]);
    const unit = m[3].toLowerCase();
    if (unit === "week") return { unit: m[2] ? "working_days" : "days", amount: n * (m[2] ? 5 : 7), words: m[0] } as const;
    if (unit === "day") return { unit: m[2] ? "working_days" : "days", amount: n, words: m[0] } as const;
    return { unit: unit === "month" ? "months" : "years", amount: n, words: m[0] } as const;
  });
}

const samePeriod = (a: Period, b: Period) => a.unit === b.unit && a.amount === b.amount;
const periodOf = (w: Window): Period | null => (w.unit === "unlimited" ? null : { unit: w.unit, amount: w.amount });
const periodWords = (p: Period) => `${p.amount} ${p.unit.replace("_", " ")}`;
const amountNumber = (s: string) => Number(s.replace(",", "."));

/** A section: its sentences (a window's with that window), its windows, its other periods, percentages and amounts. */
type Section = { path: string; name: string; names: IssueParams; texts: { path: string; text: string; own?: Period[] }[]; windows: Period[]; others: Period[]; percents: number[]; amounts: number[] };

function caseSection(path: string, name: string, key: string, rules: OfferedCase): Section {
  const windows = rules.windows.map((w) => periodOf(w.window)).filter((p): p is Period => p !== null);
  const others: Period[] = rules.refund?.storeCreditExpiryDays ? [{ unit: "days", amount: rules.refund.storeCreditExpiryDays }] : [];
  const texts: Section["texts"] = [{ path: `${path}.text`, text: rules.text }];
  rules.windows.forEach((w, i) => {
    const own = periodOf(w.window);
    texts.push({ path: `${path}.windows.${i}.text`, text: w.text, own: own ? [own] : [] });
  });
  if (rules.refund) texts.push({ path: `${path}.refund.text`, text: rules.refund.text });
  if (rules.bonus) texts.push({ path: `${path}.bonus.text`, text: (rules.bonus as { text?: string }).text ?? "" });
  if (rules.fees) texts.push({ path: `${path}.fees.text`, text: (rules.fees as { text?: string }).text ?? "" });
  const percents = [rules.bonus?.storeCreditPercent, rules.bonus?.exchangePercent, rules.fees?.restockingPercent].filter((n): n is number => typeof n === "number");
  const amounts = [rules.fees?.returnShippingFee].filter((a): a is string => typeof a === "string").map(amountNumber);
  return { path, name, names: { case: key }, texts, windows, others, percents, amounts };
}

function serviceSection(i: number, service: ServiceRule): Section {
  const path = `services.${i}`;
  const windows = service.windows.map((w) => periodOf(w.window)).filter((p): p is Period => p !== null);
  const others: Period[] = service.turnaround?.days ? [{ unit: "days", amount: service.turnaround.days }] : [];
  const texts: Section["texts"] = [{ path: `${path}.text`, text: service.text }];
  service.windows.forEach((w, j) => {
    const own = periodOf(w.window);
    texts.push({ path: `${path}.windows.${j}.text`, text: w.text, own: own ? [own] : [] });
  });
  if (service.allowance) texts.push({ path: `${path}.allowance.text`, text: service.allowance.text });
  if (service.partsQuota) texts.push({ path: `${path}.partsQuota.text`, text: service.partsQuota.text });
  if (service.turnaround) texts.push({ path: `${path}.turnaround.text`, text: service.turnaround.text });
  const percents = service.partsQuota ? [service.partsQuota.basisPoints / 100] : [];
  const amounts = service.price?.kind === "fixed" ? [amountNumber(service.price.amount)] : [];
  const names: IssueParams = service.label ? { service: service.service, label: service.label } : { service: service.service };
  return { path, name: service.label ?? service.service.replace(/_/g, " "), names, texts, windows, others, percents, amounts };
}

const CASES = [
  ["returns.changeOfMind", "Change of mind", "changeOfMind"],
  ["returns.faulty", "Faulty items", "faulty"],
  ["warranty", "Warranty", "warranty"],
] as const;

function sectionsOf(policy: Policy): Section[] {
  const sections: Section[] = [];
  for (const [path, name, key] of CASES) {
    const rules = path === "warranty" ? policy.warranty : path === "returns.faulty" ? policy.returns.faulty : policy.returns.changeOfMind;
    if (rules.enabled) sections.push(caseSection(path, name, key, rules));
  }
  policy.services.forEach((s, i) => {
    if (s.enabled) sections.push(serviceSection(i, s));
  });
  return sections;
}

/** The warnings for every enabled section whose words name a number its rules contradict. */
export function wordingWarnings(policy: Policy): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  for (const section of sectionsOf(policy)) {
    for (const { path, text, own } of section.texts) {
      if (!text) continue;
      // A window's sentence speaks for that window; the section's other sentences for any of its rules.
      const periods = own ? [...own, ...section.others] : [...section.windows, ...section.others];
      if (periods.length) {
        for (const named of periodsIn(text)) {
          if (periods.some((p) => samePeriod(p, named))) continue;
          const rules = own?.length ? `the window is ${own.map(periodWords).join(" or ")}` : `the rules say ${periods.map(periodWords).join(" or ")}`;
          warnings.push({
            kind: "wording",
            path,
            message: `${section.name}: the words say "${named.words}" but ${rules}. Shoppers read the words; the rules decide.`,
            code: own?.length ? "wordingWindow" : "wordingPeriod",
            params: { ...section.names, words: named.words, periods: own?.length ? own : periods },
          });
        }
      }
      for (const m of text.matchAll(PERCENT)) {
        const n = Number(m[1]);
        if (n === 100 || !section.percents.length || section.percents.includes(n)) continue;
        warnings.push({ kind: "wording", path, message: `${section.name}: the words say "${m[0]}" but the rules say ${section.percents.map((p) => `${p}%`).join(" or ")}.`, code: "wordingPercent", params: { ...section.names, words: m[0], percents: section.percents } });
      }
      for (const m of text.matchAll(AMOUNT)) {
        const n = amountNumber(m[1] ?? m[2]);
        if (!section.amounts.length || section.amounts.some((a) => Math.abs(a - n) < 0.005)) continue;
        warnings.push({ kind: "wording", path, message: `${section.name}: the words say "${m[0].trim()}" but the rules say ${section.amounts.map((a) => a.toFixed(2)).join(" or ")}.`, code: "wordingAmount", params: { ...section.names, words: m[0].trim(), amounts: section.amounts } });
      }
    }
  }
  return warnings;
}
