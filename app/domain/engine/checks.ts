import type { CausesRule, Policy, WindowRule } from "../policy/schema";
import type { RequestLine, Scenario } from "../scenario";
import type { Blocker } from "../vocabulary";
import type { Clock, Explanation, LineContext } from "./types";

// The checks a line's case or service share: windows, causes, proof of purchase, and how a blocked rule is recorded.

export function blocked(explanation: Explanation[], blockers: Set<Blocker>, blocker: Blocker, entry: Explanation) {
  blockers.add(blocker);
  entry.outcome = "blocked";
  explanation.push(entry);
}

/**
 * One explanation entry for a rule. Built field by field rather than by spreading a shared
 * `{ rule, text }`: object spread on the per-line path was the engine's single largest cost.
 */
export function explain(rule: { rule: string; text: string }, outcome: Explanation["outcome"], detail?: string): Explanation {
  return detail === undefined ? { rule: rule.rule, outcome, text: rule.text } : { rule: rule.rule, outcome, text: rule.text, detail };
}

export function checkWindows(
  rules: WindowRule[],
  path: string,
  context: LineContext,
  clock: Clock,
  blockers: Set<Blocker>,
  explanation: Explanation[],
) {
  const specific = rules.filter((rule) => rule.groups?.some((g) => context.groups.has(g)));
  const applicable = specific.length > 0 ? specific : rules.filter((rule) => !rule.groups);
  const checks = applicable.map((rule) => {
    const last = clock.lastDayOf(rule);
    return { rule, last, open: last === null || clock.today <= last };
  });
  const open = checks.find((c) => c.open);
  if (open) {
    explanation.push({
      rule: `${path}.windows.${open.rule.id}`,
      outcome: "passed",
      text: open.rule.text,
      detail: open.last ? `in time: the last day is ${open.last}` : "no time limit applies yet",
    });
    return;
  }
  for (const c of checks) {
    blocked(explanation, blockers, "window_expired", {
      rule: `${path}.windows.${c.rule.id}`,
      outcome: "blocked",
      text: c.rule.text,
      detail: `the last day was ${c.last}`,
    });
  }
}

export function checkCauses(
  rules: (CausesRule | undefined)[],
  path: string,
  context: LineContext,
  blockers: Set<Blocker>,
  explanation: Explanation[],
) {
  const cause = context.cause;
  if (cause === null) return;
  for (const rule of rules) {
    if (rule?.causes.includes(cause)) {
      blocked(explanation, blockers, "cause_not_covered", {
        rule: `${path}.${rule.id}`,
        outcome: "blocked",
        text: rule.text,
        detail: `cause: ${cause.replace(/_/g, " ")}`,
      });
    }
  }
}

export function checkProof(policy: Policy, scenario: Scenario, blockers: Set<Blocker>, explanation: Explanation[]) {
  if (!policy.proofOfPurchase.required) return;
  const entry = { rule: `proofOfPurchase.${policy.proofOfPurchase.id}`, text: policy.proofOfPurchase.text };
  if (scenario.request.proofOfPurchase) explanation.push(explain(entry, "passed"));
  else blocked(explanation, blockers, "proof_missing", explain(entry, "blocked"));
}

export const CONDITION_HOLDS: Record<string, (c: RequestLine["condition"]) => boolean> = {
  unused: (c) => !c.used,
  unworn: (c) => !c.worn,
  tags_attached: (c) => c.tagsAttached,
  original_packaging: (c) => c.originalPackaging,
  unopened_packaging: (c) => !c.packagingOpened,
  clean: (c) => !c.soiled,
  undamaged: (c) => !c.damaged,
};
