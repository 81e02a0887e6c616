import type { DeskRepository } from "../repositories/desk.server";
import type { FlowRepository } from "../repositories/flow.server";

/**
 * The desk releases a hold a Shopify Flow workflow put on a request (the "Hold Aftercare request
 * for review" action): the request may be approved again, and the team's timeline says who
 * released it. A request not held changes nothing (409: a colleague released it first).
 */
export async function releaseHold(
  deps: { flow: Pick<FlowRepository, "releaseHold">; desk: Pick<DeskRepository, "record"> },
  shop: string,
  requestId: string,
  staff: { id: string | null; name: string | null },
  at = new Date(),
): Promise<{ ok: true; message: string } | { ok: false; status: number; message: string; fields?: Record<string, string> }> {
  const by = staff.name ?? "A staff member";
  if (!(await deps.flow.releaseHold(shop, requestId, by, at))) return { ok: false, status: 409, message: "This request is not held for review (anymore): nothing changed." };
  await deps.desk.record(shop, { requestId, type: "note", actor: "merchant", staffId: staff.id, staffName: staff.name, message: "Released the hold a Shopify Flow workflow put on this request: it can be approved.", at });
  return { ok: true, message: "Hold released: the request can be approved." };
}
