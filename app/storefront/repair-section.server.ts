import { publishedPolicies } from "../policies/index.server";
import { shopperRepairView } from "../repairs/shopper-view";
import { shopperRepairs } from "../repositories/outbox.server";
import type { PageContext } from "./page-kit.server";
import { renderRepair } from "./repair-page.server";

/**
 * The status page's repair section for a request the page already showed its reader may see (the
 * signed link was checked): its ticket as the shopper sees it, with the live policy's words for
 * the assessment. Empty when the request has no repair ticket.
 */
export async function repairSectionHtml(ctx: PageContext, shop: string, requestId: string, input: { timezone: string; shopName: string | null }): Promise<string> {
  const found = await shopperRepairs.forRequest(shop, requestId);
  if (!found) return "";
  const { policy } = await publishedPolicies.get(shop);
  return renderRepair(ctx, shopperRepairView(found.ticket, found.moves, policy), input);
}
