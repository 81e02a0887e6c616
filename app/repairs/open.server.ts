import type { Policy } from "../domain/policy/schema";
import type { DeskRepository } from "../repositories/desk.server";
import type { RepairRepository, RepairTicketRecord } from "../repositories/repairs.server";
import type { RequestRecord } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { fetchOrderForShopper } from "../shopify/shopper.server";
import { workOf } from "./policy";

/** The resolutions that send a service or a warranty claim to the workshop. */
export const TICKET_RESOLUTIONS: readonly string[] = ["repair", "replacement", "quote"];

export type OpenDeps = {
  repairs: RepairRepository;
  desk: Pick<DeskRepository, "record">;
  admin: Admin;
  staff: { id: string; name: string | null };
  policyOf?: (versionId: string | null) => Promise<Policy>;
  now: () => Date;
};

/**
 * The desk's hook where it resolves a request: a service or a warranty claim resolved by repair,
 * replacement or a paid quote gets its repair ticket (one per request, numbered J-1001…). The
 * resolution is already recorded when this runs, so a failure here does not undo it: it is said
 * on the request's timeline for the team.
 */
export async function openTicketOnResolve(deps: OpenDeps, shop: string, request: RequestRecord, method: string): Promise<RepairTicketRecord | null> {
  if (request.kind === "return" || !TICKET_RESOLUTIONS.includes(method)) return null;
  try {
    const policy = deps.policyOf ? await deps.policyOf(request.policyVersionId).catch(() => null) : null;
    const line = request.lines[0];
    // The piece's picture for the queue, as Shopify shows it on the order (best effort: the
    // ticket is made without one when Shopify does not answer).
    const order = await fetchOrderForShopper(deps.admin, request.orderId).catch(() => null);
    const image = order?.lines.find((l) => l.id === line?.lineItemId)?.image?.url ?? null;
    const items = request.lines.map((l) => `${l.quantity > 1 ? `${l.quantity} × ` : ""}${l.title || "Item"}`).join(", ");
    const { ticket } = await deps.repairs.open(
      shop,
      { requestId: request.id, origin: method as "repair" | "replacement" | "quote", work: workOf(policy, request, method), itemTitle: items || "Item", itemImageUrl: image, currency: request.currency },
      { staffId: deps.staff.id, staffName: deps.staff.name, message: "Repair ticket {job} opened: awaiting the item at the bench.", data: { move: "open", origin: method, words: [{ key: "ticket.entry.opened" }] }, at: deps.now() },
    );
    return ticket;
  } catch (error) {
    await deps.desk.record(shop, { requestId: request.id, type: "failed", actor: "system", message: `The repair ticket could not be opened (${error instanceof Error ? error.message : String(error)}).`, at: deps.now() });
    return null;
  }
}

