import { assertNoUserErrors, send, type Admin } from "./client.server";
import { ShopifyNotFoundError } from "./errors";
import { RETURN_USER_ERRORS } from "./fragments";

/**
 * The parcel going back, in Shopify: a reverse delivery on the return's reverse fulfilment order
 * (Shopify makes one when the return opens), carrying the shopper's tracking number and the
 * carrier's tracking page, so Shopify admin and the order's timeline show it. Sent once per call;
 * the never-twice discipline (an operation recorded before, app/jobs/money.server.ts) wraps it.
 */

/** A reverse delivery as Aftercare reads it back: its id and the tracking it carries. */
export const REVERSE_DELIVERY = `#graphql
  fragment ReverseDeliveryTracking on ReverseDelivery {
    id
    deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number url carrierName } } }
  }
` as const;

/** The return's reverse fulfilment orders, their lines and the deliveries already made on them. */
export const RETURN_REVERSE_DELIVERIES = `#graphql
  query ReturnReverseDeliveries($id: ID!) {
    return(id: $id) {
      id status
      reverseFulfillmentOrders(first: 5) {
        nodes {
          id status
          lineItems(first: 25) { nodes { id totalQuantity } }
          reverseDeliveries(first: 10) { nodes { ...ReverseDeliveryTracking } }
        }
      }
    }
  }
  ${REVERSE_DELIVERY}
` as const;

export const REVERSE_DELIVERY_CREATE = `#graphql
  mutation ReverseDeliveryCreateWithShipping($reverseFulfillmentOrderId: ID!, $lines: [ReverseDeliveryLineItemInput!]!, $tracking: ReverseDeliveryTrackingInput, $notifyCustomer: Boolean) {
    reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: $reverseFulfillmentOrderId, reverseDeliveryLineItems: $lines, trackingInput: $tracking, notifyCustomer: $notifyCustomer) {
      reverseDelivery { ...ReverseDeliveryTracking }
      userErrors { ...ReturnUserErrors }
    }
  }
  ${REVERSE_DELIVERY}
  ${RETURN_USER_ERRORS}
` as const;

export type ReverseTracking = { number: string | null; url: string | null; carrierName: string | null };
export type ReverseFulfillmentState = {
  id: string;
  status: string;
  lines: { id: string; quantity: number }[];
  deliveries: { id: string; tracking: ReverseTracking | null }[];
};

/** What Aftercare sends: the return, the shopper's tracking and the carrier's page (null: none known). */
export type ReverseDeliveryPlan = { returnId: string; trackingNumber: string; trackingUrl: string | null; notify: boolean };

export async function fetchReverseFulfillment(admin: Admin, returnId: string): Promise<ReverseFulfillmentState[]> {
  const data = await send(admin, RETURN_REVERSE_DELIVERIES, { id: returnId });
  if (!data.return) throw new ShopifyNotFoundError("Return", returnId);
  return data.return.reverseFulfillmentOrders.nodes.map((rfo) => ({
    id: rfo.id,
    status: rfo.status,
    lines: rfo.lineItems.nodes.map((l) => ({ id: l.id, quantity: l.totalQuantity })),
    deliveries: rfo.reverseDeliveries.nodes.map((d) => ({
      id: d.id,
      tracking: d.deliverable && "tracking" in d.deliverable && d.deliverable.tracking ? { number: d.deliverable.tracking.number ?? null, url: d.deliverable.tracking.url ?? null, carrierName: d.deliverable.tracking.carrierName ?? null } : null,
    })),
  }));
}

/** The reverse delivery already on the return that carries this tracking number, if any. */
export async function findReverseDelivery(admin: Admin, returnId: string, trackingNumber: string): Promise<string | null> {
  const orders = await fetchReverseFulfillment(admin, returnId);
  for (const rfo of orders) for (const d of rfo.deliveries) if (d.tracking?.number === trackingNumber) return d.id;
  return null;
}

/**
 * Attaches the parcel to the return's (first open) reverse fulfilment order, for every unit on it
 * (an empty line list: Shopify takes each line whole). Not repeatable: after a lost answer, the
 * return is read for a delivery with this tracking number; none seen is an unknown outcome, left
 * to the reconciler (docs/decisions/005).
 */
export async function createReverseDelivery(admin: Admin, plan: ReverseDeliveryPlan): Promise<string> {
  const orders = await fetchReverseFulfillment(admin, plan.returnId);
  const rfo = orders.find((o) => o.status !== "CLOSED" && o.status !== "CANCELED") ?? orders[0];
  if (!rfo) throw new ShopifyNotFoundError("ReverseFulfillmentOrder", plan.returnId);
  const data = await send(
    admin,
    REVERSE_DELIVERY_CREATE,
    { reverseFulfillmentOrderId: rfo.id, lines: [], tracking: { number: plan.trackingNumber, ...(plan.trackingUrl ? { url: plan.trackingUrl } : {}) }, notifyCustomer: plan.notify },
    {
      verify: async () => {
        const id = await findReverseDelivery(admin, plan.returnId, plan.trackingNumber);
        return id ? { reverseDeliveryCreateWithShipping: { reverseDelivery: { id, deliverable: null }, userErrors: [] } } : null;
      },
    },
  );
  assertNoUserErrors("reverseDeliveryCreateWithShipping", data.reverseDeliveryCreateWithShipping);
  return data.reverseDeliveryCreateWithShipping!.reverseDelivery!.id;
}
