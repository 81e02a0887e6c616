import { addDays, localDate, type LocalDate } from "../calendar";
import { formatMoney, minorUnits, money, parseMinorUnits } from "../money";
import type {
  CausesRule,
  OfferedCase,
  OutboundShippingRule,
  PaidAlternativeRule,
  Policy,
  PostageRule,
  ReturnShippingRule,
  ServicePrice,
  ServiceRule,
  WindowRule,
} from "../policy/schema";
import type { OrderLine, RequestLine, Scenario } from "../scenario";
import {
  FAULTY_REASONS,
  type Blocker,
  type Cause,
  type Charge,
  type OutboundShipping,
  type Requirement,
  type Resolution,
  type ReturnShipping,
} from "../vocabulary";
import { groupsOf } from "./match";
import { refundAdjustment } from "./adjustments";
import { refundForItems, type ReturnedUnits } from "./refund";
import { lastDay } from "./windows";

/** One rule's part in a line's decision, quoting the merchant's words. */
export type Explanation = {
  rule: string;
  outcome: "passed" | "blocked" | "exempt" | "applied";
  text: string;
  detail?: string;
};

export type CaseName = "change_of_mind" | "faulty" | "warranty" | "service";

export type LineDecision = {
  lineId: string;
  eligible: boolean;
  blockers: Blocker[];
  resolutions: Resolution[];
  charge: Charge | null;
  /** Parts this request may still get under the policy's parts quota: the quota less those already sent. */
  maxParts: number | null;
  /** The parts quota behind maxParts: the item's whole allowance and how many were sent before. */
  partsAllowance?: { total: number; sent: number };
  /** Services with a limited allowance: how many times it may still be asked for (the limit less those used). */
  allowanceLeft?: number;
  case: CaseName;
  explanation: Explanation[];
  /** Services: the price shoppers are shown and how long the work takes, when the policy says. */
  price?: ServicePrice;
  turnaround?: string;
  /** Rev 3: the item, received and refused after inspection, goes back to the shopper (rule 16). */
  sendBack: boolean;
  /** Rev 3: for a claim refused as not covered, the paid work the policy quotes instead (rule 17). */
  alternative: PaidAlternative | null;
};

export type PaidAlternative = { resolution: PaidAlternativeRule["resolution"]; charge: "paid" };

export type RefundDecision = {
  method: "original_payment" | "store_credit";
  items: string;
  shipping: string;
  /** Rev 3: the shopper's own return postage repaid (rule 15); part of `total`. */
  postage: string;
  total: string;
  storeCreditExpiresOn: LocalDate | null;
  currency: string;
  explanation: Explanation[];
  /** Added for choosing store credit, when the policy offers a bonus (policy editor). */
  bonus?: string;
  /**
   * Kept by the store, when the policy charges restocking or a return label. `restockingPercent`
   * is the rule's percentage, which Shopify's return carries per line (RestockingFeeInput).
   */
  fees?: { restocking: string; returnShipping: string; restockingPercent?: number };
};

export type Decision = {
  scenario: string;
  decidedOn: LocalDate;
  lines: LineDecision[];
  refund: RefundDecision | null;
  returnShipping: ReturnShipping;
  /** Rev 3: who pays to send the shopper what the request ends in (rule 18). */
  outboundShipping: OutboundShipping;
  requirements: Requirement[];
  notes: { rule: string; text: string }[];
};

type LineContext = {
  requestLine: RequestLine;
  line: OrderLine;
  groups: Set<string>;
  faulty: boolean;
  /** What the line is decided on: the inspection's findings when there are any, else the shopper's word (rule 16). */
  condition: RequestLine["condition"];
  cause: Cause | null;
  inspected: boolean;
};

/** Per-decision memo of window end dates: anchors are order-level, so each rule is computed once. */
type Clock = { today: LocalDate; lastDayOf(rule: WindowRule): LocalDate | null };

type Outcome = {
  context: LineContext;
  decision: LineDecision;
  shipping: ReturnShippingRule | null;
  caseRules: OfferedCase | null;
  requirements: Requirement[];
  /** Where the line's case or service rules live in the policy ("returns.faulty", "services.cleaning"). */
  path: string;
  /** The eligible line's rules for repaying postage and for the journey home. */
  postage: PostageRule | null;
  outbound: { rule: OutboundShippingRule | null; fallback: "customer" | "store" } | null;
};

/**
 * Decides what each requested line may get under `policy`. Pure and deterministic: the time is
 * the scenario's `now`, dates are the shop's local dates, and lines are decided in id order so
 * the answer never depends on the order they were listed in.
 */
export function decide(policy: Policy, scenario: Scenario): Decision {
  const { shop, order, request } = scenario;
  const today = localDate(scenario.now, shop.timezone);
  const memo = new Map<WindowRule, LocalDate | null>();
  const clock: Clock = {
    today,
    lastDayOf(rule) {
      if (!memo.has(rule)) memo.set(rule, lastDay(rule.window, order, shop, policy.receipt.transitAllowanceDays));
      return memo.get(rule) ?? null;
    },
  };
  const orderLines = new Map(order.lines.map((line) => [line.id, line]));
  const requested = [...request.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));

  const outcomes = requested.map((requestLine) => {
    const line = orderLines.get(requestLine.lineId);
    if (!line) throw new Error(`request line ${requestLine.lineId} is not on the order`);
    const inspection = requestLine.inspection ?? null;
    const context: LineContext = {
      requestLine,
      line,
      groups: groupsOf(policy.groups, line),
      faulty: FAULTY_REASONS.includes(requestLine.reason),
      condition: inspection ? inspection.condition : requestLine.condition,
      cause: inspection ? inspection.cause : requestLine.cause,
      inspected: inspection !== null,
    };
    const outcome = request.kind === "service" ? decideService(policy, scenario, context, clock) : decideCase(policy, scenario, context, clock);
    if (!outcome.decision.eligible && inspection) sendBackRefused(policy, outcome.decision);
    return outcome;
  });

  const eligible = outcomes.filter((o) => o.decision.eligible);
  const returnShipping = whoPaysReturnShipping(eligible, request.usesStoreCourier);
  const currency = order.currency ?? shop.currency;
  const postage = decidePostage(scenario, eligible, returnShipping, currency);
  const requirements = [...new Set([...eligible.flatMap((o) => o.requirements), ...postage.requirements])].sort();
  const itemsRefund = decideRefund(policy, scenario, eligible, today, postage);
  const moneyBack = new Set(itemsRefund ? eligible.filter(offersMoney).map((o) => o.context.line.id) : []);
  return {
    scenario: scenario.id,
    decidedOn: today,
    lines: outcomes.map((o) => o.decision),
    refund: itemsRefund ?? postageAlone(postage, currency),
    returnShipping,
    outboundShipping: whoPaysOutboundShipping(policy, outcomes, moneyBack),
    requirements,
    notes: policy.notes.map((note) => ({ rule: `notes.${note.id}`, text: note.text })),
  };
}

/** Rule 16: a line refused once the shop has it goes back to the shopper, where the policy says so. */
function sendBackRefused(policy: Policy, decision: LineDecision) {
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

function blocked(explanation: Explanation[], blockers: Set<Blocker>, blocker: Blocker, entry: Explanation) {
  blockers.add(blocker);
  entry.outcome = "blocked";
  explanation.push(entry);
}

/**
 * One explanation entry for a rule. Built field by field rather than by spreading a shared
 * `{ rule, text }`: object spread on the per-line path was the engine's single largest cost.
 */
function explain(rule: { rule: string; text: string }, outcome: Explanation["outcome"], detail?: string): Explanation {
  return detail === undefined ? { rule: rule.rule, outcome, text: rule.text } : { rule: rule.rule, outcome, text: rule.text, detail };
}

function checkWindows(
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

function checkCauses(
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

function checkProof(policy: Policy, scenario: Scenario, blockers: Set<Blocker>, explanation: Explanation[]) {
  if (!policy.proofOfPurchase.required) return;
  const entry = { rule: `proofOfPurchase.${policy.proofOfPurchase.id}`, text: policy.proofOfPurchase.text };
  if (scenario.request.proofOfPurchase) explanation.push(explain(entry, "passed"));
  else blocked(explanation, blockers, "proof_missing", explain(entry, "blocked"));
}

const CONDITION_HOLDS: Record<string, (c: RequestLine["condition"]) => boolean> = {
  unused: (c) => !c.used,
  unworn: (c) => !c.worn,
  tags_attached: (c) => c.tagsAttached,
  original_packaging: (c) => c.originalPackaging,
  unopened_packaging: (c) => !c.packagingOpened,
  clean: (c) => !c.soiled,
  undamaged: (c) => !c.damaged,
};

/** Returns (change of mind or faulty item) and warranty claims. */
function decideCase(policy: Policy, scenario: Scenario, context: LineContext, clock: Clock): Outcome {
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

function decideService(policy: Policy, scenario: Scenario, context: LineContext, clock: Clock): Outcome {
  const service = scenario.request.service;
  const rule: ServiceRule | undefined = policy.services.find((s) => s.service === service);
  const path = `services.${service}`;
  const blockers = new Set<Blocker>();
  const explanation: Explanation[] = [];
  let maxParts: number | null = null;
  let partsAllowance: { total: number; sent: number } | null = null;
  let allowanceLeft: number | null = null;
  /** The free uses are spent and the policy quotes further work: paid, by quote. */
  let quotedBeyond = false;

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
      if (used >= rule.allowance.limit && rule.allowance.thereafter === "quoted") {
        quotedBeyond = true;
        explanation.push(explain(entry, "applied", `used ${used} of ${rule.allowance.limit}; further work is quoted`));
      } else if (used >= rule.allowance.limit) {
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
      charge: eligible && rule ? (quotedBeyond ? "paid" : rule.charge) : null,
      maxParts: eligible ? maxParts : null,
      ...(eligible && partsAllowance ? { partsAllowance } : {}),
      ...(eligible && allowanceLeft !== null ? { allowanceLeft } : {}),
      case: "service",
      explanation,
      ...(eligible && quotedBeyond ? { price: { kind: "quote" as const } } : eligible && rule?.price ? { price: rule.price } : {}),
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

function whoPaysReturnShipping(eligible: Outcome[], usesStoreCourier: boolean): ReturnShipping {
  const payers = eligible.map((o) => {
    const payer = o.shipping?.payer ?? "none";
    if (payer === "store_with_own_courier") return usesStoreCourier ? "store" : "customer";
    return payer;
  });
  // One parcel goes back: the store pays if any line's rule puts it on the store.
  if (payers.includes("store")) return "store";
  if (payers.includes("customer")) return "customer";
  return "none";
}

function offersMoney(o: Outcome): boolean {
  return o.caseRules?.resolutions.some((r) => r === "refund" || r === "store_credit") ?? false;
}

type PostageOutcome = { amount: number; requirements: Requirement[]; explanation: Explanation[] };

/**
 * Rule 15: the shopper's own return postage is repaid where the store pays the return journey,
 * the shopper did not use the store's courier (the store pays that itself), and the policy's
 * conditions for the line's case hold: its reasons, how it was sent, from where, with proof.
 */
function decidePostage(scenario: Scenario, eligible: Outcome[], returnShipping: ReturnShipping, currency: string): PostageOutcome {
  const nothing: PostageOutcome = { amount: 0, requirements: [], explanation: [] };
  const { request, shop, order } = scenario;
  const postage = request.postage;
  if (!postage || returnShipping !== "store" || request.usesStoreCourier) return nothing;
  const storePays = eligible.filter((o) => o.shipping?.payer === "store" && o.postage !== null);
  const chosen =
    storePays.find((o) => o.postage?.repaid && (!o.postage.reasons || o.postage.reasons.includes(o.context.requestLine.reason))) ??
    storePays[0];
  if (!chosen?.postage) return nothing;
  const rule = chosen.postage;
  const entry = { rule: `${chosen.path}.postage.${rule.id}`, text: rule.text };
  const refused = (detail: string): PostageOutcome => ({ amount: 0, requirements: [], explanation: [explain(entry, "blocked", detail)] });
  if (!rule.repaid) return refused("postage is not repaid in this case");
  if (rule.reasons && !rule.reasons.includes(chosen.context.requestLine.reason)) return refused("postage is not repaid for this reason");
  if (rule.methods && !rule.methods.includes(postage.method)) return refused(`sent by ${postage.method}`);
  const from = postage.fromCountry ?? order.shippingCountry ?? shop.country;
  if (rule.domesticOnly && from !== shop.country) return refused(`sent from abroad (${from})`);
  if (rule.proofRequired && !postage.proof) {
    return { amount: 0, requirements: ["proof_of_postage"], explanation: [explain(entry, "blocked", "proof of postage still needed")] };
  }
  const paid = parseMinorUnits(postage.amount, currency);
  const cap = rule.maximum === undefined ? paid : parseMinorUnits(rule.maximum, currency);
  const amount = Math.min(paid, cap);
  return { amount, requirements: [], explanation: [explain(entry, "applied", amount < paid ? `repaid up to ${rule.maximum}` : undefined)] };
}

/** Rule 15: where nothing else is refunded (a warranty repair, an exchange), the postage alone goes back to the original payment. */
function postageAlone(postage: PostageOutcome, currency: string): RefundDecision | null {
  if (postage.amount <= 0) return null;
  const zero = formatMoney(money(0, currency));
  const repaid = formatMoney(money(postage.amount, currency));
  return {
    method: "original_payment",
    items: zero,
    shipping: zero,
    postage: repaid,
    total: repaid,
    storeCreditExpiresOn: null,
    currency,
    explanation: postage.explanation,
  };
}

/**
 * Rule 18: who pays to send the shopper what the request ends in. Money back sends nothing; free
 * work or goods travel as the case or service says (store by default for a case, shopper for a
 * service); paid work and items sent back after a refusal travel at the shopper's cost unless
 * the policy says otherwise. One line at the shopper's cost puts the journey on the shopper.
 */
function whoPaysOutboundShipping(policy: Policy, outcomes: Outcome[], moneyBack: Set<string>): OutboundShipping {
  const payers = outcomes.map((o): OutboundShipping => {
    if (!o.decision.eligible) return o.decision.sendBack ? (policy.refusedItems?.payer ?? "customer") : "none";
    if (!o.outbound || moneyBack.has(o.context.line.id)) return "none";
    if (o.decision.charge === "paid") return "customer";
    return o.outbound.rule?.payer ?? o.outbound.fallback;
  });
  if (payers.includes("customer")) return "customer";
  if (payers.includes("store")) return "store";
  return "none";
}

function decideRefund(policy: Policy, scenario: Scenario, eligible: Outcome[], today: LocalDate, postage: PostageOutcome): RefundDecision | null {
  const { order, shop, request } = scenario;
  const moneyLines = eligible.filter(offersMoney);
  if (moneyLines.length === 0) return null;
  const first = moneyLines[0].caseRules as OfferedCase;
  const offered = new Set(moneyLines.flatMap((o) => o.caseRules?.resolutions ?? []));
  // The shopper's preference wins where the policy offers it; an exchange moves no money.
  if (request.preferredResolution === "exchange" && offered.has("exchange")) return null;
  const refundRule = first.refund;
  if (!refundRule) return null;
  let method = refundRule.method;
  if (request.preferredResolution === "store_credit" && offered.has("store_credit")) method = "store_credit";
  if (request.preferredResolution === "refund" && offered.has("refund")) method = "original_payment";

  // Rule 14: the order's (presentment) currency, never converted.
  const currency = order.currency ?? shop.currency;
  const returned: ReturnedUnits[] = moneyLines.map((o) => ({ line: o.context.line, quantity: o.context.requestLine.quantity }));
  const items = refundForItems(order, returned, policy, currency);

  const explanation: Explanation[] = [{ rule: `refund.${refundRule.id}`, outcome: "applied", text: refundRule.text }];
  for (const adjustment of items.minimumSpendAdjustments) {
    explanation.push({
      rule: "discounts.recheckMinimumSpend",
      outcome: "applied",
      text: policy.discounts.recheckMinimumSpend.text,
      detail: `discount ${adjustment.discountId}: ${formatMoney(adjustment.amount)} more deducted`,
    });
  }
  if (items.staggeredLines.length > 0) {
    explanation.push({ rule: "discounts.staggeredRefundLowest", outcome: "applied", text: policy.discounts.staggeredRefundLowest.text });
  }

  const deliveryRule = moneyLines.map((o) => o.caseRules?.refundDelivery).find((r) => r !== undefined);
  let shipping = money(0, currency);
  if (deliveryRule) {
    const domestic = order.shippingCountry === null || order.shippingCountry === shop.country;
    if (!deliveryRule.domesticOnly || domestic) {
      // Rule 8: delivery is refunded at most once per order — only what is left of the charge.
      const left = parseMinorUnits(order.shippingCharged, currency) - parseMinorUnits(order.shippingRefunded, currency);
      shipping = money(Math.max(0, left), currency);
      explanation.push({
        rule: `refundDelivery.${deliveryRule.id}`,
        outcome: "applied",
        text: deliveryRule.text,
        ...(left <= 0 ? { detail: "delivery was already refunded on this order" } : {}),
      });
    } else {
      explanation.push({ rule: `refundDelivery.${deliveryRule.id}`, outcome: "blocked", text: deliveryRule.text, detail: "shipped abroad" });
    }
  }

  const adjust = refundAdjustment(first, minorUnits(items.items), method, currency);
  const total = money(minorUnits(items.items) + minorUnits(shipping) + postage.amount + adjust.bonus - adjust.restockingFee - adjust.returnShippingFee, currency);
  explanation.push(...postage.explanation);
  const expiryDays = method === "store_credit" ? refundRule.storeCreditExpiryDays : undefined;
  const decision: RefundDecision = {
    method,
    items: formatMoney(items.items),
    shipping: formatMoney(shipping),
    postage: formatMoney(money(postage.amount, currency)),
    total: formatMoney(total),
    storeCreditExpiresOn: expiryDays ? addDays(today, expiryDays) : null,
    currency,
    explanation,
  };
  if (adjust.bonusRule) {
    decision.bonus = formatMoney(money(adjust.bonus, currency));
    if (adjust.bonus > 0) explanation.push({ rule: `bonus.${adjust.bonusRule.id}`, outcome: "applied", text: adjust.bonusRule.text });
  }
  if (adjust.feesRule) {
    decision.fees = { restocking: formatMoney(money(adjust.restockingFee, currency)), returnShipping: formatMoney(money(adjust.returnShippingFee, currency)), restockingPercent: adjust.feesRule.restockingPercent ?? 0 };
    explanation.push({ rule: `fees.${adjust.feesRule.id}`, outcome: "applied", text: adjust.feesRule.text });
  }
  return decision;
}
