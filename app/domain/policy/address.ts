import type { Policy, ReturnAddress } from "./schema";

/**
 * Where a request's piece is sent: warranty claims and services to the repair address when the
 * policy has one, everything else (and they, when it has none) to the return address. Null when the
 * policy names no address.
 */
export function addressFor(policy: Pick<Policy, "returnAddress" | "repairAddress">, kind: "return" | "warranty" | "service"): ReturnAddress | null {
  if ((kind === "warranty" || kind === "service") && policy.repairAddress) return policy.repairAddress;
  return policy.returnAddress ?? null;
}
