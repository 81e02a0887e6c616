import { send, type Admin } from "./client.server";

/**
 * What the shopper's status page shows of an order Aftercare made to post something to them
 * (parts, a replacement piece, their own piece sent back unrepaired: docs/decisions/024 and 026):
 * its name, what is in it, and its fulfilment with the carrier's tracking once Shopify has one.
 * Read by the order's id from the operation that made it, so a page shows only its own request's
 * orders. No protected customer data is read.
 */

export const REPAIR_SHIPMENT_ORDER = `#graphql
  query RepairShipmentOrder($id: ID!) {
    order(id: $id) {
      id name displayFulfillmentStatus
      lineItems(first: 20) { nodes { title quantity } }
      fulfillments(first: 5) { status displayStatus deliveredAt trackingInfo(first: 3) { company number url } }
    }
  }
`;

export type Shipment = {
  id: string;
  name: string;
  lines: { title: string; quantity: number }[];
  /** Shopify's fulfilment status of the order: UNFULFILLED until it is posted. */
  fulfillment: string;
  delivered: boolean;
  tracking: { company: string | null; number: string | null; url: string | null }[];
};

/** The order as the shopper may see it, or null when Shopify does not have it. */
export async function fetchShipment(admin: Admin, orderId: string): Promise<Shipment | null> {
  const data = await send(admin, REPAIR_SHIPMENT_ORDER, { id: orderId });
  const order = data.order;
  if (!order) return null;
  const live = order.fulfillments.filter((f) => f.status !== "CANCELLED" && f.status !== "ERROR" && f.status !== "FAILURE");
  return {
    id: order.id,
    name: order.name,
    lines: order.lineItems.nodes.map((l) => ({ title: l.title, quantity: l.quantity })),
    fulfillment: String(order.displayFulfillmentStatus),
    delivered: live.length > 0 && live.every((f) => f.displayStatus === "DELIVERED" || Boolean(f.deliveredAt)),
    tracking: live.flatMap((f) => f.trackingInfo.map((t) => ({ company: t.company ?? null, number: t.number ?? null, url: t.url ? String(t.url) : null }))),
  };
}
