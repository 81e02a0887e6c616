import type { Policy, ServiceRule } from "../policy/schema";
import type { Scenario } from "../scenario";
import type { Blocker, Requirement } from "../vocabulary";
import { blocked, checkCauses, checkProof, checkWindows, CONDITION_HOLDS, explain } from "./checks";
import type { CaseName, Clock, Explanation, LineContext, LineDecision, Outcome, PaidAlternative } from "./types";

// Line eligibility: what each requested line may get under its case (return, faulty, warranty) or service, and whether a refused line goes back.

/** Rule 16: a line refused once the shop has it goes back to the shopper, where the policy says so. */
export function sendBackRefused(policy: Policy, decision: LineDecision) {
  const rule = policy.refusedItems;
  decision.sendBack = rule ? rule.sendBack : true;
  if (rule) {
    decision.explanation.push({
      rule: `refusedItems.${rule.id}`,
      outcome: "applied",
      text: rule.text,
      detail: rule.sendBack ? "the item goes back to the shopper" : "the item is not sent back",
    });
  }
}

/** Returns (change of mind or faulty item) and warranty claims. */
export function decideCase(policy: Policy, scenario: Scenario, context: LineContext, clock: Clock): Outcome {
  const kind = scenario.request.kind;
  const caseName: CaseName = kind === "warranty" ? "warranty" : context.faulty ? "faulty" : "change_of_mind";
  const path = kind === "warranty" ? "warranty" : `returns.${context.faulty ? "faulty" : "changeOfMind"}`;
  const rules = kind === "warranty" ? policy.warranty : context.faulty ? policy.returns.faulty : policy.returns.changeOfMind;
  const blockers = new Set<Blocker>();
  const explanation: Explanation[] = [];

  // A warranty covers faults; a change of mind is a return, not a claim.
  const applies = rules.enabled && (kind !== "warranty" || context.faulty || context.cause === "manufacturing");
  if (!rules.enabled || !applies) {
    blocked(explanation, blockers, "not_applicable", { rule: path, outcome: "blocked", text: rules.text, detail: "not offered for this request" });
  } else {
    explanation.push({ rule: path, outcome: "applied", text: rules.text });
    checkWindows(rules.windows, path, context, clock, blockers, explanation);
    if (kind === "return") {
      for (const exclusion of policy.returns.exclusions) {
        if (!exclusion.groups.some((g) => context.groups.has(g))) continue;
        const entry = { rule: `returns.exclusions.${exclusion.id}`, text: exclusion.text };
        if (exclusion.unlessFaulty && context.faulty) explanation.push(explain(entry, "exempt", "faulty items are exempt"));
        else blocked(explanation, blockers, "excluded_item", explain(entry, "blocked"));
      }
      for (const condition of policy.returns.conditions) {
        if (condition.groups && !condition.groups.some((g) => context.groups.has(g))) continue;
        const entry = { rule: `returns.conditions.${condition.id}`, text: condition.text };
        if (condition.exemptIfFaulty && context.faulty) explanation.push(explain(entry, "exempt", "faulty items are exempt"));
        else if (CONDITION_HOLDS[condition.require](context.condition)) explanation.push(explain(entry, "passed"));
        else blocked(explanation, blockers, "condition_not_met", explain(entry, "blocked"));
      }
    }
    checkProof(policy, scenario, blockers, explanation);
    checkCauses(
      kind === "return" ? [policy.returns.causesNotCovered, rules.causesNotCovered] : [rules.causesNotCovered],
      kind === "return" ? "returns.causesNotCovered" : `${path}.causesNotCovered`,
      context,
      blockers,
      explanation,
    );
    const covered = rules.causesCovered;
    const cause = context.cause;
    if (covered && cause !== null && !covered.causes.includes(cause)) {
      blocked(explanation, blockers, "cause_not_covered", explain({ rule: `${path}.causesCovered.${covered.id}`, text: covered.text }, "blocked", `cause: ${cause.replace(/_/g, " ")}`));
    }
  }

  const offered = rules.enabled ? rules : null;
  const eligible = blockers.size === 0 && offered !== null;
  // Rule 17: a claim the shop assessed and found not covered is quoted as paid work where the
  // policy says so ("we will then contact you with our feedback … if not, we will … provide a
  // quotation"). Before the assessment there is nothing to quote: scenarios without an
  // inspection decide as they did before revision 3.
  let alternative: PaidAlternative | null = null;
  if (!eligible && context.inspected && offered?.paidAlternative && blockers.has("cause_not_covered")) {
    alternative = { resolution: offered.paidAlternative.resolution, charge: "paid" };
    explanation.push({ rule: `${path}.paidAlternative.${offered.paidAlternative.id}`, outcome: "applied", text: offered.paidAlternative.text, detail: "a paid repair is quoted instead" });
  }
  const requirements: Requirement[] = [];
  if (eligible && offered.photos && scenario.request.photos === 0) {
    requirements.push("photos");
    explanation.push({ rule: `${path}.photos.${offered.photos.id}`, outcome: "applied", text: offered.photos.text, detail: "photos still needed" });
  }
  return {
    context,
    decision: {
      lineId: context.line.id,
      eligible,
      blockers: [...blockers].sort(),
      resolutions: eligible ? [...offered.resolutions] : [],
      charge: eligible && kind === "warranty" ? (offered.charge ?? "free") : null,
      maxParts: null,
      case: caseName,
      explanation,
      sendBack: false,
      alternative,
    },
    shipping: eligible ? offered.returnShipping : null,
    caseRules: eligible ? offered : null,
    requirements,
    postage: eligible ? (offered.postage ?? null) : null,
    // A free case sends its repair, replacement or exchange home at the store's cost unless it says otherwise.
    outbound: eligible ? { rule: offered.outboundShipping ?? null, fallback: "store" } : null,
    path,
  };
}

export function decideService(policy: Policy, scenario: Scenario, context: LineContext, clock: Clock): Outcome {
  const service = scenario.request.service;
  const rule: ServiceRule | undefined = policy.services.find((s) => s.service === service);
  const path = `services.${service}`;
  const blockers = new Set<Blocker>();
  const explanation: Explanation[] = [];
  let maxParts: number | null = null;
  let partsAllowance: { total: number; sent: number } | null = null;
  let allowanceLeft: number | null = null;

  if (!rule || !rule.enabled) {
    blocked(explanation, blockers, "not_applicable", {
      rule: path,
      outcome: "blocked",
      text: rule?.text ?? "This service is not offered.",
      detail: "the store does not offer this service",
    });
  } else {
    explanation.push({ rule: path, outcome: "applied", text: rule.text });
    if (rule.appliesTo) {
      const entry = { rule: `${path}.appliesTo`, text: rule.appliesTo.text };
      if (rule.appliesTo.groups.some((g) => context.groups.has(g))) explanation.push(explain(entry, "passed"));
      else blocked(explanation, blockers, "not_applicable", explain(entry, "blocked", "this item does not qualify"));
    }
    if (rule.partsQuota) {
      const count = Number(context.line.metafields[rule.partsQuota.metafield] ?? 0);
      const entry = { rule: `${path}.partsQuota.${rule.partsQuota.id}`, text: rule.partsQuota.text };
      if (!Number.isFinite(count) || count <= 0) {
        blocked(explanation, blockers, "not_applicable", explain(entry, "blocked", `the item has no ${rule.partsQuota.metafield}`));
      } else {
        // Integer arithmetic: basis points of the count, rounded down. Parts already sent for
        // this item, on any earlier request of any kind, come off the allowance.
        const total = Math.floor((Math.floor(count) * rule.partsQuota.basisPoints) / 10_000);
        const sent = scenario.history.filter((h) => h.lineId === context.line.id).reduce((sum, h) => sum + h.partsSent, 0);
        maxParts = Math.max(0, total - sent);
        partsAllowance = { total, sent };
        if (sent === 0) explanation.push(explain(entry, "applied", `at most ${total} of ${Math.floor(count)}`));
        else if (maxParts > 0) explanation.push(explain(entry, "applied", `at most ${total} of ${Math.floor(count)}; ${sent} already sent, ${maxParts} left`));
        else blocked(explanation, blockers, "limit_reached", explain(entry, "blocked", `all ${total} of ${total} parts already sent`));
      }
    }
    checkWindows(rule.windows, path, context, clock, blockers, explanation);
    if (rule.allowance && rule.allowance.limit !== null) {
      const sharing = new Set(
        policy.services.filter((s) => s.allowance?.key === rule.allowance?.key).map((s) => s.service),
      );
      const used = scenario.history.filter(
        (h) => h.kind === "service" && h.lineId === context.line.id && h.service !== null && sharing.has(h.service),
      ).length;
      const entry = { rule: `${path}.allowance.${rule.allowance.id}`, text: rule.allowance.text };
      allowanceLeft = Math.max(0, rule.allowance.limit - used);
      if (used >= rule.allowance.limit) {
        blocked(explanation, blockers, "limit_reached", explain(entry, "blocked", `used ${used} of ${rule.allowance.limit}`));
      } else {
        explanation.push(explain(entry, "passed", `used ${used} of ${rule.allowance.limit}`));
      }
    }
    checkProof(policy, scenario, blockers, explanation);
    checkCauses([rule.causesNotCovered], `${path}.causesNotCovered`, context, blockers, explanation);
  }

  const eligible = blockers.size === 0;
  const requirements: Requirement[] = [];
  if (eligible && rule?.photos && scenario.request.photos === 0) {
    requirements.push("photos");
    explanation.push({ rule: `${path}.photos.${rule.photos.id}`, outcome: "applied", text: rule.photos.text, detail: "photos still needed" });
  }
  if (eligible && rule?.liabilityAcknowledgement && !scenario.request.liabilityAccepted) {
    requirements.push("liability_acknowledgement");
    explanation.push({
      rule: `${path}.liabilityAcknowledgement.${rule.liabilityAcknowledgement.id}`,
      outcome: "applied",
      text: rule.liabilityAcknowledgement.text,
      detail: "the shopper must accept these terms",
    });
  }
  return {
    context,
    decision: {
      lineId: context.line.id,
      eligible,
      blockers: [...blockers].sort(),
      resolutions: eligible && rule ? [rule.resolution] : [],
      charge: eligible && rule ? rule.charge : null,
      maxParts: eligible ? maxParts : null,
      ...(eligible && partsAllowance ? { partsAllowance } : {}),
      ...(eligible && allowanceLeft !== null ? { allowanceLeft } : {}),
      case: "service",
      explanation,
      ...(eligible && rule?.price ? { price: rule.price } : {}),
      ...(eligible && rule?.turnaround ? { turnaround: rule.turnaround.text } : {}),
      sendBack: false,
      alternative: null,
    },
    shipping: eligible && rule ? rule.returnShipping : null,
    caseRules: null,
    requirements,
    postage: eligible && rule ? (rule.postage ?? null) : null,
    // A service travels home at the shopper's cost unless the policy says it is sent free.
    outbound: eligible && rule ? { rule: rule.outboundShipping ?? null, fallback: "customer" } : null,
    path,
  };
}
