import type { OrderView } from "./requests";

/**
 * What the order-details block in Shopify admin is told about one order (GET
 * /api/admin/orders/:id): the desk's requests for it and the request module's view of each line
 * with what it may still get. Types only, shared with extensions/aftercare-admin-order-*.
 */
export type AdminOrderRequest = {
  id: string;
  number: number | null;
  kind: "return" | "warranty" | "service";
  service: string | null;
  status: string;
  open: boolean;
  createdAt: string;
  items: string[];
};

export type AdminOrderAnswer = { orderName: string; requests: AdminOrderRequest[]; view: OrderView };
