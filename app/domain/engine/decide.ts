import { localDate, type LocalDate } from "../calendar";
import type { Policy, WindowRule } from "../policy/schema";
import type { Scenario } from "../scenario";
import { FAULTY_REASONS } from "../vocabulary";
import { decideCase, decideService, sendBackRefused } from "./lines";
import { groupsOf } from "./match";
import { decideRefund, offersMoney } from "./money-back";
import { decidePostage, postageAlone, whoPaysOutboundShipping, whoPaysReturnShipping } from "./shipping";
import type { Clock, Decision, LineContext } from "./types";
import { lastDay } from "./windows";

export type { CaseName, Decision, Explanation, LineDecision, PaidAlternative, RefundDecision } from "./types";

// The engine's entry. Its parts, by what they decide: line eligibility (lines.ts, with the checks
// they share in checks.ts), the parcel's journeys and postage (shipping.ts), the money back
// (money-back.ts); the types they pass each other are in types.ts.

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
