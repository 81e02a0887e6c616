import { formatMoney, money, parseMinorUnits } from "../money";
import type { Policy } from "../policy/schema";
import type { Scenario } from "../scenario";
import type { OutboundShipping, Requirement, ReturnShipping } from "../vocabulary";
import { explain } from "./checks";
import type { Explanation, Outcome, RefundDecision } from "./types";

// The parcel's journeys: who pays to send it back, the shopper's own postage repaid, and who pays the way home.

export function whoPaysReturnShipping(eligible: Outcome[], usesStoreCourier: boolean): ReturnShipping {
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

export type PostageOutcome = { amount: number; requirements: Requirement[]; explanation: Explanation[] };

/**
 * Rule 15: the shopper's own return postage is repaid where the store pays the return journey,
 * the shopper did not use the store's courier (the store pays that itself), and the policy's
 * conditions for the line's case hold: its reasons, how it was sent, from where, with proof.
 */
export function decidePostage(scenario: Scenario, eligible: Outcome[], returnShipping: ReturnShipping, currency: string): PostageOutcome {
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
export function postageAlone(postage: PostageOutcome, currency: string): RefundDecision | null {
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
export function whoPaysOutboundShipping(policy: Policy, outcomes: Outcome[], moneyBack: Set<string>): OutboundShipping {
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
