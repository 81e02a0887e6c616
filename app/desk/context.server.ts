import { policyService } from "../policies/index.server";
import { desk, operations, requests, shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";
import { createDesk, type Staff } from "./actions.server";

/**
 * What every desk route starts with: the merchant authenticated (a forged or unsigned request
 * never gets past this), the shop, the staff member from the session token, and the desk's
 * use-case module bound to them.
 */
export async function deskContext(request: Request) {
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  const sub = sessionToken?.sub ? String(sessionToken.sub) : "unknown";
  const staff: Staff = {
    id: sub,
    name: session.onlineAccessInfo?.associated_user ? [session.onlineAccessInfo.associated_user.first_name, session.onlineAccessInfo.associated_user.last_name].filter(Boolean).join(" ") : `Staff member ${sub}`,
  };
  const repos = { requests, desk, operations };
  // The merchant's restock setting, from the live policy (absent: never restock).
  const { policy } = await policyService.live(shop.domain);
  return {
    shop,
    staff,
    repos,
    desk: createDesk({ ...repos, admin: admin.graphql, staff, timezone: shop.timezone, restockOnProcess: policy.returns.restockOnProcess }),
  };
}
