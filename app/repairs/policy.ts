import { CAUSE_NAMES, serviceName } from "../domain/policy/words";
import type { Policy } from "../domain/policy/schema";
import { CAUSES, type Cause } from "../domain/vocabulary";

/**
 * What the bench reads of the shop's policy (pure): the causes it names, so an assessment is
 * written in the policy's vocabulary; a service's turnaround in working days; the work's name;
 * and the terms printed on the job envelope, in the policy's own words.
 */

export type CauseWord = { value: Cause; label: string; rule: string | null };

/**
 * The causes the policy's rules name (warranty, services, returns), each with the words of the
 * first rule that names it ("Accidental damage is not covered"); every cause of the vocabulary
 * when the policy names none.
 */
export function causesOf(policy: Policy | null): CauseWord[] {
  const rules: { causes: readonly Cause[]; text: string }[] = [];
  if (policy) {
    if (policy.warranty.enabled) {
      if (policy.warranty.causesCovered) rules.push(policy.warranty.causesCovered);
      if (policy.warranty.causesNotCovered) rules.push(policy.warranty.causesNotCovered);
    }
    for (const s of policy.services) if (s.enabled && s.causesNotCovered) rules.push(s.causesNotCovered);
    if (policy.returns.causesNotCovered) rules.push(policy.returns.causesNotCovered);
  }
  const named = CAUSES.filter((c) => rules.some((r) => r.causes.includes(c)));
  return (named.length ? named : [...CAUSES]).map((c) => ({ value: c, label: CAUSE_NAMES[c], rule: rules.find((r) => r.causes.includes(c))?.text ?? null }));
}

/**
 * Why a warranty claim with this cause is not covered, in the policy's words: its warranty names
 * the cause as not covered, or lists the causes it covers without it. Null when it is covered (or
 * the ticket is not a warranty claim, or no cause was found).
 */
export function notCoveredOf(policy: Policy | null, kind: string, cause: Cause | null): string | null {
  if (!policy || kind !== "warranty" || !cause || !policy.warranty.enabled) return null;
  const { causesNotCovered, causesCovered } = policy.warranty;
  if (causesNotCovered?.causes.includes(cause)) return causesNotCovered.text;
  if (causesCovered && !causesCovered.causes.includes(cause)) return causesCovered.text;
  return null;
}

/** The service's turnaround in working days, when the policy gives one. */
export function turnaroundDaysOf(policy: Policy | null, service: string | null): number | null {
  const rule = service ? policy?.services.find((s) => s.service === service) : undefined;
  return rule?.turnaround?.days ?? null;
}

/** How long a quote stands unanswered when the policy does not say (docs/decisions/018-quotes). */
export const QUOTE_VALIDITY_DAYS = 30;

/** How many days a quote for the service's work stands unanswered: the service's, else 30. */
export function quoteValidityDaysOf(policy: Policy | null, service: string | null): number {
  const rule = service ? policy?.services.find((s) => s.service === service) : undefined;
  return rule?.quoteValidityDays ?? QUOTE_VALIDITY_DAYS;
}

/** What the work is called on the bench and the envelope. */
export function workOf(policy: Policy | null, request: { kind: string; service: string | null }, method: string): string {
  const rule = request.service ? policy?.services.find((s) => s.service === request.service) : undefined;
  const service = rule ? serviceName(rule) : request.service ? request.service.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : null;
  if (method === "quote") return service ? `${service} (paid, quoted)` : "Paid repair (quoted)";
  if (request.kind === "warranty") return method === "replacement" ? "Warranty replacement" : "Warranty repair";
  return service ?? (method === "replacement" ? "Replacement" : "Repair");
}

/**
 * The shop's repair terms for the envelope: the policy's words for this kind of work (the
 * service's rule and its liability acknowledgement, or the warranty's rule). Empty when the
 * policy has none for it.
 */
export function termsOf(policy: Policy | null, request: { kind: string; service: string | null }): string[] {
  if (!policy) return [];
  const rule = request.service ? policy.services.find((s) => s.service === request.service) : undefined;
  if (rule) return [rule.text, rule.liabilityAcknowledgement?.text, rule.turnaround?.text ? `Turnaround: ${rule.turnaround.text}` : undefined].filter((t): t is string => Boolean(t));
  if (request.kind === "warranty") return [policy.warranty.text, policy.warranty.enabled ? policy.warranty.causesNotCovered?.text : undefined].filter((t): t is string => Boolean(t));
  return [];
}

/** The merchant's own name for the service in the policy, if they gave one (the pages name the rest in the admin's language). */
export function serviceLabelOf(policy: Policy | null, service: string | null): string | null {
  return (service ? policy?.services.find((s) => s.service === service)?.label : null) ?? null;
}
