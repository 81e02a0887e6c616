import type { AdminOrderRequest } from "../schemas/admin-order";
import type { RequestRepository } from "../repositories/requests.server";

const OPEN = new Set(["requested", "approved", "received", "inspected"]);

/**
 * The desk's requests for one order, newest first (the order-details block in Shopify admin links
 * each to /app/requests/:id). Scoped to the shop like every repository call.
 */
export async function orderRequests(requests: RequestRepository, shop: string, orderId: string): Promise<AdminOrderRequest[]> {
  const stored = await requests.list(shop, { orderId, take: 200 });
  return stored
    .map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      service: r.service,
      status: r.status,
      open: OPEN.has(r.status),
      createdAt: r.createdAt.toISOString(),
      items: r.lines.map((l) => (l.quantity > 1 ? `${l.title} × ${l.quantity}` : l.title)),
    }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
