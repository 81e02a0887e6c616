import { requests } from "../repositories/index.server";
import type { ServicePriceView, StatusView } from "../schemas/requests";

/** A service an item still has: the merchant's name, price and turnaround for it, and what is left. */
export type ServiceLeft = { service: string; name: string | null; price: ServicePriceView | null; turnaround: string | null; charge: "free" | "paid" | null; until: string | null; allowanceLeft: number | null; notes: string[] };
import { RequestFlowError, requestFlow, type FlowContext } from "./index.server";

/** At most this many recent orders are read for "My aftercare" (each is one order view). */
const ORDERS = 20;

export type CustomerOverview = {
  requests: StatusView[];
  items: { orderName: string; title: string; services: ServiceLeft[] }[];
};

/**
 * "My aftercare" for a signed-in customer: every request they made on their recent orders, with
 * its status, and the services each of their items still has — all read through the request
 * flow (orderView, status), so the answers are the ones the order page and the storefront give.
 */
export async function customerOverview(ctx: FlowContext): Promise<CustomerOverview> {
  if (ctx.viewer.type !== "customer") return { requests: [], items: [] };
  const customerId = ctx.viewer.customerId;
  const overview: CustomerOverview = { requests: [], items: [] };
  for (const order of (await requestFlow.listOrders(ctx)).slice(0, ORDERS)) {
    const view = await requestFlow.orderView(ctx, order.id).catch((error: unknown) => {
      if (error instanceof RequestFlowError && error.code === "not_found") return null;
      throw error;
    });
    if (!view) continue;
    for (const line of view.lines) {
      const services = line.entitlements
        .filter((e) => e.kind === "service" && e.eligible && e.service)
        .map((e) => {
          const terms = view.services.find((s) => s.service === e.service);
          return { service: e.service as string, name: terms?.name ?? null, price: terms?.price ?? null, turnaround: terms?.turnaround ?? null, charge: e.charge, until: e.until, allowanceLeft: e.allowanceLeft ?? null, notes: e.reasons };
        });
      if (services.length) overview.items.push({ orderName: view.orderName, title: line.title, services });
    }
    const mine = (await requests.list(ctx.shop, { orderId: order.id, take: 50 })).filter((r) => r.customerId === customerId);
    for (const request of mine) overview.requests.push(await requestFlow.status(ctx, { requestId: request.id }));
  }
  overview.requests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return overview;
}
