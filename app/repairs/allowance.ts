import type { Policy } from "../domain/policy/schema";
import type { RepairMove, RepairState } from "./machine";

/**
 * Free work under a service's allowance ("one free size adjustment per piece", "cleaning is free
 * for life"), recorded when the worked piece is handed back (docs/decisions/023). Pure: the bench
 * asks it what the hand-back move writes beside the state, so the record is made by that move's
 * own compare-and-set, once, however many clicks or processes make it.
 *
 * Only work done: a move from `ready` (not the piece going back after a declined or expired
 * quote), for a service request whose ticket was not quoted (paid work uses no free allowance).
 * A cancelled ticket records nothing, so the allowance it held is free again.
 */
export type AllowanceUse = { fields: { allowanceKey: string; allowanceUsedAt: Date }; words: string; rule: string };

export function allowanceUseOf(
  policy: Policy | null,
  ticket: { kind: string; service: string | null; quote: unknown },
  move: RepairMove,
  from: RepairState,
  at: Date,
): AllowanceUse | null {
  if ((move !== "send_back" && move !== "collect") || from !== "ready") return null;
  if (ticket.kind !== "service" || !ticket.service || ticket.quote !== null) return null;
  const allowance = policy?.services.find((s) => s.service === ticket.service)?.allowance;
  if (!allowance) return null;
  return { fields: { allowanceKey: allowance.key, allowanceUsedAt: at }, words: `Free work recorded against the allowance: "${allowance.text}"`, rule: allowance.text };
}
