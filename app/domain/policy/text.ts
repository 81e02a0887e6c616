import { formatMoneyIn, parseMinorUnits } from "../money";
import type { CaseRules, OutboundShippingRule, Policy, PostageRule, ServicePrice, ServiceRule, WindowRule } from "./schema";
import { refundTimingOf } from "../refund-timing";
import { CAUSE_NAMES, CONDITION_NAMES, groupNames, listWords, RESOLUTION_NAMES, serviceName, windowWords } from "./words";

/**
 * The shopper-facing returns, warranty and care policy, written from the rules themselves: the
 * storefront decides from the same document, so the published text and the decisions cannot
 * drift apart. Every sentence is the merchant's own words (translated when the document has
 * them for the language), followed by the plain facts the engine enforces (time limits, items,
 * prices) so nothing the engine checks is left unsaid.
 */
export type PolicyText = { title: string; sections: { heading: string; paragraphs: string[] }[] };

/** `locale` writes amounts as its readers expect ("£45.00" in en-GB); English when not given. */
export type TextOptions = { language?: string; currency?: string; locale?: string };

/** A policy amount ("45.00") as money in the shop's currency, or as written when there is none. */
type Amount = (decimal: string) => string;

export function policyText(policy: Policy, options: TextOptions = {}): PolicyText {
  const words = (path: string, fallback: string) =>
    (options.language && policy.translations?.[options.language]?.[path]) || fallback;
  const amount: Amount = (decimal) => {
    if (!options.currency) return decimal;
    try {
      return formatMoneyIn(parseMinorUnits(decimal, options.currency), options.currency, options.locale ?? "en");
    } catch {
      return `${decimal} ${options.currency}`;
    }
  };
  const sections: PolicyText["sections"] = [];

  const windowLine = (path: string, w: WindowRule) => {
    const who = w.groups ? ` For ${groupNames(policy.groups, w.groups)}.` : "";
    return `${words(`${path}.windows.${w.id}`, w.text)} (Time limit: ${windowWords(w.window)}.)${who}`;
  };

  const caseParagraphs = (path: string, rules: CaseRules): string[] => {
    if (!rules.enabled) return [words(path, rules.text)];
    const out = [words(path, rules.text)];
    for (const w of rules.windows) out.push(windowLine(path, w));
    out.push(`What we offer: ${listWords(rules.resolutions.map((r) => RESOLUTION_NAMES[r]), "or")}.`);
    if (rules.refund) {
      const expiry = rules.refund.storeCreditExpiryDays ? ` Store credit is valid for ${rules.refund.storeCreditExpiryDays} days.` : "";
      out.push(`${words(`${path}.refund.${rules.refund.id}`, rules.refund.text)}${expiry}`);
    }
    if (rules.bonus) {
      const parts = [
        rules.bonus.storeCreditPercent ? `${rules.bonus.storeCreditPercent}% extra when you choose store credit` : null,
        rules.bonus.exchangePercent ? `${rules.bonus.exchangePercent}% extra when you choose an exchange` : null,
      ].filter((p): p is string => p !== null);
      out.push(`${words(`${path}.bonus.${rules.bonus.id}`, rules.bonus.text)}${parts.length ? ` (${parts.join("; ")}.)` : ""}`);
    }
    if (rules.fees) {
      const parts = [
        rules.fees.restockingPercent ? `a restocking fee of ${rules.fees.restockingPercent}% of the item's price` : null,
        rules.fees.returnShippingFee ? `a return shipping fee of ${amount(rules.fees.returnShippingFee)}` : null,
      ].filter((p): p is string => p !== null);
      out.push(`${words(`${path}.fees.${rules.fees.id}`, rules.fees.text)}${parts.length ? ` (We deduct ${parts.join(" and ")}.)` : ""}`);
    }
    if (rules.refundDelivery) out.push(words(`${path}.refundDelivery.${rules.refundDelivery.id}`, rules.refundDelivery.text));
    out.push(words(`${path}.returnShipping.${rules.returnShipping.id}`, rules.returnShipping.text));
    if (rules.postage) out.push(postageSentence(path, rules.postage, words, amount));
    if (rules.outboundShipping) out.push(outboundSentence(path, rules.outboundShipping, words));
    if (rules.causesCovered) out.push(`${words(`${path}.causesCovered.${rules.causesCovered.id}`, rules.causesCovered.text)} (Covered: ${listWords(rules.causesCovered.causes.map((c) => CAUSE_NAMES[c]))}.)`);
    if (rules.causesNotCovered) out.push(`${words(`${path}.causesNotCovered.${rules.causesNotCovered.id}`, rules.causesNotCovered.text)} (Not covered: ${listWords(rules.causesNotCovered.causes.map((c) => CAUSE_NAMES[c]))}.)`);
    if (rules.paidAlternative) out.push(`${words(`${path}.paidAlternative.${rules.paidAlternative.id}`, rules.paidAlternative.text)} (If we find the damage is not covered, we quote for paid ${rules.paidAlternative.resolution === "repair" ? "repair" : "work"} instead.)`);
    if (rules.photos) out.push(words(`${path}.photos.${rules.photos.id}`, rules.photos.text));
    return out;
  };

  sections.push({ heading: "Returns", paragraphs: caseParagraphs("returns.changeOfMind", policy.returns.changeOfMind) });

  if (policy.returns.exclusions.length) {
    sections.push({
      heading: "Items we cannot take back",
      paragraphs: policy.returns.exclusions.map((e) => {
        const faulty = e.unlessFaulty ? " Faulty items are the exception." : " This applies even if the item is faulty.";
        return `${words(`returns.exclusions.${e.id}`, e.text)} (Items: ${groupNames(policy.groups, e.groups)}.)${faulty}`;
      }),
    });
  }
  if (policy.returns.conditions.length) {
    sections.push({
      heading: "Condition of returned items",
      paragraphs: policy.returns.conditions.map((c) => {
        const items = c.groups ? ` Applies to ${groupNames(policy.groups, c.groups)}.` : "";
        const faulty = c.exemptIfFaulty ? " Faulty items are exempt." : "";
        return `${words(`returns.conditions.${c.id}`, c.text)} (The item must be ${CONDITION_NAMES[c.require]}.)${items}${faulty}`;
      }),
    });
  }
  if (policy.returns.causesNotCovered) {
    const r = policy.returns.causesNotCovered;
    sections.push({ heading: "Damage we cannot accept", paragraphs: [`${words(`returns.causesNotCovered.${r.id}`, r.text)} (Not accepted: ${listWords(r.causes.map((c) => CAUSE_NAMES[c]))}.)`] });
  }
  sections.push({ heading: "Faulty or damaged items", paragraphs: caseParagraphs("returns.faulty", policy.returns.faulty) });
  sections.push({ heading: "Warranty", paragraphs: caseParagraphs("warranty", policy.warranty) });

  const services = policy.services.filter((s) => s.enabled);
  if (services.length) {
    sections.push({ heading: "Repairs and care", paragraphs: services.map((s) => serviceParagraph(policy, s, words, amount)) });
  }

  const general = [words(`proofOfPurchase.${policy.proofOfPurchase.id}`, policy.proofOfPurchase.text)];
  if (policy.discounts.recheckMinimumSpend.enabled) general.push(words("discounts.recheckMinimumSpend", policy.discounts.recheckMinimumSpend.text));
  if (policy.discounts.staggeredRefundLowest.enabled) general.push(words("discounts.staggeredRefundLowest", policy.discounts.staggeredRefundLowest.text));
  const timing = refundTimingOf(policy);
  general.push(`${words(`refundTiming.${timing.id}`, timing.text)} (${REFUND_MOMENT_WORDS[timing.when]})`);
  if (policy.refusedItems) {
    const r = policy.refusedItems;
    const how = r.sendBack ? `We send items we cannot accept back to you at ${r.payer === "store" ? "our" : "your"} cost.` : "Items we cannot accept are not sent back.";
    general.push(`${words(`refusedItems.${r.id}`, r.text)} (${how})`);
  }
  for (const [key, address] of [["returnAddress", policy.returnAddress], ["repairAddress", policy.repairAddress]] as const) {
    if (!address) continue;
    const where = key === "returnAddress" ? (policy.repairAddress ? "Returns go to" : "Send items to") : "Repairs, warranty claims and care services go to";
    general.push(`${where}: ${[address.name, ...address.lines].join(", ")}. ${words(`${key}.${address.id}`, address.text)}`);
  }
  for (const note of policy.notes) general.push(words(`notes.${note.id}`, note.text));
  sections.push({ heading: "Good to know", paragraphs: general });

  return { title: `${policy.name}: returns, warranty and care`, sections };
}

/** When the money goes, as the text states it beside the merchant's words. */
const REFUND_MOMENT_WORDS = {
  receipt: "Refunds are made once the items are back with us.",
  inspection: "Refunds are made once the items are back with us and inspected.",
  evidence_of_sending: "Refunds are made once the items are back with us or once you show us they are on their way (a tracking number the carrier shows moving, or a proof of postage we accept), whichever comes first.",
} as const;

function priceWords(price: ServicePrice | undefined, charge: "free" | "paid", amount: Amount): string {
  if (!price) return charge === "free" ? "free" : "paid, by quote";
  if (price.kind === "free") return "free";
  if (price.kind === "fixed") return amount(price.amount);
  return "by quote";
}

function serviceParagraph(policy: Policy, s: ServiceRule, words: (path: string, fallback: string) => string, amount: Amount): string {
  const path = `services.${s.service}`;
  const facts = [`Price: ${priceWords(s.price, s.charge, amount)}`];
  facts.push(`Time limit: ${listWords(s.windows.map((w) => `${windowWords(w.window)}${w.groups ? ` for ${groupNames(policy.groups, w.groups)}` : ""}`), "or")}`);
  if (s.appliesTo) facts.push(`For ${groupNames(policy.groups, s.appliesTo.groups)}`);
  if (s.turnaround) facts.push(`Turnaround: ${words(`${path}.turnaround`, s.turnaround.text).replace(/[.\s]+$/, "")}`);
  if (s.allowance?.thereafter === "quoted") facts.push("Once the free uses are spent: paid, by quote");
  if (s.deposit) facts.push(`Deposit before quoted work starts: ${s.deposit.kind === "share" ? `${s.deposit.percent}% of the quote` : amount(s.deposit.amount)}, the rest when it is ready`);
  if (s.transport) facts.push(`Travels ${s.transport === "post" ? "by post" : s.transport === "store_courier" ? "by our courier" : "to and from the shop in person"}`);
  const extra = [
    s.appliesTo ? words(`${path}.appliesTo`, s.appliesTo.text) : null,
    s.allowance ? words(`${path}.allowance.${s.allowance.id}`, s.allowance.text) : null,
    s.partsQuota ? words(`${path}.partsQuota.${s.partsQuota.id}`, s.partsQuota.text) : null,
    words(`${path}.returnShipping.${s.returnShipping.id}`, s.returnShipping.text),
    s.postage ? postageSentence(path, s.postage, words, amount) : null,
    s.outboundShipping ? outboundSentence(path, s.outboundShipping, words) : null,
    s.photos ? words(`${path}.photos.${s.photos.id}`, s.photos.text) : null,
    s.liabilityAcknowledgement ? words(`${path}.liabilityAcknowledgement.${s.liabilityAcknowledgement.id}`, s.liabilityAcknowledgement.text) : null,
    s.causesNotCovered ? `${words(`${path}.causesNotCovered.${s.causesNotCovered.id}`, s.causesNotCovered.text)} (Not covered: ${listWords(s.causesNotCovered.causes.map((c) => CAUSE_NAMES[c]))}.)` : null,
  ].filter((p): p is string => p !== null);
  return `${serviceName(s)}: ${words(path, s.text)} (${facts.join(". ")}.) ${extra.join(" ")}`.trim();
}

/** The postage rule's words, then the conditions the engine checks (CONTRACT rule 15). */
function postageSentence(path: string, rule: PostageRule, words: (path: string, fallback: string) => string, amount: Amount): string {
  const said = words(`${path}.postage.${rule.id}`, rule.text);
  if (!rule.repaid) return `${said} (Postage you pay yourself is not refunded.)`;
  const reasons = rule.reasons ? ` for ${listWords(rule.reasons.map((r) => r.replace(/_/g, " ")), "or")}` : "";
  const conditions = [
    rule.methods ? `sent by ${listWords(rule.methods, "or")}` : null,
    rule.domesticOnly ? "sent from within the country we ship from" : null,
    rule.proofRequired ? "with proof of postage" : null,
  ].filter((c): c is string => c !== null);
  const cap = rule.maximum ? `, up to ${amount(rule.maximum)}` : "";
  return `${said} (We refund the postage you paid${reasons}${conditions.length ? ` when ${listWords(conditions, "and")}` : ""}${cap}.)`;
}

function outboundSentence(path: string, rule: OutboundShippingRule, words: (path: string, fallback: string) => string): string {
  return `${words(`${path}.outboundShipping.${rule.id}`, rule.text)} (Sending it to you is paid by ${rule.payer === "store" ? "us" : "you"}.)`;
}

export function policyTextPlain(text: PolicyText): string {
  return [text.title, "", ...text.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => `- ${p}`), ""])].join("\n").trim();
}

const escape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** HTML for Shopify's refund policy body (shopPolicyUpdate takes HTML). */
export function policyTextHtml(text: PolicyText): string {
  return text.sections.map((s) => `<h2>${escape(s.heading)}</h2>\n${s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}`).join("\n");
}

/**
 * A few plain lines saying what a policy allows, for choosing a preset. `amount` writes a fixed
 * price (a decimal in the shop's currency) in the shop's money ("£45.00"); without it the decimal
 * is shown as it is.
 */
export function policyHighlights(policy: Policy, amount: Amount = (decimal) => decimal): string[] {
  const lines: string[] = [];
  const cm = policy.returns.changeOfMind;
  lines.push(cm.enabled ? `Change-of-mind returns: ${listWords(cm.windows.map((w) => windowWords(w.window) + (w.groups ? ` (${groupNames(policy.groups, w.groups)})` : "")), "or")}, for ${listWords(cm.resolutions.map((r) => RESOLUTION_NAMES[r]), "or")}.` : "No change-of-mind returns.");
  if (policy.returns.exclusions.length) lines.push(`Never returnable: ${listWords(policy.returns.exclusions.map((e) => groupNames(policy.groups, e.groups) + (e.unlessFaulty ? " (unless faulty)" : "")))}.`);
  const faulty = policy.returns.faulty;
  lines.push(faulty.enabled ? `Faulty items: ${listWords(faulty.windows.map((w) => windowWords(w.window)), "or")}.` : "No separate faulty-item returns.");
  const warranty = policy.warranty;
  lines.push(warranty.enabled ? `Warranty: ${listWords(warranty.windows.map((w) => windowWords(w.window)), "or")}.` : "No warranty beyond the law.");
  const services = policy.services.filter((s) => s.enabled);
  lines.push(services.length ? `Services: ${listWords(services.map((s) => `${serviceName(s)} (${priceWords(s.price, s.charge, amount)})`))}.` : "No repair or care services.");
  return lines;
}
