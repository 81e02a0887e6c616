import { publishedPolicies } from "../policies/index.server";
import { shopperRepairView } from "../repairs/shopper-view";
import { shopperRepairs } from "../repositories/outbox.server";
import type { ShopperRepairReader } from "../repositories/repair-shopper.server";
import type { Policy } from "../domain/policy/schema";
import type { Admin } from "../shopify/client.server";
import { fetchShipment } from "../shopify/shipments.server";
import { esc, type PageContext } from "./page-kit.server";
import { renderRepair, renderShipments, type ShipmentView } from "./repair-page.server";

/** Where the section reads from: the shop's tickets and its live policy (the app's own by default). */
export type SectionDeps = { reader: ShopperRepairReader; policyOf: (shop: string) => Promise<Policy | null> };

/**
 * The status page's repair section for a request the page already showed its reader may see (the
 * signed link was checked): its ticket as the shopper sees it, with the live policy's words for
 * the assessment, and the orders that posted something to them (parts, a replacement, their piece
 * sent back: docs/decisions/026) as Shopify shows them now. Empty when the request has neither.
 */
export async function repairSectionHtml(ctx: PageContext, shop: string, requestId: string, input: { timezone: string; shopName: string | null; admin?: Admin }, deps: SectionDeps = { reader: shopperRepairs, policyOf: async (s) => (await publishedPolicies.get(s)).policy }): Promise<string> {
  const shipments = input.admin ? await shipmentsOf(input.admin, deps.reader, shop, requestId) : [];
  const found = await deps.reader.forRequest(shop, requestId);
  if (!found) return shipments.length ? `<section aria-label="${esc(ctx.t("repairShipmentsTitle"))}">${renderShipments(ctx, shipments)}</section>` : "";
  const policy = await deps.policyOf(shop);
  return renderRepair(ctx, shopperRepairView(found.ticket, found.moves, policy), { ...input, shipments });
}

/** Each order as Shopify shows it; one Shopify cannot show now is left out of the page (it shows next time), never an error page. */
async function shipmentsOf(admin: Admin, reader: ShopperRepairReader, shop: string, requestId: string): Promise<ShipmentView[]> {
  const out: ShipmentView[] = [];
  for (const { what, orderId } of await reader.shipments(shop, requestId)) {
    const order = await fetchShipment(admin, orderId).catch(() => null);
    if (order) out.push({ what, name: order.name, lines: order.lines, fulfillment: order.fulfillment, delivered: order.delivered, tracking: order.tracking });
  }
  return out;
}
