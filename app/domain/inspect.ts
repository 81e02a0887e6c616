import { decide, type Decision } from "./engine/decide";
import { ScenarioError } from "./evaluate";
import type { Policy } from "./policy/schema";
import { describeIssues, inspectionSchema, type InspectionInput, type Scenario } from "./scenario";

/** What the shop found on one line once the item arrived: its condition and the cause of any damage. */
export type InspectionFinding = { lineId: string } & InspectionInput;

/**
 * Re-decides a stored request on what the shop found at receipt (CONTRACT rule 16): each finding
 * replaces the line's inspection, and the line is decided on the inspected condition and cause
 * instead of the shopper's word; windows, exclusions, proof and history are as before. Lines
 * without a finding keep the inspection they had (none, usually). The desk calls this at receipt;
 * the CLI and the storefront reach the same engine through `evaluateScenario`.
 */
export function redecideWithInspection(policy: Policy, scenario: Scenario, findings: readonly InspectionFinding[]): Decision {
  const requested = new Set(scenario.request.lines.map((line) => line.lineId));
  const byLine = new Map<string, Scenario["request"]["lines"][number]["inspection"]>();
  findings.forEach((finding, i) => {
    if (!requested.has(finding.lineId)) throw new ScenarioError(`inspections.${i}.lineId: line "${finding.lineId}" is not on this request`);
    if (byLine.has(finding.lineId)) throw new ScenarioError(`inspections.${i}.lineId: line "${finding.lineId}" is inspected twice`);
    const parsed = inspectionSchema.safeParse({ condition: finding.condition, cause: finding.cause });
    if (!parsed.success) throw new ScenarioError(`inspections.${i}.${describeIssues(parsed.error)}`);
    byLine.set(finding.lineId, parsed.data);
  });
  const lines = scenario.request.lines.map((line) => (byLine.has(line.lineId) ? { ...line, inspection: byLine.get(line.lineId) } : line));
  return decide(policy, { ...scenario, request: { ...scenario.request, lines } });
}
