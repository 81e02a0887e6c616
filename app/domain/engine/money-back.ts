import { addDays, type LocalDate } from "../calendar";
import { formatMoney, minorUnits, money, parseMinorUnits } from "../money";
import type { OfferedCase, Policy } from "../policy/schema";
import type { Scenario } from "../scenario";
import { refundAdjustment } from "./adjustments";
import { refundForItems, type ReturnedUnits } from "./refund";
import type { PostageOutcome } from "./shipping";
import type { Explanation, Outcome, RefundDecision } from "./types";

// The money back: whether the eligible lines move money, by which method, and how much with delivery, postage, bonus and fees.

export function offersMoney(o: Outcome): boolean {
  return o.caseRules?.resolutions.some((r) => r === "refund" || r === "store_credit") ?? false;
}

export function decideRefund(policy: Policy, scenario: Scenario, eligible: Outcome[], today: LocalDate, postage: PostageOutcome): RefundDecision | null {
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
