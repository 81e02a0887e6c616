import { decide, type Decision } from "../domain/engine/decide";
import type { Policy } from "../domain/policy/schema";
import { describeIssues, scenarioSchema, type HistoryEntry, type Scenario } from "../domain/scenario";
import { PREFERRED_RESOLUTIONS, type ServiceKind } from "../domain/vocabulary";
import type { RequestRecord, RequestSummary } from "../repositories/requests.server";
import type { DecisionOrder } from "../shopify/order-mapping";
import { conditionOf } from "./inspection";
import type { Finding } from "./schemas";

/**
 * The engine's decision at receipt: the request as the shopper made it, decided again on what the
 * shop found (each line's inspected condition and cause), with the same policy version, the same
 * order, the same day (windows are judged on when the shopper asked, not on when the parcel
 * arrived) and the same history. The desk decides nothing itself: this only builds the engine's
 * input (CONTRACT.md, `lines[].inspection`, rule 16).
 */

export class NotDecidable extends Error {
  override name = "NotDecidable";
}

const SPENT = new Set(["declined", "cancelled"]);

/** What the engine counts against allowances, as the request flow builds it: the order's requests made before this one. */
function historyBefore(request: RequestRecord, stored: RequestSummary[]): HistoryEntry[] {
  return stored
    .filter((r) => r.id !== request.id && r.createdAt.getTime() < request.createdAt.getTime())
    .flatMap((r) => {
      const service = r.kind === "service" && !SPENT.has(r.status);
      return r.lines
        .filter((l) => service || l.partsSent > 0)
        .map((l) => ({ kind: r.kind, service: r.kind === "service" ? (r.service as ServiceKind | null) : null, lineId: l.lineItemId, at: r.createdAt.toISOString(), partsSent: l.partsSent }));
    });
}

export function scenarioAtReceipt(policy: Policy, order: DecisionOrder, request: RequestRecord, findings: Finding[], stored: RequestSummary[]): Scenario {
  const found = new Map(findings.map((f) => [f.lineId, f]));
  const preferred = (PREFERRED_RESOLUTIONS as readonly string[]).includes(request.preferredResolution ?? "") ? request.preferredResolution : null;
  const input = {
    id: `${request.orderId}:${request.kind}:${request.id}:inspection`,
    policy,
    now: request.createdAt.toISOString(),
    shop: order.shop,
    // Read without this request's own Shopify return (see fetchOrderForDecision's exceptReturnId).
    order: order.order,
    request: {
      kind: request.kind,
      service: request.service,
      preferredResolution: preferred,
      lines: request.lines.map((l) => {
        const finding = found.get(l.id);
        if (!finding) throw new NotDecidable(`no finding for ${l.title || "an item"}`);
        // The shopper's word stays as they gave it; the engine decides on the inspection in its place (rule 16).
        const declared = conditionOf(l.condition);
        return { lineId: l.lineItemId, quantity: l.quantity, reason: l.reason, cause: l.cause, condition: declared, partsRequested: null, inspection: { condition: finding.condition, cause: finding.cause } };
      }),
      proofOfPurchase: true,
      photos: request.lines[0]?.photos.length ?? 0,
      usesStoreCourier: false,
      // Submitting needs the terms accepted where the policy asks for them (app/requests).
      liabilityAccepted: true,
    },
    history: historyBefore(request, stored),
  };
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new NotDecidable(describeIssues(parsed.error));
  return parsed.data;
}

export function decideAtReceipt(policy: Policy, order: DecisionOrder, request: RequestRecord, findings: Finding[], stored: RequestSummary[]): Decision {
  const scenario = scenarioAtReceipt(policy, order, request, findings, stored);
  try {
    return decide(policy, scenario);
  } catch (error) {
    throw new NotDecidable((error as Error).message);
  }
}

/** The refusals of a decision's line, in the policy's words (each once). */
export function refusalWords(line: { explanation: { outcome: string; text: string }[] }): string[] {
  return [...new Set(line.explanation.filter((e) => e.outcome === "blocked").map((e) => e.text))];
}
