/**
 * The shopper's request flow, written once for every front end (app proxy pages, the
 * customer-account extension, the merchant's desk): lookup → eligibility per line → preview →
 * submit → status. Transport-agnostic: callers pass the shop, who is asking (a Viewer they have
 * authenticated) and the shop's Admin client; nothing here reads an HTTP request.
 * See docs/decisions/009-request-flow.md.
 *
 * Each step is its own module in app/requests/flow/ (read the order, decide, submit, photos,
 * status), a set of functions taking their dependencies; createRequestFlow only wires them, as
 * shopify-app-js builds `authenticate` from its strategies.
 */
import { drafting } from "./flow/draft.server";
import { orderReader } from "./flow/order.server";
import { flowCore, type RequestFlowDeps } from "./flow/shared.server";
import { statusReader } from "./flow/status.server";
import { submitting } from "./flow/submit.server";

export { ORDER_CACHE_SECONDS, SHOPPER_READ_BUDGET_MS, type FlowContext, type PhotoKeys, type PublishedPolicy, type RateLimit, type RequestFlowDeps } from "./flow/shared.server";

export function createRequestFlow(deps: RequestFlowDeps) {
  const core = flowCore(deps);
  const orders = orderReader(core);
  const drafts = drafting(core, orders);
  const submits = submitting(core, orders, drafts);
  const statuses = statusReader(core);
  return {
    findGuestOrder: orders.findGuestOrder,
    listOrders: orders.listOrders,
    orderView: orders.orderView,
    preview: drafts.preview,
    submit: submits.submit,
    status: statuses.status,
    today: statuses.today,
  };
}

export type RequestFlow = ReturnType<typeof createRequestFlow>;
